//! Search benchmark: 20,000 texts (proposals of 300–1,500 characters of Chinese drawn from a pool of
//! 2,500 common characters and a few hundred real words, 100–300 speeches among them), indexed by
//! `search_rebuild` (timed: what an exchange import pays), then queries of 1, 2, 3, 4 characters and
//! several words, with and without filters, 30 runs each; prints p50/p95/max and the hits.
//!
//! Run: `cargo bench -p liaison-core --no-default-features --bench search` (release), or in the
//! workspace's debug build `cargo test --workspace --bench search`. Target: every query ≤ 50 ms at 20,000.
//! The size: an argument or `LIAISON_BENCH_SIZE` (`benches/support/size.rs`).

use liaison_core::search::{SearchKind, SearchQuery};
use liaison_core::Db;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

#[path = "support/size.rs"]
mod size;

const WORDS: &[&str] = &[
    "养老",
    "教育",
    "医保",
    "就业",
    "住房",
    "交通",
    "环境",
    "污水",
    "垃圾分类",
    "乡村振兴",
    "营商环境",
    "民营企业",
    "老旧小区",
    "加装电梯",
    "家庭医生",
    "课后服务",
    "充电设施",
    "文化礼堂",
    "河道",
    "生态修复",
    "食品安全",
    "社区",
    "基层治理",
    "数字化改革",
    "人才",
    "公交",
    "停车难",
    "托育",
    "残疾人",
    "志愿服务",
    "非遗",
    "旅游",
    "农村电商",
    "中小学",
    "职业教育",
    "养老服务",
    "医共体",
    "助餐",
    "物业管理",
    "消防安全",
];

fn pct(mut v: Vec<Duration>, p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn text(rng: &mut StdRng, pool: &[char], len: usize) -> String {
    let mut s = String::with_capacity(len * 3);
    let mut n = 0;
    while n < len {
        if rng.random_bool(0.12) {
            let w = WORDS[rng.random_range(0..WORDS.len())];
            s.push_str(w);
            n += w.chars().count();
        } else {
            s.push(pool[rng.random_range(0..pool.len())]);
            n += 1;
        }
        if rng.random_bool(0.05) {
            s.push('，');
        }
    }
    s
}

fn main() {
    let n = size::size(20_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut db = Db::open(dir.path().join("bench.db")).expect("open");
    db.load_demo(500, None).expect("demo");
    // The 2,500 most common characters are roughly the CJK block's first ones in frequency order; any
    // 2,500 give the same index shape.
    let pool: Vec<char> = (0x4E00u32..0x4E00 + 2500).filter_map(char::from_u32).collect();
    let mut rng = StdRng::seed_from_u64(13);
    let t = Instant::now();
    {
        let c = db.conn();
        c.execute_batch("BEGIN").unwrap();
        let members: Vec<String> = {
            let mut st = c.prepare("SELECT id FROM members").unwrap();
            st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        let session: String = c.query_row("SELECT id FROM sessions LIMIT 1", [], |r| r.get(0)).unwrap();
        let have: u32 = c
            .query_row("SELECT (SELECT COUNT(*) FROM proposals) + (SELECT COUNT(*) FROM speeches)", [], |r| r.get(0))
            .unwrap();
        let states = ["draft", "submitted", "accepted", "rejected"];
        for i in have..n {
            let id = uuid_like(i);
            let title = format!("关于{}的建议", text(&mut rng, &pool, 12));
            let len = rng.random_range(300..1500);
            let body = text(&mut rng, &pool, len);
            let m = &members[rng.random_range(0..members.len())];
            if i % 100 == 0 {
                c.execute(
                    "INSERT INTO speeches (id, session_id, title, body, submitter_kind, member_id, submitted_date, state,
                        created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'member', ?5, '2026-01-10', 'submitted', 'x', 'x')",
                    rusqlite::params![id, session, title, body, m],
                )
                .unwrap();
            } else {
                let state = states[i as usize % states.len()];
                c.execute(
                    "INSERT INTO proposals (id, year, number, title, body, category, timing, state, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'society', 'routine', ?6, 'x', 'x')",
                    rusqlite::params![id, 2020 + (i % 7) as i32, (i + 100_000) as i64, title, body, state],
                )
                .unwrap();
                c.execute(
                    "INSERT INTO proposal_proposers (proposal_id, seq, role, kind, member_id) VALUES (?1, 0, 'lead', 'member', ?2)",
                    rusqlite::params![id, m],
                )
                .unwrap();
            }
        }
        c.execute_batch("COMMIT").unwrap();
    }
    println!("{} texts written in {:.0} ms", size::thousands(n), t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let indexed = db.search_rebuild().expect("rebuild");
    println!("search_rebuild: {} texts in {:.0} ms", size::thousands(indexed), t.elapsed().as_secs_f64() * 1000.0);

    let q = |text: &str| SearchQuery { text: text.into(), ..Default::default() };
    let queries: Vec<(&str, SearchQuery)> = vec![
        ("2 chars, common word 养老", q("养老")),
        ("2 chars, rare word 助餐", q("助餐")),
        ("2 chars, random pair", q(&pool[10..12].iter().collect::<String>())),
        ("1 char", q(&pool[7].to_string())),
        ("3 chars", q(&pool[20..23].iter().collect::<String>())),
        ("4 chars 垃圾分类", q("垃圾分类")),
        ("two words 养老 医保", q("养老 医保")),
        ("2 chars + year + state", SearchQuery { year: Some(2024), state: Some("accepted".into()), ..q("教育") }),
        ("speeches only, 2 chars", SearchQuery { kinds: vec![SearchKind::Speech], ..q("社区") }),
        ("no words, year filter", SearchQuery { year: Some(2023), ..q("") }),
        ("no hit", q("不存在的词语")),
    ];
    println!(
        "{:<34}{:>10}{:>10}{:>10}{:>10}",
        format!("query ({} texts)", size::thousands(indexed)),
        "hits",
        "p50 ms",
        "p95 ms",
        "max ms"
    );
    let mut worst: f64 = 0.0;
    for (label, query) in &queries {
        let mut runs = Vec::new();
        let mut hits = 0;
        for _ in 0..30 {
            let t = Instant::now();
            let r = db.search(query).expect("search");
            runs.push(t.elapsed());
            hits = r.total;
        }
        let p95 = pct(runs.clone(), 0.95);
        worst = worst.max(p95);
        let max = runs.iter().max().unwrap().as_secs_f64() * 1000.0;
        println!("{label:<34}{hits:>10}{:>10.2}{p95:>10.2}{max:>10.2}", pct(runs, 0.5));
    }
    println!("worst p95: {worst:.2} ms (target ≤ 50 ms)");
}

fn uuid_like(i: u32) -> String {
    format!("00000000-0000-7000-8000-{i:012}")
}
