//! `mindlines sandbox` run as a person would script it: the real binary, lines on standard
//! input or in a `--script` file, from a folder outside the checkout (so no mindlines.toml or
//! database there is used).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `mindlines sandbox ARGS` in `dir` with `lines` on standard input.
fn sandbox(dir: &Path, args: &[&str], lines: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mindlines"))
        .arg("sandbox")
        .args(args)
        .current_dir(dir)
        .env_remove("MINDLINES_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    child.wait_with_output().expect("the sandbox finishes")
}

fn text(output: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs a script with `--strict` and asserts it played to the end.
fn strict_run(lines: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = sandbox(dir.path(), &["--strict"], lines);
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    (dir, shown)
}

#[test]
fn the_acceptance_story_keeps_a_reply_as_evidence() {
    let (dir, shown) = strict_run(
        "/reflect\n/time +2h\nI learned to ask what matters to her first.\n/evidence list\n",
    );
    assert!(shown.contains("Kept as evidence (entry #1"), "{shown}");
    let listed = shown
        .split("alice> /evidence list")
        .nth(1)
        .unwrap_or_default();
    assert!(
        listed.contains("#1") && listed.contains("I learned to ask what matters to her first."),
        "{shown}"
    );
    // A temporary database, not one in the working folder.
    assert!(!dir.path().join("mindlines.db").exists());
}

#[test]
fn typed_choices_are_mapped_as_a_client_would() {
    let (_dir, shown) = strict_run(
        "/reflect area:Digital\n\
         /expect A **Digital** prompt\n\
         Reading my notes as the patient would changed how I write them.\n\
         /export format:csv\n\
         /expect Sent 1 file(s)\n",
    );
    assert!(!shown.contains("went wrong"), "{shown}");
    assert!(shown.contains(".csv"), "{shown}");
}

#[test]
fn unknown_ambiguous_and_mistyped_options_are_refused_naming_what_is_known() {
    let dir = tempfile::tempdir().unwrap();
    let output = sandbox(
        dir.path(),
        &[],
        "/export format:pdf\n/reflect area:theme\n/evidence show id:abc\n/evidence show id:1 colour:red\n",
    );
    let shown = text(&output);
    assert!(
        output.status.success(),
        "without --strict failures do not stop the run"
    );
    assert!(
        shown.contains("! format: 'pdf' is not one of the choices: All three"),
        "{shown}"
    );
    assert!(
        shown.contains("'theme' could be any of: Wellbeing (theme), Digital (theme)"),
        "{shown}"
    );
    assert!(
        shown.contains("! id: 'abc' is not a whole number"),
        "{shown}"
    );
    assert!(
        shown.contains("has no option 'colour'; it has: id"),
        "{shown}"
    );
}

#[test]
fn a_form_opened_by_a_command_is_filled_from_the_next_lines() {
    let (_dir, shown) = strict_run(
        "/reflect\n\
         I learned to ask what matters to her first.\n\
         /evidence edit id:1\n\
         I now ask what matters to her before anything else.\n\
         /expect Entry #1 updated\n\
         /evidence show id:1\n\
         /expect before anything else\n",
    );
    assert!(shown.contains("form: Edit entry #1"), "{shown}");
    assert!(
        shown.contains(
            "(now \"I learned to ask what matters to her first.\"; an empty line keeps it)"
        ),
        "the pre-filled value is shown: {shown}"
    );
}

#[test]
fn an_empty_form_line_keeps_the_pre_filled_value() {
    let (_dir, shown) = strict_run(
        "/reflect\n\
         I learned to ask what matters to her first.\n\
         /evidence edit id:1\n\
         \n\
         /evidence show id:1\n\
         /expect I learned to ask what matters to her first.\n",
    );
    assert!(shown.contains("form: Edit entry #1"), "{shown}");
}

#[test]
fn a_button_on_a_private_reply_can_be_clicked() {
    let (_dir, shown) = strict_run(
        "/reflect\n\
         I learned to ask what matters to her first.\n\
         /evidence delete id:1\n\
         /click delete\n\
         /expect Entry #1 is deleted\n\
         /evidence list\n\
         /expect No evidence yet\n",
    );
    assert!(shown.contains("[Delete #1] [Keep it]"), "{shown}");
}

/// The path after `file: ` on the transcript line naming `name`.
fn file_path(shown: &str, name: &str) -> PathBuf {
    let line = shown
        .lines()
        .find(|l| l.trim_start().starts_with("file: ") && l.trim_end().ends_with(name))
        .unwrap_or_else(|| panic!("no file line for {name}: {shown}"));
    PathBuf::from(line.trim().trim_start_matches("file: "))
}

#[test]
fn files_the_bot_sends_are_written_where_the_transcript_says() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    let output = sandbox(
        dir.path(),
        &["--strict", "--files", files.to_str().unwrap()],
        "/reflect\nI learned to ask what matters to her first.\n/coverage\n",
    );
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    let chart = file_path(&shown, "coverage.png");
    assert!(chart.starts_with(&files), "{shown}");
    let png = std::fs::read(&chart).expect("the chart exists at the printed path");
    assert!(png.starts_with(b"\x89PNG"), "it is a PNG");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&files).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "only its user can read the folder");
    }
}

