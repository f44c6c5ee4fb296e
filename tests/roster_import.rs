//! `roster import` and `roster list` through the real use-case on a real SQLite file.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use mindlines::app::roster::{RosterImportError, import_roster, import_roster_file, list_roster};
use mindlines::clock::SimulatedClock;
use mindlines::domain::member::DiscordId;
use mindlines::domain::roster::ImportSummary;
use mindlines::store::{SqliteStore, Store};

const EXAMPLE: &str = include_str!("../deploy/roster.example.csv");
const HEADER: &str =
    "discord_id,display_name,profession,roles,team,supervisor_discord_id,timezone\n";

struct Fixture {
    store: Arc<dyn Store>,
    clock: SimulatedClock,
    _dir: tempfile::TempDir,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mindlines.db");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let clock = SimulatedClock::starting_at(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    Fixture {
        store: Arc::new(store),
        clock,
        _dir: dir,
    }
}

impl Fixture {
    async fn import(&self, text: &str) -> Result<ImportSummary, RosterImportError> {
        import_roster(self.store.as_ref(), &self.clock, text, None).await
    }

    async fn member_count(&self) -> usize {
        self.store.list_members().await.unwrap().len()
    }
}

fn summary(added: usize, updated: usize, unchanged: usize) -> ImportSummary {
    ImportSummary {
        added,
        updated,
        unchanged,
    }
}

#[tokio::test]
async fn the_example_roster_imports_and_lists() {
    let app = fixture().await;
    assert_eq!(app.import(EXAMPLE).await.unwrap(), summary(8, 0, 0));

    let listing = list_roster(app.store.as_ref()).await.unwrap().to_string();
    let lines: Vec<&str> = listing.lines().collect();
    assert!(
        lines[0].starts_with("DISCORD ID") && lines[0].contains("SUPERVISOR"),
        "{listing}"
    );
    assert_eq!(lines.len(), 1 + 8 + 1, "{listing}");
    let rhys = lines.iter().find(|l| l.contains("Rhys Evans")).unwrap();
    for cell in [
        "paramedic",
        "trainee",
        "Riverside PCN",
        "Dr Priya Raman",
        "Europe/London",
        "active",
    ] {
        assert!(rhys.contains(cell), "{rhys:?} lacks {cell}");
    }
    assert!(
        lines[1].contains("Hillcrest PCN"),
        "grouped by team: {listing}"
    );
    assert!(lines[8].contains("Helen Marsh"), "no team last: {listing}");
    assert_eq!(lines[9], "8 members");
}

#[tokio::test]
async fn importing_the_same_file_again_changes_nothing() {
    let app = fixture().await;
    app.import(EXAMPLE).await.unwrap();
    let before = app.store.roster().await.unwrap();
    app.clock.advance(chrono::Duration::days(1));

    assert_eq!(app.import(EXAMPLE).await.unwrap(), summary(0, 0, 8));
    assert_eq!(app.store.roster().await.unwrap(), before);
}

#[tokio::test]
async fn one_bad_row_imports_nothing_and_names_its_line() {
    let app = fixture().await;
    // Line 9 of the example (Rhys) gets an unknown profession.
    let text = EXAMPLE.replace("Rhys Evans,paramedic", "Rhys Evans,astronaut");
    let err = app.import(&text).await.unwrap_err();
    let RosterImportError::Invalid(errors) = &err else {
        panic!("expected a validation error, got {err}");
    };
    assert_eq!(errors.problems.len(), 1, "{err}");
    assert_eq!(errors.problems[0].line, 9);
    assert!(
        err.to_string()
            .contains("line 9: profession: unknown profession 'astronaut'"),
        "{err}"
    );
    assert_eq!(app.member_count().await, 0, "nothing imported");
}

#[tokio::test]
async fn every_bad_line_is_named() {
    let app = fixture().await;
    let text = format!(
        "{HEADER}\
         100000000000000001,Dr Priya Raman,doctor,supervisor,North,,Europe/London\n\
         100000000000000003,Amara Okafor,nurse,trainee,North,100000000000000009,Europe/London\n\
         100000000000000004,,nurse,trainee,North,,Europe/London\n\
         \n\
         100000000000000001,Dr Priya Again,doctor,supervisor,North,,Europe/London\n\
         100000000000000005,Siobhan Byrne,physio,trainee,North,,Europe/Atlantis\n"
    );
    let err = app.import(&text).await.unwrap_err().to_string();
    let expected = [
        "line 3: supervisor_discord_id: 100000000000000009 is not in this file or on the roster",
        "line 4: display_name: is empty",
        "line 6: duplicate discord_id 100000000000000001 (first on line 2)",
        "line 7: timezone: unknown timezone 'Europe/Atlantis'",
    ];
    assert!(err.starts_with("roster not imported: 4 problems"), "{err}");
    for line in expected {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    assert_eq!(app.member_count().await, 0);
}

#[tokio::test]
async fn a_supervisor_already_on_the_roster_need_not_be_in_the_file() {
    let app = fixture().await;
    app.import(EXAMPLE).await.unwrap();
    let newcomer = format!(
        "{HEADER}100000000000000009,Dr Kemi Adeyemi,pharmacist,trainee,Hillcrest PCN,100000000000000002,\n"
    );
    assert_eq!(app.import(&newcomer).await.unwrap(), summary(1, 0, 0));
    let supervisees = app
        .store
        .supervisees_of(DiscordId(100000000000000002))
        .await
        .unwrap();
    assert!(
        supervisees
            .iter()
            .any(|m| m.display_name == "Dr Kemi Adeyemi")
    );
    assert_eq!(app.member_count().await, 9, "members not in the file stay");

    // Helen is on the roster but is no supervisor.
    let wrong = newcomer.replace("100000000000000002,", "100000000000000008,");
    let err = app.import(&wrong).await.unwrap_err().to_string();
    assert!(err.contains("does not have the supervisor role"), "{err}");
}

#[tokio::test]
async fn a_missing_file_is_reported_by_path() {
    let app = fixture().await;
    let path = std::path::Path::new("/nonexistent/roster.csv");
    let err = import_roster_file(app.store.as_ref(), &app.clock, path, None)
        .await
        .unwrap_err();
    assert!(matches!(err, RosterImportError::Read { .. }));
    assert!(err.to_string().contains("/nonexistent/roster.csv"), "{err}");
}

#[tokio::test]
async fn an_empty_roster_lists_a_hint() {
    let app = fixture().await;
    let listing = list_roster(app.store.as_ref()).await.unwrap().to_string();
    assert!(listing.contains("roster import"), "{listing}");
}

#[tokio::test]
async fn a_roster_naming_an_erased_member_is_refused_by_line() {
    let app = fixture().await;
    app.import(EXAMPLE).await.unwrap();
    let gone = app.store.list_members().await.unwrap()[0].discord_id;
    app.store
        .erase_member(gone, None, mindlines::clock::Clock::now(&app.clock))
        .await
        .unwrap();
    let refused = app.import(EXAMPLE).await.unwrap_err();
    let text = refused.to_string();
    assert!(matches!(refused, RosterImportError::Erased(_)), "{text}");
    assert!(
        text.contains(&format!("member {gone} was erased")),
        "{text}"
    );
    assert!(text.contains("line "), "{text}");
    assert_eq!(app.member_count().await, 7, "nothing imported");
}
