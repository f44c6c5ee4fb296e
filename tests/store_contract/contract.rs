//! The contract every `Store` backend keeps. Each test takes a fresh, empty store.

use std::sync::Arc;

use mindlines::domain::member::{Member, MemberStatus, Profession, Role};
use mindlines::domain::roster::{ImportSummary, RosterRow};
use mindlines::store::{AuditAction, AuditEntry, Store};

use crate::fixtures::{at, cohort, id, in_team, roles, supervised_by, supervisor, trainee};

fn summary(added: usize, updated: usize, unchanged: usize) -> ImportSummary {
    ImportSummary {
        added,
        updated,
        unchanged,
    }
}

async fn import(store: &Arc<dyn Store>, rows: &[RosterRow], hours: i64) -> ImportSummary {
    store
        .import_roster(rows, None, at(hours))
        .await
        .expect("import succeeds")
}

fn ids(members: &[Member]) -> Vec<u64> {
    members.iter().map(|m| m.discord_id.0 % 1000).collect()
}

pub async fn import_then_read_back(store: Arc<dyn Store>) {
    assert_eq!(import(&store, &cohort(), 0).await, summary(6, 0, 0));

    let siobhan = store.member(id(5)).await.unwrap().expect("member stored");
    assert_eq!(
        siobhan,
        Member {
            discord_id: id(5),
            display_name: "Siobhan Byrne".into(),
            profession: Profession::Physiotherapist,
            roles: roles(&[Role::Trainee]),
            timezone: chrono_tz::Europe::Dublin,
            status: MemberStatus::Active,
        }
    );
    assert_eq!(store.member(id(99)).await.unwrap(), None);

    let members = store.list_members().await.unwrap();
    assert_eq!(ids(&members), vec![1, 2, 3, 4, 5, 8], "ordered by id");
    let known = store.known_member_ids().await.unwrap();
    assert_eq!(known, [1, 2, 3, 4, 5, 8].map(id).into());

    let roster = store.roster().await.unwrap();
    let amara = roster
        .iter()
        .find(|e| e.member.discord_id == id(3))
        .unwrap();
    assert_eq!(amara.team.as_deref(), Some("Riverside PCN"));
    assert_eq!(amara.supervisors, [id(1)].into());
    let helen = roster
        .iter()
        .find(|e| e.member.discord_id == id(8))
        .unwrap();
    assert_eq!((helen.team.as_deref(), helen.supervisors.len()), (None, 0));
}

pub async fn importing_twice_changes_nothing(store: Arc<dyn Store>) {
    import(&store, &cohort(), 0).await;
    let roster = store.roster().await.unwrap();
    let audit = store.audit_entries_about(id(3)).await.unwrap();

    assert_eq!(import(&store, &cohort(), 1).await, summary(0, 0, 6));
    assert_eq!(store.roster().await.unwrap(), roster);
    assert_eq!(store.audit_entries_about(id(3)).await.unwrap(), audit);
}

pub async fn changed_rows_update_and_absent_members_stay(store: Arc<dyn Store>) {
    import(&store, &cohort(), 0).await;
    let mut rows = cohort();
    rows.retain(|r| r.discord_id != id(8)); // Helen is not in the new file
    rows[1].display_name = "Amara Okafor-Reid".into();
    rows.push(trainee(6, "Kwame Mensah"));

    assert_eq!(import(&store, &rows, 1).await, summary(1, 1, 4));
    let amara = store.member(id(3)).await.unwrap().unwrap();
    assert_eq!(amara.display_name, "Amara Okafor-Reid");
    assert!(
        store.member(id(8)).await.unwrap().is_some(),
        "absent is not removed"
    );
    assert!(store.member(id(6)).await.unwrap().is_some());
}

