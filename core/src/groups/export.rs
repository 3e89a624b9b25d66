//! Group member lists (联络组成员名单): one print-ready sheet per liaison group of a term, after a
//! first sheet 汇总 with one row per group. Written by the shared sheet writer (`export::sheet`):
//! title, subtitle, repeated header, borders, A4, page numbers.

use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::sheet::{
    new_workbook, save, sheet_name, table_sheet, write_table, Col, Formats, Heading, Rows, Table,
};
use crate::export::{pad_name, to_folder, ExportSummary};
use crate::groups::types::{GroupListExport, GroupRole};
use crate::masks::phone_unless;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One member of a group as the list prints them.
struct ListedMember {
    group_id: String,
    role: GroupRole,
    name: String,
    gender: String,
    sector: String,
    party: String,
    work_unit: String,
    job_title: String,
    mobile: String,
}

/// The columns of a group's sheet, after 序号.
const MEMBER_COLS: [Col; 8] = [
    Col::text("姓名", 24.0),
    Col::centred("组内职务"),
    Col::centred("性别"),
    Col::text("界别", 24.0),
    Col::text("政治面貌", 24.0),
    Col::text("工作单位", 36.0),
    Col::text("职务", 24.0),
    Col::text("手机", 24.0),
];

struct MemberList<'a> {
    members: &'a [ListedMember],
    with_phone: bool,
    pad: bool,
}

impl Rows for MemberList<'_> {
    fn len(&self) -> usize {
        self.members.len()
    }
    fn cell(&self, row: usize, col: usize) -> Cow<'_, str> {
        let m = &self.members[row];
        match col {
            0 if self.pad => Cow::Owned(pad_name(&m.name)),
            0 => Cow::Borrowed(&m.name),
            1 => Cow::Borrowed(m.role.label()),
            2 => Cow::Borrowed(&m.gender),
            3 => Cow::Borrowed(&m.sector),
            4 => Cow::Borrowed(&m.party),
            5 => Cow::Borrowed(&m.work_unit),
            6 => Cow::Borrowed(&m.job_title),
            _ => phone_unless(self.with_phone, &m.mobile),
        }
    }
}

/// The columns of the 汇总 sheet, after 序号.
const SUMMARY_COLS: [Col; 6] = [
    Col::text("组名", 30.0),
    Col::text("乡镇/街道", 24.0),
    Col::text("组长", 24.0),
    Col::count("人数", 8.0),
    Col::text("联系人", 24.0),
    Col::text("联系电话", 24.0),
];

/// The name of the summary sheet.
pub const SUMMARY_SHEET: &str = "汇总";

/// The title of a group's sheet: 城关镇联络组 → 城关镇联络组成员名单, 城关 → 城关联络组成员名单.
pub fn group_list_title(group: &str) -> String {
    if group.ends_with('组') {
        format!("{group}成员名单")
    } else {
        format!("{group}联络组成员名单")
    }
}

impl Db {
    /// The group member lists (联络组成员名单) of a term as one .xlsx: a first sheet 汇总 (组名, 乡镇/街道,
    /// 组长, 人数, 联系人, 联系电话, and a 合计 row), then one sheet per group in the groups' display
    /// order, named after the group: leader, deputies, then members in stroke order, with 序号 姓名
    /// 组内职务 性别 界别 政治面貌 工作单位 职务 手机. Phone numbers masked unless asked for.
    pub fn export_group_lists(&self, opts: &GroupListExport, out: &Path) -> Result<ExportSummary> {
        let term = match &opts.term_id {
            Some(t) => self.terms()?.into_iter().find(|x| &x.id == t),
            None => self.current_term()?,
        }
        .ok_or_else(|| Error::NotFound("未设置当前届次，请先在“设置”中设置届次".into()))?;
        let groups = self.groups(Some(&term.id))?;
        if groups.is_empty() {
            return Err(Error::NotFound(format!("{}还没有联络组，没有可导出的名单", term.name)));
        }
        let members = self.listed_members(&term.id)?;
        let mut by_group: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, m) in members.iter().enumerate() {
            by_group.entry(m.group_id.as_str()).and_modify(|r| r.1 = i + 1).or_insert((i, i + 1));
        }
        let office = self.app_info()?.office_name;
        let date = doc_date(today());
        let phone = |p: &str| phone_unless(opts.with_phone, p).into_owned();
        let f = Formats::new();
        let mut wb = new_workbook();
        let mut used = HashSet::new();

