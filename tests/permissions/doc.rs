//! Reads the permission matrix out of `docs/permissions.md`: every table row whose first cell
//! names a slash command (`` `/evidence show` ``) or a custom-id kind (`` `ml1:del` ``).
#![allow(dead_code)]

/// One row of the matrix: a surface, an ownership and one expected outcome per role column.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub surface: String,
    pub ownership: String,
    /// trainee, supervisor, lead, admin, not on the roster.
    pub cells: [String; 5],
    pub enforced_by: String,
}

pub fn doc_text() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/permissions.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn rows(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let Some(surface) = cells.first().and_then(|c| c.strip_prefix('`')) else {
            continue;
        };
        let Some(surface) = surface.strip_suffix('`') else {
            continue;
        };
        if !(surface.starts_with('/') || surface.starts_with("ml1:")) {
            continue;
        }
        assert_eq!(
            cells.len(),
            8,
            "docs/permissions.md:{}: a matrix row has 8 cells: {line}",
            i + 1
        );
        rows.push(Row {
            line: i + 1,
            surface: surface.to_owned(),
            ownership: cells[1].to_owned(),
            cells: std::array::from_fn(|k| cells[2 + k].to_owned()),
            enforced_by: cells[7].to_owned(),
        });
    }
    rows
}
