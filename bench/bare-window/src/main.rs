//! A bare Tauri 2 window: the same webview, window size and page loading as Liaison Desk, with a page
//! of one line and no commands, no plugins, no database. tests/e2e/fast_and_light.rs measures its start
//! and memory beside the app's, as the floor the app is compared with.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the bare window failed to start");
}
