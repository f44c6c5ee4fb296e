//! Where the sandbox's lines come from (the terminal, a pipe or a `--script` file), numbered
//! so a failure can name its line, and the line syntax itself, documented once for
//! `mindlines sandbox --help` and `/help`.

use std::path::Path;

use anyhow::Context as _;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, BufReader, Lines};

/// The line syntax, as `mindlines sandbox --help` and `/help` print it. Scripts are written in
/// it, so it only grows: a line that means something keeps meaning it.
pub const SYNTAX: &str = "\
LINE SYNTAX (the same typed, piped or in a --script file; one action per line)
  TEXT                      send TEXT to the bot as a direct message (waits for its answer)
  /NAME [SUB] key:value …   run the bot's slash command, e.g. /reflect area:Digital,
                            /evidence show id:3, /export format:csv. A value runs to the
                            next key: (spaces allowed). A choice matches its name or value
                            (any case), else a unique prefix, else a unique word.
                            /help lists the commands, their options and choices.
  /bot NAME …               the same, for a bot command the sandbox's own names hide
                            (/bot help is the bot's /help)
  /click LABEL              click the button LABEL (any case; else a unique prefix) on the
                            newest bot message to you that has it, private replies included
                            (and the bot's messages where /in put you)
  /post #NAME TEXT          post TEXT as you in the channel or thread NAME, e.g.
                            /post #case-discussions Shall we talk about Tuesday's fall?
  /post TEXT                the same, where /in put you
  /in #NAME                 run slash commands (and a bare /post) in channel or thread NAME,
                            e.g. /in #case-discussions then /case start title:…
  /in dm                    back to your DM with the bot (where you start); /in alone says
                            where you are
  /channels                 list the channels and threads, with who is in each thread
  /edit TEXT                replace your last message with TEXT, wherever you wrote it (a
                            DM, a channel or a thread)
  /as NAME                  act as NAME; you start as alice
  /who                      list the people you can be
  /time +2d | +3h | +30m    move the simulated clock forward (never back); the jobs run at
                            every hour on the way, so due prompts go out at their time
  /time                     show the simulated time
  /jobs                     run the scheduler and sender now
  /expect TEXT              fail unless something the line before led the bot to do
                            contains TEXT, case included: a message to you, a post in a
                            channel or thread, or a deletion, which reads \"deleted by
                            mindlines\"; if it led to none, the bot's newest message to you
  /help                     this text and the bot's commands
  /quit                     leave (so does the end of the input, or Ctrl-C)
  # …                       a comment; comments and blank lines are skipped

FORMS: when a command (/evidence edit id:1) or a button opens a form, the lines after it
are its fields, one line per field in order, taken as written. An empty line keeps the
field's pre-filled value (or leaves it blank).

CHANNELS AND THREADS: #NAME is a text channel (#general, #case-discussions) or a thread,
by its name in any case or as a slug (the thread \"Case: a fall\" is #case-a-fall); the
newest of a name wins. A private thread takes posts from its members only. A post or edit
that the server's AutoMod blocks is shown (\"⊘ not posted: blocked by AutoMod rule …\") and
is not a failure. The transcript shows messages the bot removes as \"(deleted by
mindlines)\".

FAILURES: a line that fails prints \"  ! why\" and the run goes on. With --strict the run
stops at the first failure and exits 1, naming the line number and the line.

TIME: typed at a terminal, the simulated clock also moves on by the real time between your
lines, so messages are stamped when you sent them. Scripted and piped runs move it only
with /time, so they play the same every time.";

/// A line read, with its number in the input (1-based; blank and comment lines count).
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Line(usize, String),
    /// The input ended.
    End,
    /// Ctrl-C.
    Interrupted,
}

/// The numbered lines of the session's input.
pub struct LineSource {
    lines: Lines<Box<dyn AsyncBufRead + Unpin + Send>>,
    number: usize,
    interactive: bool,
}

impl LineSource {
    /// Standard input; interactive when it is a terminal.
    pub fn stdin() -> LineSource {
        use std::io::IsTerminal as _;
        let interactive = std::io::stdin().is_terminal();
        LineSource::from_reader(Box::new(BufReader::new(tokio::io::stdin())), interactive)
    }

    /// A script file.
    pub async fn file(path: &Path) -> anyhow::Result<LineSource> {
        let file = tokio::fs::File::open(path)
            .await
            .with_context(|| format!("opening the script {}", path.display()))?;
        Ok(LineSource::from_reader(
            Box::new(BufReader::new(file)),
            false,
        ))
    }

    /// Any reader (tests use a string). Not interactive unless said.
    pub fn from_reader(
        reader: Box<dyn AsyncBufRead + Unpin + Send>,
        interactive: bool,
    ) -> LineSource {
        LineSource {
            lines: reader.lines(),
            number: 0,
            interactive,
        }
    }

    /// A person is typing (so the clock may run with real time, and nothing is echoed).
    pub fn interactive(&self) -> bool {
        self.interactive
    }

    /// The next line as written (for form fields: nothing is skipped).
    pub async fn next_raw(&mut self) -> anyhow::Result<Read> {
        tokio::select! {
            line = self.lines.next_line() => Ok(match line.context("reading the input")? {
                Some(line) => {
                    self.number += 1;
                    Read::Line(self.number, line.trim_end_matches('\r').to_owned())
                }
                None => Read::End,
            }),
            // Once this handler is installed Ctrl-C no longer kills the process, so every read
            // listens for it: the sandbox then shuts down and removes its database.
            _ = tokio::signal::ctrl_c() => Ok(Read::Interrupted),
        }
    }

    /// The next line that is an action: trimmed, blank lines and `#` comments skipped.
    pub async fn next_action(&mut self) -> anyhow::Result<Read> {
        loop {
            match self.next_raw().await? {
                Read::Line(number, line) => {
                    let line = line.trim();
                    if !line.is_empty() && !line.starts_with('#') {
                        return Ok(Read::Line(number, line.to_owned()));
                    }
                }
                other => return Ok(other),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn comments_and_blank_lines_are_skipped_but_counted() {
        let text = "# a story\n\n/reflect\n  # indented comment\nhello\n";
        let mut source = LineSource::from_reader(Box::new(text.as_bytes()), false);
        assert_eq!(
            source.next_action().await.unwrap(),
            Read::Line(3, "/reflect".into())
        );
        assert_eq!(
            source.next_action().await.unwrap(),
            Read::Line(5, "hello".into())
        );
        assert_eq!(source.next_action().await.unwrap(), Read::End);
    }

    #[tokio::test]
    async fn form_fields_are_read_as_written() {
        let mut source = LineSource::from_reader(Box::new("# not a comment\n\n".as_bytes()), false);
        assert_eq!(
            source.next_raw().await.unwrap(),
            Read::Line(1, "# not a comment".into())
        );
        assert_eq!(
            source.next_raw().await.unwrap(),
            Read::Line(2, String::new())
        );
    }
}
