//! `/mydata …`: your own data, privately. Each subcommand lives in its own file
//! (`mydata_<name>.rs`); this parent only lists them.

use super::mydata_erase::erase;
use crate::discord::{Context, Error};

/// Your own data in mindlines, privately.
#[poise::command(slash_command, subcommands("erase"), subcommand_required)]
pub async fn mydata(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}
