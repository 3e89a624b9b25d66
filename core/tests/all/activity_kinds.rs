//! Issue 14's activities: the kinds the work plans name, activities organised jointly by several liaison
//! groups (counted for each), inviting by sector (界别), the 驻地上级政协委员 list and their invitations,
//! and migration 0013 (two tables rebuilt) on a file of the version before it, with data.

use crate::common::{count, open, sector};
use liaison_core::db::MIGRATIONS;
use liaison_core::model::*;
use liaison_core::{Db, Error};

fn member(db: &mut Db, name: &str, sector_name: &str) -> String {
    let sector = sector(db, sector_name);
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "女".into(),
        sector_id: Some(sector),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap()
    .id
}

fn group(db: &mut Db, name: &str) -> String {
    db.save_group(GroupInput { name: name.into(), ..Default::default() }).unwrap().id
}

fn fields(e: Error) -> Vec<String> {
    match e {
        Error::Validation(f) => f.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn titles(db: &Db, q: ActivityQuery) -> Vec<String> {
    db.activities(&q).unwrap().into_iter().map(|a| a.title).collect()
}

#[test]
fn the_new_kinds_are_saved_listed_and_labelled() {
    let (_d, mut db) = open();
    let kinds = [
        (ActivityKind::Appraisal, "评议"),
        (ActivityKind::StudyTour, "学习考察"),
        (ActivityKind::Exchange, "工作交流"),
        (ActivityKind::Fellowship, "联谊交友"),
        (ActivityKind::Service, "服务民生"),
    ];
    for (k, label) in kinds {
        assert_eq!(k.label(), label);
        let a = db
            .save_activity(ActivityInput {
                kind: k,
                title: format!("{label}活动"),
                date: "2026-05-10".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(a.activity.kind, k);
    }
    for (k, label) in kinds {
        assert_eq!(titles(&db, ActivityQuery { kind: Some(k), ..Default::default() }), vec![format!("{label}活动")]);
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM activities WHERE kind = 'study_tour'"), 1);
}

#[test]
fn a_joint_activity_counts_for_each_group_and_its_joint_groups_are_edited_with_the_form() {
    let (_d, mut db) = open();
    let (a, b, c) = (group(&mut db, "城关镇联络组"), group(&mut db, "东城街道联络组"), group(&mut db, "西乡镇联络组"));
    let joint = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Group,
            title: "联片视察农村饮水工程".into(),
            date: "2026-06-01".into(),
            organiser: Organiser::Group,
            group_id: Some(a.clone()),
            // The organiser itself and a repeat are dropped.
            joint_group_ids: vec![b.clone(), a.clone(), b.clone(), c.clone()],
            ..Default::default()
        })
        .unwrap();
    let mut jg = joint.activity.joint_group_ids.clone();
    jg.sort();
    let mut want = vec![b.clone(), c.clone()];
    want.sort();
    assert_eq!(jg, want);
    assert_eq!(joint.activity.joint_groups, "东城街道联络组、西乡镇联络组");
    db.save_activity(ActivityInput {
        kind: ActivityKind::Group,
        title: "城关镇单独活动".into(),
        date: "2026-06-02".into(),
        organiser: Organiser::Group,
        group_id: Some(a.clone()),
        ..Default::default()
    })
    .unwrap();
    // Each group's list and count.
    let of = |db: &Db, g: &str| titles(db, ActivityQuery { group_id: Some(g.into()), ..Default::default() });
    assert_eq!(of(&db, &a), vec!["联片视察农村饮水工程", "城关镇单独活动"]);
    assert_eq!(of(&db, &b), vec!["联片视察农村饮水工程"]);
    assert_eq!(of(&db, &c), vec!["联片视察农村饮水工程"]);
    let counts: std::collections::HashMap<String, i32> =
        db.groups(None).unwrap().into_iter().map(|g| (g.name, g.activity_count)).collect();
    assert_eq!(counts["城关镇联络组"], 2);
    assert_eq!(counts["东城街道联络组"], 1);
    assert_eq!(counts["西乡镇联络组"], 1);
    // The SQL other domains count over: one row per (activity, group).
    let n: i64 = db
        .conn()
        .query_row(
            &format!("SELECT COUNT(*) FROM ({}) WHERE activity_id = ?1", liaison_core::activities::ACTIVITY_GROUPS),
            [&joint.activity.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 3);
    // The form loads them and a save without one drops it.
    let mut form = db.activity_input(&joint.activity.id).unwrap();
    assert_eq!(form.joint_group_ids.len(), 2);
    form.joint_group_ids.retain(|g| g != &c);
    db.save_activity(form).unwrap();
    assert!(of(&db, &c).is_empty());
    assert_eq!(of(&db, &b), vec!["联片视察农村饮水工程"]);
    // The audit log names the joint groups (not their ids), before and after.
    let last: String = db
        .conn()
        .query_row(
            "SELECT changes FROM audit_log WHERE entity_id = ?1 AND action = 'update' ORDER BY at DESC, rowid DESC LIMIT 1",
            [&joint.activity.id],
            |r| r.get(0),
        )
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(v["joint_groups"], serde_json::json!(["东城街道联络组、西乡镇联络组", "东城街道联络组"]), "{last}");
    // Joint organisers only with a group organising; a deleted group is refused.
    let e = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "座谈会".into(),
            joint_group_ids: vec![b.clone()],
            ..Default::default()
        })
        .unwrap_err();
    assert!(fields(e).iter().any(|f| f.starts_with("joint_group_ids: 联合组织的联络组只用于联络组组织的活动")));
    db.delete_group(&c).unwrap();
    let e = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Group,
            title: "又一次联片".into(),
            organiser: Organiser::Group,
            group_id: Some(a.clone()),
            joint_group_ids: vec![c.clone()],
            ..Default::default()
        })
        .unwrap_err();
    assert!(fields(e).iter().any(|f| f.contains("西乡镇联络组") && f.contains("已删除")));
    // Office-organised again: the joint organisers go.
    let mut form = db.activity_input(&joint.activity.id).unwrap();
    form.organiser = Organiser::Office;
    form.kind = ActivityKind::Forum;
    form.group_id = None;
    form.joint_group_ids.clear();
    db.save_activity(form).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM activity_groups"), 0);
}

