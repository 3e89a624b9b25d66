//! Deletion and restore (the 回收站): liaison groups and reference items come back with the rules a user
//! expects (a name taken meanwhile is refused, naming it, and nothing is written); every deletion and
//! restore writes one audit shape; the import creates groups and list items through the forms' write path.

use crate::common::{count, day, open, ref_id};
use liaison_core::import::{CommitMode, ImportOptions};
use liaison_core::model::*;
use liaison_core::sessions::SessionInput;
use liaison_core::{Db, Error};
use serde_json::{json, Value};
use std::path::Path;

fn conflict(e: Error) -> String {
    match e {
        Error::Conflict(m) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// The audit entries of a record, newest first: (action, changes).
fn log(db: &Db, id: &str) -> Vec<(String, Value)> {
    db.audit_log(id).unwrap().into_iter().map(|a| (a.action, serde_json::from_str(&a.changes).unwrap())).collect()
}

/// The one shape of a deletion or restore: the stamp that changed, and what names the row, unchanged.
fn assert_shape(changes: &Value, label: &str, name: &str, deleted: bool) {
    let stamp = &changes["deleted_at"];
    if deleted {
        assert!(stamp[0].is_null() && stamp[1].is_string(), "{changes}");
    } else {
        assert!(stamp[0].is_string() && stamp[1].is_null(), "{changes}");
    }
    assert_eq!(changes[label], json!([name, name]), "{changes}");
}

fn group(db: &mut Db, name: &str) -> GroupSummary {
    db.save_group(GroupInput { name: name.into(), ..Default::default() }).unwrap()
}

/// Every group row as it is stored, to see that nothing was written.
fn groups_state(db: &Db) -> String {
    db.conn()
        .query_row(
            "SELECT group_concat(id || name || sort || updated_at || COALESCE(deleted_at, '-'), ';') FROM liaison_groups",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn names(db: &Db) -> Vec<String> {
    db.groups(None).unwrap().into_iter().map(|g| g.name).collect()
}

fn member(db: &mut Db, name: &str, group_id: &str) -> String {
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "女".into(),
        sector_id: Some(ref_id(db, RefKind::Sector, "教育界")),
        term_ids: vec![term],
        group_id: Some(group_id.into()),
        ..Default::default()
    })
    .unwrap()
    .id
}

#[test]
fn a_group_is_deleted_to_the_bin_and_restored_in_its_place() {
    let (_d, mut db) = open();
    for n in ["城关镇联络组", "东城街道联络组", "西城街道联络组"] {
        group(&mut db, n);
    }
    let east = db.groups(None).unwrap()[1].clone();
    db.delete_group(&east.id).unwrap();
    assert_eq!(names(&db), ["城关镇联络组", "西城街道联络组"]);
    let bin = db.deleted_groups(None).unwrap();
    assert_eq!((bin.len(), bin[0].name.as_str()), (1, "东城街道联络组"));
    assert!(bin[0].deleted_at.starts_with("20"));
    assert!(db.deleted_groups(Some("no-such-term")).unwrap().is_empty());

    let back = db.restore_group(&east.id).unwrap();
    assert_eq!((back.name.as_str(), back.term_id.as_str()), ("东城街道联络组", east.term_id.as_str()));
    assert_eq!(names(&db), ["城关镇联络组", "东城街道联络组", "西城街道联络组"], "back in its place");
    assert!(db.deleted_groups(None).unwrap().is_empty());
    // Restoring a live group changes nothing.
    let before = count(&db, "SELECT COUNT(*) FROM audit_log");
    db.restore_group(&east.id).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), before);

    let entries = log(&db, &east.id);
    let actions: Vec<&str> = entries.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(actions, ["restore", "delete", "create"]);
    assert_shape(&entries[1].1, "name", "东城街道联络组", true);
    assert_shape(&entries[0].1, "name", "东城街道联络组", false);
    assert_eq!(entries[0].1["deleted_at"][0], entries[1].1["deleted_at"][1], "the restore names the stamp it undid");
}

