//! 设置 → 数据交换: the office's window exports its changes (a laptop imports that file), imports a
//! township laptop's file, and settles the conflict it brings side by side, field by field.

use crate::harness::{prepare, shot, App};
use liaison_core::exchange::ExchangeKind;
use liaison_core::Db;

#[tokio::test(flavor = "multi_thread")]
async fn a_laptops_file_is_imported_in_the_window_and_its_conflict_settled_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let laptop_dir = tempfile::tempdir().unwrap();
    let baseline = laptop_dir.path().join("baseline.ldx");
    let long_name = "欧阳·买买提江·阿不都热合曼";
    let mut member_id = String::new();
    prepare(&path, |db| {
        db.load_demo(20, None).unwrap();
        db.set_laptop_name("县政协联络办公室").unwrap();
        member_id = db.conn().query_row("SELECT id FROM members ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
        db.conn().execute("UPDATE members SET name = ?2 WHERE id = ?1", [&member_id, long_name]).unwrap();
        db.exchange_export(&baseline, ExchangeKind::Baseline, None).unwrap();
    });
    // The township laptop joins, changes the member's 工作单位 and 职务; the office changes the 工作单位 too.
    let (mut laptop, _) = Db::exchange_join(
        &laptop_dir.path().join("laptop.db"),
        &baseline,
        Some("城关镇联络组笔记本（第二联络组）"),
        None,
    )
    .unwrap();
    let set = |db: &Db, col: &str, v: &str| {
        db.conn()
            .execute(
                &format!("UPDATE members SET {col} = ?2, updated_at = ?3 WHERE id = ?1"),
                rusqlite::params![member_id, v, liaison_core::db::now()],
            )
            .unwrap();
    };
    set(
        &laptop,
        "work_unit",
        "中华人民共和国某某省某某市某某县城关镇人民政府经济发展和改革服务中心（挂乡村振兴工作站牌子）",
    );
    set(&laptop, "job_title", "主任");
    let file = laptop_dir.path().join("城关镇-1.ldx");
    laptop.exchange_export(&file, ExchangeKind::Changes, None).unwrap();
    prepare(&path, |db| set(db, "work_unit", "县政协办公室"));

    let app = App::start_on(dir, path.clone()).await;
    app.click("[data-testid=nav-settings]").await;
    app.wait("[data-testid=exchange-panel]").await;
    app.wait_text_in("[data-testid=exchange-pending]", "待交换").await;

    // The window exports the office's changes since the baseline; the laptop imports that file.
    app.click("[data-testid=exchange-export]").await;
    app.wait_text("已导出第 2 号变更文件").await;
    let exported = app.text_of("[data-testid=exchange-exported]").await;
    let out = exported.trim_start_matches("已导出：").split_whitespace().next().unwrap().to_string();
    let back = laptop.exchange_import(std::path::Path::new(&out), None).unwrap();
    assert_eq!((back.sequence, back.conflicts), (2, 1), "{back:?}");

    // The laptop's file, chosen in the window: looked at first, then imported.
    app.set_file("[data-testid=exchange-file]", &file).await;
    app.wait_text_in("[data-testid=exchange-loaded]", "城关镇联络组笔记本（第二联络组） 的第 1 号变更文件").await;
    app.click("[data-testid=exchange-import]").await;
    app.wait_text("冲突 1 处待处理").await;
    app.wait_text_in("[data-testid=exchange-conflicts]", long_name).await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM exchange_conflicts WHERE resolved_at IS NULL"), 1);

    // Side by side: the differing fields marked; take the laptop's 职务 only.
    app.click(&format!("[data-testid='exchange-conflict-open-{long_name}']")).await;
    app.wait("[data-testid=conflict-dialog]").await;
    app.wait_text_in("[data-testid=conflict-fields]", "县政协办公室").await;
    app.wait_text_in("[data-testid=conflict-fields]", "经济发展和改革服务中心").await;
    app.wait_text_in("[data-testid=conflict-reason]", "本机和 城关镇联络组笔记本（第二联络组） 都修改了这条记录").await;
    crate::harness::pause(400).await;
    shot(&app, "exchange-conflict").await;
    app.click("[data-testid=conflict-pick-job_title] .el-checkbox__input").await;
    app.wait_text_in("[data-testid=conflict-take-fields]", "采用所选字段（1）").await;
    app.click("[data-testid=conflict-take-fields]").await;
    app.wait_text("已处理：逐项选择").await;
    app.wait_text_in("[data-testid=exchange-conflicts]", "没有待处理的冲突").await;
    let q = |col: &str| format!("SELECT COUNT(*) FROM members WHERE id = '{member_id}' AND {col}");
    assert_eq!(app.db_count(&q("work_unit = '县政协办公室'")), 1, "the office's 工作单位 kept");
    assert_eq!(app.db_count(&q("job_title = '主任'")), 1, "the laptop's 职务 taken");
    assert_eq!(app.db_count("SELECT COUNT(*) FROM audit_log WHERE action = 'exchange_resolve'"), 1);
    shot(&app, "exchange-panel").await;
    app.close().await;
}
