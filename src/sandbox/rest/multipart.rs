//! Just enough `multipart/form-data` for serenity's uploads: a `payload_json` part plus
//! `files[n]` parts.

use serde_json::Value;

use super::Parsed;

/// An uploaded file.
#[derive(Clone, Debug)]
pub struct File {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub(crate) fn parse(content_type: &str, body: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return parsed;
    };
    let delimiter = format!("--{}", boundary.trim_matches('"'));
    for part in split(body, delimiter.as_bytes()).into_iter().skip(1) {
        let Some(header_end) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..header_end]).to_string();
        let mut content = &part[header_end + 4..];
        content = content.strip_suffix(b"\r\n").unwrap_or(content);
        let name = attribute(&headers, "name").unwrap_or_default();
        match attribute(&headers, "filename") {
            Some(filename) => parsed.files.push(File {
                filename,
                content_type: header_value(&headers, "content-type")
                    .unwrap_or_else(|| "application/octet-stream".into()),
                bytes: content.to_vec(),
            }),
            None if name == "payload_json" => {
                parsed.json = serde_json::from_slice(content).unwrap_or(Value::Null);
            }
            None => {}
        }
    }
    parsed
}

fn split<'a>(body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(at) = find(rest, delimiter) {
        parts.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    parts.push(rest);
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `name="value"` from a Content-Disposition header.
fn attribute(headers: &str, key: &str) -> Option<String> {
    let marker = format!(" {key}=\"");
    let start = headers.find(&marker)? + marker.len();
    let end = headers[start..].find('"')?;
    Some(headers[start..start + end].to_owned())
}

fn header_value(headers: &str, name: &str) -> Option<String> {
    headers.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_payload_json_and_files() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nx,y\r\n--XX\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"hi\"}\r\n--XX--\r\n";
        let parsed = parse("multipart/form-data; boundary=XX", body);
        assert_eq!(parsed.json["content"], "hi");
        assert_eq!(parsed.files[0].filename, "a.csv");
        assert_eq!(parsed.files[0].bytes, b"x,y");
        assert_eq!(parsed.files[0].content_type, "text/csv");
    }
}
