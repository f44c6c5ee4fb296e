//! `mindlines sandbox`: the testbed, interactive in the terminal. You act as any member of the
//! cohort, talk to the real bot, click its buttons, fill its forms and move the clock.

use std::sync::Arc;

use chrono::Duration;
use tokio::io::{AsyncBufReadExt, BufReader, Lines, Stdin};
use tokio::sync::Mutex;

use super::Testbed;
use super::transcript::Transcript;
use crate::clock::Clock;
use crate::sandbox::OptionValue;

const HELP: &str = "\
You are in a local Discord-compatible workspace with the real mindlines bot.
  /who                 list the people you can be
  /as NAME             act as NAME (e.g. /as alice)
  TEXT                 send TEXT to the bot as a direct message
  /edit TEXT           replace your last message with TEXT
  /click LABEL         click the button LABEL on the bot's latest message to you
  /time +2d | +3h | +30m   move the simulated clock forward (due prompts go out)
  /jobs                run the scheduler and sender now
  /NAME key:value …    run the bot's slash command NAME (e.g. /reflect area:Digital (theme))
  /bot help            the bot's own /help
  /help                this list
  /quit                leave
When a button opens a form, you are asked for each field in turn (an empty line leaves it blank).";

/// Runs the interactive session until `/quit` or end of input.
pub async fn run_repl(testbed: Testbed) -> anyhow::Result<()> {
    let testbed = Arc::new(Mutex::new(testbed));
    let transcript = Arc::new(Mutex::new(Transcript::printing()));
    let watcher = spawn_watcher(testbed.clone(), transcript.clone());
    println!("{HELP}\n");
    let mut me = first_trainee(&*testbed.lock().await);
    println!("You are {me}. Try: /reflect   or   /time +1d");
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Some(line) = lines.next_line().await? {
        let line = line.trim().to_owned();
        if line.is_empty() {
            continue;
        }
        if line == "/quit" || line == "/exit" {
            break;
        }
        let tb = testbed.lock().await;
        if let Err(error) = handle(&tb, &mut me, &line, &mut lines).await {
            println!("  ! {error:#}");
        }
        drop(tb);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        transcript.lock().await.catch_up(&*testbed.lock().await);
    }
    watcher.abort();
    let testbed = Arc::try_unwrap(testbed)
        .map_err(|_| anyhow::anyhow!("testbed still shared"))?
        .into_inner();
    testbed.shutdown().await;
    Ok(())
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
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            let tb = testbed.lock().await;
            transcript.lock().await.catch_up(&tb);
        }
    })
}

async fn handle(
    tb: &Testbed,
    me: &mut String,
    line: &str,
    input: &mut Lines<BufReader<Stdin>>,
) -> anyhow::Result<()> {
    let Some(command) = line.strip_prefix('/') else {
        tb.dm(me, line)?;
        return Ok(());
    };
    let outcome = dispatch(tb, me, command, input).await;
    // Production wakes the sender when something is queued (e.g. by /reflect); so does this.
    tb.run_jobs().await?;
    outcome
}

async fn dispatch(
    tb: &Testbed,
    me: &mut String,
    command: &str,
    input: &mut Lines<BufReader<Stdin>>,
) -> anyhow::Result<()> {
    let (name, rest) = command.split_once(' ').unwrap_or((command, ""));
    match name {
        "help" => println!("{HELP}"),
        "who" => who(tb, me),
        "as" => switch(tb, me, rest)?,
        "edit" => edit_last(tb, me, rest)?,
        "click" => click(tb, me, rest, input).await?,
        "time" => advance(tb, rest).await?,
        "jobs" => run_jobs(tb).await?,
        "bot" => slash(tb, me, rest).await?,
        _ => slash(tb, me, command).await?,
    }
    Ok(())
}

