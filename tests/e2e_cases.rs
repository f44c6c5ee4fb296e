//! Case discussions end to end, through the real bot and the local workspace: a lead opens a
//! private thread and the team is added; only a lead can; stages move on; a message with an NHS
//! number is deleted in the same event handling and its writer gets the masked copy, and
//! nothing of it is stored; an edit that adds an identifier is caught; closing keeps the
//! summary, locks the thread and each contributor's reflection becomes evidence tagged with
//! the case's domains; the review follow-up arrives once, after the weeks, across a restart.

#[path = "e2e/support.rs"]
mod support;

use chrono::Duration;
use mindlines::clock::Clock;
use mindlines::domain::curriculum::Area;
use mindlines::domain::evidence::{EvidenceSource, Tag};
use mindlines::domain::member::DiscordId;
use mindlines::sandbox::{MessageFilter, OptionValue};
use mindlines::store::EvidenceFilter;
use mindlines::testbed::Testbed;
use support::{finish, testbed};

/// A valid NHS number (its modulus-11 check digit holds).
const NHS_NUMBER: &str = "943 476 5919";

async fn open_case(tb: &Testbed) -> u64 {
    let channel = tb
        .driver
        .channel_id("case-discussions")
        .expect("the case channel");
    let set = tb
        .command_in("lee", channel, "case channel", &[])
        .await
        .unwrap();
    assert!(set.contains("will open here"), "{set}");
    let opened = tb
        .command_in(
            "lee",
            channel,
            "case start",
            &[
                (
                    "title",
                    OptionValue::Str("Falls at home after a new medicine".into()),
                ),
                (
                    "domains",
                    OptionValue::Str("complex multimorbidity, system working".into()),
                ),
            ],
        )
        .await
        .unwrap();
    assert!(opened.contains("Opened the case thread"), "{opened}");
    tb.store
        .case_by_thread(thread_in(&opened))
        .await
        .unwrap()
        .expect("the case is kept")
        .thread_id
}

/// The thread id in "<#123>".
fn thread_in(text: &str) -> u64 {
    let start = text.find("<#").expect("a channel mention") + 2;
    let end = start + text[start..].find('>').unwrap();
    text[start..end].parse().unwrap()
}

/// Lee runs `/case close` in the thread; the summary form it opens.
async fn close_form(tb: &Testbed, thread: u64) -> mindlines::sandbox::Modal {
    let interaction = tb
        .driver
        .slash_command(
            tb.user("lee"),
            mindlines::sandbox::Place::Channel(thread),
            "case close",
            &[],
        )
        .unwrap();
    tb.modal_for(interaction).await.unwrap()
}