pub async fn roles_round_trip(store: Arc<dyn Store>) {
    let all = roles(&[Role::Trainee, Role::Lead, Role::Supervisor, Role::Admin]);
    let everything = RosterRow {
        roles: all.clone(),
        ..trainee(1, "Jo Everything")
    };
    import(&store, std::slice::from_ref(&everything), 0).await;
    assert_eq!(store.member(id(1)).await.unwrap().unwrap().roles, all);

    let lead_only = RosterRow {
        roles: roles(&[Role::Lead]),
        ..everything
    };
    assert_eq!(import(&store, &[lead_only], 1).await, summary(0, 1, 0));
    let roles_now = store.member(id(1)).await.unwrap().unwrap().roles;
    assert_eq!(roles_now, roles(&[Role::Lead]));
}

pub async fn supervision_links_follow_the_roster(store: Arc<dyn Store>) {
    import(&store, &cohort(), 0).await;
    assert_eq!(ids(&store.supervisees_of(id(1)).await.unwrap()), vec![3]);
    assert_eq!(ids(&store.supervisees_of(id(2)).await.unwrap()), vec![4, 5]);
    assert_eq!(ids(&store.supervisors_of(id(4)).await.unwrap()), vec![2]);
    assert!(store.supervisors_of(id(8)).await.unwrap().is_empty());

    // Rhys moves to Priya; Siobhan has no supervisor for now.
    let mut rows = cohort();
    rows[2] = supervised_by(in_team(trainee(4, "Rhys Evans"), "Hillcrest PCN"), 1);
    rows[4].supervisor = None;
    assert_eq!(import(&store, &rows, 1).await, summary(0, 2, 4));
    assert_eq!(ids(&store.supervisees_of(id(1)).await.unwrap()), vec![3, 4]);
    assert!(store.supervisees_of(id(2)).await.unwrap().is_empty());
    assert!(store.supervisors_of(id(5)).await.unwrap().is_empty());
}

pub async fn teams_and_membership(store: Arc<dyn Store>) {
    import(&store, &cohort(), 0).await;
    let teams = store.teams().await.unwrap();
    let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Hillcrest PCN", "Riverside PCN"]);
    assert_eq!(teams[0].members, vec![id(2), id(4), id(5)]);

    let riverside = store.team_of(id(3)).await.unwrap().unwrap();
    assert_eq!(
        (riverside.name.as_str(), riverside.members),
        ("Riverside PCN", vec![id(1), id(3)])
    );
    assert_eq!(store.team_of(id(8)).await.unwrap(), None);

    // Amara moves; Riverside keeps Priya. Priya then leaves the team; the team stays, empty.
    let mut rows = cohort();
    rows[1].team = Some("Hillcrest PCN".into());
    rows[0].team = None;
    import(&store, &rows, 1).await;
    assert_eq!(
        store.team_of(id(3)).await.unwrap().unwrap().name,
        "Hillcrest PCN"
    );
    let teams = store.teams().await.unwrap();
    assert_eq!(teams[1].name, "Riverside PCN");
    assert!(teams[1].members.is_empty());
}

pub async fn audit_entries_name_fields_never_content(store: Arc<dyn Store>) {
    let admin = Some(id(8));
    store.import_roster(&cohort(), admin, at(0)).await.unwrap();
    let mut rows = cohort();
    rows[1].display_name = "Amara Okafor-Reid".into();
    rows[1].timezone = chrono_tz::Europe::Paris;
    store.import_roster(&rows, admin, at(1)).await.unwrap();

    let entries = store.audit_entries_about(id(3)).await.unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].action, AuditAction::MemberAdded);
    assert_eq!(
        (entries[0].actor, entries[0].subject, entries[0].at),
        (admin, Some(id(3)), at(0))
    );
    assert_eq!(entries[1].action, AuditAction::MemberUpdated);
    assert_eq!(
        entries[1].detail,
        "roster import changed: display_name, timezone"
    );
    for entry in &entries {
        for content in ["Amara", "Okafor", "Paris", "London"] {
            assert!(
                !entry.detail.contains(content),
                "{entry:?} holds '{content}'"
            );
        }
    }

    let own = AuditEntry {
        at: at(2),
        actor: Some(id(3)),
        action: AuditAction::MemberStatusChanged,
        subject: Some(id(3)),
        detail: "left -> active".into(),
    };
    store.record_audit(&own).await.unwrap();
    let entries = store.audit_entries_about(id(3)).await.unwrap();
    assert_eq!(entries.last(), Some(&own));
    let about_priya = store.audit_entries_about(id(1)).await.unwrap();
    assert!(about_priya.iter().all(|e| e.subject == Some(id(1))));
}

