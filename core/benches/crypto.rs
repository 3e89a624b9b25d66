//! Encryption benchmark: the same demo office (10,000 members in 100 groups) plain and encrypted
//! (SQLCipher). Prints the time to open each (for the encrypted one, the key derivation: PBKDF2-HMAC-
//! SHA512, 256,000 rounds), to encrypt the plain file (`set_passphrase`), to make a backup of each, and
//! p50/p95 of the roster queries the app runs most, plain beside encrypted.
//!
//! Run: `cargo bench -p liaison-core --no-default-features --bench crypto` (release build). The size: an
//! argument or `LIAISON_BENCH_SIZE`; CI runs it at 200 in a debug build (`benches/support/size.rs`).

use liaison_core::backup::BackupReason;
use liaison_core::crypto::{OldBackups, Passphrase};
use liaison_core::model::*;
use liaison_core::Db;
use std::time::{Duration, Instant};

#[path = "support/size.rs"]
mod size;

const PASS: &str = "春风又绿江南岸 2026";

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(mut v: Vec<Duration>, p: f64) -> f64 {
    v.sort();
    ms(v[((v.len() as f64 - 1.0) * p).round() as usize])
}

fn times(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn main() {
    let n = size::size(10_000);
    let label = size::thousands(n);
    let groups = (n / 100).clamp(10, 100);
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("plain").join("bench.db");
    let secret = dir.path().join("secret").join("bench.db");
    {
        let mut db = Db::open(&plain).expect("open");
        db.load_demo(n, Some(groups)).expect("demo");
        db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").expect("checkpoint");
        std::fs::create_dir_all(secret.parent().expect("folder")).expect("folder");
        db.backup_to(&secret).expect("copy");
    }
    let bytes = std::fs::metadata(&plain).expect("size").len();
    println!("{label} members / {groups} groups, {:.1} MB", bytes as f64 / 1048576.0);

    let t = Instant::now();
    {
        let mut db = Db::open(&secret).expect("open");
        db.set_passphrase(None, Some(Passphrase::new(PASS)), OldBackups::Convert).expect("encrypt");
    }
    println!("encrypt the file (set_passphrase: backup, export, check, rename): {:.0} ms", ms(t.elapsed()));

    let key = || Some(Passphrase::new(PASS));
    let open_plain = times(5, || drop(Db::open(&plain).expect("open")));
    let open_secret = times(5, || drop(Db::open_with(&secret, key()).expect("open")));
    println!(
        "open (+ migrations checked): plain p50 {:.1} ms, encrypted p50 {:.1} ms (key derivation included)",
        pct(open_plain, 0.5),
        pct(open_secret, 0.5)
    );
    let wrong = times(3, || assert!(Db::open_with(&secret, Some(Passphrase::new("wrong one"))).is_err()));
    println!("a wrong passphrase refused: p50 {:.1} ms", pct(wrong, 0.5));

    let p = Db::open(&plain).expect("open");
    let s = Db::open_with(&secret, key()).expect("open");
    let backup = |db: &Db| {
        let t = Instant::now();
        db.backup_now(BackupReason::Manual).expect("backup");
        ms(t.elapsed())
    };
    println!("backup now: plain {:.0} ms, encrypted {:.0} ms", backup(&p), backup(&s));

    let q = |f: &dyn Fn(&mut RosterQuery)| {
        let mut q = RosterQuery::default();
        f(&mut q);
        q
    };
    let cases: Vec<(&str, RosterQuery)> = vec![
        ("sort strokes, page 1", q(&|_| {})),
        ("sort strokes, page 100", q(&|q| q.offset = (n / 2).saturating_sub(50))),
        ("sort pinyin", q(&|q| q.sort = RosterSort::Pinyin)),
        ("sort group", q(&|q| q.sort = RosterSort::Group)),
        ("search initials zw", q(&|q| q.search = "zw".into())),
        ("search name 王", q(&|q| q.search = "王".into())),
        ("search phone tail 5678", q(&|q| q.search = "5678".into())),
    ];
    println!(
        "{:<26} {:>7} {:>11} {:>11} {:>11} {:>11}",
        format!("roster ({label})"),
        "rows",
        "plain p50",
        "plain p95",
        "enc p50",
        "enc p95"
    );
    for (name, query) in &cases {
        let total = p.roster(query).expect("roster").total;
        let a = times(200, || drop(p.roster(query).expect("roster")));
        let b = times(200, || drop(s.roster(query).expect("roster")));
        println!(
            "{:<26} {:>7} {:>11.2} {:>11.2} {:>11.2} {:>11.2}",
            name,
            total,
            pct(a.clone(), 0.5),
            pct(a, 0.95),
            pct(b.clone(), 0.5),
            pct(b, 0.95)
        );
    }
    // A cold read of the whole roster: a fresh connection, every page of the file decrypted once.
    let cold = |db: Db| {
        let t = Instant::now();
        let _ = db.roster(&RosterQuery { limit: n, ..Default::default() }).expect("roster");
        ms(t.elapsed())
    };
    drop((p, s));
    let a = cold(Db::open(&plain).expect("open"));
    let b = cold(Db::open_with(&secret, key()).expect("open"));
    println!("first query on a new connection, all {label} rows: plain {a:.1} ms, encrypted {b:.1} ms");
}