#[test]
fn strict_stops_at_the_first_failing_line_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("story.txt");
    std::fs::write(&script, "# a story\n/reflect\n/time -1d\n/as bilal\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_mindlines"))
        .args(["sandbox", "--strict", "--script"])
        .arg(&script)
        .current_dir(dir.path())
        .env_remove("MINDLINES_DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("  ! the clock only moves forward: "),
        "{shown}"
    );
    assert!(shown.contains("line 3 failed: /time -1d"), "{shown}");
    assert!(
        !shown.contains("you are now bilal"),
        "nothing runs after it: {shown}"
    );
}

#[test]
fn an_expectation_that_does_not_hold_fails() {
    let dir = tempfile::tempdir().unwrap();
    let output = sandbox(
        dir.path(),
        &["--strict"],
        "/reflect\n/expect Kept as evidence\n",
    );
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("line 2 failed: /expect Kept as evidence"),
        "{shown}"
    );
}

#[test]
fn help_lists_the_bots_commands_with_their_options_and_choices() {
    let (_dir, shown) = strict_run("/help\n");
    assert!(shown.contains("/evidence edit — "), "{shown}");
    assert!(shown.contains("id: whole number, required"), "{shown}");
    assert!(
        shown.contains("format: one of: All three (Markdown, CSV, JSON) |"),
        "{shown}"
    );
    assert!(shown.contains("LINE SYNTAX"), "{shown}");
}

#[test]
fn a_named_database_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kept.db");
    let url = format!("sqlite://{}", db.display());
    let output = sandbox(dir.path(), &["--strict", "--database", &url], "/reflect\n");
    assert!(output.status.success(), "{}", text(&output));
    assert!(db.exists(), "the named database is kept");
}

#[test]
fn the_check_in_script_plays_through_unattended() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/checkins.sandbox");
    let dir = tempfile::tempdir().unwrap();
    let script = script.to_str().unwrap();
    let output = sandbox(dir.path(), &["--strict", "--script", script], "");
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("Support options"), "{shown}");
    assert!(shown.contains("Check-ins are off"), "{shown}");
    let chart = file_path(&shown, "wellbeing-trend.png");
    assert!(
        chart.exists(),
        "the trend chart was written to {}",
        chart.display()
    );
}

#[test]
fn the_supervision_script_plays_through_unattended() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/supervision.sandbox");
    let dir = tempfile::tempdir().unwrap();
    let script = script.to_str().unwrap();
    let output = sandbox(dir.path(), &["--strict", "--script", script], "");
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("Comment kept"), "{shown}");
    assert!(shown.contains("From your supervisor"), "{shown}");
    let picture = file_path(&shown, "digest-coverage.png");
    assert!(
        picture.exists(),
        "the digest's picture was written to {}",
        picture.display()
    );
}

#[test]
fn the_follow_up_script_plays_through_unattended() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/followups.sandbox");
    let dir = tempfile::tempdir().unwrap();
    let script = script.to_str().unwrap();
    let output = sandbox(dir.path(), &["--strict", "--script", script], "");
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("Six weeks ago you wrote"), "{shown}");
    assert!(shown.contains("linked to entry #1"), "{shown}");
}