/// What the production job loop would do when woken: schedule, send, retry.
async fn run_jobs(tb: &Testbed) -> anyhow::Result<()> {
    let report = tb.run_jobs().await?;
    let sent = report.sent;
    println!(
        "  jobs: {} prompt(s) scheduled, {} sent, {} retrying, {} unreachable",
        report.scheduled.recorded, sent.sent, sent.retrying, sent.unreachable
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

fn edit_last(tb: &Testbed, me: &str, text: &str) -> anyhow::Result<()> {
    let user = tb.user(me);
    let filter = crate::sandbox::MessageFilter::in_channel(tb.driver.dm_channel(user)).by(user);
    let last = tb.driver.messages(&filter).into_iter().max_by_key(|m| m.id);
    let last = last.ok_or_else(|| anyhow::anyhow!("you have not written anything yet"))?;
    tb.driver
        .edit(user, last.id, text)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}

async fn click(
    tb: &Testbed,
    me: &str,
    label: &str,
    input: &mut Lines<BufReader<Stdin>>,
) -> anyhow::Result<()> {
    let prompt = tb.latest_prompt(me)?;
    let interaction = tb.click(me, prompt.id, label.trim())?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let Ok(modal) = tb
        .driver
        .wait_for_modal(interaction, std::time::Duration::from_millis(500))
        .await
    else {
        return Ok(()); // Not a form: the bot's answer shows up in the transcript.
    };
    println!("  form: {}", modal.title);
    let mut answers = Vec::new();
    for field in &modal.fields {
        println!("  {}:", field.label);
        answers.push(input.next_line().await?.unwrap_or_default());
    }
    let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
    tb.submit(me, &modal, &answers).await?;
    Ok(())
}

async fn advance(tb: &Testbed, by: &str) -> anyhow::Result<()> {
    let by = by.trim().trim_start_matches('+');
    let (number, unit) = by.split_at(by.len().saturating_sub(1));
    let n: i64 = number
        .parse()
        .map_err(|_| anyhow::anyhow!("say how far, e.g. /time +2d, +3h or +30m"))?;
    let step = match unit {
        "d" => Duration::days(n),
        "h" => Duration::hours(n),
        "m" => Duration::minutes(n),
        _ => anyhow::bail!("use d, h or m, e.g. /time +2d"),
    };
    // Move in hour-sized steps so every due prompt goes out at its own time.
    let target = tb.clock.now() + step;
    while tb.clock.now() < target {
        let next = (tb.clock.now() + Duration::hours(1)).min(target);
        tb.clock.set(next);
        tb.run_jobs().await?;
    }
    println!(
        "  the time is now {}",
        tb.clock
            .now()
            .with_timezone(&chrono_tz::Europe::London)
            .format("%a %d %b %H:%M")
    );
    Ok(())
}

async fn slash(tb: &Testbed, me: &str, command: &str) -> anyhow::Result<()> {
    let (name, options) = parse_slash(command);
    let options: Vec<(&str, OptionValue)> = options
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    // Like a Discord client: choices are picked by name, the bot's answer is awaited.
    tb.command(me, &name, &options).await?;
    Ok(())
}

/// `evidence show id:3` → ("evidence show", [("id", Int(3))]). A value runs to the next `key:`.
pub fn parse_slash(command: &str) -> (String, Vec<(String, OptionValue)>) {
    let mut name = Vec::new();
    let mut options: Vec<(String, String)> = Vec::new();
    for word in command.split_whitespace() {
        match word.split_once(':') {
            Some((key, value))
                if !key.is_empty()
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                options.push((key.to_owned(), value.to_owned()));
            }
            _ if options.is_empty() => name.push(word),
            _ => {
                let last = options.last_mut().expect("checked non-empty");
                last.1 = format!("{} {word}", last.1);
            }
        }
    }
    let typed = options
        .into_iter()
        .map(|(k, v)| {
            let value = match v.parse::<i64>() {
                Ok(n) => OptionValue::Int(n),
                Err(_) => OptionValue::Str(v),
            };
            (k, value)
        })
        .collect();
    (name.join(" "), typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_lines_split_into_name_and_options() {
        let (name, options) = parse_slash("reflect area:Digital (theme)");
        assert_eq!(name, "reflect");
        assert_eq!(options.len(), 1);
        assert!(matches!(&options[0].1, OptionValue::Str(s) if s == "Digital (theme)"));
        let (name, options) = parse_slash("evidence show id:12");
        assert_eq!(name, "evidence show");
        assert!(matches!(options[0].1, OptionValue::Int(12)));
    }
}
