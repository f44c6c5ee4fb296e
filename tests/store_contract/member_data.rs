//! The member-data contract: each read behind `/mydata export` returns every record of its
//! kind for its member and nothing of anyone else's, and the whole export gathered from a
//! store holds a record of every kind.

use std::sync::Arc;

use chrono::NaiveDate;
use mindlines::app::mydata::gather_member_data;
use mindlines::domain::case::{CaseSummary, NewCase};
use mindlines::domain::curriculum::Area;
use mindlines::domain::supervision::CommentKind;
use mindlines::domain::wellbeing::checkins::CheckinPlan;
use mindlines::store::{AuditAction, AuditEntry, Store};

use crate::evidence::{add, answer, entry, with_cohort};
use crate::fixtures::{at, id};
use crate::inbox::message;
use crate::outbox_fixtures::{new_delivery, record, save_weekly};

fn case(thread: u64, lead: u64, hours: i64) -> NewCase {
    NewCase {
        team: "Riverside PCN".into(),
        channel_id: 77,
        thread_id: thread,
        title: format!("Case in thread {thread}"),
        template: "wisegp".into(),
        domains: vec![Area::ComplexMultimorbidity],
        lead: id(lead),
        at: at(hours),
    }
}

fn summary(who: &str) -> CaseSummary {
    CaseSummary {
        learning: format!("learning of {who}"),
        differently: "ask earlier".into(),
        questions: "none".into(),
    }
}

/// Member 3 gets one record of every kind; member 4 a few of their own, to stay out of 3's.
async fn seed(store: &Arc<dyn Store>) {
    with_cohort(store).await;
    let entry3 = add(store, &entry(3, "form:m3", 1, &[])).await;
    let edited = [answer("What?", "second draft")];
    assert!(
        store
            .update_evidence_answers(id(3), entry3, &edited, at(2))
            .await
            .unwrap()
    );
    assert!(
        store
            .set_evidence_shared(id(3), entry3, true, at(2))
            .await
            .unwrap()
    );
    let comment = store.add_comment(id(1), entry3, CommentKind::Comment, Some("Good."), at(3));
    assert!(comment.await.unwrap().is_some());
    let entry4 = add(store, &entry(4, "form:m4", 1, &[])).await;
    let other = [answer("What?", "not member 3's")];
    assert!(
        store
            .update_evidence_answers(id(4), entry4, &other, at(2))
            .await
            .unwrap()
    );
    let plan = CheckinPlan::default_from(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    for member in [3, 4] {
        let consent = store.consent_to_checkins(id(member), "v1", &plan, Some(at(50)), at(1));
        consent.await.unwrap();
        assert!(
            store
                .record_checkin_score(id(member), 900 + member as i64, 3, at(4))
                .await
                .unwrap()
        );
    }
    store.withdraw_checkins(id(3), at(5)).await.unwrap();
    assert!(
        store
            .add_checkin_note(id(3), 903, "note of 3")
            .await
            .unwrap()
    );
    let led = store.open_case(&case(78, 3, 5)).await.unwrap().unwrap();
    assert!(
        store
            .close_case(led, &summary("member 3"), at(6), &[])
            .await
            .unwrap()
    );
    let joined = store.open_case(&case(79, 1, 5)).await.unwrap().unwrap();
    store
        .add_case_contributor(joined, id(3), at(6))
        .await
        .unwrap();
    assert!(
        store
            .close_case(joined, &summary("member 1"), at(7), &[])
            .await
            .unwrap()
    );
    store.open_case(&case(80, 4, 5)).await.unwrap().unwrap();
    assert!(store.record_inbound(&message(1, 7), at(7)).await.unwrap());
    save_weekly(store, 3, Some(100)).await;
    store.set_followup_weeks(id(3), 4).await.unwrap();
    record(store, &new_delivery(3, "2026-03-02", 1)).await;
    store
        .mark_not_relevant(id(3), &"pop-local-data".parse().unwrap(), at(1))
        .await
        .unwrap();
    let audit = AuditEntry {
        at: at(8),
        actor: Some(id(1)),
        action: AuditAction::SharedEntryRead,
        subject: Some(id(3)),
        detail: format!("entry {entry3}"),
    };
    store.record_audit(&audit).await.unwrap();
}

pub async fn each_read_returns_its_members_records_only(store: Arc<dyn Store>) {
    seed(&store).await;
    let dates = store.roster_dates(id(3)).await.unwrap().unwrap();
    assert_eq!((dates.added_at, dates.left_at), (at(0), None));
    assert_eq!(store.roster_dates(id(99)).await.unwrap(), None);

    let revisions = store.revisions_of(id(3)).await.unwrap();
    assert_eq!(revisions.len(), 1);
    let (replaced, answers) = &revisions.values().next().unwrap()[0];
    assert_eq!(
        (*replaced, answers[0].text.as_str()),
        (at(2), "entry form:m3")
    );

    let checkins = store.checkin_records(id(3)).await.unwrap();
    assert_eq!(checkins.len(), 1);
    assert_eq!(
        (checkins[0].score, checkins[0].note.as_deref()),
        (3, Some("note of 3"))
    );

    let consents = store.consent_records(id(3)).await.unwrap();
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].version, "v1");
    assert_eq!(
        (consents[0].agreed_at, consents[0].withdrawn_at),
        (at(1), Some(at(5)))
    );

    let cases = store.cases_of(id(3)).await.unwrap();
    assert_eq!(
        cases.len(),
        2,
        "the case 3 led and the one 3 joined, not 4's"
    );
    assert!(
        cases[0].led && cases[0].case.summary.as_ref().unwrap().learning == "learning of member 3"
    );
    assert!(
        !cases[1].led && cases[1].case.summary.is_none(),
        "not the lead's summary"
    );

    let written = store.comments_written_by(id(1)).await.unwrap();
    assert_eq!(written.len(), 1, "the supervisor's own words on 3's entry");
    assert_eq!(written[0].body.as_deref(), Some("Good."));
    assert!(store.comments_written_by(id(3)).await.unwrap().is_empty());

    let held = store.held_messages(id(3)).await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].content, message(1, 7).content);

    // Member 4 gets only their own.
    let theirs = store.revisions_of(id(4)).await.unwrap();
    assert_eq!(
        theirs.values().next().unwrap()[0].1[0].text,
        "entry form:m4"
    );
    assert_eq!(store.checkin_records(id(4)).await.unwrap()[0].note, None);
    assert_eq!(store.cases_of(id(4)).await.unwrap().len(), 1);
    assert!(store.held_messages(id(4)).await.unwrap().is_empty());
    assert!(store.checkin_records(id(8)).await.unwrap().is_empty());
    assert!(store.consent_records(id(8)).await.unwrap().is_empty());
}

