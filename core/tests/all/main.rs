//! liaison-core's integration tests in one binary (one link of the core and Typst instead of one per
//! file): `cargo test -p liaison-core --test all`, or e.g. `… --test all sessions::` for one module.
//! Shared helpers are in `common`; the fixtures in core/tests/fixtures.

mod common;

mod activities;
mod activity_kinds;
mod backup;
mod cli;
mod cli_activities;
mod cli_sessions;
mod crafted;
mod crypto;
mod dossier;
mod exchange;
mod export;
mod export_lists;
mod export_pdf;
mod faults;
mod hardening;
mod history;
mod import;
mod members;
mod migrations;
mod names;
mod opinions;
mod performance;
mod proposals;
mod search;
mod sessions;
mod sessions_papers;
mod sessions_setup;
mod setup;
mod summary;
mod trash;
mod workplan;

// Printed documents typeset with Typst and read back with pdftotext: only with the `pdf` feature (the default).
#[cfg(feature = "pdf")]
mod documents;
#[cfg(feature = "pdf")]
mod sessions_print;
