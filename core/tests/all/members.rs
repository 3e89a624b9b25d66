//! Members on a real SQLite file: validation, search, sort, groups, soft delete and the audit log.
//! (Migrations: migrations.rs.)

use crate::common::{id_number, open, sector};
use liaison_core::model::*;
use liaison_core::{Db, Error};
use rusqlite::params;

fn input(db: &Db, name: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        gender: "男".into(),
        sector_id: Some(sector(db, "教育界")),
        term_ids: vec![db.current_term().unwrap().unwrap().id],
        ..Default::default()
    }
}

fn names(db: &Db, q: RosterQuery) -> Vec<String> {
    db.roster(&RosterQuery { limit: 1000, ..q }).unwrap().rows.into_iter().map(|r| r.name).collect()
}

fn count(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn the_id_number_fills_gender_and_birth_date() {
    let (_d, mut db) = open();
    let mut i = input(&db, "李娜");
    i.gender = String::new();
    i.id_number = id_number("1975-03-08", 122).to_lowercase();
    let m = db.save_member(i).unwrap();
    assert_eq!(m.gender, "女");
    assert_eq!(m.birth_date, "1975-03-08");
    assert_eq!(m.name_pinyin, "lina");
}

#[test]
fn invalid_forms_save_nothing_and_name_the_field_in_chinese() {
    let (_d, mut db) = open();
    let before = count(&db, "members");
    let audit_before = count(&db, "audit_log");
    let cases: Vec<(MemberInput, &str, &str)> = vec![
        (
            {
                let mut i = input(&db, "王伟");
                i.id_number = "110105194912310021".into();
                i
            },
            "id_number",
            "身份证号校验位不正确，请核对最后一位",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.id_number = "1101051949".into();
                i
            },
            "id_number",
            "18 位",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.id_number = "11010519491331002X".into();
                i
            },
            "id_number",
            "出生日期",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.id_number = id_number("1980-01-02", 11);
                i.birth_date = "1980-01-03".into();
                i
            },
            "birth_date",
            "与身份证号不一致",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.id_number = id_number("1980-01-02", 12);
                i
            },
            "gender",
            "与身份证号不一致",
        ),
        (
            {
                let mut i = input(&db, "  ");
                i.name = "　".into();
                i
            },
            "name",
            "请填写姓名",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.sector_id = None;
                i
            },
            "sector_id",
            "请选择界别",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.term_ids.clear();
                i
            },
            "term_ids",
            "届次",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.mobile = "2381234567".into();
                i
            },
            "mobile",
            "手机号应为 11 位",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.gender = String::new();
                i
            },
            "gender",
            "请选择性别",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.birth_date = "2099-01-01".into();
                i
            },
            "birth_date",
            "不能晚于今天",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.postcode = "31000".into();
                i
            },
            "postcode",
            "6 位",
        ),
        (
            {
                let mut i = input(&db, "王伟");
                i.sector_id = Some("no-such-id".into());
                i
            },
            "sector_id",
            "已不存在",
        ),
    ];
    for (inp, field, text) in cases {
        match db.save_member(inp) {
            Err(Error::Validation(errs)) => {
                let e =
                    errs.iter().find(|e| e.field == field).unwrap_or_else(|| panic!("no error at {field}: {errs:?}"));
                assert!(e.message.contains(text), "{field}: {} lacks {text}", e.message);
            }
            other => panic!("expected a validation error at {field}, got {other:?}"),
        }
    }
    assert_eq!(count(&db, "members"), before);
    assert_eq!(count(&db, "member_terms"), 0);
    assert_eq!(count(&db, "audit_log"), audit_before);
}

#[test]
fn an_id_number_belongs_to_one_member() {
    let (_d, mut db) = open();
    let n = id_number("1970-05-06", 111);
    let mut a = input(&db, "张三");
    a.id_number = n.clone();
    db.save_member(a).unwrap();
    let mut b = input(&db, "张四");
    b.id_number = n;
    let Err(Error::Validation(errs)) = db.save_member(b) else { panic!("duplicate accepted") };
    assert!(errs[0].message.contains("张三"));
}

#[test]
fn mobile_numbers_are_normalised_and_masked_in_the_list() {
    let (_d, mut db) = open();
    let mut i = input(&db, "王芳");
    i.gender = "女".into();
    i.mobile = "+86 138-1234-5678".into();
    i.id_number = id_number("1981-02-03", 124);
    let m = db.save_member(i).unwrap();
    assert_eq!(m.mobile, "13812345678");
    let row = &db.roster(&RosterQuery::default()).unwrap().rows[0];
    assert_eq!(row.mobile, "138****5678");
    assert!(row.id_number.contains("********"));
    assert!(!row.id_number.contains("19810203"));
}

