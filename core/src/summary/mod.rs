//! The year-end summary (年度工作总结): a .docx draft of the office's annual report with every figure
//! taken from the records — members and groups, visits, activities by kind (joint ones too), bulletin
//! issues, 社情民意 reports received, adopted by level and instructed, proposals (立案, 办结, the members'
//! satisfaction), speeches, and the attendance rates of the plenary and of the activities — written as
//! an office writes it (一、基本情况 二、主要工作 …, the figures in sentences) with a table of the figures
//! at the end, for the office to edit. The figures are one plain structure (`YearFigures`), counted once.

use crate::activities::ActivityKind;
use crate::dates::doc_date;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::{to_folder, write_whole, ExportSummary};
use crate::opinions::documents::{fonts, run};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, SpecialIndentType, Table, TableCell, TableRow, VAlignType,
    WidthType,
};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::path::Path;

/// Every figure of a year's summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct YearFigures {
    pub year: i32,
    pub office: String,
    pub term: String,
    /// Members of the current term in office (not deleted, not 离任), and liaison groups.
    pub members: i64,
    pub groups: i64,
    /// Visits done in the year, and the members they went to (distinct).
    pub visits: i64,
    pub members_visited: i64,
    /// Activities held (not visits, not the plenary; not cancelled, not deleted), by kind in the
    /// program's order (kinds with none left out), and those organised jointly by several groups.
    pub activities: i64,
    pub by_kind: Vec<(String, i64)>,
    pub joint: i64,
    /// Members' attendances at those activities (出席 or 迟到), of the outcomes recorded.
    pub activity_present: i64,
    pub activity_recorded: i64,
    pub activity_leave: i64,
    /// 全会 sittings held, and the members' outcomes at them.
    pub sittings: i64,
    pub plenary_present: i64,
    pub plenary_recorded: i64,
    pub plenary_leave: i64,
    /// 《社情民意》 issues.
    pub bulletins: i64,
    /// Reports received (not drafts), adopted (any level), by level 区 / 市 / 省 / 全国, and 批示 given.
    pub reports: i64,
    pub adopted: i64,
    pub adopted_by_level: [i64; 4],
    pub instructions: i64,
    /// Proposals received (not drafts), 立案, 办结, and the members' feedback.
    pub proposals: i64,
    pub accepted: i64,
    pub closed: i64,
    pub satisfied: i64,
    pub basically: i64,
    pub dissatisfied: i64,
    pub speeches: i64,
}

/// `a / b` as a percentage with one decimal (92.5%), or None with nothing to divide by.
pub fn rate(a: i64, b: i64) -> Option<String> {
    (b > 0).then(|| {
        let r = a as f64 * 100.0 / b as f64;
        let s = format!("{r:.1}");
        format!("{}%", s.strip_suffix(".0").unwrap_or(&s))
    })
}

fn one(conn: &Connection, sql: &str, year: i32) -> Result<i64> {
    Ok(conn.prepare_cached(sql)?.query_row(params![year.to_string()], |r| r.get(0))?)
}

