//! Slash commands. Each is thin: parse, call one `app::` use-case, render. Their `///` doc
//! comments are the descriptions Discord shows, so they are written for users.

mod about;
mod case;
mod digest;
mod evidence;
mod mydata;
mod mydata_erase;
mod privacy;
mod reflect;
mod schedule;
mod wellbeing;

use super::{BotData, Error};

/// Every slash command the bot registers.
pub fn all() -> Vec<poise::Command<BotData, Error>> {
    vec![
        reflect::reflect(),
        schedule::schedule(),
        evidence::evidence(),
        evidence::coverage(),
        evidence::export(),
        wellbeing::wellbeing(),
        digest::digest(),
        digest::team(),
        case::case(),
        mydata::mydata(),
        privacy::privacy(),
        about::about(),
        about::help(),
    ]
}