pub async fn the_gathered_export_holds_every_kind_of_record(store: Arc<dyn Store>) {
    seed(&store).await;
    let member = store.member(id(3)).await.unwrap().unwrap();
    let data = gather_member_data(&*store, member).await.unwrap();
    for (kind, count) in data.counts() {
        // Member 3 supervises no one; member 1's responses are checked below.
        if kind != "comments_written" {
            assert!(count > 0, "{kind} is in the export");
        }
    }
    assert_eq!(data.team.as_deref(), Some("Riverside PCN"));
    assert_eq!(data.supervisors.len(), 1);
    assert!(data.schedule.is_some() && data.checkin_settings.is_some());
    assert_eq!(data.followup_weeks, Some(4));
    assert_eq!(data.not_relevant.len(), 1);
    assert!(data.dates.is_some());
    let json = mindlines::domain::export::member_data::member_data_json(&data, at(9));
    for text in [
        "second draft",
        "entry form:m3",
        "note of 3",
        "learning of member 3",
        "Good.",
    ] {
        assert!(json.contains(text), "{text} in the JSON");
    }
    for text in ["not member 3's", "learning of member 1"] {
        assert!(!json.contains(text), "{text} is someone else's");
    }
    let supervisor = store.member(id(1)).await.unwrap().unwrap();
    let theirs = gather_member_data(&*store, supervisor).await.unwrap();
    assert_eq!(theirs.comments_written.len(), 1);
    assert_eq!(theirs.supervisees.len(), 1);
}
