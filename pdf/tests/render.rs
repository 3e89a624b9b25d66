//! Each template typeset with sample data; the text read back with pdftotext (poppler-utils).

use std::process::Command;

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.pdf");
    std::fs::write(&p, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&p).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The text without any white space (pdftotext spaces out table cells and ideographic spaces).
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

fn pages(text: &str) -> usize {
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).count()
}

fn render(template: &str, data: serde_json::Value) -> String {
    let pdf = liaison_pdf::render(template, &data.to_string()).unwrap_or_else(|e| panic!("{template}: {e}"));
    assert!(pdf.starts_with(b"%PDF-"));
    if let Ok(dir) = std::env::var("LIAISON_PDF_SAMPLES") {
        std::fs::write(format!("{dir}/{template}.pdf"), &pdf).unwrap();
    }
    pdftotext(&pdf)
}

fn visit(seq: u32, name: &str, purpose: &str) -> serde_json::Value {
    serde_json::json!({
        "seq": seq, "time": "09:30", "date_label": "2026年12月1日", "target": name, "target_note": "",
        "address": "城关镇人民路18号市第一中学", "phone": "138****8000", "purpose": purpose,
        "visitors": "张主席、办公室李明",
        "member": {"gender": "女", "birth": "1972年5月", "sector": "教育界", "party": "民盟盟员",
                   "work": "市第一中学 副校长", "group": "城关联络组"}
    })
}

#[test]
fn visit_checklist_has_a_day_table_and_one_record_sheet_per_visit() {
    let visits: Vec<_> = (1..=30).map(|i| visit(i, &format!("欧阳明{i}"), "了解履职情况；听取界别群众意见")).collect();
    let text = render(
        "visit-checklist",
        serde_json::json!({
            "title": "2026年第四季度走访委员安排表", "note": "走访批次：第四季度走访", "printed": "2026年11月27日",
            "round": "第四季度走访", "visits": visits,
            "days": [{"label": "2026年12月1日（星期二）", "visits": visits}],
        }),
    );
    assert!(text.contains("2026年第四季度走访委员安排表"), "{text}");
    assert!(text.contains("欧阳明30") && text.contains("听取界别群众意见"));
    assert!(text.contains("委员走访记录表") && text.contains("走访人（签名）"));
    // The day table over a few pages, then 30 record sheets.
    let n = pages(&text);
    assert!(n >= 32, "{n} pages");
    assert!(squash(&text).contains(&format!("第{n}页共{n}页")), "page numbers");
}

#[test]
fn sign_in_sheet_and_attendance_list() {
    let rows: Vec<_> = (1..=60)
        .map(|i| {
            serde_json::json!({"seq": i, "name": format!("王　伟{i}"), "sector": "经济界", "work": "某某公司 总经理",
            "group": "城关联络组", "outcome": "出席", "signed_in": "09:01", "note": ""})
        })
        .collect();
    let data = serde_json::json!({
        "title": "城关联络组学习会签到表", "when": "2026年12月3日 09:00", "place": "镇政府三楼会议室",
        "printed": "2026年11月27日", "expected": 60, "summary": "应到 60 人，实到 58 人", "rows": rows,
    });
    let text = render("sign-in", data.clone());
    assert!(text.contains("签到表") && text.contains("签名") && squash(&text).contains("王伟60"), "{text}");
    assert!(pages(&text) >= 2);
    let text = render("attendance", data);
    assert!(text.contains("应到 60 人，实到 58 人") && text.contains("出席"));
}

#[test]
fn inspection_plan() {
    let text = render(
        "inspection-plan",
        serde_json::json!({
            "title": "关于农村饮水安全工作的视察方案", "organiser": "主办：联络办", "printed": "2026年11月27日",
            "theme": "视察全县农村饮水安全工程建设和管护情况。\n提出意见建议。", "when": "2026年12月8日 08:30", "place": "各乡镇",
            "responsible": "李明", "contact": "王芳 0571-88001234", "methods": "听取汇报、实地察看、座谈交流",
            "stops": [{"seq": 1, "when": "12月8日 09:00", "place": "城关镇水厂", "host_unit": "县水利局",
                       "host_contact": "赵工 139****1234", "note": "实地察看"}],
            "participant_count": 3,
            "participants": [{"label": "委员", "names": ["欧阳明", "曾　强"]}, {"label": "工作人员", "names": ["李明"]}],
            "teams": [], "vehicles": "中巴车一辆", "meals": "工作餐", "report": "", "suggestions": "",
        }),
    );
    for want in ["视察方案", "一、活动主题", "四、日程安排", "城关镇水厂", "欧阳明", "中巴车一辆", "第1页共1页"]
    {
        assert!(squash(&text).contains(want), "{want} missing in {text}");
    }
}

/// The performance file with the performance domain's sections present (deeds, points, 五个一): each is
/// printed under the next number; with them absent (`null`) none is.
#[test]
fn dossier_prints_the_performance_sections_only_when_given() {
    let base = serde_json::json!({
        "office": "城关镇政协联络办公室", "term": "第十五届（2022—2027年）", "printed": "2026年12月1日",
        "member": {"id": "m1", "name": "王丽", "gender": "女", "ethnicity": "汉族", "birth": "1972年5月",
                   "native_place": "浙江杭州", "party": "民盟盟员", "sector": "教育界", "committee": "",
                   "roles": "委员", "unit": "市第一中学副校长", "professional_title": "", "education": "",
                   "group": "城关镇联络组", "terms": "第十五届", "mobile": "138****5678", "status": "在任"},
        "years": [{"year": 2026, "by_kind": [{"kind": "视察", "attended": 1, "invited": 2}], "attended": 1,
                   "invited": 2, "leave": 1, "absent": 0, "plenary_attended": 2, "plenary_leave": 0,
                   "plenary_absent": 0, "plenary_sittings": 2, "reports": 1, "reports_adopted": 1,
                   "proposals": 0, "proposals_accepted": 0, "speeches": 0, "reflections": 0, "visited": 0}],
        "activities": [{"date": "2026-05-01", "kind": "视察", "title": "视察河道整治", "role": "", "attendance": "出席"}],
        "reports": [], "proposals": [], "speeches": [],
        "deeds": null, "points": null, "five_ones": null
    });
    let t = squash(&render("dossier", base.clone()));
    assert!(t.contains("六、大会发言") && !t.contains("七、"), "{t}");
    assert!(!t.contains("履职积分") && !t.contains("五个一"));
    let mut full = base;
    full["deeds"] = serde_json::json!([{"date": "2026-06-01", "kind": "办实事", "title": "为敬老院捐赠物资", "detail": "价值两万元"}]);
    full["points"] = serde_json::json!([{"year": 2026, "points": 86.5, "rank": 3, "of": 120, "grade": "优秀",
                                         "items": [["参加视察 1 次", 2.0], ["全会出席", 10.0]]}]);
    full["five_ones"] = serde_json::json!([{"year": 2026, "item": "提一件高质量提案", "done": "0 件", "met": false}]);
    let t = squash(&render("dossier", full));
    for s in [
        "七、履职事迹与奖励",
        "为敬老院捐赠物资",
        "八、履职积分",
        "86.5",
        "3/120",
        "优秀",
        "参加视察1次2",
        "九、“五个一”履职情况",
        "提一件高质量提案",
        "未完成",
    ] {
        assert!(t.contains(s), "{s} not in {t}");
    }
}
