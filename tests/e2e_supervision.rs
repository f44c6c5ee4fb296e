//! Supervisors and leads end to end, through the real bot and the local workspace: the weekly
//! digest arrives once per week in the supervisor's timezone (with two processes on one
//! database), every read is authorised against the roster as it stands (a supervisor of one
//! trainee sees nothing of another's; an unshared entry or a removed link ends access at once;
//! a lead sees no individual), a comment reaches the trainee once, and /help follows roles.

#[path = "e2e/support.rs"]
mod support;

use std::sync::Arc;

use chrono::Duration;
use mindlines::app::error::UserError;
use mindlines::app::roster::import_roster;
use mindlines::app::supervision::read_shared_entry;
use mindlines::clock::Clock;
use mindlines::compose::build_app;
use mindlines::domain::member::DiscordId;
use mindlines::jobs;
use mindlines::sandbox::{MessageFilter, MessageView, OptionValue};
use mindlines::store::EvidenceFilter;
use mindlines::testbed::{
    CohortMember, SANDBOX_TOKEN, Testbed, TestbedOptions, demo_cohort, first_digest, roster_csv,
};
use support::{finish, weekly_prompts_go_out};

/// The demo cohort plus Zoe, who supervises Dev only (Sam keeps Alice, Bilal and Cara).
fn cohort() -> Vec<CohortMember> {
    let mut cohort: Vec<CohortMember> = demo_cohort()
        .into_iter()
        .map(|m| {
            if m.handle == "dev" {
                m.supervised_by("zoe")
            } else {
                m
            }
        })
        .collect();
    cohort.push(CohortMember::new(
        "zoe",
        "Zoe Adeyemi",
        "nurse",
        "supervisor",
    ));
    cohort
}

async fn start(dir: &tempfile::TempDir) -> Testbed {
    let mut options = TestbedOptions::demo();
    options.cohort = cohort();
    options.database_url = Some(format!(
        "sqlite://{}",
        dir.path().join("mindlines.db").display()
    ));
    Testbed::start(options).await.expect("the testbed starts")
}

/// Alice and Bilal answer their first prompts in free text; returns their entries' ids.
async fn two_entries(tb: &Testbed) -> (i64, i64) {
    weekly_prompts_go_out(tb).await;
    let mut ids = Vec::new();
    for (handle, text) in [
        (
            "alice",
            "I asked what mattered to her before the plan. Next time I'll start there.",
        ),
        (
            "bilal",
            "Stopping two medicines with the carer taught me to ask what each is for.",
        ),
    ] {
        let sent = tb.dm(handle, text).unwrap();
        tb.bot_dm_containing(handle, "Kept as evidence", sent.id)
            .await
            .unwrap();
        let (entries, _) = tb
            .store
            .evidence_of(DiscordId(tb.user(handle)), &EvidenceFilter::default())
            .await
            .unwrap();
        ids.push(entries[0].id);
    }
    (ids[0], ids[1])
}

async fn command(tb: &Testbed, handle: &str, command: &str, id: i64) -> String {
    tb.command(handle, command, &[("id", OptionValue::Int(id))])
        .await
        .unwrap()
}

/// Waits for the newest message to `handle` with a button labelled `label` (a digest's
/// sections follow its header).
async fn with_button(tb: &Testbed, handle: &str, label: &str) -> MessageView {
    support::eventually(&format!("{handle} has a [{label}] button"), || async {
        tb.newest_with_button(handle, label).is_ok()
    })
    .await;
    tb.newest_with_button(handle, label).unwrap()
}