fn posts(tb: &Testbed, thread: u64, containing: &str) -> usize {
    tb.driver
        .messages(&MessageFilter::in_channel(thread).containing(containing))
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_opens_a_case_the_team_is_in_it_and_stages_move_on() {
    let tb = testbed().await;
    let channel = tb.driver.channel_id("case-discussions").unwrap();
    // A trainee cannot start one.
    let refused = tb
        .command_in(
            "alice",
            channel,
            "case start",
            &[
                ("title", OptionValue::Str("A case".into())),
                ("domains", OptionValue::Str("digital".into())),
            ],
        )
        .await
        .unwrap();
    assert!(
        refused.contains("started and run by team leads"),
        "{refused}"
    );

    let thread = open_case(&tb).await;
    assert_eq!(
        posts(&tb, thread, "Before you write — keep it anonymous"),
        1
    );
    assert_eq!(
        posts(&tb, thread, "Bilal Hussain (Pharmacist)"),
        1,
        "professions shown"
    );
    assert_eq!(posts(&tb, thread, "Stage 1 of 4: Explore"), 1);
    // Everyone on the team can write in the private thread.
    for handle in ["alice", "bilal", "cara"] {
        tb.driver
            .post(
                tb.user(handle),
                thread,
                "A thought from my side, with nothing identifying.",
            )
            .unwrap_or_else(|e| panic!("{handle} cannot post: {e}"));
    }
    // Only the case's lead moves it on.
    let not_lead = tb
        .command_in("alice", thread, "case stage next", &[])
        .await
        .unwrap();
    assert!(not_lead.contains("team leads"), "{not_lead}");
    let next = tb
        .command_in("lee", thread, "case stage next", &[])
        .await
        .unwrap();
    assert!(next.contains("Posted stage 2 of 4"), "{next}");
    assert_eq!(posts(&tb, thread, "Stage 2 of 4: Explain"), 1);
    let who = tb
        .command_in("cara", thread, "case who", &[])
        .await
        .unwrap();
    assert!(who.contains("Cara Jones (Physiotherapist)"), "{who}");
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identifier_is_removed_at_once_and_its_writer_gets_a_masked_copy() {
    let tb = testbed().await;
    let thread = open_case(&tb).await;
    let bilal = tb.user("bilal");
    let text = format!("Her NHS number is {NHS_NUMBER}; we stopped the amlodipine.");
    let posted = tb.driver.post(bilal, thread, &text).unwrap();
    let told = tb
        .bot_dm_containing("bilal", "I removed your message", 0)
        .await
        .unwrap();
    assert!(told.text().contains("an NHS number"), "{}", told.text());
    assert!(
        told.text().contains("we stopped the amlodipine"),
        "the rest comes back"
    );
    assert!(!told.text().contains(NHS_NUMBER), "the number does not");
    assert!(tb.driver.message(posted.id).unwrap().deleted, "deleted");

    // An edit that adds an identifier is caught too.
    let clean = tb
        .driver
        .post(bilal, thread, "We stopped the amlodipine.")
        .unwrap();
    support::eventually("the clean message is read", || async {
        tb.store
            .case_by_thread(thread)
            .await
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    tb.driver
        .edit(
            bilal,
            clean.id,
            "We stopped it. Postcode SW1A 1AA, for the district nurses.",
        )
        .unwrap();
    let told = tb
        .bot_dm_containing("bilal", "a postcode", told.id)
        .await
        .unwrap();
    assert!(!told.text().contains("SW1A 1AA"));
    assert!(tb.driver.message(clean.id).unwrap().deleted);
    // Nothing of either text is kept: no evidence, and the case holds only its metadata.
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(bilal), &EvidenceFilter::default())
        .await
        .unwrap();
    assert!(entries.is_empty());
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_keeps_the_summary_and_each_contributors_reflection_is_evidence() {
    let mut tb = testbed().await;
    let thread = open_case(&tb).await;
    for handle in ["bilal", "cara"] {
        tb.driver
            .post(
                tb.user(handle),
                thread,
                "From my profession's side: the home set-up mattered.",
            )
            .unwrap();
    }
    support::eventually("both contributors are recorded", || async {
        let case = tb.store.case_by_thread(thread).await.unwrap().unwrap();
        tb.store.case_contributors(case.id).await.unwrap().len() == 2
    })
    .await;
    let form = close_form(&tb, thread).await;
    assert_eq!(form.fields.len(), 3);
    // A summary with an identifier is refused, masked, and nothing is kept.
    let refused = tb
        .submit("lee", &form, &[&format!("NHS {NHS_NUMBER}"), "", ""])
        .await
        .unwrap();
    assert!(refused.contains("nothing was saved"), "{refused}");
    let case = tb.store.case_by_thread(thread).await.unwrap().unwrap();
    assert!(case.summary.is_none());
    let form = close_form(&tb, thread).await;
    let closed = tb
        .submit(
            "lee",
            &form,
            &[
                "Ask about the home before changing a medicine.",
                "Bring the pharmacist in at the first review.",
                "How do we hear from carers sooner?",
            ],
        )
        .await
        .unwrap();
    assert!(closed.contains("2 contributors"), "{closed}");
    assert_eq!(posts(&tb, thread, "Case closed"), 1);
    assert!(
        tb.driver
            .post(tb.user("alice"), thread, "one more thing")
            .is_err(),
        "the thread is locked"
    );
    let case = tb.store.case_by_thread(thread).await.unwrap().unwrap();
    assert_eq!(
        case.summary.unwrap().learning,
        "Ask about the home before changing a medicine."
    );

    // The contributors get a reflection prompt; Bilal answers it.
    tb.run_jobs().await.unwrap();
    let prompt = tb
        .bot_dm_containing("bilal", "After the case discussion", 0)
        .await
        .unwrap();
    assert!(
        tb.bot_dm_containing("cara", "After the case discussion", 0)
            .await
            .is_ok()
    );
    assert!(
        tb.driver
            .messages(&MessageFilter::to_user(tb.user("alice")).containing("After the case"))
            .is_empty(),
        "alice did not write in it"
    );
    let click = tb.click("bilal", prompt.id, "Reflect").unwrap();
    let form = tb.modal_for(click).await.unwrap();
    let saved = tb
        .submit(
            "bilal",
            &form,
            &[
                "The physio's view of the stairs changed my plan.",
                "Ask earlier.",
            ],
        )
        .await
        .unwrap();
    assert!(saved.contains("source: case discussion"), "{saved}");
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user("bilal")), &EvidenceFilter::default())
        .await
        .unwrap();
    assert_eq!(entries[0].source, EvidenceSource::CaseDiscussion);
    assert!(
        entries[0]
            .tags
            .contains(&Tag::Area(Area::ComplexMultimorbidity))
    );
    assert!(entries[0].tags.contains(&Tag::Area(Area::SystemWorking)));

    // A review in six weeks comes back to the thread, once, across a restart.
    let review = tb
        .command_in(
            "lee",
            thread,
            "case review",
            &[("in", OptionValue::Str("6w".into()))],
        )
        .await
        .unwrap();
    assert!(review.contains("will be posted in this thread"), "{review}");
    let again = tb
        .command_in(
            "lee",
            thread,
            "case review",
            &[("in", OptionValue::Str("6w".into()))],
        )
        .await
        .unwrap();
    assert!(again.contains("already planned"), "{again}");
    tb.clock
        .set(tb.clock.now() + Duration::weeks(6) - Duration::hours(1));
    tb.run_jobs().await.unwrap();
    assert_eq!(posts(&tb, thread, "Some weeks have passed"), 0);
    tb.stop_bot().await;
    tb.start_bot().await.unwrap();
    tb.clock.set(tb.clock.now() + Duration::hours(2));
    tb.run_jobs().await.unwrap();
    tb.run_jobs().await.unwrap();
    assert_eq!(posts(&tb, thread, "Some weeks have passed"), 1);
    tb.driver
        .post(
            tb.user("cara"),
            thread,
            "It worked: the carer called us first.",
        )
        .expect("the thread is open again for replies");
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_thread_is_private_to_the_team_and_a_renamed_identifier_is_taken_back() {
    let tb = testbed().await;
    let thread = open_case(&tb).await;
    let view = tb.driver.channel(thread).expect("the thread");
    assert!(view.private && view.is_thread());
    let mut expected: Vec<u64> = ["sam", "lee", "alice", "bilal", "cara", "dev"]
        .iter()
        .map(|h| tb.user(h))
        .collect();
    expected.sort_unstable();
    let mut members: Vec<u64> = view
        .members
        .iter()
        .copied()
        .filter(|m| *m != tb.driver.bot_user_id())
        .collect();
    members.sort_unstable();
    assert_eq!(members, expected, "the whole team, and nobody else");

    tb.driver
        .rename_thread(tb.user("cara"), thread, "Falls at home, LS1 4AP")
        .unwrap();
    let told = tb
        .bot_dm_containing("lee", "changed its name back", 0)
        .await
        .unwrap();
    assert!(told.text().contains("a postcode"), "{}", told.text());
    assert!(!told.text().contains("LS1 4AP"));
    support::eventually("the name is back", || async {
        tb.driver.channel(thread).unwrap().name == "Falls at home after a new medicine"
    })
    .await;
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_setup_creates_an_automod_rule_within_discords_limits_that_blocks_identifiers() {
    let mut options = support::options();
    options.config.cases.place_names = vec!["Oak Ward".into(), "Little Snoring".into()];
    let tb = Testbed::start(options).await.unwrap();
    let channel = tb.driver.channel_id("case-discussions").unwrap();
    let refused = tb
        .command_in("alice", channel, "case setup", &[])
        .await
        .unwrap();
    assert!(refused.contains("Only a team lead"), "{refused}");
    let set_up = tb
        .command_in("lee", channel, "case setup", &[])
        .await
        .unwrap();
    assert!(set_up.contains("AutoMod rule"), "{set_up}");
    let rules = tb.driver.automod_rules(tb.driver.guild_id());
    assert_eq!(rules.len(), 1);
    let metadata = &rules[0]["trigger_metadata"];
    let patterns = metadata["regex_patterns"].as_array().unwrap();
    assert!(!patterns.is_empty() && patterns.len() <= 10);
    assert!(
        patterns
            .iter()
            .all(|p| p.as_str().unwrap().chars().count() <= 260)
    );
    let keywords = metadata["keyword_filter"].as_array().unwrap();
    assert_eq!(keywords.len(), 2, "the two place names");
    assert_eq!(rules[0]["actions"][0]["type"], 1, "block the message");

    let thread = open_case(&tb).await;
    let blocked = tb.driver.post(
        tb.user("bilal"),
        thread,
        &format!("NHS {NHS_NUMBER} for the record"),
    );
    assert!(blocked.is_err(), "AutoMod blocks it before it is posted");
    let place = tb
        .driver
        .post(tb.user("bilal"), thread, "She was on Oak Ward last month.");
    assert!(place.is_err(), "a configured place is blocked too");
    let fine = tb.driver.post(
        tb.user("bilal"),
        thread,
        "Her dose was 2.5 mg at 0830; bleep 4432.",
    );
    assert!(fine.is_ok(), "clinical shorthand is not blocked");
    finish(tb).await;
}