#[test]
fn a_group_whose_name_was_taken_meanwhile_is_not_restored_and_nothing_is_written() {
    let (_d, mut db) = open();
    let old = group(&mut db, "城关镇联络组");
    db.delete_group(&old.id).unwrap();
    let new = group(&mut db, "城关镇联络组");
    let before = (count(&db, "SELECT COUNT(*) FROM audit_log"), groups_state(&db));
    let e = conflict(db.restore_group(&old.id).unwrap_err());
    assert_eq!(e, "联络组「城关镇联络组」已存在，无法恢复：请先改名或删除现有的同名项");
    assert_eq!((count(&db, "SELECT COUNT(*) FROM audit_log"), groups_state(&db)), before, "nothing written");
    assert_eq!(db.deleted_groups(None).unwrap().len(), 1);
    // Rename the new one, and the old one comes back.
    db.save_group(GroupInput {
        id: Some(new.id.clone()), name: "城关镇第二联络组".into(), ..Default::default()
    })
    .unwrap();
    db.restore_group(&old.id).unwrap();
    assert_eq!(names(&db), ["城关镇联络组", "城关镇第二联络组"]);
    assert!(matches!(db.restore_group("no-such-group"), Err(Error::NotFound(_))));
}

#[test]
fn a_group_comes_back_with_the_members_deleted_before_it() {
    let (_d, mut db) = open();
    let g = group(&mut db, "城关镇联络组");
    let wang = member(&mut db, "王丽", &g.id);
    // A group with members is not deleted: they are moved or taken out first.
    assert!(conflict(db.delete_group(&g.id).unwrap_err()).contains("还有 1 名成员"));
    // A member deleted from the roster keeps her place in the group; then the group can go.
    db.delete_member(&wang).unwrap();
    db.delete_group(&g.id).unwrap();
    db.restore_member(&wang).unwrap();
    assert!(db.groups(None).unwrap().is_empty());
    db.restore_group(&g.id).unwrap();
    let back = db.group(&g.id).unwrap();
    assert_eq!(back.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["王丽"]);
    assert_eq!(back.group.member_count, 1);
}

#[test]
fn a_group_waits_for_its_township_to_be_restored_first() {
    let (_d, mut db) = open();
    let tw = db.save_ref(RefInput { id: None, kind: RefKind::Township, name: "城关镇".into(), sort: None }).unwrap();
    let g = db
        .save_group(GroupInput {
            name: "城关镇联络组".into(), township_id: Some(tw.id.clone()), ..Default::default()
        })
        .unwrap();
    db.delete_group(&g.id).unwrap();
    db.delete_ref(RefKind::Township, &tw.id).unwrap();
    let e = conflict(db.restore_group(&g.id).unwrap_err());
    assert!(e.contains("乡镇/街道「城关镇」已删除") && e.contains("先") && e.contains("恢复"), "{e}");
    assert_eq!(db.deleted_groups(None).unwrap().len(), 1);
    db.restore_ref(RefKind::Township, &tw.id).unwrap();
    assert_eq!(db.restore_group(&g.id).unwrap().township, "城关镇");
}

