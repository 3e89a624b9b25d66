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

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
    }
}

struct App {
    c: Client,
    _driver: Driver,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

impl App {
    async fn start() -> App {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("e2e.db");
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

    async fn click(&self, css: &str) {
        self.wait(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    async fn fill(&self, css: &str, text: &str) {
        let e = self.wait(css).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    async fn body(&self) -> String {
        self.c.find(Locator::Css("body")).await.unwrap().text().await.unwrap_or_default()
    }

    async fn wait_text(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.body().await.contains(text) {
            assert!(Instant::now() < deadline, "text never appeared: {text}\n--- page ---\n{}", self.body().await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn wait_text_in(&self, css: &str, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let t = match self.c.find(Locator::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if t.contains(text) {
                return;
            }
            assert!(Instant::now() < deadline, "{css} never showed {text}; it shows:\n{t}");
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
                    e.click().await.unwrap();
                    return;
                }
            }
            assert!(Instant::now() < deadline, "no option {option} in {select_css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn db_count(&self, sql: &str) -> i64 {
        let c = rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    async fn close(self) {
        let _ = self.c.close().await;
    }
}