#[test]
fn search_by_name_full_pinyin_initials_phone_and_id_tail() {
    let (_d, mut db) = open();
    for (n, mobile, seq) in [
        ("张三", "13800001111", 101),
        ("曾小明", "13900002222", 103),
        ("单田芳", "13700003333", 105),
        ("查良镛", "13600004444", 107),
        ("欧阳修", "13500005555", 109),
        ("解缙", "13400006666", 111),
    ] {
        let mut i = input(&db, n);
        i.mobile = mobile.into();
        i.id_number = id_number("1966-06-16", seq);
        db.save_member(i).unwrap();
    }
    let s = |q: &str| names(&db, RosterQuery { search: q.into(), ..Default::default() });
    assert_eq!(s("zs"), vec!["张三"]);
    assert_eq!(s("zhangsan"), vec!["张三"]);
    assert_eq!(s("ZhangS"), vec!["张三"]);
    assert_eq!(s("zxm"), vec!["曾小明"]);
    assert_eq!(s("zeng"), vec!["曾小明"]);
    assert_eq!(s("shantianfang"), vec!["单田芳"]);
    assert_eq!(s("zly"), vec!["查良镛"]);
    assert_eq!(s("oyx"), vec!["欧阳修"]);
    assert_eq!(s("xiejin"), vec!["解缙"]);
    assert_eq!(s("小明"), vec!["曾小明"]);
    assert_eq!(s("3333"), vec!["单田芳"]);
    assert_eq!(s("1390000"), vec!["曾小明"]);
    let tail = &id_number("1966-06-16", 109)[14..];
    assert_eq!(s(tail), vec!["欧阳修"]);
    assert!(s("qqq").is_empty());
}

#[test]
fn roster_sorts_by_surname_strokes_as_verified_by_hand() {
    let (_d, mut db) = open();
    // The order worked out by hand: stroke count of each character in turn (丁2 于3 王4 方4 孔4
    // 朱6 刘6 李7 张7 阿7 欧8 曾12); equal counts by first strokes 横竖撇点折
    // (王 横 < 方 点 < 孔 折; 朱 撇 < 刘 点; 李 横 < 张 折 = 阿 折, then 张's 横 < 阿's 竖).
    let want = [
        "丁一",
        "于丹",
        "王小明",
        "王伟",
        "王芳",
        "方明",
        "孔丽",
        "朱军",
        "刘洋",
        "李娜",
        "张伟",
        "阿依古丽·买买提",
        "欧阳修",
        "曾小明",
    ];
    let mut shuffled = want.to_vec();
    shuffled.reverse();
    shuffled.swap(2, 9);
    for n in shuffled {
        db.save_member(input(&db, n)).unwrap();
    }
    assert_eq!(names(&db, RosterQuery::default()), want);
    let by_pinyin = names(&db, RosterQuery { sort: RosterSort::Pinyin, ..Default::default() });
    assert_eq!(&by_pinyin[..4], ["阿依古丽·买买提", "丁一", "方明", "孔丽"]);
    assert_eq!(by_pinyin.last().unwrap(), "朱军");
}

#[test]
fn roster_filters_combine() {
    let (_d, mut db) = open();
    let edu = sector(&db, "教育界");
    let med = sector(&db, "医药卫生界");
    let party = db.refs(RefKind::Party).unwrap()[0].id.clone();
    let mut a = input(&db, "甲一");
    a.party_id = Some(party.clone());
    db.save_member(a).unwrap();
    let mut b = input(&db, "乙二");
    b.sector_id = Some(med.clone());
    b.status = Some(MemberStatus::Left);
    db.save_member(b).unwrap();
    let f = |q: RosterQuery| names(&db, q);
    let paged = db.roster(&RosterQuery { limit: 1, ..Default::default() }).unwrap();
    assert_eq!((paged.total, paged.rows.len()), (2, 1), "a full page still counts every match");
    let past_end = db.roster(&RosterQuery { limit: 1, offset: 5, ..Default::default() }).unwrap();
    assert_eq!((past_end.total, past_end.rows.len()), (2, 0));
    assert_eq!(f(RosterQuery { sector_id: Some(edu.clone()), ..Default::default() }), vec!["甲一"]);
    assert_eq!(f(RosterQuery { sector_id: Some(med), ..Default::default() }), vec!["乙二"]);
    assert_eq!(f(RosterQuery { party_id: Some(party), ..Default::default() }), vec!["甲一"]);
    assert_eq!(f(RosterQuery { status: Some(MemberStatus::Left), ..Default::default() }), vec!["乙二"]);
    let by_sector = f(RosterQuery { sort: RosterSort::Sector, ..Default::default() });
    assert_eq!(by_sector, vec!["甲一", "乙二"], "教育界 comes before 医药卫生界 in the seeded order");
    // Reordering the sector list reorders the roster.
    let med_item = db.refs(RefKind::Sector).unwrap().into_iter().find(|r| r.name == "医药卫生界").unwrap();
    db.save_ref(RefInput { id: Some(med_item.id), kind: RefKind::Sector, name: med_item.name, sort: Some(1) }).unwrap();
    assert_eq!(names(&db, RosterQuery { sort: RosterSort::Sector, ..Default::default() }), vec!["乙二", "甲一"]);
}

