//! The harness: tauri-driver started per test on free ports (and stopped with everything below it), a
//! WebDriver session on the app, the helpers a test drives the window with (wait, click, fill, choose,
//! pick_member …), screenshots, and the database prepared before the app opens it.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, MutexGuard};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub(crate) fn app_binary() -> PathBuf {
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

/// What a test did in the window and how long it waited for the app: the headline journey counts its
/// clicks and typed values against a budget (journey.rs). Every helper counts; only that test reads it.
#[derive(Default, Clone, Debug)]
pub(crate) struct Tally {
    /// Clicks, values typed into a field, keys pressed, files chosen.
    pub(crate) actions: u32,
    /// Characters typed (the keystrokes inside the typed values).
    pub(crate) chars: u32,
    /// Time spent waiting for the window to show what the test waits for.
    pub(crate) waited: Duration,
    pub(crate) waits: u32,
}

pub(crate) struct App {
    pub(crate) c: Client,
    tally: std::sync::Mutex<Tally>,
    /// How often a wait looks again: 100 ms, 20 ms while a journey is measured.
    poll: std::sync::atomic::AtomicU64,
    _driver: Driver,
    db: PathBuf,
    /// The program the session started.
    bin: PathBuf,
    _dir: tempfile::TempDir,
    // Last, so that it is let go after the driver and the app have stopped.
    _turn: MutexGuard<'static, ()>,
}

/// One app window at a time: two would fight over the display's focus and the machine's two cores. Each
/// test waits for its turn when it starts the app (the test binary runs tests on several threads; the
/// rest of a test, such as preparing its database, need not wait).
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

impl App {
    /// The app on a new, empty database.
    pub(crate) async fn start() -> App {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("e2e.db");
        App::start_on(dir, db).await
    }

    /// The app on a database file the test prepared (kept alive by `dir`). The laptop's operator is
    /// set (测试员) unless the test set one, and a new database's first-run wizard marked done, so that
    /// neither covers the window.
    /// A database the core cannot open as it is (encrypted, from a newer version) is left alone: its test
    /// sets the operator itself if it needs one.
    pub(crate) async fn start_on(dir: tempfile::TempDir, db: PathBuf) -> App {
        if let Ok(mut d) = liaison_core::Db::open(&db) {
            if d.operator().unwrap().is_none() {
                d.set_operator("测试员").unwrap();
            }
            // The first-run wizard is its own test's (first_run.rs).
            if d.setup_state().unwrap().needed {
                d.complete_setup().unwrap();
            }
        }
        App::start_as_is(dir, db).await
    }

    /// The app on a database as it is (the operator not set: the start asks for it).
    pub(crate) async fn start_as_is(dir: tempfile::TempDir, db: PathBuf) -> App {
        App::start_binary(dir, db, app_binary()).await
    }

    /// Another program than the app (the benchmark's bare Tauri window), started the same way.
    pub(crate) async fn start_binary(dir: tempfile::TempDir, db: PathBuf, bin: PathBuf) -> App {
        let turn = ONE_AT_A_TIME.lock().await;
        let driver = Driver::start(&db);
        assert!(bin.exists(), "app not built: {}", bin.display());
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": bin }));
        caps.insert("browserName".into(), serde_json::json!("wry"));
        let c = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("connect to tauri-driver");
        App {
            c,
            tally: Default::default(),
            poll: std::sync::atomic::AtomicU64::new(100),
            _driver: driver,
            db,
            bin,
            _dir: dir,
            _turn: turn,
        }
    }

    /// The program's processes: the app itself and everything it started (WebKit's web and network
    /// processes), not tauri-driver nor WebKitWebDriver.
    pub(crate) fn processes(&self) -> Vec<u32> {
        let bin = self.bin.canonicalize().unwrap_or_else(|_| self.bin.clone());
        let mut out = vec![];
        for pid in descendants(self._driver.child.id()) {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            if exe.as_deref() == Some(bin.as_path()) {
                out.push(pid);
                out.extend(descendants(pid));
                break;
            }
        }
        out
    }

    /// Count one action (a click, a typed value, a key) and `chars` typed characters.
    pub(crate) fn count(&self, actions: u32, chars: usize) {
        let mut t = self.tally.lock().unwrap();
        t.actions += actions;
        t.chars += chars as u32;
    }

