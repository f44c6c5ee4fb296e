//! Transport only: the poise framework, thin slash commands and the Discord notifier.
