//! Encryption at rest in the window: the app on an encrypted database starts on the unlock screen, a
//! wrong passphrase is refused, the right one shows the roster; 立即锁定 closes it again; a passphrase
//! set from 设置 → 数据安全 encrypts the file.

use crate::harness::{pause, prepare, shot, App};
use liaison_core::crypto::{is_encrypted, OldBackups, Passphrase};

const PASS: &str = "春风又绿江南岸 2026";

#[tokio::test(flavor = "multi_thread")]
async fn an_encrypted_database_opens_on_the_unlock_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.db");
    prepare(&path, |db| {
        db.load_demo(20, None).unwrap();
        db.set_operator("测试员").unwrap();
        db.set_passphrase(None, Some(Passphrase::new(PASS)), OldBackups::Convert).unwrap();
    });
    assert!(is_encrypted(&path).unwrap());
    let app = App::start_on(dir, path.clone()).await;
    app.wait("[data-testid=unlock-screen]").await;
    // Nothing of the office shows while locked.
    assert!(!app.text_of("body").await.contains("委员名册"));
    app.click("[data-testid=unlock-forgot]").await;
    app.wait_text("口令无法找回").await;
    shot(&app, "unlock-screen").await;

    app.fill("[data-testid=unlock-passphrase] input, input[data-testid=unlock-passphrase]", "春风又绿江南岸 2025")
        .await;
    app.click("[data-testid=unlock-submit]").await;
    app.wait_text_in("[data-testid=unlock-error]", "口令不正确").await;
    shot(&app, "unlock-wrong").await;

    app.fill("[data-testid=unlock-passphrase] input, input[data-testid=unlock-passphrase]", PASS).await;
    app.click("[data-testid=unlock-submit]").await;
    app.wait_text_in("[data-testid=roster-total]", "共 20 人").await;

    // 设置 → 数据安全 says so; 立即锁定 brings the unlock screen back.
    app.click("[data-testid=nav-settings]").await;
    app.wait_text_in("[data-testid=security-state]", "已加密").await;
    pause(300).await;
    shot(&app, "security-panel-encrypted").await;
    app.click("[data-testid=security-lock]").await;
    app.wait("[data-testid=unlock-screen]").await;
    app.fill("[data-testid=unlock-passphrase] input, input[data-testid=unlock-passphrase]", PASS).await;
    app.click("[data-testid=unlock-submit]").await;
    app.wait("[data-testid=security-panel]").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_passphrase_set_in_settings_encrypts_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    prepare(&path, |db| {
        db.load_demo(12, None).unwrap();
    });
    let app = App::start_on(dir, path.clone()).await;
    app.click("[data-testid=nav-settings]").await;
    app.wait_text_in("[data-testid=security-state]", "未加密").await;
    shot(&app, "security-panel").await;
    app.click("[data-testid=security-set]").await;
    app.wait_text("口令忘记后无法找回").await;
    app.fill("[data-testid=security-new] input, input[data-testid=security-new]", "short").await;
    app.wait_text_in("[data-testid=security-strength]", "太短").await;
    app.fill("[data-testid=security-new] input, input[data-testid=security-new]", PASS).await;
    app.fill("[data-testid=security-again] input, input[data-testid=security-again]", PASS).await;
    app.click("[data-testid=security-understood]").await;
    pause(300).await;
    shot(&app, "security-set-dialog").await;
    app.click("[data-testid=security-submit]").await;
    app.wait_text("数据库已加密").await;
    app.wait_text_in("[data-testid=security-state]", "已加密").await;
    assert!(is_encrypted(&path).unwrap());
    // The file opens with that passphrase only, with every member.
    let db = liaison_core::Db::open_with(&path, Some(Passphrase::new(PASS))).unwrap();
    let n: i64 = db.conn().query_row("SELECT COUNT(*) FROM members", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 12);
    drop(db);
    assert!(liaison_core::Db::open(&path).is_err());
    // The backups listed below are encrypted too.
    app.wait_text_in("[data-testid=backup-table]", "改口令前").await;
    app.wait_text_in("[data-testid=backup-table]", "已加密").await;
    pause(300).await;
    shot(&app, "security-panel-after").await;
    app.close().await;
}
