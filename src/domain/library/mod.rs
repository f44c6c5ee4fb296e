//! Parsing and validating the prompt library (being written).
