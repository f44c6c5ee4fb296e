//! The command line: what each subcommand does is in its `///` help, which clap prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::app::library::LibrarySource;
use crate::config::Config;

mod bench;
mod demo;
mod export;
mod keys;
mod member;
mod pii;
mod prompts;
mod records;
mod roster;
mod run;
mod sandbox;
mod wellbeing;

pub use keys::KeysCommand;
pub use member::MemberCommand;

/// mindlines — calm, curriculum-aware reflective prompts for the NHS enhance programme,
/// delivered on Discord.
#[derive(Debug, Parser)]
#[command(name = "mindlines", version, about, long_about = None)]
pub struct Cli {
    /// Settings file (default: ./mindlines.toml when present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Watch the whole product work in a minute: a local Discord-compatible workspace, a small
    /// cohort and the real bot, played as a story with simulated time. Needs no Discord account.
    Demo {
        /// Write the files the bot sends (the coverage chart, exports) here (default: a fresh
        /// private folder under the system temp dir; the transcript names each file).
        #[arg(long, value_name = "DIR")]
        files: Option<PathBuf>,
    },
    /// The same local workspace and bot, interactive or scripted: act as any member, DM the
    /// bot, run its slash commands, click its buttons, fill its forms, move the clock.
    #[command(
        long_about = "The same local workspace and bot, interactive or scripted: act as any member \
                      of a small cohort, DM the bot, run its slash commands, click its buttons \
                      (private replies' too), fill its forms and move the simulated clock.\n\n\
                      At a terminal it is a REPL (type /help). With --script FILE, or with \
                      lines piped to standard input, the same lines run unattended and the \
                      transcript is printed; the exit code is 0 at the end of the input, or \
                      (with --strict) 1 at the first line that fails.\n\n\
                      The database is temporary (a private folder, removed at the end and on \
                      Ctrl-C) unless --database or MINDLINES_DATABASE_URL names one.",
        after_help = crate::testbed::repl::SYNTAX
    )]
    Sandbox(SandboxArgs),
    /// Measure delivery through the local workspace (figures for docs/benchmarks.md).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Run the bot against Discord (needs a bot token; see `mindlines demo` to try it without one).
    Run,
    /// Apply database migrations (the bot also does this when it starts).
    Migrate,
    /// Write a member's evidence as Markdown (grouped by domain, ready for an e-portfolio),
    /// CSV or JSON, to standard output or a file.
    Export {
        /// The member's Discord user id.
        #[arg(long)]
        member: String,
        /// md, csv or json.
        #[arg(long, default_value = "md")]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Import and list the programme's members.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// One member: their data (for a data request) and their place on the programme.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Check and browse the prompt library.
    #[command(subcommand)]
    Prompts(PromptsCommand),
    /// Try the wellbeing check-in's rules on your own examples.
    #[command(subcommand)]
    Wellbeing(WellbeingCommand),
    /// Try the case threads' anonymisation scanner on your own examples.
    #[command(subcommand)]
    Pii(PiiCommand),
    /// The master key that protects members' text at rest (stop the bot before rotating).
    #[command(subcommand)]
    Keys(KeysCommand),
    /// The audit log of who did what to whose data.
    #[command(subcommand)]
    Audit(records::AuditCommand),
    /// The erasure ledger, for PostgreSQL dumps: save it, and re-apply it after pg_restore.
    #[command(subcommand)]
    Erasures(records::ErasuresCommand),
    /// Write a consistent copy of the SQLite database to a new FILE (mode 0600), without the
    /// master key. For PostgreSQL, see pg_dump in deploy/README.md.
    Backup(records::BackupArgs),
    /// Replace the SQLite database with a backup, re-applying the erasure ledger (the current
    /// database's, and --ledger's) so nobody erased since comes back. Stop the bot first.
    Restore(records::RestoreArgs),
    /// Inspect the effective settings.
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// `mindlines sandbox` options.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Run the lines of FILE unattended instead of reading standard input.
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Stop at the first line that fails and exit 1, naming the line.
    #[arg(long)]
    pub strict: bool,
    /// Write the files the bot sends here (default: a fresh private folder under the system
    /// temp dir; the transcript names each file).
    #[arg(long, value_name = "DIR")]
    pub files: Option<PathBuf>,
    /// Keep the sandbox's data in this database (e.g. sqlite://sandbox.db) instead of a
    /// temporary one. Only this flag or the variable set explicitly does; the `database.url`
    /// setting does not.
    #[arg(long, value_name = "URL", env = "MINDLINES_DATABASE_URL")]
    pub database: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum WellbeingCommand {
    /// Run the risk-language screen over JSON lines {"id": …, "text": "…"} and print one line
    /// {"id": …, "risk": true|false, "patterns": [ids]} for each. The text is never printed, not
    /// even for a malformed line (which is named by its number, and makes the exit code fail).
    Screen {
        /// The JSON-lines file (default: standard input).
        file: Option<PathBuf>,
        /// The library folder (default: what the bot would use: the `prompts.dir` setting, or
        /// the library built into mindlines when that is empty).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PiiCommand {
    /// Scan JSON lines {"id": …, "text": "…"} for patient identifiers and print one line
    /// {"id": …, "spans": [{"start": S, "end": E, "type": T}]} for each: offsets in Unicode code
    /// points, half-open; T one of NHS_NUMBER, DATE_OF_BIRTH, POSTCODE, PHONE, EMAIL, NINO,
    /// PERSON_TITLE_NAME, PLACE. Blank lines are skipped. The text is never printed. The first
    /// malformed line (not JSON, or without "id" and a string "text") stops the scan: it is
    /// named by its number on standard error, nothing is written for it or the lines after it,
    /// and the exit code fails.
    Scan {
        /// The JSON-lines file (default: standard input).
        file: Option<PathBuf>,
        /// A place name to find as well as those of the `cases.place_names` setting
        /// (repeatable), e.g. --place "Oak Ward" --place "Little Snoring".
        #[arg(long = "place", value_name = "NAME")]
        places: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PromptsCommand {
    /// Validate the whole library; print every problem with file and line, or the coverage table.
    Check {
        /// The library folder (default: what the bot would use: the `prompts.dir` setting, or
        /// the library built into mindlines when that is empty).
        dir: Option<PathBuf>,
    },
    /// Show the prompts readably, optionally for one domain or theme.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only prompts for this domain (id, name or alias, e.g. "population health").
    #[arg(long)]
    pub domain: Option<String>,
    /// Only prompts for this cross-cutting theme (e.g. wellbeing).
    #[arg(long)]
    pub theme: Option<String>,
    /// The library folder (default: what the bot would use: the `prompts.dir` setting, or the
    /// library built into mindlines when that is empty).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Send one occurrence to N members with Discord's global limit on; print delivered rate ÷
    /// configured rate, 429s and REST calls per prompt.
    Fanout {
        /// How many members.
        #[arg(long, default_value_t = 1000)]
        members: usize,
        /// Prompts per second (default: the `delivery.rate_per_second` setting).
        #[arg(long)]
        rate: Option<u32>,
        /// Start with no DM channel cached (each prompt then opens its DM first).
        #[arg(long)]
        first_contact: bool,
    },
    /// Seed a year of evidence for N supervisors × M trainees and build every weekly digest
    /// once, one after another; print digests per second, the time for all, the time to draw
    /// one picture, and the digest statements' query plans.
    Digests {
        /// How many supervisors.
        #[arg(long, default_value_t = 1000)]
        supervisors: usize,
        /// Trainees per supervisor.
        #[arg(long, default_value_t = 10)]
        trainees: usize,
        /// Weeks of evidence behind each trainee.
        #[arg(long, default_value_t = 52)]
        weeks: u32,
        /// A PostgreSQL server to run on (`postgres://…`, a database the benchmark may fill);
        /// default: a fresh SQLite file in a temporary folder.
        #[arg(long, value_name = "URL")]
        database: Option<String>,
    },
    /// Write and read evidence through the SQLite store with members' text sealed and with
    /// sealing off, rounds alternating, in one run; print each throughput and the ratios
    /// sealed ÷ plain (aim ≥ 0.8).
    Encryption {
        /// Rounds per store.
        #[arg(long, default_value_t = 10)]
        rounds: usize,
        /// Entries written and read per round.
        #[arg(long, default_value_t = 200)]
        entries: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a roster CSV (discord_id, display_name, profession, roles, team,
    /// supervisor_discord_id, timezone). All-or-nothing: a file with any bad line imports
    /// nothing and every bad line is named. Importing the same file twice changes nothing.
    Import {
        /// The CSV file, e.g. deploy/roster.example.csv.
        file: PathBuf,
    },
    /// Print every member with their profession, roles, team, supervisors and timezone.
    List,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings (defaults → file → environment) with secrets redacted.
    Check,
}

/// Writes a command's output to standard output. A reader that stops early (`| head -1`) is
/// not an error: the command just ends, quietly.
pub(crate) fn print_out(text: impl AsRef<[u8]>) -> anyhow::Result<ExitCode> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_ref())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
    }
}

/// An error and its causes on one line, each cause once: libraries often repeat their
/// source's text in their own message, and an admin should read the cause once.
pub fn describe_error(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|seen| seen.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// The library a `prompts` command reads: the folder given, else what the bot would use.
fn library_source(dir: Option<PathBuf>, config: &Config) -> LibrarySource {
    match dir {
        Some(dir) => LibrarySource::Folder(dir),
        None => LibrarySource::configured(config),
    }
}

/// Runs a parsed command line and returns the process exit code.
pub async fn run(cli: Cli, config: Config) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run => run::run(config).await,
        Command::Demo { files } => demo::demo(&config, files.as_deref()).await,
        Command::Bench(BenchCommand::Fanout {
            members,
            rate,
            first_contact,
        }) => bench::fan_out(&config, members, rate, first_contact).await,
        Command::Bench(BenchCommand::Digests {
            supervisors,
            trainees,
            weeks,
            database,
        }) => bench::digests(supervisors, trainees, weeks, database.as_deref()).await,
        Command::Bench(BenchCommand::Encryption { rounds, entries }) => {
            bench::encryption(rounds, entries).await
        }
        Command::Sandbox(args) => sandbox::sandbox(&config, &args).await,
        Command::Migrate => roster::migrate(&config).await,
        Command::Export {
            member,
            format,
            out,
        } => export::export(&config, &member, &format, out.as_deref()).await,
        Command::Roster(RosterCommand::Import { file }) => roster::import(&config, &file).await,
        Command::Roster(RosterCommand::List) => roster::list(&config).await,
        Command::Member(MemberCommand::Export { member, out }) => {
            member::export(&config, &member, &out).await
        }
        Command::Member(MemberCommand::Leave { member }) => {
            member::set_status(&config, &member, true).await
        }
        Command::Member(MemberCommand::Rejoin { member }) => {
            member::set_status(&config, &member, false).await
        }
        Command::Prompts(PromptsCommand::Check { dir }) => {
            Ok(prompts::check(&library_source(dir, &config)))
        }
        Command::Prompts(PromptsCommand::List(args)) => {
            let source = library_source(args.dir.clone(), &config);
            prompts::list(&source, &args)
        }
        Command::Wellbeing(WellbeingCommand::Screen { file, dir }) => {
            wellbeing::screen(&library_source(dir, &config), file.as_deref())
        }
        Command::Pii(PiiCommand::Scan { file, places }) => {
            pii::scan(&config, &places, file.as_deref())
        }
        Command::Keys(KeysCommand::Generate { file }) => keys::generate(&file),
        Command::Keys(KeysCommand::Export { file }) => keys::export(&config, &file).await,
        Command::Keys(KeysCommand::Import { file }) => keys::import(&config, &file).await,
        Command::Keys(KeysCommand::Rotate { new_key_file }) => {
            keys::rotate(&config, new_key_file.as_deref()).await
        }
        Command::Audit(records::AuditCommand::Verify) => records::verify_audit(&config).await,
        Command::Erasures(command) => records::erasures(&config, command).await,
        Command::Backup(args) => records::backup(&config, &args.file).await,
        Command::Restore(args) => {
            records::restore(
                &config,
                &args.file,
                args.ledger.as_deref(),
                args.keys.as_deref(),
            )
            .await
        }
        Command::Member(MemberCommand::Erase { member, yes }) => {
            records::erase(&config, &member, yes).await
        }
        Command::Config(ConfigCommand::Check) => print_out(config.redacted()),
    }
}
