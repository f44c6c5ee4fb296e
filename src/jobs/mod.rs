//! Durable background work: due-prompt scheduling, outbox sending, inbox processing.