/// The year's figures from the records (`?1` is the year as text; dates are YYYY-MM-DD).
pub(crate) fn figures(conn: &Connection, year: i32, office: &str, term: Option<(&str, &str)>) -> Result<YearFigures> {
    let mut f = YearFigures { year, office: office.into(), ..Default::default() };
    if let Some((id, name)) = term {
        f.term = name.into();
        f.members = conn.query_row(
            "SELECT COUNT(*) FROM members m JOIN member_terms mt ON mt.member_id = m.id
             WHERE mt.term_id = ?1 AND m.deleted_at IS NULL AND m.status = 'active'",
            [id],
            |r| r.get(0),
        )?;
        f.groups = conn.query_row(
            "SELECT COUNT(*) FROM liaison_groups WHERE term_id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
    }
    const IN_YEAR: &str = "substr(a.start_date, 1, 4) = ?1 AND a.deleted_at IS NULL AND a.status <> 'cancelled'";
    f.visits = one(
        conn,
        &format!("SELECT COUNT(*) FROM activities a WHERE a.kind = 'visit' AND a.status = 'done' AND {IN_YEAR}"),
        year,
    )?;
    f.members_visited = one(
        conn,
        &format!(
            "SELECT COUNT(DISTINCT v.member_id) FROM visits v JOIN activities a ON a.id = v.activity_id
             WHERE a.kind = 'visit' AND a.status = 'done' AND v.member_id IS NOT NULL AND {IN_YEAR}"
        ),
        year,
    )?;
    {
        let mut st = conn.prepare_cached(&format!(
            "SELECT a.kind, COUNT(*) FROM activities a WHERE a.kind NOT IN ('visit', 'plenary') AND {IN_YEAR} GROUP BY a.kind"
        ))?;
        let counts: Vec<(String, i64)> =
            st.query_map([year.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        for k in ActivityKind::ALL {
            if let Some((_, n)) = counts.iter().find(|(c, _)| c == k.as_str()) {
                f.by_kind.push((k.label().to_string(), *n));
                f.activities += n;
            }
        }
    }
    f.joint = one(
        conn,
        &format!(
            "SELECT COUNT(*) FROM activities a WHERE a.kind NOT IN ('visit', 'plenary') AND {IN_YEAR}
               AND EXISTS (SELECT 1 FROM activity_groups ag WHERE ag.activity_id = a.id)"
        ),
        year,
    )?;
    let (present, recorded, leave): (i64, i64, i64) = conn.prepare_cached(&format!(
        "SELECT COALESCE(SUM(p.attendance IN ('present', 'late')), 0), COUNT(p.attendance), COALESCE(SUM(p.attendance = 'leave'), 0)
         FROM participants p JOIN activities a ON a.id = p.activity_id
         WHERE p.member_id IS NOT NULL AND a.kind NOT IN ('visit', 'plenary') AND {IN_YEAR}"
    ))?
    .query_row([year.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    (f.activity_present, f.activity_recorded, f.activity_leave) = (present, recorded, leave);
    const SITTINGS: &str = "FROM session_sittings x JOIN sessions s ON s.id = x.session_id
         WHERE s.kind = 'plenary' AND s.deleted_at IS NULL AND x.deleted_at IS NULL AND substr(x.sitting_date, 1, 4) = ?1";
    f.sittings = one(conn, &format!("SELECT COUNT(*) {SITTINGS}"), year)?;
    let (present, recorded, leave): (i64, i64, i64) = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(si.outcome IN ('present', 'late')), 0), COUNT(*), COALESCE(SUM(si.outcome = 'leave'), 0)
             FROM session_sign_ins si JOIN session_attendees sa ON sa.id = si.attendee_id AND sa.member_id IS NOT NULL
               AND sa.deleted_at IS NULL
             JOIN session_sittings x ON x.id = si.sitting_id JOIN sessions s ON s.id = x.session_id
             WHERE s.kind = 'plenary' AND s.deleted_at IS NULL AND x.deleted_at IS NULL AND substr(x.sitting_date, 1, 4) = ?1",
        )?
        .query_row([year.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    (f.plenary_present, f.plenary_recorded, f.plenary_leave) = (present, recorded, leave);
    f.bulletins = one(
        conn,
        "SELECT COUNT(*) FROM bulletin_issues WHERE year = CAST(?1 AS INTEGER) AND deleted_at IS NULL",
        year,
    )?;
    const REPORTS: &str = "FROM opinions o WHERE o.deleted_at IS NULL AND o.state <> 'draft'
         AND substr(COALESCE(o.report_date, o.submitted_at, o.created_at), 1, 4) = ?1";
    f.reports = one(conn, &format!("SELECT COUNT(*) {REPORTS}"), year)?;
    f.adopted = one(conn, &format!("SELECT COUNT(*) {REPORTS} AND o.adopted_level IS NOT NULL"), year)?;
    for (i, level) in ["district", "city", "province", "national"].iter().enumerate() {
        f.adopted_by_level[i] = one(conn, &format!("SELECT COUNT(*) {REPORTS} AND o.adopted_level = '{level}'"), year)?;
    }
    f.instructions = one(
        conn,
        "SELECT COUNT(*) FROM opinion_instructions i JOIN opinions o ON o.id = i.opinion_id
         WHERE o.deleted_at IS NULL AND substr(i.date, 1, 4) = ?1",
        year,
    )?;
    const PROPOSALS: &str =
        "FROM proposals p WHERE p.deleted_at IS NULL AND p.state <> 'draft' AND p.year = CAST(?1 AS INTEGER)";
    f.proposals = one(conn, &format!("SELECT COUNT(*) {PROPOSALS}"), year)?;
    f.accepted = one(
        conn,
        &format!(
            "SELECT COUNT(*) {PROPOSALS} AND p.state IN ('accepted', 'assigned', 'answered', 'feedback', 'closed')"
        ),
        year,
    )?;
    f.closed = one(conn, &format!("SELECT COUNT(*) {PROPOSALS} AND p.state = 'closed'"), year)?;
    f.satisfied = one(conn, &format!("SELECT COUNT(*) {PROPOSALS} AND p.feedback = 'satisfied'"), year)?;
    f.basically = one(conn, &format!("SELECT COUNT(*) {PROPOSALS} AND p.feedback = 'basically'"), year)?;
    f.dissatisfied = one(conn, &format!("SELECT COUNT(*) {PROPOSALS} AND p.feedback = 'dissatisfied'"), year)?;
    f.speeches = one(
        conn,
        "SELECT COUNT(*) FROM speeches WHERE deleted_at IS NULL AND substr(submitted_date, 1, 4) = ?1",
        year,
    )?;
    Ok(f)
}

/// The draft's paragraphs: (heading level, text); level 0 a body paragraph, 1 一、 headings, 2 （一） ones.
pub fn paragraphs(f: &YearFigures) -> Vec<(u8, String)> {
    let y = f.year;
    let mut out: Vec<(u8, String)> = Vec::new();
    let mut p = |level: u8, s: String| out.push((level, s));
    p(
        0,
        format!(
            "{y}年，{}在区政协党组的领导下，紧紧围绕全区中心工作，坚持服务委员、联系委员、凝聚委员，认真组织委员开展履职活动，各项工作取得新进展。现将{y}年工作总结如下。",
            f.office
        ),
    );
    p(1, "一、基本情况".into());
    let term = f.term.clone();
    p(
        0,
        format!(
            "{term}政协现有委员 {} 名，分设委员联络组 {} 个。全年走访委员 {} 次（覆盖委员 {} 名），组织各类履职活动 {} 场次，编发《社情民意》{} 期，收到社情民意信息 {} 篇、提案 {} 件。",
            f.members, f.groups, f.visits, f.members_visited, f.activities, f.bulletins, f.reports, f.proposals
        ),
    );
    p(1, "二、主要工作".into());
    p(2, "（一）加强联系服务，走访委员".into());
    p(
        0,
        if f.visits > 0 {
            format!(
                "坚持经常性走访委员制度，全年走访委员 {} 次，覆盖委员 {} 名，{}了解委员工作、生活和履职情况，听取意见建议，帮助解决实际困难。",
                f.visits,
                f.members_visited,
                rate(f.members_visited, f.members).map(|r| format!("占委员总数的 {r}，")).unwrap_or_default()
            )
        } else {
            "本年度尚未记录走访委员情况。".into()
        },
    );
    p(2, "（二）组织委员履职活动".into());
    let kinds = f.by_kind.iter().map(|(k, n)| format!("{k} {n} 次")).collect::<Vec<_>>().join("、");
    p(
        0,
        if f.activities > 0 {
            let mut s = format!("全年组织各类履职活动 {} 场次，其中{kinds}", f.activities);
            if f.joint > 0 {
                s.push_str(&format!("；联络组联片、跨乡镇联合组织活动 {} 场次", f.joint));
            }
            s.push('。');
            if let Some(r) = rate(f.activity_present, f.activity_recorded) {
                s.push_str(&format!(
                    "委员参加活动 {} 人次，请假 {} 人次，活动出勤率 {r}。",
                    f.activity_present, f.activity_leave
                ));
            }
            s
        } else {
            "本年度尚未记录履职活动。".into()
        },
    );
    p(2, "（三）做好全体会议服务".into());
    p(
        0,
        match rate(f.plenary_present, f.plenary_recorded) {
            Some(r) => format!(
                "认真做好政协全体会议的组织服务工作，全年召开全体会议 {} 场次（半天），委员应出席 {} 人次，实际出席 {} 人次，请假 {} 人次，出勤率 {r}。",
                f.sittings, f.plenary_recorded, f.plenary_present, f.plenary_leave
            ),
            None => format!("全年召开全体会议 {} 场次，尚未记录委员出席情况。", f.sittings),
        },
    );
    p(2, "（四）做好社情民意信息工作".into());
    let [d, c, pr, n] = f.adopted_by_level;
    let levels = [("区级", d), ("市级", c), ("省级", pr), ("全国", n)]
        .iter()
        .filter(|(_, x)| *x > 0)
        .map(|(l, x)| format!("{l} {x} 篇"))
        .collect::<Vec<_>>()
        .join("、");
    p(
        0,
        format!(
            "全年收到委员报送社情民意信息 {} 篇，被采用 {} 篇{}{}；编发《社情民意》{} 期。",
            f.reports,
            f.adopted,
            if levels.is_empty() { String::new() } else { format!("（其中{levels}）") },
            if f.instructions > 0 { format!("，获领导批示 {} 篇次", f.instructions) } else { String::new() },
            f.bulletins
        ),
    );
    p(2, "（五）做好提案和大会发言工作".into());
    let feedback = f.satisfied + f.basically + f.dissatisfied;
    p(
        0,
        format!(
            "全年收到提案 {} 件，经审查立案 {} 件，已办结 {} 件。{}收到大会发言 {} 篇。",
            f.proposals,
            f.accepted,
            f.closed,
            match rate(f.satisfied + f.basically, feedback) {
                Some(r) => format!(
                    "委员对办理结果表示满意 {} 件、基本满意 {} 件、不满意 {} 件，满意率（含基本满意）{r}。",
                    f.satisfied, f.basically, f.dissatisfied
                ),
                None => String::new(),
            },
            f.speeches
        ),
    );
    p(1, "三、存在的问题".into());
    p(0, "（请结合实际填写：如部分委员履职积极性有待提高、联络组活动开展不平衡等。）".into());
    p(1, format!("四、{}年工作打算", y + 1));
    p(0, "（请结合下一年度工作计划填写。）".into());
    out
}

/// The figures table at the end: (item, figure).
pub fn table_rows(f: &YearFigures) -> Vec<(String, String)> {
    let r = |a, b| rate(a, b).unwrap_or_else(|| "—".into());
    let mut rows = vec![
        ("委员人数".to_string(), f.members.to_string()),
        ("联络组".to_string(), f.groups.to_string()),
        ("走访委员（次）".to_string(), f.visits.to_string()),
        ("走访覆盖委员（名）".to_string(), f.members_visited.to_string()),
        ("履职活动（场次）".to_string(), f.activities.to_string()),
    ];
    for (i, (k, n)) in f.by_kind.iter().enumerate() {
        rows.push((format!("{}{k}", if i == 0 { "　其中：" } else { "　　　　" }), n.to_string()));
    }
    rows.extend([
        ("联合组织活动（场次）".to_string(), f.joint.to_string()),
        ("活动出勤率".to_string(), r(f.activity_present, f.activity_recorded)),
        ("全体会议（场次）".to_string(), f.sittings.to_string()),
        ("全体会议出勤率".to_string(), r(f.plenary_present, f.plenary_recorded)),
        ("《社情民意》（期）".to_string(), f.bulletins.to_string()),
        ("社情民意信息（篇）".to_string(), f.reports.to_string()),
        ("被采用（篇）".to_string(), f.adopted.to_string()),
    ]);
    for (i, (l, n)) in ["区级", "市级", "省级", "全国"].iter().zip(f.adopted_by_level).enumerate() {
        rows.push((format!("{}{l}采用", if i == 0 { "　其中：" } else { "　　　　" }), n.to_string()));
    }
    rows.extend([
        ("领导批示（篇次）".to_string(), f.instructions.to_string()),
        ("提案（件）".to_string(), f.proposals.to_string()),
        ("立案（件）".to_string(), f.accepted.to_string()),
        ("办结（件）".to_string(), f.closed.to_string()),
        ("满意率（含基本满意）".to_string(), r(f.satisfied + f.basically, f.satisfied + f.basically + f.dissatisfied)),
        ("大会发言（篇）".to_string(), f.speeches.to_string()),
    ]);
    rows
}

/// The draft as .docx: A4, 仿宋 三号 body with a two-character indent, 黑体 and 楷体 headings, the title
/// in 小标宋-like 宋体 二号, the office and date at the end, then the figures table.
pub(crate) fn docx(f: &YearFigures, printed: &str) -> Result<Vec<u8>> {
    const BODY: usize = 32;
    let exact = LineSpacing::new().line(560).line_rule(docx_rs::LineSpacingType::Exact);
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(2098).bottom(1984).left(1587).right(1474))
        .default_fonts(fonts("仿宋"))
        .default_size(BODY);
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(240).after(480))
            .add_run(run(&format!("{}{}年工作总结", f.office, f.year), "宋体", 44).bold()),
    );
    for (level, text) in paragraphs(f) {
        let (face, indent) = match level {
            1 => ("黑体", 640),
            2 => ("楷体", 640),
            _ => ("仿宋", 640),
        };
        let mut para = Paragraph::new()
            .indent(None, Some(SpecialIndentType::FirstLine(indent)), None, None)
            .line_spacing(exact.clone())
            .add_run(run(&text, face, BODY));
        if level > 0 {
            para = para.keep_next(true);
        }
        doc = doc.add_paragraph(para);
    }
    doc = doc.add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().before(480)));
    for line in [f.office.as_str(), printed] {
        doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(run(line, "仿宋", BODY)));
    }
    // 附表: the figures.
    doc = doc.add_paragraph(Paragraph::new().page_break_before(true).add_run(run("附表", "黑体", BODY)));
    doc = doc.add_paragraph(
        Paragraph::new().align(AlignmentType::Center).line_spacing(LineSpacing::new().after(240)).add_run(run(
            &format!("{}年主要工作数据统计表", f.year),
            "黑体",
            36,
        )),
    );
    let cell = |text: &str, center: bool, head: bool| {
        let mut p = Paragraph::new().add_run(run(text, if head { "黑体" } else { "仿宋" }, 28));
        if center {
            p = p.align(AlignmentType::Center);
        }
        TableCell::new().vertical_align(VAlignType::Center).add_paragraph(p)
    };
    let mut rows = vec![TableRow::new(vec![cell("项目", true, true), cell("数据", true, true)])];
    for (k, v) in table_rows(f) {
        rows.push(TableRow::new(vec![cell(&k, false, false), cell(&v, true, false)]));
    }
    doc = doc.add_table(Table::new(rows).set_grid(vec![5800, 3000]).width(8800, WidthType::Dxa));
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| Error::Export(format!("写入 .docx 失败：{e}")))?;
    Ok(buf.into_inner())
}

impl Db {
    /// The figures of a year's summary.
    pub fn year_figures(&self, year: i32) -> Result<YearFigures> {
        if !(2000..=2100).contains(&year) {
            return Err(Error::field("year", "年度应为 2000—2100 之间的年份"));
        }
        let office = self.setting("office_name")?.unwrap_or_else(|| "政协联络办公室".into());
        let term = self.current_term()?;
        figures(&self.conn, year, &office, term.as_ref().map(|t| (t.id.as_str(), t.name.as_str())))
    }

    /// The year-end summary's draft as .docx at `out` (whole or not at all).
    pub fn export_year_summary(&self, year: i32, out: &Path) -> Result<ExportSummary> {
        let f = self.year_figures(year)?;
        let bytes = docx(&f, &doc_date(crate::dates::today()))?;
        write_whole(out, |tmp| Ok(std::fs::write(tmp, bytes)?))?;
        Ok(ExportSummary { rows: table_rows(&f).len() as u32, path: out.to_path_buf() })
    }

    /// 年度工作总结 into the export folder.
    pub fn export_year_summary_to_folder(&self, year: i32) -> Result<ExportSummary> {
        to_folder(&format!("{year}年工作总结"), "docx", |p| self.export_year_summary(year, p))
    }
}
