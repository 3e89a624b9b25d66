//! The import's planning on arbitrary CSV bytes: header recognition, column mapping, every field's
//! validation (ID numbers, dates, phones, list values) against a real database with the seeded lists.
//! Nothing is written; it must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use liaison_core::import::ImportOptions;
use liaison_core::Db;

thread_local! {
    static DB: Db = Db::open_in_memory().expect("in-memory database");
}

fuzz_target!(|data: &[u8]| {
    DB.with(|db| {
        let _ = db.import_preview_bytes("名册.csv", data, &ImportOptions::default(), &mut |_| {});
    });
});
