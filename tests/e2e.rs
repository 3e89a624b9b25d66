//! End-to-end: the real app binary in a real window (under Xvfb in CI), driven through
//! tauri-driver and WebKitWebDriver. Each test gets its own empty SQLite file.
//!
//! Needs: `tauri-driver` and `WebKitWebDriver` on PATH, a display, and the app built
//! (`LIAISON_APP` points at it; default `target/debug/liaison-desk`). `scripts/setup.sh test` does all that.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn app_binary() -> PathBuf {
    if let Ok(p) = std::env::var("LIAISON_APP") {
        return PathBuf::from(p);
    }
    let target =
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target").into());
    PathBuf::from(target).join("debug/liaison-desk")
}

/// tauri-driver, stopped with SIGTERM (SIGKILL would leave WebKitWebDriver running).
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(db: &std::path::Path) -> Driver {
        let port = free_port();
        let native = free_port();
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("LIAISON_DB", db)
            // Exports go beside the test's database, not into the user's Documents.
            .env("LIAISON_EXPORT_DIR", db.parent().unwrap().join("exports"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver --locked)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }
}

/// Every process below `pid` (Linux /proc), deepest last.
fn descendants(pid: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for e in dir.flatten() {
            let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
            // The parent pid is the second field after the parenthesised command name.
            if let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) {
                if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|x| x.parse::<u32>().ok()) {
                    parent_of.push((p, ppid));
                }
            }
        }
    }
    let mut out = vec![];
    let mut frontier = vec![pid];
    while let Some(p) = frontier.pop() {
        for &(c, pp) in &parent_of {
            if pp == p {
                out.push(c);
                frontier.push(c);
            }
        }
    }
    out
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The app is a grandchild (tauri-driver → WebKitWebDriver → app) and outlives a closed session:
        // note the whole tree first, stop tauri-driver gently, then whatever is left of the tree.
        let tree = descendants(self.child.id());
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        for pid in tree {
            let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).stderr(Stdio::null()).status();
        }
    }
}

struct App {
    c: Client,
    _driver: Driver,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

impl App {
    /// The app on a new, empty database.
    async fn start() -> App {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("e2e.db");
        App::start_on(dir, db).await
    }

    /// The app on a database file the test prepared (kept alive by `dir`).
    async fn start_on(dir: tempfile::TempDir, db: PathBuf) -> App {
        let driver = Driver::start(&db);
        let bin = app_binary();
        assert!(bin.exists(), "app not built: {}", bin.display());
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": bin }));
        caps.insert("browserName".into(), serde_json::json!("wry"));
        let c = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("connect to tauri-driver");
        App { c, _driver: driver, db, _dir: dir }
    }

