//! History benchmark (issue 12): the log page over 100,000 audit entries — the first page, a deep page,
//! each filter (who, kind, dates, text) and one record's history — 10 runs each after one warm-up,
//! p50/p95/max printed. The entries: the demo office's own (300 members, their groups and activities),
//! then as many more as the size asks, spread over a year, three operators, every kind, with real
//! members' ids so that the record names are looked up as in use.
//!
//! Run: `cargo bench -p liaison-core --no-default-features --bench history` (release build). The size
//! (entries): an argument or `LIAISON_BENCH_SIZE` (`… --bench history -- 200000`); CI runs it at 200 in
//! a debug build (`benches/support/size.rs`).

use liaison_core::history::HistoryQuery;
use liaison_core::Db;
use std::time::{Duration, Instant};

#[path = "support/size.rs"]
mod size;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut db = Db::open(dir.path().join("bench.db")).expect("open");
    let n = size::size(100_000);
    db.load_demo(300, None).expect("demo");
    // More entries, as the office's year of work would leave them: member edits (with the whole phone
    // numbers the log keeps), group and activity changes, by three operators, over 365 days.
    let t = Instant::now();
    db.conn()
        .execute(
            "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1),
                  m AS (SELECT id, row_number() OVER (ORDER BY id) AS r, count(*) OVER () AS c FROM members)
             INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes)
             SELECT printf('bench-%08d', i),
                    strftime('%Y-%m-%dT%H:%M:%S.000Z', '2026-01-01', printf('+%d seconds', i * 31536000 / ?1)),
                    CASE i % 3 WHEN 0 THEN '王秘书' WHEN 1 THEN '李干事' ELSE '张主任' END,
                    CASE i % 10 WHEN 0 THEN 'group' WHEN 1 THEN 'activity' ELSE 'member' END,
                    (SELECT id FROM m WHERE r = 1 + i % c),
                    'update',
                    json_object('mobile', json_array(printf('138%08d', i), printf('139%08d', i)),
                                'work_unit', json_array('东港区第' || (i % 97) || '中学', '东港区教育局'))
             FROM k",
            [n],
        )
        .expect("entries");
    let total: i64 = db.conn().query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    println!(
        "history: {} audit entries ({} added in {:.0} ms)",
        size::thousands(total as u32),
        size::thousands(n),
        ms(t.elapsed())
    );
    let member: String = db.conn().query_row("SELECT id FROM members LIMIT 1", [], |r| r.get(0)).unwrap();
    let name: String = db.conn().query_row("SELECT name FROM members WHERE id = ?1", [&member], |r| r.get(0)).unwrap();
    let deep = (total as u32 / 50).saturating_sub(1);
    let cases: Vec<(&str, HistoryQuery)> = vec![
        ("first page (50), no filter", HistoryQuery::default()),
        ("last page, no filter", HistoryQuery { page: deep, ..Default::default() }),
        ("who: 王秘书", HistoryQuery { actor: "王秘书".into(), ..Default::default() }),
        ("kind: 联络组", HistoryQuery { kind: "group".into(), ..Default::default() }),
        ("dates: one month", HistoryQuery { from: "2026-06-01".into(), to: "2026-06-30".into(), ..Default::default() }),
        ("text: a member's name", HistoryQuery { text: name.clone(), ..Default::default() }),
        ("text: a phone number", HistoryQuery { text: "13900001234".into(), ..Default::default() }),
        ("one record's history", HistoryQuery { entity_id: member.clone(), ..Default::default() }),
    ];
    for (label, q) in cases {
        let page = db.history(&q).expect("history");
        let mut times = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let p = db.history(&q).expect("history");
            times.push(t.elapsed());
            assert_eq!(p.total, page.total);
        }
        times.sort();
        println!(
            "  {label:<28} {:>7} entries  p50 {:>7.1} ms  p95 {:>7.1} ms  max {:>7.1} ms",
            page.total,
            ms(times[4]),
            ms(times[9]),
            ms(times[9])
        );
    }
    let t = Instant::now();
    let actors = db.history_actors().expect("actors");
    println!("  who appears (filter list)    {:>7} names    {:.1} ms", actors.len(), ms(t.elapsed()));
    let t = Instant::now();
    let bin = db.trash("").expect("trash");
    println!("  回收站                        {:>7} items    {:.1} ms", bin.len(), ms(t.elapsed()));
}