    fn waited(&self, since: Instant) {
        let mut t = self.tally.lock().unwrap();
        t.waited += since.elapsed();
        t.waits += 1;
    }

    /// What the test did so far, and start counting again.
    pub(crate) fn take_tally(&self) -> Tally {
        std::mem::take(&mut *self.tally.lock().unwrap())
    }

    /// Look again every 20 ms (not 100): a measured journey's waits then end close to when the app is done.
    pub(crate) fn poll_fast(&self) {
        self.poll.store(20, std::sync::atomic::Ordering::Relaxed);
    }

    async fn nap(&self) {
        tokio::time::sleep(Duration::from_millis(self.poll.load(std::sync::atomic::Ordering::Relaxed))).await;
    }

    pub(crate) async fn wait(&self, css: &str) -> Element {
        let start = Instant::now();
        let deadline = start + Duration::from_secs(20);
        loop {
            if let Ok(els) = self.c.find_all(Locator::Css(css)).await {
                for e in els {
                    if e.is_displayed().await.unwrap_or(false) {
                        self.waited(start);
                        return e;
                    }
                }
            }
            assert!(Instant::now() < deadline, "no visible element {css}");
            self.nap().await;
        }
    }

    /// Wait until no element `css` is displayed (a dialog closed, its closing animation over).
    pub(crate) async fn wait_hidden(&self, css: &str) {
        let start = Instant::now();
        let deadline = start + Duration::from_secs(20);
        loop {
            let mut shown = false;
            if let Ok(els) = self.c.find_all(Locator::Css(css)).await {
                for e in els {
                    shown |= e.is_displayed().await.unwrap_or(false);
                }
            }
            if !shown {
                self.waited(start);
                return;
            }
            assert!(Instant::now() < deadline, "{css} is still shown");
            self.nap().await;
        }
    }

    /// Press a key in an element (Enter to submit, Escape to close): one action.
    pub(crate) async fn press(&self, css: &str, key: &str) {
        self.count(1, 0);
        self.wait(css).await.send_keys(key).await.unwrap();
    }