#[test]
fn a_reference_item_is_restored_unless_its_name_is_taken() {
    let (_d, mut db) = open();
    let edu = db.refs(RefKind::Sector).unwrap().into_iter().find(|r| r.name == "教育界").unwrap();
    db.delete_ref(RefKind::Sector, &edu.id).unwrap();
    assert!(db.ref_by_name(RefKind::Sector, "教育界").unwrap().is_none());
    let bin = db.deleted_refs(RefKind::Sector).unwrap();
    assert_eq!((bin.len(), bin[0].name.as_str(), bin[0].kind), (1, "教育界", RefKind::Sector));
    assert!(db.deleted_refs(RefKind::Party).unwrap().is_empty());

    // Someone typed it again; the old one cannot come back beside it.
    let again = db.save_ref(RefInput { id: None, kind: RefKind::Sector, name: "教育界".into(), sort: None }).unwrap();
    let before = count(&db, "SELECT COUNT(*) FROM audit_log");
    let e = conflict(db.restore_ref(RefKind::Sector, &edu.id).unwrap_err());
    assert_eq!(e, "界别「教育界」已存在，无法恢复：请先改名或删除现有的同名项");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), before);
    assert_eq!(db.deleted_refs(RefKind::Sector).unwrap().len(), 1);
    // The id is of another list: not found, nothing written.
    assert!(matches!(db.restore_ref(RefKind::Party, &edu.id), Err(Error::NotFound(_))));

    db.delete_ref(RefKind::Sector, &again.id).unwrap();
    let back = db.restore_ref(RefKind::Sector, &edu.id).unwrap();
    assert_eq!((back.name.as_str(), back.sort), ("教育界", edu.sort), "in its old place");
    assert_eq!(db.deleted_refs(RefKind::Sector).unwrap().len(), 1, "the one typed again is in the bin now");

    let entries = log(&db, &edu.id);
    assert_eq!(entries.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(), ["restore", "delete"]);
    assert_shape(&entries[1].1, "name", "教育界", true);
    assert_shape(&entries[0].1, "name", "教育界", false);
    let entity: String = db
        .conn()
        .query_row("SELECT DISTINCT entity FROM audit_log WHERE entity_id = ?1", [&edu.id], |r| r.get(0))
        .unwrap();
    assert_eq!(entity, "sector");
}

