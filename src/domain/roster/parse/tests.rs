use super::*;
use crate::domain::member::{Member, Profession, Role};

const HEADER: &str =
    "discord_id,display_name,profession,roles,team,supervisor_discord_id,timezone\n";
const SUPERVISOR: &str =
    "100000000000000001,Dr Priya Raman,doctor,supervisor,North,,Europe/London\n";

fn parse(body: &str) -> Result<Vec<RosterRow>, RosterErrors> {
    parse_roster(&format!("{HEADER}{body}"), &KnownMembers::default())
}

fn lines_and_reasons(err: &RosterErrors) -> Vec<(u64, &str)> {
    err.problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect()
}

#[test]
fn the_shipped_example_roster_is_valid() {
    let text = include_str!("../../../../deploy/roster.example.csv");
    let rows = parse_roster(text, &KnownMembers::default()).expect("example parses");
    assert_eq!(rows.len(), 8);
    let ellis = rows
        .iter()
        .find(|r| r.display_name == "Ellis, Jordan")
        .unwrap();
    assert_eq!(ellis.profession, Profession::OccupationalTherapist);
    assert_eq!(ellis.supervisor, Some(DiscordId(100000000000000002)));
}

#[test]
fn a_good_row_becomes_a_typed_row_with_its_line() {
    let rows = parse(&format!(
        "{SUPERVISOR}100000000000000003,Amara Okafor,Nurse,trainee;lead,North,100000000000000001,\n"
    ))
    .unwrap();
    let amara = &rows[1];
    assert_eq!(amara.line, 3);
    assert_eq!(amara.roles, [Role::Trainee, Role::Lead].into());
    assert_eq!(amara.team.as_deref(), Some("North"));
    assert_eq!(
        amara.timezone,
        chrono_tz::Europe::London,
        "blank zone means the default"
    );
}

#[test]
fn one_bad_row_names_its_line_and_reason() {
    let err = parse(&format!(
        "{SUPERVISOR}100000000000000003,Amara,astronaut,trainee,North,,Europe/London\n"
    ))
    .unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].line, 3);
    assert!(
        err.problems[0]
            .reason
            .contains("unknown profession 'astronaut'"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("roster not imported: 1 problem\n  line 3:")
    );
}

#[test]
fn every_bad_line_and_every_reason_is_reported() {
    let body = "12ab,,nurse,trainee,North,,Europe/London\n\
                100000000000000004,Rhys,paramedic,boss,North,,Mars/Olympus\n\
                100000000000000005,Siobhan,physio,trainee,North,,Europe/Dublin\n";
    let err = parse(body).unwrap_err();
    let found = lines_and_reasons(&err);
    assert_eq!(found.len(), 4, "{err}");
    assert!(found[0].0 == 2 && found[0].1.starts_with("discord_id:"));
    assert!(found[1].0 == 2 && found[1].1 == "display_name: is empty");
    assert!(found[2].0 == 3 && found[2].1.contains("unknown role 'boss'"));
    assert!(found[3].0 == 3 && found[3].1.contains("unknown timezone 'Mars/Olympus'"));
}

#[test]
fn duplicate_ids_name_both_lines() {
    let err = parse(&format!("{SUPERVISOR}{SUPERVISOR}")).unwrap_err();
    assert_eq!(
        lines_and_reasons(&err),
        vec![(
            3,
            "duplicate discord_id 100000000000000001 (first on line 2)"
        )]
    );
}

#[test]
fn header_must_have_exactly_the_columns() {
    let text = "discord_id,display_name,profession,role,team,email\n";
    let err = parse_roster(text, &KnownMembers::default()).unwrap_err();
    let reasons: Vec<&str> = err.problems.iter().map(|p| p.reason.as_str()).collect();
    assert!(reasons[0].starts_with("unknown column 'email'"), "{err}");
    assert_eq!(
        &reasons[1..],
        [
            "missing column 'supervisor_discord_id'",
            "missing column 'timezone'"
        ]
    );
    assert!(err.problems.iter().all(|p| p.line == 1));
}

#[test]
fn an_empty_file_is_refused() {
    let err = parse_roster("", &KnownMembers::default()).unwrap_err();
    assert!(err.problems[0].reason.contains("empty"), "{err}");
}