    async fn wait(&self, css: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(els) = self.c.find_all(Locator::Css(css)).await {
                for e in els {
                    if e.is_displayed().await.unwrap_or(false) {
                        return e;
                    }
                }
            }
            assert!(Instant::now() < deadline, "no visible element {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Click, retrying while something (a toast, an animation) is still in the way.
    async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.wait(css).await.click().await {
                Ok(_) => return,
                Err(e) if Instant::now() > deadline => {
                    shot(self, "failure").await;
                    panic!("click {css}: {e:?}");
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Replace an input's text the way a person does (select all, delete, type), so that the
    /// page sees input events; WebDriver's clear() alone leaves Vue's model unchanged.
    async fn fill(&self, css: &str, text: &str) {
        let e = self.wait(css).await;
        e.send_keys("\u{E009}a\u{E009}").await.unwrap();
        e.send_keys("\u{E003}").await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    async fn body(&self) -> String {
        self.text_of("body").await
    }

    /// The rendered text of the first element matching `css` (innerText: what a person reads).
    async fn text_of(&self, css: &str) -> String {
        let v = self
            .c
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                vec![serde_json::json!(css)],
            )
            .await
            .unwrap_or_default();
        v.as_str().unwrap_or_default().to_string()
    }

    async fn wait_text(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.body().await.contains(text) {
            if Instant::now() > deadline {
                shot(self, "failure").await;
                panic!("text never appeared: {text}\n--- page ---\n{}", self.body().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn wait_text_in(&self, css: &str, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let t = self.text_of(css).await;
            if t.contains(text) {
                return;
            }
            if Instant::now() > deadline {
                shot(self, "failure").await;
                panic!("{css} never showed {text}; it shows:\n{t}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Pick an option of an Element Plus select by its text.
    async fn choose(&self, select_css: &str, option: &str) {
        self.click(select_css).await;
        let xpath = format!("//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='{option}']");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            for e in self.c.find_all(Locator::XPath(&xpath)).await.unwrap_or_default() {
                if e.is_displayed().await.unwrap_or(false) {
                    // A click on a dropdown that is still opening can be lost: check that the select
                    // shows the option, and open it again if not.
                    if e.click().await.is_ok() {
                        let shown = Instant::now() + Duration::from_secs(2);
                        while Instant::now() < shown {
                            if self.text_of(select_css).await.contains(option) {
                                return;
                            }
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                    }
                    if !self.text_of(select_css).await.contains(option) {
                        self.click(select_css).await;
                    }
                    break;
                }
            }
            assert!(Instant::now() < deadline, "no option {option} in {select_css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// `wait_text_in` for work that takes longer than 20 s (10,000 rows in a debug build).
    async fn wait_text_in_within(&self, css: &str, text: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        while !self.text_of(css).await.contains(text) {
            if Instant::now() > deadline {
                shot(self, "failure").await;
                panic!("{css} never showed {text} within {limit:?}; it shows:\n{}", self.text_of(css).await);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Give a file input a file, as a person choosing it in the system's file chooser would.
    /// (The input may be transparent over its drop zone: WebDriver fills file inputs all the same.)
    async fn set_file(&self, css: &str, path: &std::path::Path) {
        let e = self.c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e:?}"));
        e.send_keys(&path.to_string_lossy()).await.unwrap();
    }

    fn db_count(&self, sql: &str) -> i64 {
        let c = rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    async fn close(self) {
        let _ = self.c.close().await;
    }
}

/// Screenshots go to target/e2e-shots so a person can look at what the test saw.
async fn shot(app: &App, name: &str) {
    let target =
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target").into());
    let dir = PathBuf::from(target).join("e2e-shots");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(png) = app.c.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// Make the database before the app opens it.
fn prepare(db: &std::path::Path, f: impl FnOnce(&mut liaison_core::Db)) {
    let mut d = liaison_core::Db::open(db).unwrap();
    f(&mut d);
}

fn member(db: &liaison_core::Db, name: &str) -> liaison_core::model::MemberInput {
    use liaison_core::model::*;
    MemberInput {
        name: name.into(),
        gender: "男".into(),
        sector_id: Some(db.refs(RefKind::Sector).unwrap()[20].id.clone()),
        term_ids: vec![db.current_term().unwrap().unwrap().id],
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_database_starts_empty_and_offers_demo_data() {
    let app = App::start().await;
    app.wait("[data-testid=demo-load]").await;
    app.wait_text("还没有委员").await;
    shot(&app, "empty").await;
    app.click("[data-testid=demo-load]").await;
    app.wait_text_in("[data-testid=roster-total]", "共 300 人").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 300);
    // Masked numbers in the list.
    app.wait_text_in("[data-testid=roster-table]", "****").await;
    shot(&app, "roster-demo").await;

    // Export the roster: a print-ready xlsx lands in the export folder.
    app.click("[data-testid=roster-export]").await;
    app.wait("[data-testid=export-dialog]").await;
    app.wait_text_in("[data-testid=export-dialog]", "导出 300 人").await;
    app.click("[data-testid=export-confirm]").await;
    app.wait_text_in("[data-testid=export-result]", "已导出 300 名委员").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    shot(&app, "export-done").await;
    let path = app.text_of("[data-testid=export-path]").await;
    let bytes = std::fs::read(path.trim()).unwrap_or_else(|e| panic!("exported file {path}: {e}"));
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip file");
    assert!(path.contains("/exports/委员名册-"), "{path}");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn add_a_member_find_by_initials_put_in_a_group_and_refuse_a_bad_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    // Neighbours in the roster so that the search has something to tell apart.
    prepare(&path, |db| {
        for n in ["张三", "李四", "王伟", "曾小明"] {
            let m = member(db, n);
            db.save_member(m).unwrap();
        }
    });
    let app = App::start_on(dir, path).await;

    app.wait_text_in("[data-testid=roster-total]", "共 4 人").await;

    // The form refuses an ID number with a wrong check digit, in Chinese, at the field; nothing is written.
    app.click("[data-testid=member-add]").await;
    app.wait("[data-testid=member-form]").await;
    app.fill("[data-testid=f-name] input", "郑晓岚").await;
    app.fill("[data-testid=f-id_number] input", "110105194912310021").await;
    app.choose("[data-testid=f-sector_id]", "教育界").await;
    app.click("[data-testid=member-save]").await;
    app.wait_text_in("[data-testid=member-form]", "身份证号校验位不正确，请核对最后一位").await;
    shot(&app, "bad-id").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members"), 4);

    // Corrected, it saves; gender and birth date come from the ID number.
    app.fill("[data-testid=f-id_number] input", "11010519491231002X").await;
    app.click("[data-testid=member-save]").await;
    app.wait_text_in("[data-testid=roster-total]", "共 5 人").await;
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM members WHERE name = '郑晓岚' AND gender = '女' AND birth_date = '1949-12-31'"
        ),
        1
    );

    // Found by pinyin initials.
    app.fill("[data-testid=roster-search] input", "zxl").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.wait_text_in("[data-testid=roster-table]", "郑晓岚").await;

    // A new group, and the member put in it.
    app.click("[data-testid=nav-groups]").await;
    app.click("[data-testid=group-add]").await;
    app.fill("[data-testid=g-name] input", "城关镇联络组").await;
    app.click("[data-testid=group-save]").await;
    app.wait_text_in("[data-testid=group-item]", "城关镇联络组").await;
    app.click("[data-testid=group-item]").await;
    app.click("[data-testid=group-add-members]").await;
    app.fill("[data-testid=group-member-search] input", "zxl").await;
    // Wait for the search to narrow the list to the one match before ticking it.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = app.text_of("[data-testid=group-add-dialog]").await;
        let checks = app
            .c
            .find_all(Locator::Css("[data-testid=group-add-dialog] [data-testid=group-member-check]"))
            .await
            .unwrap();
        if text.contains("郑晓岚") && checks.len() == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the add-members search never narrowed to 郑晓岚:\n{text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.click("[data-testid=group-add-dialog] [data-testid=group-member-check]").await;
    app.click("[data-testid=group-add-confirm]").await;
    app.wait_text_in("[data-testid=group-members]", "郑晓岚").await;
    shot(&app, "group").await;
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE m.name = '郑晓岚'"
        ),
        1
    );

    // The roster shows the group.
    app.click("[data-testid=nav-roster]").await;
    app.fill("[data-testid=roster-search] input", "zxl").await;
    app.wait_text_in("[data-testid=roster-table]", "城关镇联络组").await;
    app.close().await;
}

/// A figure, not a check: app start to a usable roster of 10,000 members.
/// `cargo test -p liaison-e2e -- --ignored --nocapture startup`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn startup_with_10000_members() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let n: u32 = std::env::var("STARTUP_MEMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    prepare(&path, |db| {
        db.load_demo(n, Some(100.min(n / 10).max(1))).unwrap();
    });
    let t = Instant::now();
    let app = App::start_on(dir, path).await;
    let launched = t.elapsed();
    app.wait_text_in("[data-testid=roster-total]", &format!("共 {n} 人")).await;
    app.wait_text_in("[data-testid=roster-table]", "****").await;
    let usable = t.elapsed();
    // The page's own marks, in ms from its navigation start; wait for the roster's (set on the frame after).
    let js = "const n = performance.getEntriesByType('navigation')[0]; const r = performance.getEntriesByName('roster-ready')[0]; return r ? JSON.stringify({dom_content_loaded: Math.round(n ? n.domContentLoadedEventEnd : -1), roster_ready: Math.round(r.startTime)}) : null;";
    let deadline = Instant::now() + Duration::from_secs(20);
    let timing = loop {
        let v = app.c.execute(js, vec![]).await.unwrap();
        if !v.is_null() {
            break v;
        }
        assert!(Instant::now() < deadline, "the roster never set its roster-ready mark");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    println!("page timing (ms since navigation start): {timing}");
    println!(
        "app start (WebDriver session, window up): {:.0} ms; roster of 10,000 usable: {:.0} ms",
        launched.as_secs_f64() * 1000.0,
        usable.as_secs_f64() * 1000.0
    );
    shot(&app, "roster-10000").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_from_a_newer_version_is_refused_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    prepare(&path, |db| {
        db.conn().pragma_update(None, "user_version", 99).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.wait_text_in("[data-testid=fatal]", "请升级委员联络工作台").await;
    assert_eq!(app.db_count("PRAGMA user_version"), 99, "the file is left untouched");
    app.close().await;
}

/// Not a check: screenshots of every screen with demo data and a long name, for a person to look at
/// (target/e2e-shots/tour-*.png). `cargo test -p liaison-e2e -- --ignored tour`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn tour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tour.db");
    prepare(&path, |db| {
        db.load_demo(300, None).unwrap();
        let mut m = member(db, "阿依古丽·买买提·艾尔肯江");
        m.gender = "女".into();
        m.work_unit = "新疆维吾尔自治区喀什地区疏附县托克扎克镇中心小学附属幼儿园".into();
        m.job_title = "园长兼党支部书记".into();
        db.save_member(m).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.wait_text_in("[data-testid=roster-total]", "共 301 人").await;
    shot(&app, "tour-roster").await;
    app.fill("[data-testid=roster-search] input", "aygl").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    shot(&app, "tour-roster-search").await;
    app.click("[data-testid=roster-table] tbody tr td:nth-child(2)").await;
    app.wait("[data-testid=member-drawer]").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "tour-drawer").await;
    app.click("[data-testid=member-edit]").await;
    app.wait("[data-testid=member-form]").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "tour-form").await;
    app.click("[data-testid=member-cancel]").await;
    app.click("[data-testid=member-drawer] .el-drawer__close-btn").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    app.click("[data-testid=nav-groups]").await;
    app.wait("[data-testid=group-item]").await;
    app.click("[data-testid=group-item]").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "tour-groups").await;
    app.click("[data-testid=nav-settings]").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    shot(&app, "tour-settings").await;
    app.close().await;
}

fn import_fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/import"))
        .join(name)
        .canonicalize()
        .unwrap()
}

/// What the import fixtures expect (core/tests/import.rs): three groups, and two members the
/// 东城片 sheet updates (何振东) and repeats unchanged (吕秀英).
fn import_setup(db: &mut liaison_core::Db) {
    use liaison_core::model::*;
    let term = db.current_term().unwrap().unwrap().id;
    let ref_id = |db: &liaison_core::Db, kind: RefKind, name: &str| {
        db.refs(kind).unwrap().into_iter().find(|r| r.name == name).unwrap().id
    };
    let id_number = |s: &str| format!("{s}{}", liaison_core::idcard::check_char(s));
    let mut groups = std::collections::BTreeMap::new();
    for g in ["城关联络组", "东城联络组", "西城联络组"] {
        let s = db.save_group(GroupInput { name: g.into(), ..Default::default() }).unwrap();
        groups.insert(g, s.id);
    }
    db.save_member(MemberInput {
        name: "何振东".into(),
        id_number: id_number("33010619620418057"),
        party_id: Some(ref_id(db, RefKind::Party, "中共党员")),
        sector_id: Some(ref_id(db, RefKind::Sector, "中国共产党")),
        group_id: Some(groups["东城联络组"].clone()),
        work_unit: "东港区东城街道办事处".into(),
        job_title: "党工委书记".into(),
        mobile: "13012345678".into(),
        term_ids: vec![term.clone()],
        ..Default::default()
    })
    .unwrap();
    db.save_member(MemberInput {
        name: "吕秀英".into(),
        id_number: id_number("33010619640930068"),
        party_id: Some(ref_id(db, RefKind::Party, "民盟盟员")),
        sector_id: Some(ref_id(db, RefKind::Sector, "中国民主同盟")),
        committee_id: Some(ref_id(db, RefKind::Committee, "文化文史和学习委员会")),
        group_id: Some(groups["东城联络组"].clone()),
        work_unit: "东港区图书馆".into(),
        job_title: "馆长".into(),
        mobile: "13112345678".into(),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn import_a_messy_roster_with_the_wizard_then_export_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, import_setup);
    let exports = dir.path().join("exports");
    let broken = dir.path().join("损坏的名册.xlsx");
    std::fs::write(&broken, "not a spreadsheet").unwrap();
    let app = App::start_on(dir, path).await;
    app.wait_text_in("[data-testid=roster-total]", "共 2 人").await;

    // ① 选择文件
    app.click("[data-testid=roster-import]").await;
    app.wait("[data-testid=import-drop]").await;
    app.wait_text_in("[data-testid=import-dialog]", "支持 .xlsx .xls .csv（UTF-8 或 GBK）").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shot(&app, "import-1-file").await;
    // A file that is not a spreadsheet: core's reason, in Chinese, and nothing else happens.
    app.set_file("[data-testid=import-file]", &broken).await;
    app.wait_text_in("[data-testid=import-load-error]", "损坏的名册.xlsx").await;
    shot(&app, "import-1-unreadable").await;
    app.set_file("[data-testid=import-file]", &import_fixture("messy-roster.xlsx")).await;

    // ② 核对列: both sheets, their header rows, the fields found from the headers.
    app.wait("[data-testid=import-columns]").await;
    app.wait_text_in("[data-testid=import-columns]", "工作表：城关片").await;
    app.wait_text_in("[data-testid=import-columns]", "工作表：东城片").await;
    app.wait_text_in("[data-testid=import-file-line]", "messy-roster.xlsx").await;
    let cols = app.text_of("[data-testid=import-columns]").await;
    assert!(cols.contains("表头在第 4 行"), "{cols}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-2-columns").await;

    // ③ 预览: the counts core gives for this file (core/tests/fixtures/import/expected.json).
    app.click("[data-testid=import-next]").await;
    app.wait("[data-testid=import-preview]").await;
    for t in ["新增 9", "更新 1", "无变化 1", "跳过 10", "出错 10"] {
        app.wait_text_in("[data-testid=import-summary]", t).await;
    }
    app.wait_text_in("[data-testid=import-unknown]", "外星界").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-3-preview").await;
    // Only the errors, each with its column.
    app.click("[data-testid=import-tag-error]").await;
    app.wait_text_in("[data-testid=import-rows]", "赵国庆").await;
    let errs = app.text_of("[data-testid=import-rows]").await;
    assert!(errs.contains("F列：") && !errs.contains("新委员"), "{errs}");
    shot(&app, "import-3-errors").await;
    // The unknown sector goes into the list: its row is no longer an error.
    app.click("[data-testid=import-add-unknown]").await;
    app.wait_text_in("[data-testid=import-summary]", "新增 10").await;
    app.wait_text_in("[data-testid=import-summary]", "出错 9").await;
    // The error report lands in the export folder.
    app.click("[data-testid=import-report]").await;
    app.wait_text_in("[data-testid=import-report-path]", "导入错误报告-").await;
    let report = app.text_of("[data-testid=import-report-path]").await;
    assert!(report.trim().starts_with(&exports.to_string_lossy().to_string()), "{report}");
    assert!(std::fs::read(report.trim()).unwrap().starts_with(b"PK"));
    shot(&app, "import-3-report").await;

    // ④ 导入: the valid rows, in one transaction.
    app.click("[data-testid=import-next]").await;
    app.wait_text_in("[data-testid=import-commit-valid]", "导入无误的 11 行").await;
    let all = app.wait("[data-testid=import-commit-all]").await;
    assert!(all.attr("disabled").await.unwrap().is_some(), "全部无误才导入 while rows have errors");
    shot(&app, "import-4-commit").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members"), 2, "nothing written before the commit");
    app.click("[data-testid=import-commit-valid]").await;
    app.wait_text_in("[data-testid=import-result]", "导入完成").await;
    app.wait_text_in("[data-testid=import-result]", "新增 10 人，更新 1 人").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-4-done").await;
    app.click("[data-testid=import-done]").await;

    // The roster shows them, and they are in the file.
    app.wait_text_in("[data-testid=roster-total]", "共 12 人").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 12);
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM members m JOIN ref_items s ON s.id = m.sector_id WHERE m.name = '褚明' AND s.name = '外星界'"
        ),
        1
    );
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE name = '何振东' AND work_unit = '东港区东城街道'"), 1);
    app.fill("[data-testid=roster-search] input", "wangwei").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.wait_text_in("[data-testid=roster-table]", "东港区第一中学").await;
    shot(&app, "import-roster").await;
    app.fill("[data-testid=roster-search] input", "\u{E003}").await;
    app.wait_text_in("[data-testid=roster-total]", "共 12 人").await;

    // And out again: the roster export has them all.
    app.click("[data-testid=roster-export]").await;
    app.wait_text_in("[data-testid=export-dialog]", "导出 12 人").await;
    app.click("[data-testid=export-confirm]").await;
    app.wait_text_in("[data-testid=export-result]", "已导出 12 名委员").await;
    let out = app.text_of("[data-testid=export-path]").await;
    assert!(std::fs::read(out.trim()).unwrap().starts_with(b"PK"), "{out}");
    app.close().await;
}

/// A 10,000-row roster (exported from a demo database) previewed and imported into an empty one:
/// the wizard stays usable and says how long each step took.
/// `cargo test -p liaison-e2e -- --ignored --nocapture import_10000`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn import_10000_rows_in_the_wizard() {
    use liaison_core::export::{RosterColumn, RosterExport};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("委员名册-10000.xlsx");
    prepare(&dir.path().join("demo.db"), |db| {
        db.load_demo(10_000, Some(100)).unwrap();
        let opts =
            RosterExport { columns: RosterColumn::ALL.to_vec(), with_id: true, with_phone: true, ..Default::default() };
        db.export_roster(&opts, &file).unwrap();
    });
    let path = dir.path().join("e2e.db");
    let app = App::start_on(dir, path).await;
    app.wait("[data-testid=demo-load]").await;

    app.click("[data-testid=roster-import]").await;
    app.wait("[data-testid=import-drop]").await;
    let t = Instant::now();
    app.set_file("[data-testid=import-file]", &file).await;
    app.wait("[data-testid=import-columns]").await;
    let loaded = t.elapsed();
    shot(&app, "import-10000-columns").await;
    app.click("[data-testid=import-next]").await;
    app.wait_text_in("[data-testid=import-summary]", "新增").await;
    shot(&app, "import-10000-preview").await;
    let summary = app.text_of("[data-testid=import-summary]").await;
    // The demo's groups are not in the empty database: add them from the file.
    let t = Instant::now();
    if app.c.find(Locator::Css("[data-testid=import-add-unknown]")).await.is_ok() {
        app.click("[data-testid=import-add-unknown]").await;
    }
    app.wait_text_in("[data-testid=import-summary]", "新增 10000").await;
    let replanned = t.elapsed();
    // Paging and filtering stay quick.
    let t = Instant::now();
    app.click("[data-testid=import-rows] ~ .pager .el-pager li:last-child").await;
    app.wait_text_in("[data-testid=import-rows]", "10002").await;
    let paged = t.elapsed();
    // (WebKitGTK under Xvfb paints a moment after the DOM changes.)
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "import-10000-last-page").await;
    app.click("[data-testid=import-next]").await;
    let t = Instant::now();
    app.click("[data-testid=import-commit]").await;
    app.wait_text_in_within("[data-testid=import-result]", "新增 10000 人", Duration::from_secs(300)).await;
    let committed = t.elapsed();
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "import-10000-done").await;
    app.click("[data-testid=import-done]").await;
    app.wait_text_in("[data-testid=roster-total]", "共 10000 人").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 10_000);
    println!("first summary: {summary}");
    println!(
        "10,000 rows: file chosen → columns shown {:.0} ms; re-plan (add unknown values) {:.0} ms; last page {:.0} ms; import {:.0} ms",
        loaded.as_secs_f64() * 1000.0,
        replanned.as_secs_f64() * 1000.0,
        paged.as_secs_f64() * 1000.0,
        committed.as_secs_f64() * 1000.0
    );
    app.close().await;
}

/// A file whose name column has an unknown header, and no 界别: the user says which column is the
/// name and which sector new members join, and the wizard re-plans each time.
#[tokio::test(flavor = "multi_thread")]
async fn import_with_a_column_chosen_by_hand_and_a_default_sector() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("新委员.csv");
    std::fs::write(&file, "委员名称,性别,出生年月,工作单位\n林小雨,女,1990.01,东港区实验小学\n欧阳晓峰,男,1985.10,东港区人民医院心血管内科主任医师兼党支部书记\n")
        .unwrap();
    let path = dir.path().join("e2e.db");
    let app = App::start_on(dir, path).await;
    app.wait("[data-testid=demo-load]").await;
    app.click("[data-testid=roster-import]").await;
    app.wait("[data-testid=import-drop]").await;
    app.set_file("[data-testid=import-file]", &file).await;
    app.wait_text_in("[data-testid=import-columns]", "未找到“姓名”列").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-choose-column").await;
    app.choose("[data-testid=import-map][data-col=A]", "姓名").await;
    app.wait_text_in("[data-testid=import-columns]", "本次选择").await;
    let cols = app.text_of("[data-testid=import-columns]").await;
    assert!(!cols.contains("未找到“姓名”列"), "{cols}");

    app.click("[data-testid=import-next]").await;
    app.wait_text_in("[data-testid=import-summary]", "出错 2").await;
    app.wait_text_in("[data-testid=import-rows]", "未注明界别：新委员必须有界别，请在导入时选择默认界别").await;
    app.wait_text_in("[data-testid=import-default-sector]", "未注明界别的新委员归入").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-missing-sector").await;
    app.choose("[data-testid=import-default-sector] .el-select", "医药卫生界").await;
    app.wait_text_in("[data-testid=import-summary]", "新增 2").await;
    app.wait_text_in("[data-testid=import-summary]", "出错 0").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-default-sector").await;

    app.click("[data-testid=import-next]").await;
    app.click("[data-testid=import-commit]").await;
    app.wait_text_in("[data-testid=import-result]", "新增 2 人").await;
    app.click("[data-testid=import-done]").await;
    app.wait_text_in("[data-testid=roster-total]", "共 2 人").await;
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM members m JOIN ref_items s ON s.id = m.sector_id WHERE s.name = '医药卫生界' AND m.name IN ('林小雨', '欧阳晓峰')"
        ),
        2
    );
    // The choice is remembered for the next file with that header.
    assert!(app.db_count("SELECT COUNT(*) FROM settings WHERE key = 'import_header_map' AND value LIKE '%name%'") == 1);
    app.close().await;
}

/// Today, local time, as YYYY-MM-DD (as the app sees it).
fn today() -> String {
    let c = rusqlite::Connection::open_in_memory().unwrap();
    c.query_row("SELECT date('now', 'localtime')", [], |r| r.get(0)).unwrap()
}

/// Pick a member in a searchable member select: type the name, click the option that shows it, and check
/// the select shows the name (on a loaded machine a click can land before the option is ready: try again).
async fn pick_member(app: &App, select_css: &str, name: &str) {
    pick_member_into(app, select_css, name, select_css).await
}

/// `pick_member` for a select that acts on the pick and clears itself (invite): the name must show in
/// `shown_css` instead.
async fn pick_member_into(app: &App, select_css: &str, name: &str, shown_css: &str) {
    for attempt in 0..3 {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        try_pick_member(app, select_css, name).await;
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            let shown: String = app
                .c
                .execute(
                    "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                    vec![serde_json::json!(shown_css)],
                )
                .await
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            if shown.contains(name) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }
    shot(app, "failure").await;
    panic!("{shown_css} never showed the member {name} after picking it in {select_css}");
}

async fn try_pick_member(app: &App, select_css: &str, name: &str) {
    app.click(select_css).await;
    app.wait(&format!("{select_css} input")).await.send_keys(name).await.unwrap();
    let xpath = format!("//li[contains(@class,'el-select-dropdown__item')][contains(normalize-space(.),'{name}')]");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        for e in app.c.find_all(Locator::XPath(&xpath)).await.unwrap_or_default() {
            if e.is_displayed().await.unwrap_or(false) && e.click().await.is_ok() {
                return;
            }
        }
        if Instant::now() > deadline {
            shot(app, "failure").await;
            panic!("no member {name} in {select_css}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn pause(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_a_visit_round_record_an_outcome_and_see_it_on_the_member() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visits.db");
    prepare(&path, |db| {
        for n in ["欧阳明", "郑晓燕"] {
            db.save_member(member(db, n)).unwrap();
        }
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait_text("还没有活动").await;
    shot(&app, "activities-empty").await;
    app.click("#tab-visits").await;
    app.wait_text("还没有走访计划").await;
    pause(600).await;
    app.click("[data-testid=round-add]").await;
    app.fill("[data-testid=rf-title] input, input[data-testid=rf-title]", "2026年冬季委员走访").await;
    app.fill("[data-testid=rf-visitors] input, input[data-testid=rf-visitors]", "张主席、办公室李明").await;
    pick_member(&app, "[data-testid=rf-member-0]", "欧阳明").await;
    app.fill("[data-testid=rf-date-0] input, input[data-testid=rf-date-0]", &today()).await;
    app.wait("[data-testid=rf-date-0] input, input[data-testid=rf-date-0]").await.send_keys("\u{E007}").await.unwrap();
    app.click("[data-testid=rf-add-row]").await;
    pick_member(&app, "[data-testid=rf-member-1]", "郑晓燕").await;
    pause(300).await;
    shot(&app, "visits-round-form").await;
    app.click("[data-testid=rf-save]").await;
    app.wait_text_in("[data-testid=round-visits]", "郑晓燕").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND deleted_at IS NULL"), 2);
    pause(300).await;
    shot(&app, "visits-round").await;

    // Print the round's checklist as PDF: the day table and a record sheet per visit, made by core.
    app.click("[data-testid=round-print]").await;
    app.wait("[data-testid=print-dialog]").await;
    app.wait_text_in("[data-testid=print-dialog]", "显示完整手机号").await;
    pause(300).await;
    shot(&app, "visits-print-dialog").await;
    app.click("[data-testid=print-confirm]").await;
    app.wait_text_in("[data-testid=print-result]", "走访安排表已生成").await;
    let pdf = app.text_of("[data-testid=print-path]").await;
    let pdf = pdf.trim().trim_start_matches("已导出到 ").to_string();
    assert!(pdf.contains("/exports/走访安排表-") && pdf.ends_with(".pdf"), "{pdf}");
    let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let text: String = String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect();
    for want in ["2026年冬季委员走访安排表", "欧阳明", "郑晓燕", "张主席、办公室李明", "委员走访记录表"]
    {
        assert!(text.contains(want), "{want} not in the PDF: {text}");
    }
    pause(300).await;
    shot(&app, "visits-printed").await;
    app.click("[data-testid=print-dialog] .el-dialog__headerbtn").await;
    pause(500).await;

    // Record the outcome of the visit to 欧阳明, with a follow-up.
    app.click("[data-testid=round-visits] tbody tr:first-child td:nth-child(2)").await;
    app.wait_text_in("[data-testid=ad-title]", "走访欧阳明委员").await;
    app.fill(
        "[data-testid=vo-findings] textarea, textarea[data-testid=vo-findings]",
        "委员所在企业经营稳定，积极参加界别活动",
    )
    .await;
    app.fill("[data-testid=vo-opinions] textarea, textarea[data-testid=vo-opinions]", "建议增加乡镇联络组活动经费")
        .await;
    app.click("[data-testid=fu-add]").await;
    app.fill("[data-testid=fu-content-0] input, input[data-testid=fu-content-0]", "向财政局反映联络组活动经费").await;
    app.fill("[data-testid=fu-owner-0] input, input[data-testid=fu-owner-0]", "李明").await;
    app.fill("[data-testid=fu-due-0] input, input[data-testid=fu-due-0]", "2099-12-31").await;
    app.wait("[data-testid=fu-due-0] input, input[data-testid=fu-due-0]").await.send_keys("\u{E007}").await.unwrap();
    app.click("[data-testid=vo-save]").await;
    app.wait_text("走访情况已记录").await;
    app.wait_text_in("[data-testid=ad-status]", "已完成").await;
    pause(400).await;
    shot(&app, "visits-outcome").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND status = 'done'"), 1);
    assert_eq!(app.db_count("SELECT COUNT(*) FROM follow_ups"), 1);
    app.click("[data-testid=ad-close]").await;
    pause(600).await;

    // The member's page shows the visit.
    app.click("[data-testid=nav-roster]").await;
    app.fill("[data-testid=roster-search] input", "oym").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.click("[data-testid=roster-table] tbody tr td:nth-child(2)").await;
    app.wait("[data-testid=member-drawer]").await;
    app.click("#tab-history").await;
    app.wait_text_in("[data-testid=member-history-list]", "走访欧阳明委员").await;
    app.wait_text_in("[data-testid=member-history-list]", "被走访").await;
    pause(400).await;
    shot(&app, "member-history").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_invite_sign_in_by_initials_and_confirm_attendance() {
    use liaison_core::model::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meeting.db");
    prepare(&path, |db| {
        for n in ["欧阳明", "郑晓燕", "王伟"] {
            db.save_member(member(db, n)).unwrap();
        }
        db.save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "民营经济发展座谈会".into(),
            date: today(),
            time: "08:30".into(),
            place: "区政协三楼会议室".into(),
            content: "听取委员对优化营商环境的意见建议".into(),
            responsible: "周建国".into(),
            contact: "李明 13812345678".into(),
            ..Default::default()
        })
        .unwrap();
        db.save_activity(ActivityInput {
            kind: ActivityKind::Research,
            title: "关于推进城乡义务教育优质均衡发展和农村寄宿制学校建设情况的专题调研（第二阶段）".into(),
            date: "2099-03-15".into(),
            ..Default::default()
        })
        .unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait_text_in("[data-testid=act-table]", "民营经济发展座谈会").await;
    app.wait_text_in("[data-testid=act-table]", "四落实不全").await;
    pause(300).await;
    shot(&app, "activities-list").await;
    app.click("[data-testid=af-filter-incomplete]").await;
    pause(500).await;
    assert!(!app.text_of("[data-testid=act-table]").await.contains("民营经济发展座谈会"));
    app.click("[data-testid=af-filter-incomplete]").await;
    app.click("[data-testid=act-mode] label:nth-child(2)").await;
    app.wait_text_in("[data-testid=act-month]", "民营经济").await;
    pause(300).await;
    shot(&app, "activities-month").await;
    app.c.execute("document.querySelector('[data-testid=act-month] .day-item').click()", vec![]).await.unwrap();

    // Invite two members, sign one in by initials, confirm attendance.
    app.wait_text_in("[data-testid=ad-title]", "民营经济发展座谈会").await;
    // By script: a toast may sit over the tab bar.
    app.c.execute("document.querySelector('#tab-people').click()", vec![]).await.unwrap();
    app.wait_text("名单为空").await;
    pick_member_into(&app, "[data-testid=ad-invite-member]", "欧阳明", "[data-testid=ad-people]").await;
    app.wait_text_in("[data-testid=ad-people]", "欧阳明").await;
    pick_member_into(&app, "[data-testid=ad-invite-member]", "郑晓燕", "[data-testid=ad-people]").await;
    app.wait_text_in("[data-testid=ad-people]", "郑晓燕").await;
    app.fill("[data-testid=ad-quick] input, input[data-testid=ad-quick]", "oym").await;
    app.wait("[data-testid=ad-quick] input, input[data-testid=ad-quick]").await.send_keys("\u{E007}").await.unwrap();
    app.wait_text("已签到 1 人").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM participants WHERE attendance = 'present'"), 1);
    pause(300).await;
    shot(&app, "meeting-signed-in").await;
    app.click("[data-testid=ad-finalise]").await;
    app.wait_text("出勤已确认").await;
    app.wait_text_in("[data-testid=ad-people]", "缺席").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM participants WHERE attendance = 'absent'"), 1);
    pause(400).await;
    shot(&app, "meeting-attendance").await;
    // By script: a toast may sit over the tab bar.
    app.c.execute("document.querySelector('#tab-notice').click()", vec![]).await.unwrap();
    app.wait_text_in("[data-testid=activity-drawer]", "复制").await;
    pause(400).await;
    shot(&app, "meeting-notice").await;
    app.close().await;
}

/// Screenshots of the activity screens on a demo year (target/e2e-shots/act-tour-*.png).
/// `cargo test -p liaison-e2e -- --ignored activities_tour`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn activities_tour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("act-tour.db");
    prepare(&path, |db| {
        db.load_demo(300, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait("[data-testid=act-table] tbody tr").await;
    pause(600).await;
    shot(&app, "act-tour-list").await;
    app.click("[data-testid=act-mode] label:nth-child(2)").await;
    pause(1200).await;
    shot(&app, "act-tour-month").await;
    app.click("[data-testid=act-mode] label:nth-child(1)").await;
    app.choose("[data-testid=af-filter-kind]", "视察").await;
    pause(800).await;
    app.click("[data-testid=act-table] tbody tr td:nth-child(3)").await;
    app.wait("[data-testid=ad-title]").await;
    pause(800).await;
    shot(&app, "act-tour-inspection").await;
    app.c
        .execute("document.querySelector('#tab-stops') && document.querySelector('#tab-stops').click()", vec![])
        .await
        .unwrap();
    pause(600).await;
    shot(&app, "act-tour-stops").await;
    app.c.execute("document.querySelector('#tab-people').click()", vec![]).await.unwrap();
    pause(600).await;
    shot(&app, "act-tour-people").await;
    app.click("[data-testid=ad-invite-many]").await;
    app.wait("[data-testid=invite-dialog] tbody tr").await;
    app.click("[data-testid=invite-dialog] tbody tr:nth-child(2) td:nth-child(2)").await;
    pause(500).await;
    shot(&app, "act-tour-invite").await;
    app.click("[data-testid=invite-confirm]").await;
    app.wait_text("已邀请 1 人").await;
    app.click("[data-testid=ad-close]").await;
    pause(600).await;
    app.click("[data-testid=act-add]").await;
    pause(800).await;
    shot(&app, "act-tour-new").await;
    app.click("[data-testid=af-save]").await;
    pause(800).await;
    shot(&app, "act-tour-new-errors").await;
    app.c
        .execute("document.querySelector('[data-testid=activity-form] .el-dialog__headerbtn').click()", vec![])
        .await
        .ok();
    pause(600).await;
    app.c.execute("document.querySelector('#tab-visits').click()", vec![]).await.unwrap();
    pause(1500).await;
    shot(&app, "act-tour-visits").await;
    app.close().await;
}

/// The plenary session (全会): check in three members at the desk by their initials, record a leave, seat
/// everyone automatically and print the seating chart as PDF.
#[tokio::test(flavor = "multi_thread")]
async fn plenary_check_in_at_the_desk_leave_seating_and_print() {
    use liaison_core::sessions::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plenary.db");
    let names = ["欧阳明", "郑晓燕", "王伟", "李建国", "张丽华", "陈志强", "刘芳", "杨帆", "赵敏", "黄磊"];
    prepare(&path, |db| {
        for n in names {
            db.save_member(member(db, n)).unwrap();
        }
        let layout = db
            .save_hall_layout(HallLayoutInput {
                name: "大礼堂".into(),
                rows: 3,
                seat_columns: 9,
                aisle_columns: vec![5],
                section_names: vec!["左区".into(), "右区".into()],
                rostrum_rows: 1,
                rostrum_seats: 5,
                ..Default::default()
            })
            .unwrap();
        let s = db
            .save_session(SessionInput {
                name: "政协第十五届第三次会议".into(),
                start_date: today(),
                end_date: today(),
                place: "区行政中心大礼堂".into(),
                layout_id: Some(layout.id),
                ..Default::default()
            })
            .unwrap();
        for (half, kind) in [(HalfDay::Am, SittingKind::Opening), (HalfDay::Pm, SittingKind::Group)] {
            db.save_sitting(SittingInput {
                session_id: s.session.id.clone(),
                kind,
                date: today(),
                half,
                ..Default::default()
            })
            .unwrap();
        }
        assert_eq!(db.add_session_members(&s.session.id, &[]).unwrap(), 10);
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-sessions]").await;
    app.wait_text_in("[data-testid=session-title]", "政协第十五届第三次会议").await;
    app.wait_text_in("[data-testid=att-table]", "欧阳明").await;
    pause(300).await;
    shot(&app, "session-overview").await;

    // The check-in desk: initials, Enter; the counts follow.
    app.c.execute("document.querySelector('#tab-desk').click()", vec![]).await.unwrap();
    app.wait_text_in("[data-testid=desk-expected]", "10").await;
    for (initials, name, done) in [("oym", "欧阳明", "1"), ("zxy", "郑晓燕", "2"), ("ljg", "李建国", "3")] {
        let input = app.wait("[data-testid=desk-search]").await;
        input.send_keys(initials).await.unwrap();
        app.wait_text_in("[data-testid=desk-results]", name).await;
        if initials == "ljg" {
            pause(300).await;
            shot(&app, "session-desk-match").await;
        }
        input.send_keys("\u{E007}").await.unwrap();
        app.wait_text_in("[data-testid=desk-notice]", &format!("{name} 报到成功")).await;
        app.wait_text_in("[data-testid=desk-checked]", done).await;
        // The search box keeps the focus, emptied for the next person.
        let focused = app
            .c
            .execute(
                "return document.activeElement.getAttribute('data-testid') + '|' + document.activeElement.value",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(focused.as_str(), Some("desk-search|"));
    }
    app.wait_text_in("[data-testid=desk-remaining]", "7").await;
    pause(300).await;
    shot(&app, "session-desk").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_checkins WHERE deleted_at IS NULL"), 3);
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM session_checkins c JOIN session_attendees a ON a.id = c.attendee_id
             JOIN members m ON m.id = a.member_id
             WHERE c.deleted_at IS NULL AND m.name IN ('欧阳明','郑晓燕','李建国') AND c.items = '出席证,会议材料,餐券'"
        ),
        3
    );

    // A leave for 王伟, for the whole session.
    app.c.execute("document.querySelector('#tab-leave').click()", vec![]).await.unwrap();
    app.wait("[data-testid=leave-form]").await;
    app.choose("[data-testid=leave-attendee]", "王伟").await;
    app.fill("input[data-testid=leave-reason]", "因公出差").await;
    app.click("[data-testid=leave-submit]").await;
    app.wait_text_in("[data-testid=leave-table]", "因公出差").await;
    app.wait_text_in("[data-testid=leave-table]", "待批").await;
    pause(300).await;
    shot(&app, "session-leave").await;
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM session_leaves l JOIN session_attendees a ON a.id = l.attendee_id
             JOIN members m ON m.id = a.member_id WHERE m.name = '王伟' AND l.reason = '因公出差'
             AND l.sitting_id IS NULL AND l.status = 'pending'"
        ),
        1
    );

    // Seat everyone, then print the seating chart as PDF.
    app.c.execute("document.querySelector('#tab-seating').click()", vec![]).await.unwrap();
    app.wait("[data-testid=seat-chart]").await;
    pause(500).await;
    if app.db_count("SELECT COUNT(*) FROM session_seats") == 0 {
        app.click("[data-testid=seat-auto]").await;
    }
    app.wait_text("已排 10 人").await;
    app.wait_text_in("[data-testid=seat-chart]", "欧阳明").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_seats"), 10);
    pause(300).await;
    shot(&app, "session-seating").await;
    app.click("[data-testid=session-print-seating]").await;
    app.wait("[data-testid=session-print-dialog]").await;
    pause(300).await;
    shot(&app, "session-print-dialog").await;
    app.click("[data-testid=session-print-confirm]").await;
    app.wait_text_in("[data-testid=session-print-result]", "座次表已生成").await;
    let pdf = app.text_of("[data-testid=session-print-path]").await;
    let pdf = pdf.trim().trim_start_matches("已导出到 ").to_string();
    assert!(pdf.ends_with(".pdf"), "{pdf}");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{pdf}: {e}"));
    assert!(bytes.starts_with(b"%PDF"), "not a PDF: {pdf}");
    pause(300).await;
    shot(&app, "session-printed").await;
    app.close().await;
}

/// Screenshots of the 全会 screens on the demo's session of 500 members (target/e2e-shots/session-tour-*.png).
/// `cargo test -p liaison-e2e -- --ignored sessions_tour`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn sessions_tour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tour.db");
    prepare(&path, |db| {
        db.load_demo(500, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-sessions]").await;
    app.wait_text_in("[data-testid=session-title]", "第三次会议").await;
    app.wait("[data-testid=att-table]").await;
    pause(1000).await;
    shot(&app, "session-tour-overview").await;
    for tab in ["desk", "leave", "signin", "groups", "seating", "logistics", "print"] {
        app.c.execute(&format!("document.querySelector('#tab-{tab}').click()"), vec![]).await.unwrap();
        pause(1500).await;
        if tab == "desk" {
            app.wait("[data-testid=desk-search]").await.send_keys("w").await.unwrap();
            pause(800).await;
        }
        shot(&app, &format!("session-tour-{tab}")).await;
    }
    app.c.execute("document.querySelector('#tab-signin').click()", vec![]).await.unwrap();
    pause(800).await;
    app.c
        .execute("document.querySelector('[data-testid=signin-view] label:nth-child(2)').click()", vec![])
        .await
        .unwrap();
    pause(1500).await;
    shot(&app, "session-tour-stats").await;
    app.close().await;
}
