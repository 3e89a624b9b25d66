//! Full-text search (issue 13): a text is found by two characters from its middle, by one, by longer
//! words and several words; filters by kind, state, year, sector, submitter; the index follows every
//! save, step, deletion and restore in the same transaction; `rebuild` makes the same index again.

use crate::common::{liaison, open};
use crate::proposals::{file, member, session, unit};
use liaison_core::proposals::types::*;
use liaison_core::search::{SearchKind, SearchQuery, SearchResult};
use liaison_core::Db;

fn find(db: &Db, text: &str) -> SearchResult {
    db.search(&SearchQuery { text: text.into(), ..Default::default() }).unwrap()
}

fn ids(r: &SearchResult) -> Vec<String> {
    r.groups.iter().flat_map(|g| g.hits.iter().map(|h| h.id.clone())).collect()
}

const BODY: &str = "近年来我区老年人口持续增加，社区居家养老服务需求旺盛，但助餐点覆盖不足。建议统筹布局。";

#[test]
fn a_text_is_found_by_two_characters_from_its_middle_and_marked() {
    let (_d, mut db) = open();
    let m = member(&mut db, "周晓燕");
    let id = file(&mut db, "关于完善社区居家养老服务网络的建议", BODY, &[&m]);
    let other = file(&mut db, "关于加快新能源汽车充电设施建设的建议", "充电桩不足。", &[&m]);

    // 助餐 occurs only in the middle of the first text's body.
    let r = find(&db, "助餐");
    assert_eq!(ids(&r), vec![id.clone()]);
    let hit = &r.groups[0].hits[0];
    assert_eq!(hit.kind, SearchKind::Proposal);
    assert_eq!(hit.state_label, "暂存");
    let marked: Vec<&str> = hit.snippet.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, ["助餐"]);
    let whole: String = hit.snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(whole.contains("服务需求旺盛，但助餐点覆盖不足"), "{whole}");

    // One character, 3 and more, several words (all must occur), the submitter, Latin case.
    assert_eq!(ids(&find(&db, "餐")), vec![id.clone()]);
    assert_eq!(ids(&find(&db, "居家养老")), vec![id.clone()]);
    assert_eq!(ids(&find(&db, "养老 助餐")), vec![id.clone()]);
    assert!(ids(&find(&db, "养老 充电")).is_empty());
    let both = ids(&find(&db, "周晓燕"));
    assert_eq!(both.len(), 2, "by the proposer's name");
    assert_eq!(ids(&find(&db, "充电")), vec![other.clone()]);
    let t = db.search(&SearchQuery { text: "建议".into(), ..Default::default() }).unwrap();
    assert_eq!(t.total, 2);
    let title = &t.groups[0].hits[0].title_parts;
    assert!(title.iter().any(|p| p.hit && p.text == "建议"), "{title:?}");
    assert_eq!(find(&db, "“”").total, 2, "punctuation alone is no word: every text");
    assert_eq!(find(&db, "\"").total, 2, "a quote alone is no word: every text");
}

