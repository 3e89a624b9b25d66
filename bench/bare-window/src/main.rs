//! A bare Tauri 2 window: the same webview, window size and page loading as Liaison Desk, with a page
//! of one line and no commands, no plugins, no database. tests/e2e/fast_and_light.rs measures its start
//! and memory beside the app's, as the floor the app is compared with.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The same rendering as the app's (src-tauri/src/lib.rs, software_rendering_by_default): the floor
    // is the same WebKit, configured the same; LIAISON_GPU=1 gives both the GPU path.
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() && std::env::var_os("LIAISON_GPU").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    tauri::Builder::default().run(tauri::generate_context!()).expect("the bare window failed to start");
}