fn dms_containing(tb: &Testbed, handle: &str, text: &str) -> Vec<MessageView> {
    tb.driver.messages(
        &MessageFilter::to_user(tb.user(handle))
            .containing(text)
            .ephemeral(false),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_digest_comes_once_a_week_even_from_two_processes() {
    let dir = tempfile::tempdir().unwrap();
    let tb = start(&dir).await;
    let (alice_entry, bilal_entry) = two_entries(&tb).await;
    command(&tb, "alice", "evidence share", alice_entry).await;
    command(&tb, "bilal", "evidence discuss", bilal_entry).await;
    let subscribed = tb
        .command(
            "sam",
            "digest subscribe",
            &[("time", OptionValue::Str("7:30am".into()))],
        )
        .await
        .unwrap();
    assert!(subscribed.contains("every Monday at 07:30"), "{subscribed}");

    // A second process on the same database, as after a restart or with two bots running.
    let mut config = mindlines::config::Config::default();
    config.discord.api_base = tb.sandbox.api_base().to_owned();
    config.database.url = format!("sqlite://{}", dir.path().join("mindlines.db").display());
    let second = build_app(&config, Arc::new(tb.clock.clone()), SANDBOX_TOKEN)
        .await
        .unwrap();

    // Just before 07:30 on Monday in London: nothing yet.
    tb.clock.set(first_digest() - Duration::minutes(31));
    tb.run_jobs().await.unwrap();
    assert!(dms_containing(&tb, "sam", "Supervision digest").is_empty());
    tb.clock.set(first_digest() - Duration::minutes(30));
    let (one, two) = tokio::join!(tb.run_jobs(), jobs::run_once(&second, tb.clock.now()));
    one.unwrap();
    two.unwrap();
    tb.clock.set(tb.clock.now() + Duration::minutes(10));
    jobs::run_once(&second, tb.clock.now()).await.unwrap();
    tb.run_jobs().await.unwrap();

    let headers = dms_containing(&tb, "sam", "Supervision digest");
    assert_eq!(headers.len(), 1, "one digest for the week");
    assert!(!headers[0].attachments.is_empty(), "with its picture");
    for name in ["**Alice Morgan**", "**Bilal Hussain**", "**Cara Jones**"] {
        assert_eq!(dms_containing(&tb, "sam", name).len(), 1, "{name} once");
    }
    assert!(
        dms_containing(&tb, "sam", "**Dev Patel**").is_empty(),
        "Dev is Zoe's supervisee"
    );
    let bilal = &dms_containing(&tb, "sam", "**Bilal Hussain**")[0];
    assert!(bilal.text().contains("would like to discuss"));
    assert_eq!(bilal.button_labels(), vec![format!("Read #{bilal_entry}")]);
    // Zoe never subscribed: no digest for her.
    assert!(dms_containing(&tb, "zoe", "Supervision digest").is_empty());

    // The next Monday brings the next week's digest, once.
    tb.clock.set(first_digest() + Duration::days(7));
    tb.run_jobs().await.unwrap();
    jobs::run_once(&second, tb.clock.now()).await.unwrap();
    assert_eq!(dms_containing(&tb, "sam", "Supervision digest").len(), 2);

    // After two weeks with no scheduler (downtime), one digest, of the week just gone.
    tb.clock.set(first_digest() + Duration::days(22));
    tb.run_jobs().await.unwrap();
    tb.run_jobs().await.unwrap();
    let headers = dms_containing(&tb, "sam", "Supervision digest");
    assert_eq!(headers.len(), 3, "one catch-up digest, not two");
    let newest = headers.iter().max_by_key(|m| m.id).unwrap().text();
    assert!(newest.contains("Mon 14 Dec – Mon 21 Dec 2026"), "{newest}");
    second.store.close().await;
    finish(tb).await;
}

fn user_error(error: anyhow::Error) -> String {
    error
        .downcast_ref::<UserError>()
        .map(ToString::to_string)
        .unwrap_or_else(|| panic!("not a user error: {error:#}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_follow_the_roster_and_the_share_at_the_moment_of_reading() {
    let dir = tempfile::tempdir().unwrap();
    let tb = start(&dir).await;
    let (alice_entry, bilal_entry) = two_entries(&tb).await;
    command(&tb, "alice", "evidence share", alice_entry).await;
    command(&tb, "bilal", "evidence share", bilal_entry).await;
    let sam = DiscordId(tb.user("sam"));
    let zoe = DiscordId(tb.user("zoe"));

    // Zoe supervises Dev only: Alice's shared entry is as missing to her as a made-up one.
    let refused = user_error(
        read_shared_entry(&tb.app, zoe, alice_entry)
            .await
            .unwrap_err(),
    );
    let missing = user_error(read_shared_entry(&tb.app, zoe, 999_999).await.unwrap_err());
    assert_eq!(
        refused.replace(&alice_entry.to_string(), "N"),
        missing.replace("999999", "N")
    );
    let zoe_digest = tb.command("zoe", "digest now", &[]).await.unwrap();
    assert!(zoe_digest.contains("1 supervisee"), "{zoe_digest}");
    let about_alice = tb
        .command(
            "zoe",
            "digest now",
            &[("trainee", OptionValue::User(tb.user("alice")))],
        )
        .await
        .unwrap();
    assert!(about_alice.contains("not linked to you"), "{about_alice}");
    for (handle, text) in [("zoe", "Alice"), ("zoe", "conveyor")] {
        let seen = tb.driver.bot_messages_to(tb.user(handle));
        assert!(
            seen.iter().all(|m| !m.text().contains(text)),
            "{handle} saw {text}"
        );
    }

    // Sam reads Bilal's entry through the digest's button.
    tb.command("sam", "digest now", &[]).await.unwrap();
    let section = with_button(&tb, "sam", &format!("Read #{bilal_entry}")).await;
    let click = tb
        .click("sam", section.id, &format!("Read #{bilal_entry}"))
        .unwrap();
    let read = tb.answer_to(sam.0, click).await.unwrap();
    assert!(read.contains("Stopping two medicines"), "{read}");

    // Alice unshares: at once, Sam cannot read it, not even with an old button.
    command(&tb, "alice", "evidence unshare", alice_entry).await;
    let gone = user_error(
        read_shared_entry(&tb.app, sam, alice_entry)
            .await
            .unwrap_err(),
    );
    assert!(gone.contains("no entry"), "{gone}");

    // Bilal's link to Sam is removed by a roster import: the same button now finds nothing.
    let mut cohort = cohort();
    for member in cohort.iter_mut().filter(|m| m.handle == "bilal") {
        member.supervisor = None;
    }
    import_roster(&*tb.store, &tb.clock, &roster_csv(&cohort, &tb.users), None)
        .await
        .unwrap();
    let click = tb
        .click("sam", section.id, &format!("Read #{bilal_entry}"))
        .unwrap();
    let after = tb.answer_to(sam.0, click).await.unwrap();
    assert!(after.contains("There is no entry"), "{after}");
    let digest = tb.command("sam", "digest now", &[]).await.unwrap();
    assert!(digest.contains("2 supervisees"), "{digest}");

    // A lead sees figures, never a person; a trainee cannot ask for a digest.
    let summary = tb.command("lee", "team summary", &[]).await.unwrap();
    for name in ["Alice", "Bilal", "Cara", "Dev", "Sam", "Zoe"] {
        assert!(!summary.contains(name), "{name} in: {summary}");
    }
    let trainee = tb.command("alice", "digest now", &[]).await.unwrap();
    assert!(trainee.contains("for supervisors"), "{trainee}");
    let not_lead = tb.command("sam", "team summary", &[]).await.unwrap();
    assert!(not_lead.contains("for team leads"), "{not_lead}");
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_reaches_the_trainee_once_and_is_part_of_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let tb = start(&dir).await;
    let (_, bilal_entry) = two_entries(&tb).await;
    command(&tb, "bilal", "evidence discuss", bilal_entry).await;
    tb.command("sam", "digest now", &[]).await.unwrap();
    let label = format!("Read #{bilal_entry}");
    let section = with_button(&tb, "sam", &label).await;
    let click = tb.click("sam", section.id, &label).unwrap();
    tb.answer_to(tb.user("sam"), click).await.unwrap();
    let entry = with_button(&tb, "sam", "Comment").await;

    let ack = tb.click("sam", entry.id, "Acknowledge").unwrap();
    let acked = tb.answer_to(tb.user("sam"), ack).await.unwrap();
    assert!(acked.contains("Acknowledged entry"), "{acked}");
    let open = tb.click("sam", entry.id, "Comment").unwrap();
    let form = tb.modal_for(open).await.unwrap();
    let kept = tb
        .submit("sam", &form, &["Good question to carry into every review."])
        .await
        .unwrap();
    assert!(kept.contains("Comment kept"), "{kept}");
    // An empty comment is refused and keeps nothing.
    let open = tb.click("sam", entry.id, "Comment").unwrap();
    let form = tb.modal_for(open).await.unwrap();
    let empty = tb.submit("sam", &form, &["   "]).await.unwrap();
    assert!(empty.contains("empty"), "{empty}");

    for _ in 0..3 {
        tb.clock.set(tb.clock.now() + Duration::minutes(1));
        tb.run_jobs().await.unwrap();
    }
    assert_eq!(
        dms_containing(&tb, "bilal", "commented on your entry").len(),
        1
    );
    assert_eq!(
        dms_containing(&tb, "bilal", "acknowledged your entry").len(),
        1
    );
    let shown = command(&tb, "bilal", "evidence show", bilal_entry).await;
    assert!(shown.contains("Good question to carry"), "{shown}");
    assert!(shown.contains("acknowledged it"), "{shown}");
    let exported = mindlines::app::portfolio::export_files(
        &tb.app,
        DiscordId(tb.user("bilal")),
        Some(mindlines::domain::export::ExportFormat::Markdown),
    )
    .await
    .unwrap();
    let markdown = String::from_utf8(exported[0].bytes.clone()).unwrap();
    assert!(
        markdown.contains("**Supervisor:** Dr Sam Okafor commented"),
        "{markdown}"
    );

    // The acknowledgement settled the "want to discuss": the next digest does not list it.
    tb.clock.set(tb.clock.now() + Duration::days(8));
    tb.command("sam", "digest now", &[]).await.unwrap();
    support::eventually("the new digest's sections arrive", || async {
        tb.driver
            .messages(&MessageFilter::to_user(tb.user("sam")).containing("**Bilal Hussain**"))
            .len()
            == 2
    })
    .await;
    let sections = tb
        .driver
        .messages(&MessageFilter::to_user(tb.user("sam")).containing("**Bilal Hussain**"));
    let newest = sections.iter().max_by_key(|m| m.id).unwrap();
    assert!(
        newest.text().contains("Nothing new shared"),
        "{}",
        newest.text()
    );
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_lists_what_each_role_can_use() {
    let dir = tempfile::tempdir().unwrap();
    let tb = start(&dir).await;
    let help = |handle: &'static str| {
        let tb = &tb;
        async move {
            let user = tb.user(handle);
            let interaction = tb
                .driver
                .slash_command(user, mindlines::sandbox::Place::Dm, "help", &[])
                .unwrap();
            tb.answer_to(user, interaction).await.unwrap();
            tb.driver
                .messages(&MessageFilter::to_user(user).for_interaction(interaction))
                .iter()
                .map(MessageView::text)
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let alice = help("alice").await;
    assert!(
        alice.contains("`/evidence`") && !alice.contains("`/digest`"),
        "{alice}"
    );
    let sam = help("sam").await;
    assert!(
        sam.contains("`/digest now`") && !sam.contains("`/evidence`"),
        "{sam}"
    );
    assert!(!sam.contains("`/team`"));
    let lee = help("lee").await;
    assert!(
        lee.contains("`/team summary`") && !lee.contains("`/digest`"),
        "{lee}"
    );
    finish(tb).await;
}