#[test]
fn the_index_follows_every_write_and_filters_narrow_it() {
    let (_d, mut db) = open();
    let m = member(&mut db, "吴倩");
    let u = unit(&mut db, "区卫生健康局");
    let id = file(&mut db, "关于提升家庭医生签约服务质量的建议", "签约率偏低", &[&m]);
    assert_eq!(ids(&find(&db, "签约率")), vec![id.clone()]);

    // An edit replaces the words.
    db.save_proposal(ProposalInput {
        id: Some(id.clone()),
        title: "关于提升家庭医生签约服务质量的建议".into(),
        body: "履约率偏低".into(),
        timing: ProposalTiming::Routine,
        proposers: vec![SubmitterInput { kind: SubmitterKind::Member, id: m.clone() }],
        ..Default::default()
    })
    .unwrap();
    assert!(find(&db, "签约率").groups.is_empty());
    assert_eq!(ids(&find(&db, "履约")), vec![id.clone()]);

    // A step changes the state the filter sees.
    db.proposal_step(ProposalStep { id: id.clone(), to: ProposalState::Submitted, ..Default::default() }).unwrap();
    db.proposal_step(ProposalStep { id: id.clone(), to: ProposalState::Accepted, ..Default::default() }).unwrap();
    db.proposal_step(ProposalStep {
        id: id.clone(),
        to: ProposalState::Assigned,
        main_units: vec![u],
        ..Default::default()
    })
    .unwrap();
    let q = |state: &str| SearchQuery { text: "履约".into(), state: Some(state.into()), ..Default::default() };
    assert_eq!(db.search(&q("assigned")).unwrap().total, 1);
    assert_eq!(db.search(&q("draft")).unwrap().total, 0);

    // Speeches are a kind of their own; filters by kind, year, sector, submitter.
    let sess = session(&mut db);
    let sp = db
        .save_speech(SpeechInput {
            session_id: sess,
            title: "守护群众健康".into(),
            body: "家庭医生履约服务要做实。".into(),
            submitter: SubmitterInput { kind: SubmitterKind::Member, id: m.clone() },
            ..Default::default()
        })
        .unwrap()
        .speech;
    let r = find(&db, "履约");
    assert_eq!(r.total, 2);
    let kinds: Vec<SearchKind> = r.groups.iter().map(|g| g.kind).collect();
    assert_eq!(kinds, [SearchKind::Proposal, SearchKind::Speech], "grouped by kind, in the kinds' order");
    let only = |k: SearchKind| SearchQuery { text: "履约".into(), kinds: vec![k], ..Default::default() };
    assert_eq!(ids(&db.search(&only(SearchKind::Speech)).unwrap()), vec![sp.id.clone()]);
    let y = sp.year;
    let f = SearchQuery { text: "履约".into(), year: Some(y + 1), ..Default::default() };
    assert_eq!(db.search(&f).unwrap().total, 0);
    let f = SearchQuery { text: "履约".into(), sector: Some("教育界".into()), ..Default::default() };
    assert_eq!(db.search(&f).unwrap().total, 2);
    let f = SearchQuery { text: "履约".into(), sector: Some("医药卫生界".into()), ..Default::default() };
    assert_eq!(db.search(&f).unwrap().total, 0);
    let f = SearchQuery { text: String::new(), submitter: Some("吴".into()), ..Default::default() };
    assert_eq!(db.search(&f).unwrap().total, 2, "filters alone list every text that fits");

    // Deleted texts leave the index and come back with their restore.
    db.delete_proposal(&id).unwrap();
    assert_eq!(find(&db, "履约").total, 1);
    db.restore_proposal(&id).unwrap();
    assert_eq!(find(&db, "履约").total, 2);
    db.delete_speech(&sp.id).unwrap();
    assert_eq!(find(&db, "履约").total, 1);
}

#[test]
fn rebuild_makes_the_same_index_from_the_records() {
    let (dir, mut db) = open();
    db.load_demo(200, None).unwrap();
    let q = SearchQuery { text: "养老".into(), limit: Some(500), ..Default::default() };
    let before = db.search(&q).unwrap();
    assert!(before.total > 0);
    // Rows written behind the core's back (as an exchange import applies them) are not in the index …
    db.conn().execute("UPDATE proposals SET body = body || '独角兽企业' WHERE number = 1", []).unwrap();
    assert_eq!(find(&db, "独角兽").total, 0);
    // … until the rebuild.
    let n = db.search_rebuild().unwrap();
    let texts: u32 = db
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM proposals WHERE deleted_at IS NULL) + (SELECT COUNT(*) FROM speeches WHERE deleted_at IS NULL)
                  + (SELECT COUNT(*) FROM opinions WHERE deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, texts);
    assert!(find(&db, "独角兽").total >= 1);
    assert_eq!(db.search(&q).unwrap().total, before.total);
    // The CLI: search --json and search-rebuild.
    drop(db);
    let path = dir.path().join("t.db");
    let out = liaison(&path, &["--json", "search", "独角兽"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 1);
    assert_eq!(v["groups"][0]["kind"], "proposal");
    let out = liaison(&path, &["search-rebuild"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("已重建全文检索索引"));
}

/// 社情民意 reports are one more kind: found by two characters of their text, under the edited title
/// once 核稿 changed it, and gone from the results when deleted.
#[test]
fn opinion_reports_are_searched_too() {
    let (_d, mut db) = open();
    let m = member(&mut db, "李秀英");
    let id = crate::opinions::draft(&mut db, "关于加强留守老人关爱服务的建议", &[&m]);
    let r = find(&db, "照料");
    assert_eq!(ids(&r), vec![id.clone()], "{r:?}");
    assert_eq!(r.groups[0].kind, SearchKind::Opinion);
    assert_eq!(r.groups[0].hits[0].submitter, "李秀英");
    db.delete_opinion(&id).unwrap();
    assert!(ids(&find(&db, "照料")).is_empty());
    db.restore_opinion(&id).unwrap();
    assert_eq!(ids(&find(&db, "留守")), vec![id]);
}
