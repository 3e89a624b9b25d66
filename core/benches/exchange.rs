//! Exchange benchmark: the demo office (members, groups, a year of activities and the plenary) exports a
//! baseline; a laptop joins from it (a new database), changes a tenth of the members and adds a month of
//! visits, exports its changes; the office imports them. Prints the time of each step, the file sizes
//! and rows.
//!
//! Run: `cargo bench -p liaison-core --no-default-features --bench exchange` (release build).
//! The size: an argument or `LIAISON_BENCH_SIZE` (default 10,000 members); CI runs it small in a debug
//! build (`benches/support/size.rs`).

use liaison_core::exchange::ExchangeKind;
use liaison_core::Db;
use std::time::Instant;

#[path = "support/size.rs"]
mod size;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn kb(p: &std::path::Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len() / 1024).unwrap_or(0)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = size::size(10_000);
    let office_path = dir.path().join("office").join("office.db");
    let t = Instant::now();
    let mut office = Db::open(&office_path).expect("open");
    office.load_demo(n, None).expect("demo");
    let count = |db: &Db, sql: &str| -> i64 { db.conn().query_row(sql, [], |r| r.get(0)).expect("count") };
    println!(
        "demo: {n} members, {} activities, {} participants: {:.0} ms",
        count(&office, "SELECT COUNT(*) FROM activities"),
        count(&office, "SELECT COUNT(*) FROM participants"),
        ms(t)
    );

    let baseline = dir.path().join("baseline.ldx");
    let t = Instant::now();
    let b = office.exchange_export(&baseline, ExchangeKind::Baseline, None).expect("baseline");
    println!("export baseline: {} rows, {} KB: {:.0} ms", b.rows, kb(&baseline), ms(t));

    let laptop_path = dir.path().join("laptop").join("laptop.db");
    let t = Instant::now();
    let (laptop, j) = Db::exchange_join(&laptop_path, &baseline, Some("城关镇联络组笔记本"), None).expect("join");
    println!("join from baseline (new database): {} members: {:.0} ms", j.members, ms(t));

    // A tenth of the members changed on the laptop, and visits added with their participants.
    let t = Instant::now();
    let now = liaison_core::db::now();
    laptop
        .conn()
        .execute(
            "UPDATE members SET mobile = '139' || substr('00000000' || rowid, -8), updated_at = ?1 WHERE rowid % 10 = 0",
            [&now],
        )
        .expect("update");
    let member_ids: Vec<String> = {
        let mut st = laptop.conn().prepare("SELECT id FROM members WHERE rowid % 7 = 0").expect("prepare");
        st.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect()
    };
    for (i, m) in member_ids.iter().enumerate().take(n as usize / 20) {
        let a = liaison_core::db::new_id();
        laptop
            .conn()
            .execute(
                "INSERT INTO activities (id, kind, title, start_date, created_at, updated_at) VALUES (?1, 'visit', ?2, '2026-12-01', ?3, ?3)",
                rusqlite::params![a, format!("走访 {i}"), now],
            )
            .expect("activity");
        laptop
            .conn()
            .execute(
                "INSERT INTO participants (id, activity_id, member_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                rusqlite::params![liaison_core::db::new_id(), a, m, now],
            )
            .expect("participant");
    }
    println!("laptop changes made: {:.0} ms", ms(t));
    let mut laptop = laptop;
    let changes = dir.path().join("changes.ldx");
    let t = Instant::now();
    let e = laptop.exchange_export(&changes, ExchangeKind::Changes, None).expect("export");
    println!("export changes: {} rows, {} KB: {:.0} ms", e.rows, kb(&changes), ms(t));

    let t = Instant::now();
    let i = office.exchange_import(&changes, None).expect("import");
    println!(
        "import changes at the office: {} inserted, {} updated, {} conflicts: {:.0} ms (with its backup)",
        i.inserted,
        i.updated,
        i.conflicts,
        ms(t)
    );
    assert_eq!(i.conflicts, 0);
    let t = Instant::now();
    let again = office.exchange_import(&changes, None).expect("again");
    assert!(again.already_imported);
    println!("import the same file again (nothing to do): {:.0} ms", ms(t));
    let t = Instant::now();
    let s = office.exchange_status(None).expect("status");
    println!("status (pending rows {}): {:.0} ms", s.pending_rows, ms(t));
}