#[test]
fn blank_lines_comments_and_a_bom_are_skipped_and_line_numbers_stay_true() {
    let text = format!(
        "\u{feff}# roster\n{HEADER}\n{SUPERVISOR},,,,,,\n\n100000000000000003,X,nurse,trainee,North,,Nowhere\n"
    );
    let err = parse_roster(&text, &KnownMembers::default()).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].line, 7, "{err}");
}

#[test]
fn line_numbers_count_quoted_newlines_crlf_and_comments_between_rows() {
    let text = format!(
        "{}\r\n# a note\r\n\"100000000000000001\",\"Dr Priya\nRaman\",doctor,supervisor,,,\r\n\r\n\
         100000000000000003,X,nurse,trainee,North,,Nowhere\r\n",
        HEADER.trim_end()
    );
    let err = parse_roster(&text, &KnownMembers::default()).unwrap_err();
    let found = lines_and_reasons(&err);
    assert_eq!(found[0], (3, "display_name: contains control characters"));
    assert_eq!(found[1].0, 6, "{err}");
}

#[test]
fn a_short_row_is_reported_not_fatal() {
    let err = parse("100000000000000003,Amara,nurse\n100000000000000004,Rhys,x,trainee,,,\n")
        .unwrap_err();
    let found = lines_and_reasons(&err);
    assert!(
        found
            .iter()
            .any(|(l, r)| *l == 2 && r.contains("expected 7 fields, found 3"))
    );
    assert!(
        found
            .iter()
            .any(|(l, r)| *l == 3 && r.contains("unknown profession 'x'"))
    );
}

#[test]
fn a_supervisor_must_be_in_the_file_or_the_store() {
    let row = "100000000000000003,Amara,nurse,trainee,North,100000000000000009,\n";
    let err = parse(row).unwrap_err();
    assert!(
        err.problems[0]
            .reason
            .contains("is not in this file or on the roster"),
        "{err}"
    );

    let stored = Member {
        discord_id: DiscordId(100000000000000009),
        display_name: "Dr Stored".into(),
        profession: Profession::Doctor,
        roles: [Role::Supervisor].into(),
        timezone: chrono_tz::Europe::London,
        status: crate::domain::member::MemberStatus::Active,
    };
    let known: KnownMembers = [&stored].into_iter().collect();
    assert!(parse_roster(&format!("{HEADER}{row}"), &known).is_ok());

    let trainee = Member {
        roles: [Role::Trainee].into(),
        ..stored
    };
    let known: KnownMembers = [&trainee].into_iter().collect();
    let err = parse_roster(&format!("{HEADER}{row}"), &known).unwrap_err();
    assert!(
        err.problems[0]
            .reason
            .contains("does not have the supervisor role"),
        "{err}"
    );
}

#[test]
fn a_supervisor_in_the_file_must_hold_the_role_there() {
    let body = "100000000000000001,Dr Priya,doctor,lead,North,,\n\
                100000000000000003,Amara,nurse,trainee,North,100000000000000001,\n\
                100000000000000004,Rhys,nurse,trainee,North,100000000000000004,\n";
    let found_err = parse(body).unwrap_err();
    let found = lines_and_reasons(&found_err);
    assert_eq!(found[0].0, 3);
    assert!(
        found[0]
            .1
            .contains("100000000000000001 (line 2) does not have the supervisor role")
    );
    assert_eq!(
        found[1],
        (
            4,
            "supervisor_discord_id: a member cannot supervise themselves"
        )
    );
}

#[test]
fn a_supervisor_on_a_bad_line_is_not_reported_twice() {
    // The supervisor's own line is wrong (bad zone); the trainee's line is fine.
    let body = "100000000000000001,Dr Priya,doctor,supervisor,North,,Nowhere\n\
                100000000000000003,Amara,nurse,trainee,North,100000000000000001,\n";
    let err = parse(body).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].line, 2);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_is_answered_without_panicking(text in "\\PC{0,400}") {
            let _ = parse_roster(&text, &KnownMembers::default());
        }

        #[test]
        fn any_rows_under_a_good_header_are_answered(body in "([0-9a-z,; /\"]{0,40}\n){0,8}") {
            if let Err(err) = parse(&body) {
                prop_assert!(!err.problems.is_empty());
                prop_assert!(err.problems.iter().all(|p| p.line >= 1));
            }
        }
    }
}
