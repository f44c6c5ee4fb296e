//! The `mindlines` binary: parse the command line, load settings, start logging, dispatch.

use std::process::ExitCode;

use clap::Parser;
use mindlines::cli::{self, Cli, Command};
use mindlines::config::Config;

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    let config = match Config::load(args.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("mindlines: invalid settings: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The demo and the interactive sandbox print a transcript; logs would drown it.
    let quiet = matches!(
        args.command,
        Command::Demo { .. } | Command::Sandbox(_) | Command::Bench(_)
    );
    mindlines::telemetry::init(
        config.logging.format,
        if quiet { "warn,serenity=error" } else { "info" },
    );
    match cli::run(args, config).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("mindlines: {}", cli::describe_error(&error));
            ExitCode::FAILURE
        }
    }
}
