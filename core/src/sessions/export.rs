//! A session's print-ready lists (.xlsx), written by the shared sheet writer (`export::sheet`:
//! title, subtitle, repeated header, borders, A4, 第 X 页 共 Y 页): 报到名册, 签到表 (one sheet per sitting,
//! with a signature column), 分组名单 (汇总 + one sheet per group), 请假人员名单, 住宿安排表, 用餐安排,
//! 车辆安排, 出席情况统计 (by sitting, group and sector); and the 座次表 as a grid (rostrum on top, then the
//! hall's rows with aisles), on A3 landscape. Phone numbers are masked unless asked for.

use super::seating::seated_in;
use super::{attendees_in, sitting_of, sittings_in, SessState};
use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::pdf::{ListCol, ListSection, Lists};
use crate::export::sheet::{
    new_workbook, save, table_sheet, table_sheet_on, Col, Formats, Heading, Paper, Table, PAGE_FOOTER,
};
use crate::export::{to_folder, DocumentFormat, ExportSummary};
use crate::masks::phone_unless;
use crate::sessions::types::*;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const fn count(label: &'static str) -> Col {
    Col::count(label, 10.0)
}

/// One sheet: `write_table` under `title`, with `note` on the left of the subtitle.
fn sheet(
    wb: &mut Workbook,
    used: &mut HashSet<String>,
    name: &str,
    title: &str,
    note: &str,
    cols: &[Col],
    t: &Table,
) -> Result<()> {
    let f = Formats::new();
    let date = doc_date(today());
    table_sheet(wb, used, name, &f, &Heading { title, note, date: &date }, cols, t)?;
    Ok(())
}

/// A column label that lives as long as the program: the session's check-in items are few and the same
/// from export to export, so each distinct one is kept once (the table writer takes `&'static str`).
fn static_label(s: &str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    static LABELS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    if let Some(d) = super::DEFAULT_ITEMS.iter().find(|d| **d == s) {
        return d;
    }
    let mut set = LABELS.get_or_init(Default::default).lock().expect("labels");
    if let Some(l) = set.get(s) {
        return l;
    }
    let l: &'static str = Box::leak(s.to_string().into_boxed_str());
    set.insert(l);
    l
}

/// The 签到表 is signed by hand: rows of 31.5 pt (11.1 mm; 21 or 22 names on an A4 page) and a 签名
/// column of at least 24 width units (173 px, 4.6 cm), on the PDF 11 mm rows and a 50 mm column.
pub const SIGN_ROW_PT: f64 = 31.5;
pub const SIGN_COL_WIDTH: f64 = 24.0;
const SIGN_ROW_MM: f64 = 11.0;
const SIGN_COL_MM: f64 = 50.0;

/// One list of the 签到表 or the 分组名单, made once and written as a sheet of the .xlsx or a section of
/// the PDF.
struct Listing {
    sheet: String,
    title: String,
    note: String,
    cols: Vec<Col>,
    /// Each column's width on the PDF in mm (0: the rest), 序号 not counted.
    pdf_mm: Vec<f64>,
    rows: Table,
    /// Written on by hand: tall rows (`SIGN_ROW_PT`).
    signed: bool,
    min_widths: Vec<(usize, f64)>,
    foot: String,
}

fn mark(b: bool) -> String {
    if b {
        "✓".into()
    } else {
        String::new()
    }
}

