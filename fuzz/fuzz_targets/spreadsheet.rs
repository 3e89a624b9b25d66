//! The import's file reader on arbitrary bytes: the first byte picks the kind the file claims to be
//! (by its extension, as the import does), the rest is the file. It must return sheets or a Chinese
//! refusal, never panic, and stay within the reader's limits (libFuzzer's -rss_limit_mb catches the rest).
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["名册.xlsx", "名册.xls", "名册.xlsb", "名册.csv"];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, file)) = data.split_first() else { return };
    let name = NAMES[kind as usize % NAMES.len()];
    let _ = liaison_core::import::read::read_bytes(name, file);
});
