//! Fast and light at a district's size (issue 15): a figure, not a check. A demo office of 10,000 members
//! with a year of activities, reports, proposals and the plenary session; the app started on it three
//! times, and a bare Tauri window (bench/bare-window: the same webview and window, one static page) three
//! times as the floor. Printed as a table (docs/benchmarks.md has the release figures):
//!
//! - start to a usable roster: from the moment the process was made (/proc/PID/stat) to the roster's
//!   `roster-ready` mark (the frame after its first rows are in the page), both on the system clock, so
//!   WebDriver's own start is not counted; the bare window to its page's `ready` mark the same way;
//! - memory: PSS (/proc/PID/smaps_rollup) of the app and every process it started (WebKit's web and
//!   network processes), idle after start and after visiting every main screen;
//! - each main screen: from the click on its menu item to the frame after its data is shown, timed in
//!   the page (requestAnimationFrame), not by the test's polling.
//!
//! Release build:
//! `cargo build --release -p liaison-desk -p liaison-bare-window && LIAISON_APP=$CARGO_TARGET_DIR/release/liaison-desk
//!  cargo test --workspace --test e2e -- --ignored --nocapture fast_and_light`
//! (the bare window is looked for beside the app; `LIAISON_FIGURE_MEMBERS` sets the size, CI runs it at 200).

use crate::harness::{figure_members, prepare, shot, App};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The main screens, as the menu lists them: its menu item, and what shows once its data is there
/// (an element, and a text it contains; empty: any text; `*`: shown, text or not — the search box).
const SCREENS: &[(&str, &str, &str, &str)] = &[
    ("联络组", "nav-groups", "[data-testid=group-members] .el-table__body tr", ""),
    ("活动", "nav-activities", "[data-testid=act-table] .el-table__body tr", ""),
    ("全会", "nav-sessions", "[data-testid=session-title]", ""),
    ("社情民意", "nav-opinions", "[data-testid=op-table] .el-table__body tr", ""),
    ("提案", "nav-proposals", "[data-testid=pl-table] .el-table__body tr", ""),
    ("履职", "nav-performance", "[data-testid=pf-table] .el-table__body tr", ""),
    ("工作计划", "nav-workplan", "[data-testid=wp-actual-member_visits]", ""),
    ("查找", "nav-search", "[data-testid=fts-input]", "*"),
    ("操作记录", "nav-history", "[data-testid=history-table] .el-table__body tr", ""),
    ("设置", "nav-settings", "[data-testid=terms-table] .el-table__body tr", ""),
    ("名册（再次）", "nav-roster", "[data-testid=roster-table] .el-table__body tr", ""),
];

/// Clicks a menu item in the page and answers, in ms, when the frame after `ready` shows its text.
const VISIT: &str = r#"
const [nav, sel, text, done] = arguments;
const shown = () => {
  const e = document.querySelector(sel);
  if (!e || !(e.offsetWidth || e.offsetHeight)) return false;
  if (text === '*') return true;
  return text ? e.innerText.includes(text) : e.innerText.trim().length > 0;
};
const t0 = performance.now();
document.querySelector(`[data-testid=${nav}]`).click();
// Where the time went: the calls to core made since the click, and the code chunks fetched.
const report = (ms) => {
  const calls = (window.__liaisonCalls ? window.__liaisonCalls() : [])
    .filter((c) => c.start >= t0)
    .map((c) => `${c.name} ${Math.round(c.start - t0)}→${c.end < 0 ? '…' : Math.round(c.end - t0)}`);
  const chunks = performance.getEntriesByType('resource')
    .filter((r) => r.startTime >= t0 && /\.js$/.test(r.name))
    .map((r) => `${r.name.split('/').pop()} ${Math.round(r.startTime - t0)}→${Math.round(r.responseEnd - t0)}`);
  done({ ms, calls, chunks });
};
const tick = () => {
  if (shown()) requestAnimationFrame(() => report(performance.now() - t0));
  else if (performance.now() - t0 > 60000) report(-1);
  else requestAnimationFrame(tick);
};
tick();
"#;