#[test]
fn every_deletion_and_restore_writes_the_same_shape() {
    let (_d, mut db) = open();
    let g = group(&mut db, "城关镇联络组");
    let m = member(&mut db, "王丽", &g.id);
    db.delete_member(&m).unwrap();
    db.restore_member(&m).unwrap();
    let e = log(&db, &m);
    assert_shape(&e[1].1, "name", "王丽", true);
    assert_shape(&e[0].1, "name", "王丽", false);

    let a = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "委员座谈会".into(),
            date: day(3),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    db.delete_activity(&a).unwrap();
    db.restore_activity(&a).unwrap();
    let e = log(&db, &a);
    assert_eq!((e[0].0.as_str(), e[1].0.as_str()), ("restore", "delete"));
    assert_shape(&e[1].1, "title", "委员座谈会", true);
    assert_shape(&e[0].1, "title", "委员座谈会", false);

    // A part of a record is logged on the record, with its own action.
    let f = db
        .save_follow_up(FollowUpInput {
            activity_id: a.clone(),
            content: "协调解决停车难".into(),
            owner: "区住建局".into(),
            due_date: day(30),
            ..Default::default()
        })
        .unwrap();
    db.delete_follow_up(&f.id).unwrap();
    let (action, changes) = log(&db, &a).remove(0);
    assert_eq!(action, "follow_up_delete");
    assert_shape(&changes, "content", "协调解决停车难", true);

    // A round takes its visits along, with the same stamp, and says how many.
    let round = db
        .save_visit_round(VisitRoundInput {
            title: "2026年委员走访".into(),
            visits: vec![
                VisitInput {
                    target_kind: VisitTarget::Unit, target_name: "区人民医院".into(), ..Default::default()
                },
                VisitInput {
                    target_kind: VisitTarget::Unit, target_name: "区第一中学".into(), ..Default::default()
                },
            ],
            ..Default::default()
        })
        .unwrap();
    let rid = round.round.id.clone();
    db.delete_visit_round(&rid).unwrap();
    let (_, changes) = log(&db, &rid).remove(0);
    assert_shape(&changes, "title", "2026年委员走访", true);
    assert_eq!(changes["visits"], json!([2, 0]));
    let stamp = changes["deleted_at"][1].as_str().unwrap().to_string();
    let same: i64 = db
        .conn()
        .query_row("SELECT COUNT(*) FROM activities WHERE round_id = ?1 AND deleted_at = ?2", [&rid, &stamp], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(same, 2);
    db.restore_visit_round(&rid).unwrap();
    let (_, changes) = log(&db, &rid).remove(0);
    assert_eq!(changes["visits"], json!([0, 2]));

    // A session takes its activity along.
    let s = db
        .save_session(SessionInput {
            name: "政协第十五届第三次会议".into(),
            start_date: day(10),
            end_date: day(12),
            ..Default::default()
        })
        .unwrap()
        .session;
    db.delete_session(&s.id).unwrap();
    let gone: bool = db
        .conn()
        .query_row("SELECT deleted_at IS NOT NULL FROM activities WHERE id = ?1", [&s.activity_id], |r| r.get(0))
        .unwrap();
    assert!(gone);
    db.restore_session(&s.id).unwrap();
    let e = log(&db, &s.id);
    assert_shape(&e[1].1, "name", "政协第十五届第三次会议", true);
    assert_shape(&e[0].1, "name", "政协第十五届第三次会议", false);
    assert_eq!(
        count(&db, &format!("SELECT COUNT(*) FROM activities WHERE id = '{}' AND deleted_at IS NULL", s.activity_id)),
        1
    );
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

#[test]
fn imported_groups_and_list_items_are_written_as_the_forms_write_them() {
    let (_d, mut db) = open();
    let typed = group(&mut db, "北城联络组");
    let sort = |db: &Db, name: &str| -> i64 {
        db.conn().query_row("SELECT sort FROM liaison_groups WHERE name = ?1", [name], |r| r.get(0)).unwrap()
    };
    assert_eq!(sort(&db, "北城联络组"), 10);
    let opts = ImportOptions { add_unknown: true, ..Default::default() };
    db.import_commit(&fixture("messy-roster.xlsx"), &opts, CommitMode::ValidRows).unwrap();
    // Each new group goes to the end of the list, 10 after the last, as a typed one does.
    let mut sorts: Vec<i64> = ["东城联络组", "城关联络组"].iter().map(|n| sort(&db, n)).collect();
    sorts.sort();
    assert_eq!(sorts, [20, 30]);
    assert_eq!(names(&db)[0], typed.name);
    for g in db.groups(None).unwrap() {
        let entries = log(&db, &g.id);
        assert_eq!(entries.len(), 1, "{}", g.name);
        assert_eq!(entries[0].0, "create");
        assert_eq!(entries[0].1, json!({"name": [null, g.name]}), "the form's entry");
    }
    // A new 界别 is added at the end of its list, audited as the form does (as a sector).
    let alien = db.refs(RefKind::Sector).unwrap().into_iter().find(|r| r.name == "外星界").unwrap();
    let last = db.refs(RefKind::Sector).unwrap().iter().filter(|r| r.id != alien.id).map(|r| r.sort).max().unwrap();
    assert_eq!(alien.sort, last + 10);
    let entity: String = db
        .conn()
        .query_row("SELECT entity FROM audit_log WHERE entity_id = ?1 AND action = 'create'", [&alien.id], |r| r.get(0))
        .unwrap();
    assert_eq!(entity, "sector");
}

#[test]
fn imported_townships_are_added_to_their_list_like_typed_ones() {
    let (_d, mut db) = open();
    let opts = ImportOptions { add_unknown: true, ..Default::default() };
    let p = db.import_commit(&fixture("roster-sample.xlsx"), &opts, CommitMode::AllOrNothing).unwrap();
    assert!(p.committed);
    let towns = db.refs(RefKind::Township).unwrap();
    assert!(!towns.is_empty());
    let mut sorts: Vec<i32> = towns.iter().map(|t| t.sort).collect();
    sorts.sort();
    assert_eq!(sorts, (1..=towns.len() as i32).map(|i| i * 10).collect::<Vec<_>>());
    let groups = count(&db, "SELECT COUNT(*) FROM liaison_groups");
    assert_eq!(count(&db, "SELECT COUNT(DISTINCT sort) FROM liaison_groups"), groups, "every group its own place");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'township' AND action = 'create'"),
        towns.len() as i64
    );
}