#[test]
fn a_post_in_a_channel_is_shown_edited_and_answered_there() {
    let (_dir, shown) = strict_run(
        "/channels\n\
         /post #case-discussions Shall we talk about Tuesday's fall?\n\
         /edit Shall we talk about Wednesday's fall?\n\
         /as bilal\n\
         /in #Case-Discussions\n\
         /post Yes, I can bring the medication history.\n\
         /bot help\n\
         /expect What you can do\n\
         /in dm\n\
         /in\n",
    );
    assert!(shown.contains("  #general\n  #case-discussions"), "{shown}");
    assert!(
        shown.contains("alice → #case-discussions:\n      Shall we talk about Tuesday's fall?"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "alice → #case-discussions (edited):\n      Shall we talk about Wednesday's fall?"
        ),
        "/edit replaces the channel post: {shown}"
    );
    assert!(
        shown
            .contains("bilal → #case-discussions:\n      Yes, I can bring the medication history."),
        "{shown}"
    );
    assert!(shown.contains("you are in your DM with the bot"), "{shown}");
}

#[test]
fn an_unknown_channel_is_refused_naming_the_ones_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let output = sandbox(dir.path(), &["--strict"], "/post #nowhere hello\n");
    let shown = text(&output);
    assert!(!output.status.success(), "{shown}");
    assert!(
        shown.contains(
            "no channel or thread '#nowhere' here; there are: #general, #case-discussions"
        ),
        "{shown}"
    );
}

#[test]
fn edit_changes_the_last_message_wherever_it_was_written() {
    let (_dir, shown) = strict_run(
        "/post #general A note for everyone\n\
         I learned to ask what matters to her first.\n\
         /edit I learned to ask what matters to her before anything else.\n",
    );
    assert!(
        shown.contains("alice → mindlines (DM) (edited):\n      I learned to ask what matters to her before anything else."),
        "the DM was the last message, so it is the one edited: {shown}"
    );
    assert!(!shown.contains("#general (edited)"), "{shown}");
}

/// The transcript names threads under their channel and shows what the bot removed.
#[tokio::test]
async fn the_transcript_places_threads_and_shows_deletions() {
    use mindlines::testbed::transcript::Transcript;
    use mindlines::testbed::{Testbed, TestbedOptions};

    let tb = Testbed::start(TestbedOptions::demo())
        .await
        .expect("testbed");
    let channel = tb.driver.channel_id("case-discussions").expect("channel");
    let alice = tb.user("alice");
    let thread = tb
        .driver
        .create_thread(alice, channel, "Case: a fall", true)
        .expect("thread");
    let posted = tb
        .driver
        .post(alice, thread, "Her NHS number is 943 476 5919")
        .expect("post");
    let mut transcript = Transcript::default();
    transcript.catch_up(&tb);
    let url = format!(
        "{}/api/v10/channels/{thread}/messages/{}",
        tb.sandbox.api_base(),
        posted.id
    );
    let status = reqwest::Client::new()
        .delete(url)
        .header("Authorization", "Bot sandbox")
        .send()
        .await
        .expect("delete")
        .status();
    assert_eq!(status.as_u16(), 204);
    let shown = transcript.catch_up(&tb);
    assert_eq!(shown, vec![posted.id], "the deletion is shown once");
    assert!(transcript.catch_up(&tb).is_empty());
    let lines = transcript.lines().join("\n");
    assert!(
        lines.contains("alice → #case-discussions › Case: a fall:\n      Her NHS number"),
        "{lines}"
    );
    assert!(
        lines.ends_with("alice → #case-discussions › Case: a fall (deleted by mindlines)"),
        "{lines}"
    );
    tb.shutdown().await;
}

#[test]
fn the_case_script_plays_through_unattended() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/case.sandbox");
    let dir = tempfile::tempdir().unwrap();
    let script = script.to_str().unwrap();
    let output = sandbox(dir.path(), &["--strict", "--script", script], "");
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("deleted by mindlines"), "{shown}");
    assert!(shown.contains("[NHS number removed]"), "{shown}");
    assert!(shown.contains("source: case discussion"), "{shown}");
}

#[test]
fn the_data_rights_script_plays_through_unattended() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/mydata.sandbox");
    let dir = tempfile::tempdir().unwrap();
    let script = script.to_str().unwrap();
    let output = sandbox(dir.path(), &["--strict", "--script", script], "");
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("not legally privileged"), "{shown}");
    // The transcript names each file it wrote: the JSON and the Markdown.
    let files: Vec<&str> = shown
        .lines()
        .filter(|l| l.trim_start().starts_with("file: ") && l.contains("mindlines-my-data-"))
        .collect();
    assert_eq!(files.len(), 2, "{shown}");
}
