//! A readable transcript of a testbed story: who said what, where, at what simulated time.
//! Messages are shown once, again when edited, and once more when deleted ("(deleted by
//! mindlines)"), so a reader sees a message the bot removed. Guild messages are placed by
//! channel name, threads under their channel (`#case-discussions › Case: a fall`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono_tz::Europe::London;

use super::Testbed;
use super::files::FileFolder;
use crate::clock::Clock;
use crate::sandbox::{MessageFilter, MessageView};

/// Collects the story as it happens; prints each line as it is added.
#[derive(Default)]
pub struct Transcript {
    /// Message id → the text last shown, to show edits once.
    shown: BTreeMap<u64, String>,
    lines: Vec<String>,
    echo: bool,
    /// Where the bot's attachments are written; `None`: they are only named.
    files: Option<FileFolder>,
}

impl Transcript {
    /// A transcript that also prints each line to stdout as it is added.
    pub fn printing() -> Transcript {
        Transcript {
            echo: true,
            ..Transcript::default()
        }
    }

    /// Also writes every file the bot sends into `folder`, and shows each one's path.
    pub fn with_files(mut self, folder: FileFolder) -> Transcript {
        self.files = Some(folder);
        self
    }

    /// The folder files are written to, if any.
    pub fn files(&self) -> Option<&FileFolder> {
        self.files.as_ref()
    }

    /// Every line so far.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// A heading for the next part of the story.
    pub fn scene(&mut self, testbed: &Testbed, title: &str) {
        self.push(String::new());
        self.push(format!("── {} · {title}", time_label(testbed)));
    }

    /// Something a person did that is not a message (a slash command, a click).
    pub fn action(&mut self, testbed: &Testbed, who: &str, what: &str) {
        self.push(format!("[{}] {who} {what}", time_label(testbed)));
    }

    /// A note from the narrator.
    pub fn note(&mut self, text: &str) {
        self.push(format!("   · {text}"));
    }

    /// Shows every message (edit, deletion) the transcript has not shown yet, oldest first;
    /// returns their ids.
    pub fn catch_up(&mut self, testbed: &Testbed) -> Vec<u64> {
        let mut shown = Vec::new();
        let everything = MessageFilter::any().by_anyone().including_deleted();
        let mut messages = testbed.driver.messages(&everything);
        messages.sort_by_key(|m| m.id);
        for message in messages {
            let text = message.text();
            // A deletion is a change of its own: the key remembers it, so it shows once.
            let key = if message.deleted {
                format!("{text}\u{0}deleted")
            } else {
                text.clone()
            };
            if self.shown.get(&message.id) == Some(&key)
                || (text.trim().is_empty() && message.deferred)
            {
                continue;
            }
            let seen = self.shown.insert(message.id, key).is_some();
            let mut line = if message.deleted {
                // Shown before: the text is just above; else show what was removed.
                let body = if seen { "" } else { text.as_str() };
                render(testbed, &message, body, Change::Deleted)
            } else {
                let change = if seen { Change::Edited } else { Change::New };
                render(testbed, &message, &text, change)
            };
            for attachment in &message.attachments {
                let _ = write!(line, "\n      {}", self.file_line(testbed, attachment));
            }
            self.push(line);
            shown.push(message.id);
        }
        shown
    }

    /// "file: PATH" once written, else the file's name (and why it was not written).
    fn file_line(&mut self, testbed: &Testbed, attachment: &serde_json::Value) -> String {
        let name = attachment["filename"].as_str().unwrap_or("a file");
        match self.files.as_mut() {
            None => format!("file: {name}"),
            Some(folder) => match folder.write(&testbed.driver, attachment) {
                Ok(path) => format!("file: {}", path.display()),
                Err(error) => format!("file: {name} (not written: {error:#})"),
            },
        }
    }

    fn push(&mut self, line: String) {
        if self.echo {
            println!("{line}");
        }
        self.lines.push(line);
    }
}

fn time_label(testbed: &Testbed) -> String {
    testbed
        .clock
        .now()
        .with_timezone(&London)
        .format("%a %d %b %H:%M")
        .to_string()
}

/// What a line shows about a message.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    New,
    Edited,
    Deleted,
}

fn render(testbed: &Testbed, message: &MessageView, text: &str, change: Change) -> String {
    let who = name_of(testbed, message.author_id);
    let place = place_label(testbed, message);
    let mut line = format!("[{}] {who} → {place}", time_label(testbed));
    if message.ephemeral {
        line.push_str(" (only they can see this)");
    }
    match change {
        Change::New => {}
        Change::Edited => line.push_str(" (edited)"),
        Change::Deleted => {
            let by = message.deleted_by.map(|id| name_of(testbed, id));
            let _ = write!(line, " (deleted by {})", by.as_deref().unwrap_or("someone"));
        }
    }
    if text.is_empty() {
        return line;
    }
    line.push(':');
    for text_line in text.lines() {
        let _ = write!(line, "\n      {text_line}");
    }
    let buttons = message.button_labels();
    if !buttons.is_empty() {
        let _ = write!(line, "\n      [{}]", buttons.join("] ["));
    }
    line
}

fn place_label(testbed: &Testbed, message: &MessageView) -> String {
    if message.guild_id.is_none() && message.author_id != testbed.driver.bot_user_id() {
        return "mindlines (DM)".to_owned();
    }
    if message.guild_id.is_none() {
        for (handle, id) in &testbed.users {
            if testbed.driver.dm_channel(*id) == message.channel_id {
                return format!("DM with {handle}");
            }
        }
        if let Some(user) = message.visible_to {
            return testbed.handle_of(user).unwrap_or("someone").to_owned();
        }
        return "a DM".to_owned();
    }
    match message.visible_to {
        Some(user) => testbed.handle_of(user).unwrap_or("someone").to_owned(),
        None => channel_label(testbed, message.channel_id),
    }
}

/// `#general`, or a thread under its channel: `#case-discussions › Case: a fall`.
pub fn channel_label(testbed: &Testbed, channel: u64) -> String {
    let driver = &testbed.driver;
    let Some(place) = driver.channel(channel) else {
        return format!("channel {channel}");
    };
    match place.parent_id.and_then(|p| driver.channel(p)) {
        Some(parent) => format!("#{} › {}", parent.name, place.name),
        None => format!("#{}", place.name),
    }
}

/// "mindlines" for the bot, else the cohort handle.
fn name_of(testbed: &Testbed, user: u64) -> String {
    if user == testbed.driver.bot_user_id() {
        return "mindlines".to_owned();
    }
    testbed.handle_of(user).unwrap_or("someone").to_owned()
}
