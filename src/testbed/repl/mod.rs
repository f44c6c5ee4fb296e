//! `mindlines sandbox`: the testbed, driven line by line. You act as any member of the cohort,
//! talk to the real bot, run its slash commands, click its buttons, fill its forms and move the
//! clock — typed at a terminal, piped in, or from a `--script` file, in one line syntax
//! ([`SYNTAX`]). You write to the bot in DMs and post in the guild's channels and threads.
//! Each line runs to its end (the bot's answer, or quiet) before the next, so a script plays
//! the same every time.
//!
//! - [`script`]: where lines come from, and the syntax.
//! - [`places`]: channels and threads: `/post`, `/in`, `/channels`, `/edit` anywhere.
//! - [`expect`]: `/expect`, checking what the line before led the bot to do.
//! - [`slash`]: slash lines checked and typed against the registered commands.
//! - [`forms`]: buttons, forms, and waiting for what an interaction led to.
//! - [`time`]: `/time`, and the clock running with real time at a terminal.

mod expect;
pub mod forms;
pub mod places;
pub mod script;
pub mod slash;
pub mod time;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;

pub use script::{LineSource, Read, SYNTAX};

use super::Testbed;
use super::files::FileFolder;
use super::transcript::Transcript;
use crate::sandbox::Place;

/// How a session runs.
pub struct ReplOptions {
    pub input: LineSource,
    /// Where the files the bot sends are written.
    pub files: FileFolder,
    /// Stop at the first line that fails.
    pub strict: bool,
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplEnd {
    /// `/quit` or the end of the input.
    Finished,
    /// Ctrl-C.
    Interrupted,
    /// Under `strict`, the first line that failed: its number, its text and why.
    Failed {
        line: usize,
        text: String,
        error: String,
    },
}

/// How long the bot may stay busy after a line before the next one runs anyway.
const SETTLE_LIMIT: Duration = Duration::from_secs(3);
/// The bot counts as done when it has made no REST call for this long.
const QUIET: Duration = Duration::from_millis(150);

/// Runs the session until `/quit`, the end of the input or Ctrl-C, then shuts the testbed down
/// (which removes a temporary database).
pub async fn run_repl(testbed: Testbed, options: ReplOptions) -> anyhow::Result<ReplEnd> {
    let ReplOptions {
        mut input,
        files,
        strict,
    } = options;
    let interactive = input.interactive();
    println!(
        "Files the bot sends are written to {}",
        files.dir().display()
    );
    let testbed = Arc::new(Mutex::new(testbed));
    let transcript = Arc::new(Mutex::new(Transcript::printing().with_files(files)));
    // At a terminal, prompts that arrive while you think are shown as they come; a script
    // shows everything after the line that caused it, in order.
    let watcher = interactive.then(|| spawn_watcher(testbed.clone(), transcript.clone()));
    let mut me = first_trainee(&*testbed.lock().await);
    if interactive {
        println!("You are {me}, in a local workspace with the real mindlines bot.");
        println!("Type /help for what you can do. Try: /reflect   or   /time +1d");
    }
    let mut pacer = interactive.then(time::Pacer::starting_now);
    // Where slash commands (and a bare /post) go: a channel or thread, else the DM.
    let mut here: Option<u64> = None;
    // What the previous line led to, for /expect.
    let mut recent: Vec<u64> = Vec::new();
    let end = loop {
        let (number, line) = match input.next_action().await? {
            Read::Line(number, line) => (number, line),
            Read::End => break ReplEnd::Finished,
            Read::Interrupted => break ReplEnd::Interrupted,
        };
        if line == "/quit" || line == "/exit" {
            break ReplEnd::Finished;
        }
        let tb = testbed.lock().await;
        if let Some(pacer) = pacer.as_mut() {
            pacer.catch_up(&tb);
        }
        if !interactive {
            println!("\n[{}] {me}> {line}", time::now_label(&tb));
        }
        let outcome = match line.strip_prefix("/expect") {
            Some(text) if text.is_empty() || text.starts_with(' ') => {
                expect::expect(&tb, &me, text.trim(), &recent)
            }
            _ => {
                let outcome = handle(&tb, &mut me, &mut here, &line, &mut input).await;
                settle(&tb).await;
                recent = transcript.lock().await.catch_up(&tb);
                outcome
            }
        };
        drop(tb);
        if let Err(error) = outcome {
            println!("  ! {error:#}");
            if strict {
                break ReplEnd::Failed {
                    line: number,
                    text: line,
                    error: format!("{error:#}"),
                };
            }
        }
    };
    if let Some(watcher) = watcher {
        watcher.abort();
        let _ = watcher.await;
    }
    let testbed = Arc::try_unwrap(testbed)
        .map_err(|_| anyhow::anyhow!("testbed still shared"))?
        .into_inner();
    testbed.shutdown().await;
    Ok(end)
}

fn first_trainee(tb: &Testbed) -> String {
    tb.users
        .iter()
        .find(|(h, _)| h == "alice")
        .or(tb.users.first())
        .map(|(h, _)| h.clone())
        .unwrap_or_default()
}

/// Prints what the bot sends as it arrives.
fn spawn_watcher(
    testbed: Arc<Mutex<Testbed>>,
    transcript: Arc<Mutex<Transcript>>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let tb = testbed.lock().await;
            transcript.lock().await.catch_up(&tb);
        }
    })
}

