//! Pure rules of the programme: no I/O, no serenity, no sqlx. Everything here is tested with
//! plain values.

pub mod case;
pub mod coverage;
pub mod curriculum;
pub mod custom_id;
pub mod delivery;
pub mod digest;
pub mod evidence;
pub mod export;
pub mod followup;
pub mod inbox;
pub mod library;
pub mod member;
pub mod message_split;
pub mod pii;
pub mod prompt;
pub mod roster;
pub mod schedule;
pub mod selection;
mod slug;
pub mod supervision;
pub mod wellbeing;
