//! A local Discord-compatible workspace (REST + gateway on loopback) for demo, sandbox and tests.