    /// Click, retrying while something (a toast, an animation) is still in the way.
    pub(crate) async fn click(&self, css: &str) {
        self.count(1, 0);
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
    pub(crate) async fn fill(&self, css: &str, text: &str) {
        self.count(1, text.chars().count());
        let e = self.wait(css).await;
        e.send_keys("\u{E009}a\u{E009}").await.unwrap();
        e.send_keys("\u{E003}").await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    async fn body(&self) -> String {
        self.text_of("body").await
    }

    /// The rendered text of the first element matching `css` (innerText: what a person reads).
    pub(crate) async fn text_of(&self, css: &str) -> String {
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

    pub(crate) async fn wait_text(&self, text: &str) {
        let start = Instant::now();
        let deadline = start + Duration::from_secs(20);
        while !self.body().await.contains(text) {
            if Instant::now() > deadline {
                shot(self, "failure").await;
                panic!("text never appeared: {text}\n--- page ---\n{}", self.body().await);
            }
            self.nap().await;
        }
        self.waited(start);
    }

    pub(crate) async fn wait_text_in(&self, css: &str, text: &str) {
        let start = Instant::now();
        let deadline = start + Duration::from_secs(20);
        loop {
            let t = self.text_of(css).await;
            if t.contains(text) {
                self.waited(start);
                return;
            }
            if Instant::now() > deadline {
                shot(self, "failure").await;
                panic!("{css} never showed {text}; it shows:\n{t}");
            }
            self.nap().await;
        }
    }

    /// Pick an option of an Element Plus select by its text.
    pub(crate) async fn choose(&self, select_css: &str, option: &str) {
        // Open the list (counted by click) and pick the option.
        self.count(1, 0);
        self.click(select_css).await;
        let xpath = format!("//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='{option}']");
        // As long as the other waits: a loaded machine (CI beside other builds) opens a long list slowly.
        let deadline = Instant::now() + Duration::from_secs(20);
        // An option scrolled out of a long list is not "displayed": after a while, type it into a
        // filterable select's box, which brings it to the top.
        let mut typed = false;
        let type_at = Instant::now() + Duration::from_secs(3);
        loop {
            if !typed && Instant::now() > type_at {
                typed = true;
                if let Ok(input) = self.c.find(Locator::Css(&format!("{select_css} input"))).await {
                    let _ = input.send_keys(option).await;
                }
            }
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
    pub(crate) async fn wait_text_in_within(&self, css: &str, text: &str, limit: Duration) {
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
    /// Counted as two actions: open the chooser, double-click the file.
    pub(crate) async fn set_file(&self, css: &str, path: &std::path::Path) {
        self.count(2, 0);
        // Present (it may be hidden under its drop zone), once the dialog that holds it is open.
        let start = Instant::now();
        let e = loop {
            match self.c.find(Locator::Css(css)).await {
                Ok(e) => break e,
                Err(e) if start.elapsed() > Duration::from_secs(20) => panic!("no {css}: {e:?}"),
                Err(_) => self.nap().await,
            }
        };
        self.waited(start);
        e.send_keys(&path.to_string_lossy()).await.unwrap();
    }

    pub(crate) fn db_count(&self, sql: &str) -> i64 {
        let c = rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    pub(crate) fn db_text(&self, sql: &str) -> String {
        let c = rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// A change behind the app's back (as another program or a mistaken bulk edit would make).
    pub(crate) fn db_exec(&self, sql: &str) {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        c.busy_timeout(Duration::from_secs(5)).unwrap();
        c.execute_batch(sql).unwrap();
    }

    pub(crate) async fn close(self) {
        let _ = self.c.close().await;
    }

    /// Close the app and start it again on the same database (what the laptop's user does at the end
    /// of a day). Waits until the first app has let go of the database (its one-window lock).
    pub(crate) async fn restart(self) -> App {
        let App { c, _driver, db, _dir, _turn, .. } = self;
        let _ = c.close().await;
        drop(_driver);
        drop(_turn);
        let deadline = Instant::now() + Duration::from_secs(20);
        while liaison_core::db::InstanceLock::acquire(&db).is_err() {
            assert!(Instant::now() < deadline, "the first app did not let go of the database");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        App::start_on(_dir, db).await
    }
}

/// Screenshots go to target/e2e-shots so a person can look at what the test saw.
pub(crate) async fn shot(app: &App, name: &str) {
    let target =
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target").into());
    let dir = PathBuf::from(target).join("e2e-shots");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(png) = app.c.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// Make the database before the app opens it.
pub(crate) fn prepare(db: &std::path::Path, f: impl FnOnce(&mut liaison_core::Db)) {
    let mut d = liaison_core::Db::open(db).unwrap();
    f(&mut d);
}

pub(crate) fn member(db: &liaison_core::Db, name: &str) -> liaison_core::model::MemberInput {
    use liaison_core::model::*;
    MemberInput {
        name: name.into(),
        gender: "男".into(),
        sector_id: Some(db.refs(RefKind::Sector).unwrap()[20].id.clone()),
        term_ids: vec![db.current_term().unwrap().unwrap().id],
        ..Default::default()
    }
}

/// Today, local time, as YYYY-MM-DD (as the app sees it).
pub(crate) fn today() -> String {
    let c = rusqlite::Connection::open_in_memory().unwrap();
    c.query_row("SELECT date('now', 'localtime')", [], |r| r.get(0)).unwrap()
}

/// Pick a member in a searchable member select: type the name, click the option that shows it, and check
/// the select shows the name (on a loaded machine a click can land before the option is ready: try again).
pub(crate) async fn pick_member(app: &App, select_css: &str, name: &str) {
    pick_member_into(app, select_css, name, select_css).await
}

/// `pick_member` for a select that acts on the pick and clears itself (invite): the name must show in
/// `shown_css` instead.
pub(crate) async fn pick_member_into(app: &App, select_css: &str, name: &str, shown_css: &str) {
    // Type the name and click its option (the click that opens the select counts itself).
    app.count(2, name.chars().count());
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

pub(crate) async fn pause(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

/// The size of a figure test (the `#[ignore]`d tests that print a figure, e.g. start-up with 10,000
/// members): `LIAISON_FIGURE_MEMBERS`, else the size its figure is for. CI runs them once at a small size
/// (`scripts/setup.sh test`) so that they cannot rot; the figures in docs/benchmarks.md are at full size.
pub(crate) fn figure_members(default: u32) -> u32 {
    std::env::var("LIAISON_FIGURE_MEMBERS")
        .ok()
        .and_then(|v| v.replace(['_', ','], "").parse().ok())
        .unwrap_or(default)
        .max(1)
}
