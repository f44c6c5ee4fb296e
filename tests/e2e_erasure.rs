//! `/mydata erase` end to end, through the real bot and the local workspace: two private
//! confirmations, then everything of the member is gone and the ledger has them; Cancel and a
//! confirmation left past its 15 minutes erase nothing.

#[path = "e2e/support.rs"]
mod support;

use chrono::Duration;
use mindlines::domain::member::DiscordId;
use mindlines::store::ChainReport;
use mindlines::testbed::Testbed;
use support::{finish, testbed};

/// `/mydata erase` as `handle`; returns the private question once it is shown.
async fn ask(tb: &Testbed, handle: &str) -> mindlines::sandbox::MessageView {
    let asked = tb.command(handle, "mydata erase", &[]).await.unwrap();
    assert!(
        asked.contains("Erase everything mindlines holds about you?"),
        "{asked}"
    );
    assert!(asked.contains("Only you can see this"), "{asked}");
    let question = tb.newest_with_button(handle, "Continue to erase").unwrap();
    assert_eq!(question.visible_to, Some(tb.user(handle)), "private");
    question
}

/// Clicks `label` on `message` and returns the message as the bot rewrote it.
async fn press(
    tb: &Testbed,
    handle: &str,
    message: &mindlines::sandbox::MessageView,
    label: &str,
) -> mindlines::sandbox::MessageView {
    tb.click(handle, message.id, label).unwrap();
    tb.rewritten(message).await.unwrap()
}

async fn still_there(tb: &Testbed, handle: &str) -> bool {
    let id = DiscordId(tb.user(handle));
    tb.store.member(id).await.unwrap().is_some()
        && tb.store.wellbeing_of(id).await.unwrap().is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_confirms_twice_and_everything_of_theirs_is_erased() {
    let tb = testbed().await;
    tb.opt_in_to_checkins("alice").await.unwrap();
    tb.opt_in_to_checkins("bilal").await.unwrap();
    let alice = DiscordId(tb.user("alice"));

    let first = ask(&tb, "alice").await;
    let second = press(&tb, "alice", &first, "Continue to erase").await;
    assert!(second.text().contains("Last step"), "{}", second.text());
    assert!(still_there(&tb, "alice").await, "one click erases nothing");
    let done = press(&tb, "alice", &second, "Erase everything now").await;
    assert!(done.text().starts_with("Done."), "{}", done.text());
    assert!(done.button_labels().is_empty(), "nothing left to press");

    assert!(tb.store.member(alice).await.unwrap().is_none());
    assert!(tb.store.wellbeing_of(alice).await.unwrap().is_none());
    assert!(
        tb.store
            .audit_entries_about(alice)
            .await
            .unwrap()
            .is_empty()
    );
    let ledger = tb.store.erasures().await.unwrap();
    assert_eq!(
        ledger.iter().map(|e| e.member).collect::<Vec<_>>(),
        vec![alice]
    );
    assert!(matches!(
        tb.store.verify_audit_chain().await.unwrap(),
        ChainReport::Intact { .. }
    ));
    assert!(still_there(&tb, "bilal").await, "bilal untouched");
    // Afterwards the bot says why it holds nothing, rather than inviting her to join.
    for command in ["help", "reflect"] {
        let said = tb.command("alice", command, &[]).await.unwrap();
        assert!(
            said.contains("erased at your request"),
            "/{command}: {said}"
        );
        assert!(
            !said.contains("Ask your programme admin to add you"),
            "{said}"
        );
    }
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_or_an_expired_confirmation_erases_nothing() {
    let tb = testbed().await;
    tb.opt_in_to_checkins("alice").await.unwrap();

    let first = ask(&tb, "alice").await;
    let cancelled = press(&tb, "alice", &first, "Cancel").await;
    assert_eq!(cancelled.text(), "Cancelled. Nothing was erased.");

    let first = ask(&tb, "alice").await;
    let second = press(&tb, "alice", &first, "Continue to erase").await;
    let cancelled = press(&tb, "alice", &second, "Cancel").await;
    assert!(cancelled.text().contains("Nothing was erased"));

    // The last step left open past its 15 minutes.
    let first = ask(&tb, "alice").await;
    let second = press(&tb, "alice", &first, "Continue to erase").await;
    tb.clock.advance(Duration::minutes(16));
    let expired = press(&tb, "alice", &second, "Erase everything now").await;
    assert!(
        expired.text().contains("expired, so nothing was erased"),
        "{}",
        expired.text()
    );

    // And the first.
    let first = ask(&tb, "alice").await;
    tb.clock.advance(Duration::minutes(16));
    let expired = press(&tb, "alice", &first, "Continue to erase").await;
    assert!(expired.text().contains("nothing was erased"));

    assert!(still_there(&tb, "alice").await);
    assert!(tb.store.erasures().await.unwrap().is_empty());
    finish(tb).await;
}