pub async fn status_changes_are_kept_and_audited(store: Arc<dyn Store>) {
    import(&store, &cohort(), 0).await;
    let set = |status| store.set_member_status(id(4), status, None, at(1));
    assert_eq!(
        set(MemberStatus::Unreachable).await.unwrap(),
        Some(MemberStatus::Active)
    );
    assert_eq!(
        set(MemberStatus::Unreachable).await.unwrap(),
        Some(MemberStatus::Unreachable)
    );
    let rhys = store.member(id(4)).await.unwrap().unwrap();
    assert_eq!(rhys.status, MemberStatus::Unreachable);

    let entries = store.audit_entries_about(id(4)).await.unwrap();
    let changes: Vec<&str> = entries
        .iter()
        .filter(|e| e.action == AuditAction::MemberStatusChanged)
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(
        changes,
        ["active -> unreachable"],
        "a repeat writes nothing"
    );

    let unknown = store.set_member_status(id(99), MemberStatus::Left, None, at(1));
    assert_eq!(unknown.await.unwrap(), None);
    // A re-import keeps the status the bot set.
    assert_eq!(import(&store, &cohort(), 2).await, summary(0, 0, 6));
    let rhys = store.member(id(4)).await.unwrap().unwrap();
    assert_eq!(rhys.status, MemberStatus::Unreachable);
}

pub async fn a_failing_import_leaves_nothing(store: Arc<dyn Store>) {
    import(&store, &cohort()[..2], 0).await;
    let roster = store.roster().await.unwrap();
    let audit = store.audit_entries_about(id(3)).await.unwrap();

    // Valid-looking rows, then one whose supervisor exists nowhere: the link's foreign key fails
    // after the members were written, and the whole transaction must roll back.
    let mut rows = cohort();
    rows[1].display_name = "Amara Okafor-Reid".into();
    rows.push(supervised_by(trainee(7, "Nobody's Trainee"), 77));
    let result = store.import_roster(&rows, None, at(1)).await;
    assert!(result.is_err(), "{result:?}");

    assert_eq!(store.roster().await.unwrap(), roster);
    assert_eq!(store.audit_entries_about(id(3)).await.unwrap(), audit);
    assert!(
        store
            .teams()
            .await
            .unwrap()
            .iter()
            .all(|t| t.name != "Hillcrest PCN")
    );
}

pub async fn concurrent_imports_all_succeed(store: Arc<dyn Store>) {
    // Each task imports its own trainee plus the shared supervisor, many times over: writers
    // must queue (busy timeout / advisory lock), not fail.
    let tasks: Vec<_> = (0..8u64)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                let rows = [
                    in_team(supervisor(1, "Dr Priya Raman"), "Riverside PCN"),
                    supervised_by(in_team(trainee(10 + n, "Trainee"), "Riverside PCN"), 1),
                ];
                for round in 0..5 {
                    store.import_roster(&rows, None, at(round)).await?;
                }
                Ok::<_, mindlines::store::StoreError>(())
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect("no import fails");
    }
    assert_eq!(store.supervisees_of(id(1)).await.unwrap().len(), 8);
    let added = store.audit_entries_about(id(1)).await.unwrap();
    assert_eq!(
        added.len(),
        1,
        "the supervisor was added exactly once: {added:?}"
    );
}

pub async fn ids_at_the_edge_of_i64_round_trip(store: Arc<dyn Store>) {
    let biggest = mindlines::domain::member::DiscordId(i64::MAX as u64);
    let row = RosterRow {
        discord_id: biggest,
        ..trainee(1, "Max Id")
    };
    import(&store, &[row], 0).await;
    assert!(store.known_member_ids().await.unwrap().contains(&biggest));
    let too_big = mindlines::domain::member::DiscordId(u64::MAX);
    assert!(store.member(too_big).await.is_err(), "refused, not wrapped");
}