/// The epoch time (ms) of a performance mark, once the page has set it.
async fn mark_epoch_ms(app: &App, mark: &str) -> f64 {
    let js = "const m = performance.getEntriesByName(arguments[0])[0]; return m ? performance.timeOrigin + m.startTime : null;";
    for _ in 0..600 {
        let v = app.c.execute(js, vec![serde_json::json!(mark)]).await.unwrap();
        if let Some(t) = v.as_f64() {
            return t;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the page never set its {mark} mark");
}

/// When a process was made, in ms since the epoch (/proc: boot time + start ticks).
fn process_start_epoch_ms(pid: u32) -> f64 {
    let btime: f64 = std::fs::read_to_string("/proc/stat")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("btime ").map(|v| v.trim().parse().unwrap()))
        .unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Field 22 (starttime) is the 20th after the parenthesised command name.
    let ticks: f64 = stat.rsplit_once(')').unwrap().1.split_whitespace().nth(19).unwrap().parse().unwrap();
    let hz: f64 = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0);
    (btime + ticks / hz) * 1000.0
}

/// PSS in KiB of each process, with its name.
fn pss(pids: &[u32]) -> Vec<(String, u64)> {
    pids.iter()
        .filter_map(|p| {
            let rollup = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).ok()?;
            let kib = rollup.lines().find_map(|l| {
                l.strip_prefix("Pss:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })?;
            let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default().trim().to_string();
            Some((name, kib))
        })
        .collect()
}

fn total(p: &[(String, u64)]) -> u64 {
    p.iter().map(|(_, k)| k).sum()
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

/// Where a start's time went, on the page's clock (ms after the page's navigation began): its document,
/// the code chunks, the calls to core and the marks.
const START_REPORT: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const out = [];
if (nav) out.push(`document ${Math.round(nav.responseEnd)}, DOMContentLoaded ${Math.round(nav.domContentLoadedEventEnd)}`);
for (const r of performance.getEntriesByType('resource'))
  out.push(`${r.name.split('/').pop()} ${Math.round(r.startTime)}→${Math.round(r.responseEnd)}`);
for (const c of (window.__liaisonCalls ? window.__liaisonCalls() : []))
  out.push(`${c.name} ${Math.round(c.start)}→${c.end < 0 ? '…' : Math.round(c.end)}`);
for (const m of performance.getEntriesByType('mark')) out.push(`mark ${m.name} ${Math.round(m.startTime)}`);
const fp = performance.getEntriesByType('paint');
for (const p of fp) out.push(`${p.name} ${Math.round(p.startTime)}`);
return { origin: performance.timeOrigin, out };
"#;

/// One start of a program on a database: its start-to-ready time (ms) and the app, to go on with.
async fn start(dir: tempfile::TempDir, db: PathBuf, bin: &Path, mark: &str) -> (f64, App) {
    let app = App::start_binary(dir, db, bin.to_path_buf()).await;
    let ready = mark_epoch_ms(&app, mark).await;
    let pid = *app.processes().first().expect("the program's process");
    let made = process_start_epoch_ms(pid);
    if let Ok(v) = app.c.execute(START_REPORT, vec![]).await {
        let origin = v["origin"].as_f64().unwrap_or(made);
        let parts: Vec<&str> =
            v["out"].as_array().map(|a| a.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
        println!("start: page began {:.0} ms after the process; then {}", origin - made, parts.join(", "));
    }
    (ready - made, app)
}

/// Settle, then the memory of the program's processes.
async fn settled_pss(app: &App) -> Vec<(String, u64)> {
    tokio::time::sleep(Duration::from_secs(3)).await;
    pss(&app.processes())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn fast_and_light() {
    let n = figure_members(10_000);
    let app_bin = crate::harness::app_binary();
    let bare_bin = app_bin.with_file_name("liaison-bare-window");
    assert!(bare_bin.exists(), "build the bare window beside the app: cargo build -p liaison-bare-window");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("district.db");
    let made = std::time::Instant::now();
    prepare(&path, |db| {
        let s = db.load_demo(n, None).unwrap();
        println!(
            "demo office: {} members, {} groups, {} activities, {} proposals, {} speeches ({:.1} s to make)",
            s.members,
            s.groups,
            s.activities,
            s.proposals,
            s.speeches,
            made.elapsed().as_secs_f64()
        );
    });
    // Three starts each for the figures; one at CI's small size (it only has to keep working).
    let starts = if n >= 1000 { 3 } else { 1 };
    let keep = tempfile::tempdir().unwrap();
    let mut bare_starts = vec![];
    let mut bare_mem = vec![];
    for _ in 0..starts {
        let (ms, bare) = start(tempfile::tempdir().unwrap(), keep.path().join("unused.db"), &bare_bin, "ready").await;
        bare_starts.push(ms);
        bare_mem = settled_pss(&bare).await;
        bare.close().await;
    }

    let mut app_starts = vec![];
    let mut app: Option<App> = None;
    let mut dir = Some(dir);
    for i in 0..starts {
        if let Some(a) = app.take() {
            App::close(a).await;
            // The first app lets go of the database before the next opens it.
            let deadline = std::time::Instant::now() + Duration::from_secs(20);
            while liaison_core::db::InstanceLock::acquire(&path).is_err() {
                assert!(std::time::Instant::now() < deadline, "the app did not let go of the database");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        // The same database each time (a laptop's second start: the file in the page cache).
        let d = if i + 1 == starts { dir.take().unwrap() } else { tempfile::tempdir().unwrap() };
        if i == 0 {
            let mut db = liaison_core::Db::open(&path).unwrap();
            db.set_operator("测试员").unwrap();
            db.complete_setup().unwrap();
        }
        let (ms, a) = start(d, path.clone(), &app_bin, "roster-ready").await;
        a.wait_text_in("[data-testid=roster-total]", &format!("共 {n} 人")).await;
        app_starts.push(ms);
        app = Some(a);
    }
    let app = app.unwrap();
    let idle = settled_pss(&app).await;

    let mut screens = vec![];
    let mut breakdown = vec![];
    for (label, nav, sel, text) in SCREENS {
        let v = app
            .c
            .execute_async(VISIT, vec![serde_json::json!(nav), serde_json::json!(sel), serde_json::json!(text)])
            .await
            .unwrap_or_else(|e| panic!("{label}: {e:?}"));
        let ms = v["ms"].as_f64().unwrap();
        assert!(ms >= 0.0, "{label} never showed {sel}");
        let list =
            |k: &str| v[k].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect::<Vec<_>>();
        breakdown.push(format!(
            "{label} {ms:.0} ms — core: {}; code: {}",
            list("calls").join(", "),
            list("chunks").join(", ")
        ));
        screens.push((label, ms));
        shot(&app, &format!("fast-{nav}")).await;
    }
    let after = settled_pss(&app).await;
    app.close().await;

    let bare_start = median(bare_starts.clone());
    let app_start = median(app_starts.clone());
    let (b, i, a) = (total(&bare_mem), total(&idle), total(&after));
    println!("\n| {n} members | bare Tauri window | Liaison Desk | goal |");
    println!("|---|---:|---:|---|");
    println!("| start to usable (median of {starts}) | {bare_start:.0} ms | {app_start:.0} ms | ≤ 1,000 ms |");
    println!("| memory (PSS), idle | {} | {} ({:.2}×) | ≤ 1.2× |", mib(b), mib(i), i as f64 / b as f64);
    println!("| memory (PSS), after every screen | {} | {} ({:.2}×) | ≤ 1.2× |", mib(b), mib(a), a as f64 / b as f64);
    println!("\n| screen | to its data shown | goal |");
    println!("|---|---:|---|");
    for (label, ms) in &screens {
        println!("| {label} | {ms:.0} ms | ≤ 200 ms |");
    }
    println!("\nwhere each screen's time went (ms after the click; core calls as the page saw them):");
    for b in &breakdown {
        println!("  {b}");
    }
    println!("\nstarts: bare {bare_starts:.0?} ms, app {app_starts:.0?} ms");
    for (what, p) in [("bare", &bare_mem), ("app idle", &idle), ("app after every screen", &after)] {
        let each: Vec<String> = p.iter().map(|(name, k)| format!("{name} {}", mib(*k))).collect();
        println!("processes, {what}: {}", each.join(", "));
    }
}