#[test]
fn a_forum_for_sectors_invites_their_live_members_only() {
    let (_d, mut db) = open();
    let t1 = member(&mut db, "王老师", "教育界");
    let t2 = member(&mut db, "李老师", "教育界");
    let gone = member(&mut db, "赵老师", "教育界");
    let left = member(&mut db, "钱老师", "教育界");
    let doc = member(&mut db, "孙医生", "医药卫生界");
    let other = member(&mut db, "周经理", "经济界");
    db.delete_member(&gone).unwrap();
    db.conn().execute("UPDATE members SET status = 'left' WHERE id = ?1", [&left]).unwrap();
    let forum = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "教育卫生界别座谈会".into(),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    let out = db
        .invite_members(InviteInput {
            activity_id: forum.clone(),
            sector_ids: vec![sector(&db, "教育界"), sector(&db, "医药卫生界")],
            ..Default::default()
        })
        .unwrap();
    assert_eq!((out.added, out.already), (3, 0));
    let mut on: Vec<String> = db.participants(&forum, "").unwrap().into_iter().filter_map(|p| p.member_id).collect();
    on.sort();
    let mut want = vec![t1, t2, doc];
    want.sort();
    assert_eq!(on, want);
    assert!(!on.contains(&other));
    // Again: nobody twice.
    let out = db
        .invite_members(InviteInput {
            activity_id: forum.clone(),
            sector_ids: vec![sector(&db, "教育界")],
            ..Default::default()
        })
        .unwrap();
    assert_eq!((out.added, out.already), (0, 2));
    // A sector with nobody in office says so at its field.
    let e = db
        .invite_members(InviteInput {
            activity_id: forum,
            sector_ids: vec![sector(&db, "体育界")],
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(fields(e), vec!["sector_ids: 所选界别中没有在任的委员"]);
}

#[test]
fn upper_level_members_are_kept_in_their_own_list_and_invited() {
    let (_d, mut db) = open();
    let g = group(&mut db, "城关镇联络组");
    let same = member(&mut db, "陈晓燕", "经济界");
    let u = db
        .save_upper_member(UpperMemberInput {
            name: " 陈 晓燕 ".into(),
            level: UpperLevel::City,
            term: "第十四届".into(),
            sector: "经济界".into(),
            unit: "某集团公司董事长".into(),
            mobile: "138 1234 5678".into(),
            group_id: Some(g.clone()),
            member_id: Some(same.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(u.name, "陈晓燕");
    assert_eq!(u.mobile, "138****5678");
    assert_eq!(u.group, "城关镇联络组");
    assert_eq!(u.member, "陈晓燕");
    let p = db
        .save_upper_member(UpperMemberInput {
            name: "刘振华".into(),
            level: UpperLevel::Province,
            ..Default::default()
        })
        .unwrap();
    let n = db
        .save_upper_member(UpperMemberInput {
            name: "高明".into(), level: UpperLevel::National, ..Default::default()
        })
        .unwrap();
    // National first, then provincial, then city.
    let names: Vec<String> = db.upper_members(false, false).unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(names, vec!["高明", "刘振华", "陈晓燕"]);
    assert_eq!(db.upper_members(false, true).unwrap()[2].mobile, "13812345678");
    // Not on the roster.
    assert_eq!(count(&db, "SELECT COUNT(*) FROM members WHERE name IN ('刘振华', '高明')"), 0);
    // Twice at one level, a bad mobile: named at their fields.
    let e = db
        .save_upper_member(UpperMemberInput {
            name: "刘振华".into(),
            level: UpperLevel::Province,
            mobile: "12345".into(),
            ..Default::default()
        })
        .unwrap_err();
    let f = fields(e);
    assert!(f.iter().any(|f| f == "name: 省政协中已有刘振华，请勿重复登记"), "{f:?}");
    assert!(f.iter().any(|f| f.starts_with("mobile: ")), "{f:?}");
    // Invited with members; they appear as 上级政协委员 with their sector and group.
    let act = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Inspection,
            title: "视察河道整治".into(),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    let out = db
        .invite_members(InviteInput {
            activity_id: act.clone(),
            member_ids: vec![same.clone()],
            upper_member_ids: vec![u.id.clone(), p.id.clone(), u.id.clone()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!((out.added, out.already), (3, 0));
    let people = db.participants(&act, "").unwrap();
    let upper: Vec<&Participant> = people.iter().filter(|p| p.person_kind == PersonKind::Upper).collect();
    assert_eq!(upper.len(), 2);
    let chen = upper.iter().find(|x| x.upper_member_id.as_deref() == Some(u.id.as_str())).unwrap();
    assert_eq!((chen.name.as_str(), chen.sector.as_str(), chen.group.as_str()), ("陈晓燕", "经济界", "城关镇联络组"));
    // The notice names them; the plan lists them apart from the members.
    let notice = db.activity_notice(&act).unwrap();
    assert!(
        notice.contains("特邀驻地上级政协委员：") && notice.contains("特邀驻地上级政协委员：刘振华、陈晓燕"),
        "{notice}"
    );
    // Members' counts leave them out.
    assert_eq!(db.activity(&act).unwrap().attendance.invited, 1);
    let again = db
        .invite_members(InviteInput {
            activity_id: act.clone(),
            upper_member_ids: vec![p.id.clone()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!((again.added, again.already), (0, 1));
    assert_eq!(db.upper_member(&p.id, false).unwrap().activities, 1);
    // A rename follows onto the lists; not by hand as a person.
    let mut form = UpperMemberInput {
        id: Some(p.id.clone()),
        name: "刘振国".into(),
        level: UpperLevel::Province,
        ..Default::default()
    };
    db.save_upper_member(form.clone()).unwrap();
    assert!(db.participants(&act, "").unwrap().iter().any(|x| x.name == "刘振国"));
    let e = db
        .add_person(PersonInput {
            activity_id: act.clone(),
            name: "某某".into(),
            person_kind: PersonKind::Upper,
            ..Default::default()
        })
        .unwrap_err();
    assert!(fields(e)[0].starts_with("person_kind: "));
    // Deleted: not invitable, back with restore; the audit log has each step.
    db.delete_upper_member(&n.id).unwrap();
    assert_eq!(db.upper_members(true, false).unwrap().len(), 1);
    let e = db
        .invite_members(InviteInput {
            activity_id: act.clone(),
            upper_member_ids: vec![n.id.clone()],
            ..Default::default()
        })
        .unwrap_err();
    assert!(fields(e)[0].contains("已删除"));
    // In the 回收站 with the other records, and restored from there; not beside one registered again.
    let bin = db.trash("upper_member").unwrap();
    assert_eq!(bin.len(), 1);
    assert_eq!((bin[0].name.as_str(), bin[0].kind_label.as_str()), ("高明", "驻地上级政协委员"));
    let again = db
        .save_upper_member(UpperMemberInput {
            name: "高明".into(), level: UpperLevel::National, ..Default::default()
        })
        .unwrap();
    let e = db.trash_restore("upper_member", &n.id).unwrap_err();
    assert!(e.to_string().contains("全国政协中已有高明"), "{e}");
    db.delete_upper_member(&again.id).unwrap();
    db.trash_restore("upper_member", &n.id).unwrap();
    assert_eq!(db.upper_members(false, false).unwrap().len(), 3);
    form.id = None;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'upper_member'"),
        3 + 1 + 2 + 2,
        "three created, one renamed, one deleted and restored, one more created and deleted"
    );
}

/// Migration 0013 on a file of the version before it (the migrations before 0013 only), with data in
/// both rebuilt tables and in the tables that point at them.
#[test]
fn the_version_before_0013_with_data_migrates_keeping_rows_indexes_and_foreign_keys() {
    let pos = MIGRATIONS
        .iter()
        .position(|m| m.starts_with("-- Liaison Desk schema, version 13:"))
        .expect("migration 0013 is in MIGRATIONS");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before.db");
    let indexes_before: Vec<String>;
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..pos] {
            c.execute_batch(m).unwrap();
        }
        c.execute_batch(&format!(
            "PRAGMA foreign_keys = ON;
             INSERT INTO terms (id, name, start_year, end_year, is_current, created_at, updated_at) VALUES ('t1', '第十五届', 2022, 2027, 1, 'x', 'x');
             INSERT INTO members (id, name, gender, created_at, updated_at) VALUES
               ('m1', '王伟', '男', 'x', 'x'), ('m2', '李娜', '女', 'x', 'x');
             INSERT INTO liaison_groups (id, term_id, name, created_at, updated_at) VALUES ('g1', 't1', '城关镇联络组', 'x', 'x');
             INSERT INTO visit_rounds (id, title, created_at, updated_at) VALUES ('r1', '2026年走访', 'x', 'x');
             INSERT INTO activities (id, kind, title, start_date, organiser, group_id, status, created_at, updated_at)
               VALUES ('a1', 'group', '联络组活动', '2026-03-01', 'group', 'g1', 'done', 'c1', 'u1');
             INSERT INTO activities (id, kind, title, round_id, created_at, updated_at, deleted_at)
               VALUES ('a2', 'visit', '走访王伟', 'r1', 'c2', 'u2', 'd2');
             INSERT INTO visits (activity_id, target_kind, member_id) VALUES ('a2', 'member', 'm1');
             INSERT INTO participants (id, activity_id, member_id, person_kind, attendance, created_at, updated_at)
               VALUES ('p1', 'a1', 'm1', 'member', 'present', 'x', 'x'), ('p2', 'a1', 'm2', 'member', 'leave', 'x', 'x');
             INSERT INTO participants (id, activity_id, name, person_kind, role, created_at, updated_at)
               VALUES ('p3', 'a1', '周主任', 'leader', 'lead', 'x', 'x');
             INSERT INTO leave_requests (id, participant_id, reason, status, requested_at, created_at, updated_at)
               VALUES ('l1', 'p2', '出差', 'approved', 'x', 'x', 'x');
             INSERT INTO reflections (id, activity_id, member_id, title, created_at, updated_at)
               VALUES ('f1', 'a1', 'm1', '心得', 'x', 'x');
             -- What a migration between 0010 and 0013 could have added on the two tables: an index, a
             -- trigger, and a view over one of them.
             CREATE INDEX participants_outcome ON participants(attendance) WHERE attendance IS NOT NULL;
             CREATE TABLE touched (id TEXT NOT NULL);
             CREATE TRIGGER participants_touched AFTER UPDATE ON participants BEGIN INSERT INTO touched VALUES (new.id); END;
             CREATE VIEW activity_titles AS SELECT id, title FROM activities WHERE deleted_at IS NULL;
             PRAGMA user_version = {pos};"
        ))
        .unwrap();
        indexes_before = index_names(&c);
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), MIGRATIONS.len() as i64);
    // Every row, every column, as it was.
    let a1: (String, String, String, String, String, String) = db
        .conn()
        .query_row(
            "SELECT kind, title, start_date, group_id, status, created_at || updated_at FROM activities WHERE id = 'a1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap();
    assert_eq!(
        a1,
        ("group".into(), "联络组活动".into(), "2026-03-01".into(), "g1".into(), "done".into(), "c1u1".into())
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM activities WHERE id = 'a2' AND round_id = 'r1' AND deleted_at = 'd2'"),
        1
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM participants"), 3);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM participants WHERE id = 'p3' AND name = '周主任' AND role = 'lead'"),
        1
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM participants WHERE upper_member_id IS NOT NULL"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM leave_requests l JOIN participants p ON p.id = l.participant_id"), 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM visits v JOIN activities a ON a.id = v.activity_id"), 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM reflections f JOIN activities a ON a.id = f.activity_id"), 1);
    // The indexes of both tables are back; foreign keys hold and are on again.
    let after = index_names(db.conn());
    for i in &indexes_before {
        assert!(after.contains(i), "index {i} lost");
    }
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check().unwrap());
    let fk: bool = db.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(fk);
    // Children still point at the rebuilt tables by name (not at a renamed copy).
    let sql: String =
        db.conn().query_row("SELECT sql FROM sqlite_master WHERE name = 'leave_requests'", [], |r| r.get(0)).unwrap();
    assert!(sql.contains("REFERENCES participants(id)"), "{sql}");
    assert!(db.conn().execute("DELETE FROM activities WHERE id = 'a1'", []).is_err(), "foreign keys enforced");
    // The other migrations' index, trigger and view work on the rebuilt tables.
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('participants_outcome', 'participants_touched')"),
        2
    );
    db.conn().execute("UPDATE participants SET team = '第一组' WHERE id = 'p1'", []).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM touched WHERE id = 'p1'"), 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM activity_titles"), 1);
    let legacy: bool = db.conn().query_row("PRAGMA legacy_alter_table", [], |r| r.get(0)).unwrap();
    assert!(!legacy);
    // The new kinds fit.
    db.conn()
        .execute("INSERT INTO activities (id, kind, title, created_at, updated_at) VALUES ('a3', 'service', '义诊', 'x', 'x')", [])
        .unwrap();
}

#[test]
fn migration_0013_refuses_a_file_whose_references_are_broken_and_leaves_it_as_it_was() {
    let pos = MIGRATIONS.iter().position(|m| m.starts_with("-- Liaison Desk schema, version 13:")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..pos] {
            c.execute_batch(m).unwrap();
        }
        // Written with foreign keys off (as an old tool might have): a participant of no activity.
        c.execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO participants (id, activity_id, name, person_kind, created_at, updated_at)
               VALUES ('p1', 'nowhere', '某人', 'staff', 'x', 'x');
             PRAGMA user_version = {pos};"
        ))
        .unwrap();
    }
    let e = Db::open(&path).err().expect("refused");
    assert!(e.to_string().contains("引用不存在的记录"), "{e}");
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, pos as i64);
    let kinds: i64 =
        c.query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = 'upper_members'", [], |r| r.get(0)).unwrap();
    assert_eq!(kinds, 0);
}

fn index_names(c: &rusqlite::Connection) -> Vec<String> {
    let mut st = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('activities', 'participants') AND sql IS NOT NULL")
        .unwrap();
    let rows = st.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}
