//! Everything a member can read through `app::`, as text, and the scan of that text for
//! markers the model says the reader must not see.
#![allow(dead_code)]

use mindlines::app::App;
use mindlines::app::checkins::checkin_trend;
use mindlines::app::evidence::{ListQuery, evidence_for_edit, list_evidence, show_evidence};
use mindlines::app::portfolio::{coverage_report, export_files};
use mindlines::app::supervision::{digest_now, read_shared_entry, team_summary};
use mindlines::domain::member::DiscordId;

use super::cohort::Model;

/// The kinds of read, picked at random.
pub const READS: usize = 9;

/// Read number `which` by `reader`, about entry `entry` or person `subject` where it takes
/// one; the text returned (empty when refused).
pub async fn read(
    app: &App,
    which: usize,
    reader: DiscordId,
    entry: i64,
    subject: DiscordId,
) -> String {
    let text = match which {
        0 => show_evidence(app, reader, entry)
            .await
            .map(|p| p.join("\n")),
        1 => {
            let query = ListQuery {
                tag: None,
                dates: None,
                page: 1,
            };
            list_evidence(app, reader, query).await
        }
        2 => evidence_for_edit(app, reader, entry)
            .await
            .map(|e| format!("{e:?}")),
        3 => read_shared_entry(app, reader, entry)
            .await
            .map(|v| v.parts.join("\n")),
        4 => digest_now(app, reader, None).await.map(|messages| {
            let texts: Vec<String> = messages.into_iter().map(|m| m.message.content).collect();
            texts.join("\n")
        }),
        5 => digest_now(app, reader, Some(subject))
            .await
            .map(|messages| {
                let texts: Vec<String> = messages.into_iter().map(|m| m.message.content).collect();
                texts.join("\n")
            }),
        6 => export_files(app, reader, None).await.map(|files| {
            let texts: Vec<String> = files
                .iter()
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
                .collect();
            texts.join("\n")
        }),
        7 => checkin_trend(app, reader).await.map(|t| t.text),
        _ => match team_summary(app, reader, None).await {
            Ok(text) => Ok(text),
            Err(_) => coverage_report(app, reader).await.map(|r| r.text),
        },
    };
    text.unwrap_or_default()
}

/// How many markers in `text` belong to someone other than `reader` (seen with the right to,
/// or not): proof that the reads reach other people's shared entries at all.
pub fn others_markers(model: &Model, reader: DiscordId, text: &str) -> usize {
    let marker = regex::Regex::new(r"\[\[[SNC](\d+)\.\d+\]\]").unwrap();
    let reader = model.index_of(reader);
    marker
        .captures_iter(text)
        .filter(|c| c[1].parse::<usize>().ok() != reader)
        .count()
}

/// The markers in `text` that `reader` may not see, as "S3.7" and the like.
pub fn unauthorised(model: &Model, reader: DiscordId, text: &str) -> Vec<String> {
    let marker = regex::Regex::new(r"\[\[([SNC])(\d+)\.(\d+)\]\]").unwrap();
    let Some(reader) = model.index_of(reader) else {
        // Someone not on the roster may see nothing at all.
        return marker
            .captures_iter(text)
            .map(|c| c[0].to_owned())
            .collect();
    };
    marker
        .captures_iter(text)
        .filter(|c| {
            let kind = c[1].chars().next().unwrap_or('S');
            let owner: usize = c[2].parse().unwrap_or(usize::MAX);
            let n: u64 = c[3].parse().unwrap_or(u64::MAX);
            !model.may_see_marker(reader, kind, owner, n)
        })
        .map(|c| c[0].to_owned())
        .collect()
}
