//! Loading the prompt library from disk (being written).