#[test]
fn deletion_is_soft_audited_and_undone_by_restore() {
    let (_d, mut db) = open();
    let m = db.save_member(input(&db, "王伟")).unwrap();
    db.delete_member(&m.id).unwrap();
    assert!(names(&db, RosterQuery::default()).is_empty());
    assert_eq!(names(&db, RosterQuery { deleted: true, ..Default::default() }), vec!["王伟"]);
    assert_eq!(count(&db, "members"), 1, "the row is still there");
    db.restore_member(&m.id).unwrap();
    assert_eq!(names(&db, RosterQuery::default()), vec!["王伟"]);
    let actions: Vec<String> = db.audit_log(&m.id).unwrap().into_iter().map(|a| a.action).collect();
    assert_eq!(actions, vec!["restore", "delete", "create"]);
}

#[test]
fn edits_are_audited_old_to_new_with_numbers_masked() {
    let (_d, mut db) = open();
    let mut i = input(&db, "王伟");
    i.id_number = id_number("1970-01-01", 111);
    let m = db.save_member(i).unwrap();
    let mut edit = input(&db, "王伟");
    edit.id = Some(m.id.clone());
    edit.id_number = m.id_number.clone();
    edit.work_unit = "区人民医院".into();
    edit.mobile = "13912345678".into();
    db.save_member(edit).unwrap();
    let log = db.audit_log(&m.id).unwrap();
    assert_eq!(log[0].action, "update");
    let changes: serde_json::Value = serde_json::from_str(&log[0].changes).unwrap();
    assert_eq!(changes["work_unit"], serde_json::json!(["", "区人民医院"]));
    assert_eq!(changes["mobile"], serde_json::json!(["", "139****5678"]));
    assert!(changes.get("name").is_none(), "unchanged fields are not logged");
    let first: serde_json::Value = serde_json::from_str(&log[1].changes).unwrap();
    assert!(!first.to_string().contains("19700101"), "ID numbers are masked in the audit log");
}

#[test]
fn a_member_is_in_at_most_one_group_per_term() {
    let (_d, mut db) = open();
    let a = db.save_group(GroupInput { name: "城关镇联络组".into(), ..Default::default() }).unwrap();
    let b = db.save_group(GroupInput { name: "东城街道联络组".into(), ..Default::default() }).unwrap();
    let x = db.save_member(input(&db, "王伟")).unwrap();
    let y = db.save_member(input(&db, "李娜")).unwrap();
    db.add_group_members(&a.id, &[x.id.clone()], GroupRole::Leader, false).unwrap();
    // Adding x (already in A) and y to B refuses the whole action and writes nothing.
    let err = db.add_group_members(&b.id, &[y.id.clone(), x.id.clone()], GroupRole::Member, false).unwrap_err();
    assert!(err.to_string().contains("城关镇联络组"), "{err}");
    assert_eq!(db.group(&b.id).unwrap().members.len(), 0);
    // Moving is explicit.
    let g = db.add_group_members(&b.id, &[y.id.clone(), x.id.clone()], GroupRole::Member, true).unwrap();
    assert_eq!(g.members.len(), 2);
    assert_eq!(db.group(&a.id).unwrap().members.len(), 0);
    assert_eq!(names(&db, RosterQuery { group_id: Some(b.id.clone()), ..Default::default() }), vec!["王伟", "李娜"]);
    assert_eq!(db.member(&x.id).unwrap().group, "东城街道联络组");
    // The schema holds the rule too.
    let term = db.current_term().unwrap().unwrap().id;
    let raw = db.conn().execute(
        "INSERT INTO group_members (group_id, member_id, term_id, role, created_at) VALUES (?1, ?2, ?3, 'member', 'x')",
        params![a.id, x.id, term],
    );
    assert!(raw.is_err());
    // Leaders: one per group.
    db.set_group_role(&b.id, &y.id, GroupRole::Leader).unwrap();
    let g = db.set_group_role(&b.id, &x.id, GroupRole::Leader).unwrap();
    assert_eq!(g.group.leaders, vec!["王伟", "李娜"]);
    assert_eq!(g.members[0].role, GroupRole::Leader);
    assert_eq!(g.members[1].role, GroupRole::Deputy);
    // A group with members cannot be deleted by a click; an empty one can.
    assert!(matches!(db.delete_group(&b.id), Err(Error::Conflict(_))));
    db.delete_group(&a.id).unwrap();
    assert_eq!(db.groups(None).unwrap().len(), 1);
}