impl Db {
    /// Export one of a session's documents to `out`: .xlsx, or PDF for 座次表 and 座位票.
    pub fn export_session(&self, e: &SessionExport, out: &Path) -> Result<ExportSummary> {
        if e.format == DocumentFormat::Pdf {
            return match e.document {
                SessionDocument::Seating => self.seating_pdf(&e.session_id, out),
                SessionDocument::SeatTickets => self.seat_tickets_pdf(&e.session_id, out),
                SessionDocument::Passes => self.passes_pdf(&e.session_id, out),
                SessionDocument::SignIn | SessionDocument::Groups => self.listings_pdf(e, out),
                d => Err(Error::field("format", format!("{}只能导出为 Excel（.xlsx）", d.label()))),
            };
        }
        let s = SessState::load(&self.conn, &e.session_id)?;
        let mut wb = new_workbook();
        let mut used = HashSet::new();
        let title = format!("{}{}", s.name, e.document.label());
        let phone = |p: &str| phone_unless(e.with_phone, p).into_owned();
        let rows: usize = match e.document {
            SessionDocument::CheckIn => {
                let people = attendees_in(&self.conn, &s.id, &AttendeeQuery::default())?;
                let full: HashMap<String, String> =
                    if e.with_phone { self.attendee_phones(&s.id)? } else { HashMap::new() };
                let mut cols = vec![
                    Col::text("姓名", 16.0),
                    Col::centred("类别"),
                    Col::text("界别", 24.0),
                    Col::centred("分组"),
                    Col::centred("报到时间"),
                    Col::text("代报到人", 12.0),
                ];
                cols.extend(s.items.iter().map(|i| Col::centred(static_label(i))));
                cols.push(Col::text("手机", 16.0));
                let t = Table(
                    people
                        .iter()
                        .map(|a| {
                            let mut r = vec![
                                a.name.clone(),
                                a.kind.label().to_string(),
                                if a.sector.is_empty() { a.unit.clone() } else { a.sector.clone() },
                                a.group.clone(),
                                a.checked_in_at.clone().unwrap_or_default(),
                                a.proxy.clone(),
                            ];
                            r.extend(s.items.iter().map(|i| mark(a.items.contains(i))));
                            r.push(full.get(&a.id).cloned().unwrap_or_else(|| a.mobile.clone()));
                            r
                        })
                        .collect(),
                );
                let checked = people.iter().filter(|a| a.checked_in_at.is_some()).count();
                let note = format!("应报到 {} 人，已报到 {checked} 人", people.len());
                sheet(&mut wb, &mut used, "报到名册", &title, &note, &cols, &t)?;
                people.len()
            }
            SessionDocument::SignIn | SessionDocument::Groups => {
                let (lists, n) = self.listings(&s, e)?;
                let f = Formats::new();
                let date = doc_date(today());
                for l in &lists {
                    let min: Vec<(usize, f64)> = l.min_widths.clone();
                    let paper = Paper { row_height: l.signed.then_some(SIGN_ROW_PT), min_widths: &min };
                    let h = Heading { title: &l.title, note: &l.note, date: &date };
                    table_sheet_on(&mut wb, &mut used, &l.sheet, &f, &h, &l.cols, &l.rows, &paper)?;
                }
                n
            }
            SessionDocument::Leave => {
                let leaves = self.session_leaves(&s.id, e.sitting_id.as_deref().filter(|x| !x.is_empty()))?;
                let cols = [
                    Col::text("姓名", 16.0),
                    Col::centred("分组"),
                    Col::text("请假时段", 30.0),
                    count("半天数"),
                    Col::text("事由", 30.0),
                    Col::centred("审批"),
                    Col::text("审批人", 16.0),
                    Col::centred("状态"),
                ];
                let t = Table(
                    leaves
                        .iter()
                        .map(|l| {
                            vec![
                                l.name.clone(),
                                l.group.clone(),
                                l.period.clone(),
                                l.half_days.to_string(),
                                l.reason.clone(),
                                l.decided_by.unwrap_or(l.approver_level).label().to_string(),
                                l.approver.clone(),
                                l.status.label().to_string(),
                            ]
                        })
                        .collect(),
                );
                let note = match e.sitting_id.as_deref().filter(|x| !x.is_empty()) {
                    Some(x) => sitting_of(&self.conn, x)?.label(),
                    None => "全部场次".into(),
                };
                sheet(&mut wb, &mut used, "请假人员名单", &title, &note, &cols, &t)?;
                leaves.len()
            }
            SessionDocument::Rooms => {
                let rooms = self.rooms(&s.id)?;
                let cols = [
                    Col::text("宾馆", 20.0),
                    Col::centred("房间号"),
                    Col::text("姓名", 16.0),
                    Col::centred("性别"),
                    Col::centred("分组"),
                    Col::text("同住人", 20.0),
                ];
                let mut rows = Vec::new();
                for r in &rooms {
                    for g in &r.guests {
                        let mates: Vec<&str> = r
                            .guests
                            .iter()
                            .filter(|x| x.attendee_id != g.attendee_id)
                            .map(|x| x.name.as_str())
                            .collect();
                        rows.push(vec![
                            r.hotel.clone(),
                            r.room_no.clone(),
                            g.name.clone(),
                            g.gender.clone(),
                            g.group.clone(),
                            mates.join("、"),
                        ]);
                    }
                }
                let n = rows.len();
                sheet(
                    &mut wb,
                    &mut used,
                    "住宿安排表",
                    &title,
                    &format!("共 {} 间，{n} 人", rooms.len()),
                    &cols,
                    &Table(rows),
                )?;
                n
            }
            SessionDocument::Meals => {
                let tables = self.meal_tables(&s.id)?;
                let cols = [count("桌号"), Col::text("地点", 20.0), Col::text("姓名", 16.0), Col::centred("分组")];
                let mut rows = Vec::new();
                for t in &tables {
                    for g in &t.guests {
                        rows.push(vec![t.table_no.to_string(), t.place.clone(), g.name.clone(), g.group.clone()]);
                    }
                }
                let n = rows.len();
                sheet(
                    &mut wb,
                    &mut used,
                    "用餐安排",
                    &title,
                    &format!("共 {} 桌，{n} 人", tables.len()),
                    &cols,
                    &Table(rows),
                )?;
                n
            }
            SessionDocument::Vehicles => {
                let vs = self.vehicles(&s.id, e.with_phone)?;
                let cols = [
                    Col::centred("车辆"),
                    Col::centred("车牌号"),
                    Col::text("驾驶员", 12.0),
                    Col::text("联系电话", 16.0),
                    Col::text("线路", 20.0),
                    count("人数"),
                    Col::text("乘车人员", 60.0),
                ];
                let t = Table(
                    vs.iter()
                        .map(|v| {
                            vec![
                                v.label.clone(),
                                v.plate.clone(),
                                v.driver.clone(),
                                phone(&v.driver_phone),
                                v.route.clone(),
                                v.passengers.len().to_string(),
                                v.passengers.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、"),
                            ]
                        })
                        .collect(),
                );
                sheet(&mut wb, &mut used, "车辆安排", &title, &format!("共 {} 辆车", vs.len()), &cols, &t)?;
                vs.len()
            }
            SessionDocument::Attendance => {
                let st = self.session_stats(&s.id)?;
                let cols = |first: &'static str| {
                    [
                        Col::text(first, 40.0),
                        count("应到"),
                        count("出席"),
                        count("迟到"),
                        count("请假"),
                        count("缺席"),
                        count("未记录"),
                        Col::centred("出席率"),
                    ]
                };
                let table = |lines: &[StatLine], total: Option<&StatLine>| {
                    Table(
                        lines
                            .iter()
                            .chain(total)
                            .map(|l| {
                                vec![
                                    l.label.clone(),
                                    l.expected.to_string(),
                                    l.present.to_string(),
                                    l.late.to_string(),
                                    l.leave.to_string(),
                                    l.absent.to_string(),
                                    l.unrecorded.to_string(),
                                    if l.unrecorded == l.expected {
                                        "—".to_string()
                                    } else {
                                        format!("{:.1}%", l.rate)
                                    },
                                ]
                            })
                            .collect(),
                    )
                };
                sheet(
                    &mut wb,
                    &mut used,
                    "按场次",
                    &title,
                    "按场次（委员）",
                    &cols("场次"),
                    &table(&st.sittings, None),
                )?;
                sheet(
                    &mut wb,
                    &mut used,
                    "按分组",
                    &title,
                    "按分组（人次）",
                    &cols("组别"),
                    &table(&st.groups, Some(&st.total)),
                )?;
                sheet(
                    &mut wb,
                    &mut used,
                    "按界别",
                    &title,
                    "按界别（人次）",
                    &cols("界别"),
                    &table(&st.sectors, Some(&st.total)),
                )?;
                st.sittings.len() + st.groups.len() + st.sectors.len()
            }
            SessionDocument::Seating => self.seating_sheet(&s, &mut wb, &title)?,
            SessionDocument::SeatTickets | SessionDocument::Passes => {
                return Err(Error::field("format", format!("{}只能导出为 PDF，请选择 PDF 格式", e.document.label())));
            }
        };
        let summary = save(&mut wb, out, rows)?;
        // The check-in list and the vehicles carry whole phone numbers when asked: logged.
        if e.with_phone && matches!(e.document, SessionDocument::CheckIn | SessionDocument::Vehicles) {
            crate::db::audit_personal_export(&self.conn, &title, out, false, true, summary.rows)?;
        }
        Ok(summary)
    }

    /// The 签到表 (one list per sitting, or the one asked for) or the 分组名单 (汇总, then one list per group),
    /// and the number of rows they hold.
    fn listings(&self, s: &SessState, e: &SessionExport) -> Result<(Vec<Listing>, usize)> {
        let mut out = Vec::new();
        match e.document {
            SessionDocument::SignIn => {
                let sittings = match e.sitting_id.as_deref().filter(|x| !x.is_empty()) {
                    Some(x) => {
                        let x = sitting_of(&self.conn, x)?;
                        if x.session_id != s.id {
                            return Err(Error::field("sitting_id", "所选场次不属于本次会议，请重新选择"));
                        }
                        vec![x]
                    }
                    None => sittings_in(&self.conn, &s.id)?,
                };
                if sittings.is_empty() {
                    return Err(Error::NotFound(format!(
                        "会议“{}”还没有安排场次，没有可导出的签到表：请在“概况”中点“按会期排场次”或“新增场次”",
                        s.name
                    )));
                }
                let people: Vec<Attendee> = attendees_in(&self.conn, &s.id, &AttendeeQuery::default())?
                    .into_iter()
                    .filter(|a| a.kind != AttendeeKind::Staff)
                    .collect();
                let leaves = self.session_leaves(&s.id, None)?;
                // Narrow enough (about 80 units, 156 mm in Excel) that no program shrinks the page to fit its
                // width: LibreOffice measures a unit about 18 % wider than Excel and would scale a wider sheet.
                let cols = vec![
                    Col::text("姓名", 12.0),
                    Col::text("界别", 20.0),
                    Col { label: "分组", centred: true, max_width: 10.0, number: false },
                    Col::text("签名", SIGN_COL_WIDTH),
                    Col { label: "备注", centred: true, max_width: 7.0, number: false },
                ];
                for x in &sittings {
                    let rows = Table(
                        people
                            .iter()
                            .map(|a| {
                                let on_leave = leaves.iter().any(|l| {
                                    l.attendee_id == a.id
                                        && l.status == LeaveStatus::Approved
                                        && (l.sitting_id.is_none() || l.sitting_id.as_deref() == Some(&x.id))
                                });
                                vec![
                                    a.name.clone(),
                                    if a.kind == AttendeeKind::Observer { "列席".into() } else { a.sector.clone() },
                                    a.group.clone(),
                                    String::new(),
                                    if on_leave { "请假".into() } else { String::new() },
                                ]
                            })
                            .collect(),
                    );
                    let when = [x.start_time.as_str(), x.place.as_str()]
                        .iter()
                        .filter(|v| !v.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ");
                    out.push(Listing {
                        sheet: format!("{}{}{}", x.date.get(5..).unwrap_or(""), x.half.label(), x.title),
                        title: format!("{}签到表", s.name),
                        note: format!("{} {}", x.label(), when).trim().to_string(),
                        cols: cols.clone(),
                        pdf_mm: vec![24.0, 0.0, 20.0, SIGN_COL_MM, 18.0],
                        rows,
                        signed: true,
                        min_widths: vec![(0, 10.0), (3, SIGN_COL_WIDTH), (4, 7.0)],
                        foot: format!("应到 {} 人，实到　　　人。", people.len()),
                    });
                }
                Ok((out, people.len() * sittings.len()))
            }
            SessionDocument::Groups => {
                let groups = super::grouping::groups_in(&self.conn, &s.id)?;
                if groups.is_empty() {
                    return Err(Error::NotFound(format!(
                        "会议“{}”还没有分组：请先在“分组讨论”中点“自动分组”，再导出",
                        s.name
                    )));
                }
                let people = attendees_in(&self.conn, &s.id, &AttendeeQuery::default())?;
                let summary = Table(
                    groups
                        .iter()
                        .map(|g| {
                            vec![
                                g.name.clone(),
                                g.room.clone(),
                                g.convenors.join("、"),
                                g.size.to_string(),
                                g.sectors.join("、"),
                            ]
                        })
                        .collect(),
                );
                out.push(Listing {
                    sheet: "汇总".into(),
                    title: format!("{}{}", s.name, e.document.label()),
                    note: format!("共 {} 个组，{} 人", groups.len(), groups.iter().map(|g| g.size).sum::<u32>()),
                    // 界别 wraps at 40 units (the sheet's rows grow to fit it) so that the page stays portrait.
                    cols: vec![
                        Col::text("组别", 12.0),
                        Col::text("讨论地点", 20.0),
                        Col::text("召集人", 20.0),
                        count("人数"),
                        Col::text("界别", 40.0),
                    ],
                    pdf_mm: vec![22.0, 32.0, 32.0, 14.0, 0.0],
                    rows: summary,
                    signed: false,
                    min_widths: vec![],
                    foot: String::new(),
                });
                let cols = vec![
                    Col::text("姓名", 16.0),
                    Col::centred("组内职务"),
                    Col::text("界别", 24.0),
                    Col::text("政协职务", 16.0),
                    Col::text("工作单位及职务", 40.0),
                ];
                let mut n = 0;
                for g in &groups {
                    let mut list: Vec<&Attendee> =
                        people.iter().filter(|a| a.group_id.as_deref() == Some(&g.id)).collect();
                    // Convenors first, then stroke order (the list's order).
                    list.sort_by_key(|a| a.group_role != DiscussionRole::Convenor);
                    n += list.len();
                    let rows = Table(
                        list.iter()
                            .map(|a| {
                                vec![
                                    a.name.clone(),
                                    a.group_role.label().to_string(),
                                    if a.kind == AttendeeKind::Member {
                                        a.sector.clone()
                                    } else {
                                        a.kind.label().to_string()
                                    },
                                    a.roles.clone(),
                                    a.unit.clone(),
                                ]
                            })
                            .collect(),
                    );
                    out.push(Listing {
                        sheet: g.name.clone(),
                        title: format!("{}{}名单", s.name, g.name),
                        note: format!(
                            "讨论地点：{}　召集人：{}",
                            if g.room.is_empty() { "待定" } else { &g.room },
                            g.convenors.join("、")
                        ),
                        cols: cols.clone(),
                        pdf_mm: vec![22.0, 18.0, 34.0, 28.0, 0.0],
                        rows,
                        signed: false,
                        min_widths: vec![],
                        foot: format!("共 {} 人", list.len()),
                    });
                }
                Ok((out, n))
            }
            d => Err(Error::field("document", format!("{}不是名单", d.label()))),
        }
    }

    /// The 签到表 or the 分组名单 as a PDF (template `lists`): each list from a new page, A4 portrait.
    fn listings_pdf(&self, e: &SessionExport, out: &Path) -> Result<ExportSummary> {
        let s = SessState::load(&self.conn, &e.session_id)?;
        let (lists, n) = self.listings(&s, e)?;
        let printed = doc_date(today());
        let sections = lists
            .into_iter()
            .map(|l| {
                let mut columns = vec![ListCol { label: "序号".into(), width_mm: 12.0, centred: true }];
                columns.extend(l.cols.iter().zip(&l.pdf_mm).map(|(c, mm)| ListCol {
                    label: c.label.into(),
                    width_mm: *mm,
                    centred: c.centred,
                }));
                ListSection {
                    title: l.title,
                    note: l.note,
                    printed: printed.clone(),
                    columns,
                    rows: l
                        .rows
                        .0
                        .into_iter()
                        .enumerate()
                        .map(|(i, mut r)| {
                            r.insert(0, (i + 1).to_string());
                            r
                        })
                        .collect(),
                    row_height_mm: if l.signed { SIGN_ROW_MM } else { 0.0 },
                    foot: l.foot,
                }
            })
            .collect();
        crate::export::pdf::write("lists", &Lists { flipped: false, sections }, n, out)
    }

    /// Export a session's document into the export folder (`{会议名称}{文档}-日期-时间.xlsx`).
    pub fn export_session_to_folder(&self, e: &SessionExport) -> Result<ExportSummary> {
        let s = SessState::load(&self.conn, &e.session_id)?;
        to_folder(&format!("{}{}", s.name, e.document.label()), e.format.ext(), |p| self.export_session(e, p))
    }

    /// 打印全套: the documents asked for, each in its print format (PDF where it has one), numbered in the
    /// order given (`01-签到表.pdf` …) in a new folder `{会议名称}会务材料-日期-时间` of the export folder.
    /// All or nothing: a document that cannot be made (nobody seated yet …) stops the pack, is named in the
    /// message, and no folder is left; the folder takes its name only once every file is in it.
    pub fn export_session_pack(&self, p: &SessionPackRequest) -> Result<SessionPack> {
        self.export_session_pack_in(p, &crate::export::export_dir())
    }

    /// `export_session_pack` into another folder than the export folder.
    pub fn export_session_pack_in(&self, p: &SessionPackRequest, dir: &Path) -> Result<SessionPack> {
        if p.documents.is_empty() {
            return Err(Error::field("documents", "请至少选择一种文书"));
        }
        let s = SessState::load(&self.conn, &p.session_id)?;
        crate::export::private_dir(dir)?;
        let stem = crate::export::file_stem(&format!("{}会务材料", s.name));
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let mut folder = dir.join(format!("{stem}-{stamp}"));
        let mut n = 2;
        while folder.exists() {
            folder = dir.join(format!("{stem}-{stamp}-{n}"));
            n += 1;
        }
        let name = folder.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let tmp = folder.with_file_name(format!(".{name}.{}.part", std::process::id()));
        let made = (|| {
            crate::export::private_dir(&tmp)?;
            let mut files = Vec::new();
            for (i, d) in p.documents.iter().enumerate() {
                let e = SessionExport {
                    session_id: p.session_id.clone(),
                    document: *d,
                    sitting_id: None,
                    with_phone: p.with_phone,
                    format: d.print_format(),
                };
                let file = format!("{:02}-{}.{}", i + 1, d.label(), e.format.ext());
                let done = self
                    .export_session(&e, &tmp.join(&file))
                    .map_err(|err| Error::Conflict(format!("{}没有生成：{}", d.label(), err)))?;
                files.push(PackFile { document: *d, path: folder.join(&file), rows: done.rows });
            }
            std::fs::rename(&tmp, &folder)?;
            Ok(files)
        })();
        match made {
            Ok(files) => Ok(SessionPack { folder, files }),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&tmp);
                Err(e)
            }
        }
    }

    /// Full mobile numbers of a session's attendees (for exports that ask for them).
    fn attendee_phones(&self, session_id: &str) -> Result<HashMap<String, String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, COALESCE(m.mobile, a.mobile) FROM session_attendees a LEFT JOIN members m ON m.id = a.member_id
             WHERE a.session_id = ?1",
        )?;
        let v = st.query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The 座次表 as a grid: title, the rostrum (back row on top, centred over the hall), then the hall's rows
    /// (row 1, the front, first) with a label column, aisles as narrow blank columns and seat numbers above.
    /// Returns the number of seats written.
    fn seating_sheet(&self, s: &SessState, wb: &mut Workbook, title: &str) -> Result<usize> {
        let (layout, seats) = seated_in(&self.conn, s)?;
        let f = Formats::new();
        let name_fmt = Format::new()
            .set_font_name("宋体")
            .set_font_size(10)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_border(FormatBorder::Thin);
        let label_fmt = f.header.clone();
        let band = Format::new().set_font_name("黑体").set_font_size(14).set_align(FormatAlign::Center);
        let width = layout.seat_columns.max(layout.rostrum_seats) as u16;
        let last = width; // column 0 is the row labels
        let ws = wb.add_worksheet();
        ws.set_name("座次表")?;
        ws.set_column_width(0, 7)?;
        for c in 1..=layout.seat_columns as u16 {
            ws.set_column_width(c, if layout.aisle_columns.contains(&(c as u32)) { 2.5 } else { 8.5 })?;
        }
        for c in layout.seat_columns as u16 + 1..=width {
            ws.set_column_width(c, 8.5)?;
        }
        ws.merge_range(0, 0, 0, last, title, &f.title)?;
        ws.set_row_height(0, 30)?;
        let date = doc_date(today());
        let numbering = super::seating::numbering_of(&self.conn, &layout.id)?;
        let numbers = super::seating::seat_numbers(layout.seat_columns, &layout.aisle_columns, numbering);
        let odd_even = if numbering == SeatNumbering::OddEven { "（单双号）" } else { "" };
        ws.merge_range(
            1,
            0,
            1,
            last,
            &format!("会场：{}{odd_even}　共 {} 人　{date}", layout.name, seats.len()),
            &f.sub_left,
        )?;
        let mut row: u32 = 2;
        let by_pos: HashMap<(SeatArea, u32, u32), &Seat> = seats.iter().map(|z| ((z.area, z.row, z.col), z)).collect();
        if layout.rostrum_rows > 0 && layout.rostrum_seats > 0 {
            ws.merge_range(row, 0, row, last, "主　席　台", &band)?;
            row += 1;
            let offset = (layout.seat_columns.saturating_sub(layout.rostrum_seats) / 2) as u16;
            for rr in (1..=layout.rostrum_rows).rev() {
                ws.write_string_with_format(row, 0, format!("台{rr}排"), &label_fmt)?;
                for c in 1..=layout.rostrum_seats {
                    let name = by_pos.get(&(SeatArea::Rostrum, rr, c)).map(|z| z.name.as_str()).unwrap_or("");
                    ws.write_string_with_format(row, offset + c as u16, name, &name_fmt)?;
                }
                ws.set_row_height(row, 28)?;
                row += 1;
            }
            row += 1;
        }
        ws.merge_range(row, 0, row, last, "会　场", &band)?;
        row += 1;
        // Seat numbers above the columns.
        ws.write_string_with_format(row, 0, "座号", &label_fmt)?;
        for c in 1..=layout.seat_columns {
            if !layout.aisle_columns.contains(&c) {
                ws.write_number_with_format(row, c as u16, numbers[c as usize - 1] as f64, &label_fmt)?;
            }
        }
        let header = row;
        row += 1;
        for r in 1..=layout.rows {
            ws.write_string_with_format(row, 0, format!("第{r}排"), &label_fmt)?;
            for c in 1..=layout.seat_columns {
                if layout.aisle_columns.contains(&c) {
                    continue;
                }
                let name = by_pos.get(&(SeatArea::Hall, r, c)).map(|z| z.name.as_str()).unwrap_or("");
                ws.write_string_with_format(row, c as u16, name, &name_fmt)?;
            }
            ws.set_row_height(row, 24)?;
            row += 1;
        }
        // A3 landscape, one page wide, the seat numbers repeated, page numbers.
        ws.set_paper_size(8);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(header, header)?;
        ws.set_print_center_horizontally(true);
        ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
        ws.set_footer(PAGE_FOOTER);
        Ok(seats.len())
    }
}
