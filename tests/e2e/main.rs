//! End-to-end: the real app binary in a real window (under Xvfb in CI), driven through
//! tauri-driver and WebKitWebDriver. Each test gets its own empty SQLite file, and the tests take turns
//! with the window (one app at a time, see `harness`), so they need no `--test-threads=1`.
//!
//! Needs: `tauri-driver` and `WebKitWebDriver` on PATH, a display, and the app built
//! (`LIAISON_APP` points at it; default `target/debug/liaison-desk`). `scripts/setup.sh test` does all that.
//!
//! `harness` starts the driver and the app and has the helpers; the scenarios are by domain.

mod harness;

mod activities;
mod activity_kinds;
mod backup;
mod comfort;
mod dossier;
mod exchange;
mod fast_and_light;
mod first_run;
mod groups;
mod history;
mod import;
mod journey;
mod opinions;
mod performance;
mod proposals;
mod roster;
mod security;
mod sessions;
mod workplan;