        // 汇总 first.
        let slices: Vec<&[ListedMember]> =
            groups.iter().map(|g| by_group.get(g.id.as_str()).map(|(a, b)| &members[*a..*b]).unwrap_or(&[])).collect();
        let summary = Table(
            groups
                .iter()
                .zip(&slices)
                .map(|(g, ms)| {
                    let leaders: Vec<&str> =
                        ms.iter().filter(|m| m.role == GroupRole::Leader).map(|m| m.name.as_str()).collect();
                    vec![
                        g.name.clone(),
                        g.township.clone(),
                        leaders.join("、"),
                        ms.len().to_string(),
                        g.contact_person.clone(),
                        phone(&g.contact_phone),
                    ]
                })
                .collect(),
        );
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(SUMMARY_SHEET, &mut used))?;
        let note = format!("{}　共 {} 个联络组、{} 人", term.name, groups.len(), members.len());
        let title = format!("{office}联络组汇总表");
        let total_row =
            write_table(ws, &f, &Heading { title: &title, note: &note, date: &date }, &SUMMARY_COLS, &summary)?;
        // 合计: a number, not a formula.
        ws.write_string_with_format(total_row, 0, "合计", &f.body_centre)?;
        for c in 1..=SUMMARY_COLS.len() as u16 {
            if c == 4 {
                ws.write_number_with_format(total_row, c, members.len() as f64, &f.body_centre)?;
            } else {
                ws.write_blank(total_row, c, &f.body_left)?;
            }
        }

        // One sheet per group.
        for (g, ms) in groups.iter().zip(&slices) {
            let leaders: Vec<&str> =
                ms.iter().filter(|m| m.role == GroupRole::Leader).map(|m| m.name.as_str()).collect();
            let mut parts = Vec::new();
            if !g.township.is_empty() {
                parts.push(format!("乡镇/街道：{}", g.township));
            }
            if !leaders.is_empty() {
                parts.push(format!("组长：{}", leaders.join("、")));
            }
            if !g.contact_person.is_empty() {
                parts.push(format!("联系人：{}", g.contact_person));
            }
            parts.push(format!("共 {} 人", ms.len()));
            let note = parts.join("　");
            let title = group_list_title(&g.name);
            let rows = MemberList { members: ms, with_phone: opts.with_phone, pad: opts.pad_two_char_names };
            let heading = Heading { title: &title, note: &note, date: &date };
            table_sheet(&mut wb, &mut used, &g.name, &f, &heading, &MEMBER_COLS, &rows)?;
        }

        let summary = save(&mut wb, out, members.len())?;
        crate::db::audit_personal_export(&self.conn, "联络组成员名单", out, false, opts.with_phone, summary.rows)?;
        Ok(summary)
    }

    /// Export the group member lists into the export folder under a new name.
    pub fn export_group_lists_to_folder(&self, opts: &GroupListExport) -> Result<ExportSummary> {
        to_folder("联络组成员名单", "xlsx", |p| self.export_group_lists(opts, p))
    }

    /// Every live member of every live group of a term: by group (display order), then leader,
    /// deputies, members, each in stroke order. One statement.
    fn listed_members(&self, term: &str) -> Result<Vec<ListedMember>> {
        let mut st = self.conn.prepare_cached(
            "SELECT gm.group_id, gm.role, m.name, m.gender, COALESCE(s.name, ''), COALESCE(p.name, ''),
                    m.work_unit, m.job_title, m.mobile
             FROM liaison_groups g
             JOIN group_members gm ON gm.group_id = g.id
             JOIN members m ON m.id = gm.member_id
             LEFT JOIN ref_items s ON s.id = m.sector_id
             LEFT JOIN ref_items p ON p.id = m.party_id
             WHERE g.term_id = ?1 AND g.deleted_at IS NULL AND m.deleted_at IS NULL
             ORDER BY g.sort, g.name COLLATE NUMBERED, g.id, CASE gm.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END,
                      m.stroke_key, m.id",
        )?;
        let rows = st.query_map([term], |r| {
            Ok(ListedMember {
                group_id: r.get(0)?,
                role: GroupRole::parse(&r.get::<_, String>(1)?),
                name: r.get(2)?,
                gender: r.get(3)?,
                sector: r.get(4)?,
                party: r.get(5)?,
                work_unit: r.get(6)?,
                job_title: r.get(7)?,
                mobile: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