/// Waits until the bot has no REST call in flight and has started none for [`QUIET`], so
/// what a line set off (a follow-up, an edit) is shown with it. Bounded by [`SETTLE_LIMIT`].
async fn settle(tb: &Testbed) {
    let deadline = tokio::time::Instant::now() + SETTLE_LIMIT;
    let busy = || {
        let calls = tb.driver.rest_calls();
        (calls.len(), calls.iter().any(|c| c.status == 0))
    };
    let mut last = busy();
    loop {
        tokio::time::sleep(QUIET).await;
        let now = busy();
        if (now == last && !now.1) || tokio::time::Instant::now() > deadline {
            return;
        }
        last = now;
    }
}

async fn handle(
    tb: &Testbed,
    me: &mut String,
    here: &mut Option<u64>,
    line: &str,
    input: &mut LineSource,
) -> anyhow::Result<()> {
    let Some(command) = line.strip_prefix('/') else {
        return dm(tb, me, line).await;
    };
    let outcome = dispatch(tb, me, here, command, input).await;
    // Production wakes the sender when something is queued (e.g. by /reflect); so does this.
    tb.run_jobs().await?;
    outcome
}

async fn dispatch(
    tb: &Testbed,
    me: &mut String,
    here: &mut Option<u64>,
    command: &str,
    input: &mut LineSource,
) -> anyhow::Result<()> {
    let (name, rest) = command.split_once(' ').unwrap_or((command, ""));
    let rest = rest.trim();
    let place = here.map_or(Place::Dm, Place::Channel);
    match name {
        "help" => println!("{SYNTAX}\n\n{}", slash::describe_commands(tb)),
        "who" => who(tb, me),
        "as" => switch(tb, me, rest)?,
        "edit" => places::edit_last(tb, me, rest).await?,
        "post" => places::post(tb, me, *here, rest).await?,
        "in" => places::choose(tb, here, rest)?,
        "channels" => places::list(tb),
        "click" => click(tb, me, *here, rest, input).await?,
        "time" => time::advance(tb, rest).await?,
        "jobs" => run_jobs(tb).await?,
        "bot" => slash_command(tb, me, place, rest, input).await?,
        _ => slash_command(tb, me, place, command, input).await?,
    }
    Ok(())
}

/// A DM to the bot; waits for its answer (every DM from a cohort member gets one).
async fn dm(tb: &Testbed, me: &str, text: &str) -> anyhow::Result<()> {
    let sent = tb.dm(me, text)?;
    tb.bot_dm_containing(me, "", sent.id).await?;
    Ok(())
}

/// What the production job loop would do when woken: schedule, send, retry.
async fn run_jobs(tb: &Testbed) -> anyhow::Result<()> {
    let report = tb.run_jobs().await?;
    let sent = report.sent;
    println!(
        "  jobs: {} prompt(s), {} check-in(s), {} digest(s) queued; {} message(s) sent, {} retrying, {} unreachable",
        report.scheduled.recorded,
        report.checkins_queued,
        report.digests_queued,
        sent.sent,
        sent.retrying,
        sent.unreachable
    );
    Ok(())
}

fn who(tb: &Testbed, me: &str) {
    for (handle, _) in &tb.users {
        let marker = if handle == me { "  ← you" } else { "" };
        println!("  {handle}{marker}");
    }
}

fn switch(tb: &Testbed, me: &mut String, handle: &str) -> anyhow::Result<()> {
    let handle = handle.trim().to_lowercase();
    anyhow::ensure!(
        tb.users.iter().any(|(h, _)| *h == handle),
        "no one called '{handle}' here (try /who)"
    );
    println!("  you are now {handle}");
    *me = handle;
    Ok(())
}

async fn click(
    tb: &Testbed,
    me: &str,
    here: Option<u64>,
    label: &str,
    input: &mut LineSource,
) -> anyhow::Result<()> {
    let user = tb.user(me);
    let (message, label) = forms::find_button(tb, user, here, label)?;
    let interaction = tb.click(me, message, &label)?;
    forms::follow_through(tb, user, interaction, input).await
}

/// A slash command, typed and checked as a client would, then followed to its end (forms
/// included).
async fn slash_command(
    tb: &Testbed,
    me: &str,
    place: Place,
    line: &str,
    input: &mut LineSource,
) -> anyhow::Result<()> {
    let (name, typed) = slash::parse_slash(line);
    let (path, options) = slash::resolve(tb, &name, &typed)?;
    let options: Vec<(&str, _)> = options
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let user = tb.user(me);
    let interaction = tb
        .driver
        .slash_command(user, place, &path, &options)
        .map_err(|e| anyhow::anyhow!("/{path}: {e}"))?;
    forms::follow_through(tb, user, interaction, input).await
}