#[test]
fn the_member_form_sets_the_group_of_the_current_term() {
    let (_d, mut db) = open();
    let g = db.save_group(GroupInput { name: "南湖镇联络组".into(), ..Default::default() }).unwrap();
    let mut i = input(&db, "周敏");
    i.group_id = Some(g.id.clone());
    let m = db.save_member(i).unwrap();
    assert_eq!(m.group, "南湖镇联络组");
    assert_eq!(db.groups(None).unwrap()[0].member_count, 1);
    let row = &db.roster(&RosterQuery::default()).unwrap().rows[0];
    assert_eq!(row.group, "南湖镇联络组");
}

#[test]
fn reference_lists_are_editable_but_in_use_items_stay() {
    let (_d, mut db) = open();
    let t = db.save_ref(RefInput { id: None, kind: RefKind::Township, name: "城关镇".into(), sort: None }).unwrap();
    assert!(db.save_ref(RefInput { id: None, kind: RefKind::Township, name: "城关镇".into(), sort: None }).is_err());
    db.save_group(GroupInput {
        name: "城关镇联络组".into(), township_id: Some(t.id.clone()), ..Default::default()
    })
    .unwrap();
    assert!(matches!(db.delete_ref(RefKind::Township, &t.id), Err(Error::Conflict(_))));
    let edu = sector(&db, "教育界");
    db.save_member(input(&db, "王伟")).unwrap();
    let err = db.delete_ref(RefKind::Sector, &edu).unwrap_err();
    assert!(err.to_string().contains("仍有 1 条记录在用"));
    let renamed = db
        .save_ref(RefInput { id: Some(edu.clone()), kind: RefKind::Sector, name: "教育界别".into(), sort: None })
        .unwrap();
    assert_eq!(renamed.name, "教育界别");
    assert_eq!(db.roster(&RosterQuery::default()).unwrap().rows[0].sector, "教育界别");
}

#[test]
fn demo_data_is_valid_and_spread_over_groups() {
    let (_d, mut db) = open();
    let s = db.load_demo(500, None).unwrap();
    assert_eq!(s.members, 500);
    assert_eq!(s.groups, 20);
    assert!(db.check().unwrap().is_empty());
    let page = db.roster(&RosterQuery { limit: 1000, ..Default::default() }).unwrap();
    assert_eq!(page.total, 500);
    for r in page.rows.iter().take(50) {
        let m = db.member(&r.id).unwrap();
        assert!(liaison_core::idcard::validate(&m.id_number).is_ok());
        assert_eq!(liaison_core::idcard::gender(&m.id_number), Some(m.gender.as_str()));
    }
    let groups = db.groups(None).unwrap();
    assert_eq!(groups.len(), 20);
    assert!(groups.iter().all(|g| g.member_count > 10 && !g.leaders.is_empty()));
    assert!(db.load_demo(10, None).is_err(), "demo data only goes into an empty database");
}

#[test]
fn the_term_filter_follows_each_members_terms() {
    let (_d, mut db) = open();
    let now = db.current_term().unwrap().unwrap().id;
    let old = db
        .save_term(TermInput {
            id: None, name: "第十四届".into(), start_year: 2017, end_year: 2022, is_current: false
        })
        .unwrap()
        .id;
    let mut both = input(&db, "王伟");
    both.term_ids = vec![old.clone(), now.clone()];
    let both = db.save_member(both).unwrap();
    db.save_member(input(&db, "李娜")).unwrap();
    let by_term = |db: &Db, t: &str| names(db, RosterQuery { term_id: Some(t.into()), ..Default::default() });
    assert_eq!(by_term(&db, &now), vec!["王伟", "李娜"]);
    assert_eq!(by_term(&db, &old), vec!["王伟"]);
    // Leaving the current term takes the member out of its roster.
    let mut edit = input(&db, "王伟");
    edit.id = Some(both.id.clone());
    edit.term_ids = vec![old.clone()];
    db.save_member(edit).unwrap();
    assert_eq!(by_term(&db, &now), vec!["李娜"]);
    assert_eq!(by_term(&db, &old), vec!["王伟"]);
}
