//! The members' documents: the roster (委员名册) and the contact list (通讯录) as print-ready .xlsx, written
//! by the shared sheet writer (`export::sheet`). ID and phone numbers are masked unless the caller asks
//! for them.

use super::types::{ContactsExport, MemberDetail, RosterColumn, RosterColumnInfo, RosterExport, RosterSort};
use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::Result;
use crate::export::sheet::{add_sheet, new_workbook, save, write_table, Col, Formats, Heading, Rows};
use crate::export::{pad_name, to_folder, ExportSummary};
use crate::masks::{mask_id, phone_unless};
use std::borrow::Cow;
use std::path::Path;

/// The subtitle of a roster sorted this way: the order's label (按姓氏笔画为序 …).
pub fn sort_label(sort: RosterSort) -> &'static str {
    sort.label()
}

/// The text of one roster cell; borrowed from the member where it can be (no allocation per cell).
fn roster_cell<'a>(m: &'a MemberDetail, c: RosterColumn, with_id: bool, with_phone: bool, pad: bool) -> Cow<'a, str> {
    use RosterColumn::*;
    match c {
        Name if pad => Cow::Owned(pad_name(&m.name)),
        Name => Cow::Borrowed(&m.name),
        Gender => Cow::Borrowed(&m.gender),
        Ethnicity => Cow::Borrowed(&m.ethnicity),
        BirthDate => Cow::Borrowed(&m.birth_date),
        NativePlace => Cow::Borrowed(&m.native_place),
        Party => Cow::Borrowed(&m.party),
        Sector => Cow::Borrowed(&m.sector),
        Committee => Cow::Borrowed(&m.committee),
        Role if m.roles.len() == 1 => Cow::Borrowed(&m.roles[0]),
        Role => Cow::Owned(m.roles.join("、")),
        Group => Cow::Borrowed(&m.group),
        WorkUnit => Cow::Borrowed(&m.work_unit),
        JobTitle => Cow::Borrowed(&m.job_title),
        ProfessionalTitle => Cow::Borrowed(&m.professional_title),
        Education => Cow::Borrowed(&m.education),
        Mobile => phone_unless(with_phone, &m.mobile),
        Phone => phone_unless(with_phone, &m.phone),
        Address => Cow::Borrowed(&m.address),
        Postcode => Cow::Borrowed(&m.postcode),
        IdNumber if with_id => Cow::Borrowed(&m.id_number),
        IdNumber => Cow::Owned(mask_id(&m.id_number)),
        Status => Cow::Borrowed(m.status.label()),
        Notes => Cow::Borrowed(&m.notes),
    }
}

impl RosterColumn {
    /// Short values: centred in their cells.
    fn centred(self) -> bool {
        use RosterColumn::*;
        matches!(self, Gender | Ethnicity | BirthDate | Postcode | Status)
    }

    /// Widest a column may get (in Excel width units); longer text wraps.
    fn max_width(self) -> f64 {
        use RosterColumn::*;
        match self {
            WorkUnit | Address | Notes => 36.0,
            _ => 24.0,
        }
    }

    fn col(self) -> Col {
        Col { label: self.label(), centred: self.centred(), max_width: self.max_width(), number: false }
    }
}

/// Members as table rows: the chosen roster columns of each.
struct MemberRows<'a> {
    members: &'a [MemberDetail],
    columns: &'a [RosterColumn],
    with_id: bool,
    with_phone: bool,
    pad: bool,
}

impl Rows for MemberRows<'_> {
    fn len(&self) -> usize {
        self.members.len()
    }
    fn cell(&self, row: usize, col: usize) -> Cow<'_, str> {
        roster_cell(&self.members[row], self.columns[col], self.with_id, self.with_phone, self.pad)
    }
}

/// The columns of the contact list (通讯录), after 序号.
pub const CONTACT_COLUMNS: [RosterColumn; 8] = [
    RosterColumn::Name,
    RosterColumn::Group,
    RosterColumn::WorkUnit,
    RosterColumn::JobTitle,
    RosterColumn::Mobile,
    RosterColumn::Phone,
    RosterColumn::Address,
    RosterColumn::Postcode,
];

impl Db {
    /// The roster (委员名册) as a print-ready .xlsx: a merged title row, a subtitle with the order and
    /// the date, the header row (frozen, repeated on every printed page), thin borders, A4 fitted to
    /// the page width (landscape when more than 8 columns), 第 X 页 共 Y 页 in the footer.
    pub fn export_roster(&self, opts: &RosterExport, out: &Path) -> Result<ExportSummary> {
        self.export_member_table("委员名册", "委员名册", opts, out)
    }

    /// The contact list (通讯录): the members a roster query finds, in its order, with 序号 姓名 联络组
    /// 工作单位 职务 手机 固定电话 通讯地址 邮编; phone numbers masked unless asked for. Printed like the roster.
    pub fn export_contacts(&self, opts: &ContactsExport, out: &Path) -> Result<ExportSummary> {
        let table = RosterExport {
            query: opts.query.clone(),
            columns: CONTACT_COLUMNS.to_vec(),
            with_id: false,
            with_phone: opts.with_phone,
            pad_two_char_names: opts.pad_two_char_names,
            drop_empty_defaults: false,
        };
        self.export_member_table("委员通讯录", "通讯录", &table, out)
    }

    /// One sheet of members (roster, contact list) titled `{office}{title}`, the order and the date below.
    fn export_member_table(&self, title: &str, sheet: &str, opts: &RosterExport, out: &Path) -> Result<ExportSummary> {
        let office = self.app_info()?.office_name;
        let members = self.roster_details(&opts.query)?;
        let mut columns: Vec<RosterColumn> = Vec::new();
        for c in if opts.columns.is_empty() { RosterColumn::defaults() } else { opts.columns.clone() } {
            if !columns.contains(&c) {
                columns.push(c);
            }
        }
        if opts.drop_empty_defaults && !members.is_empty() {
            // Never the name; the others when no exported member has anything to print in them.
            let defaults = RosterColumn::defaults();
            columns.retain(|&c| {
                c == RosterColumn::Name
                    || !defaults.contains(&c)
                    || members.iter().any(|m| !roster_cell(m, c, true, true, false).trim().is_empty())
            });
        }
        let cols: Vec<Col> = columns.iter().map(|c| c.col()).collect();
        let rows = MemberRows {
            members: &members,
            columns: &columns,
            with_id: opts.with_id,
            with_phone: opts.with_phone,
            pad: opts.pad_two_char_names,
        };
        let f = Formats::new();
        let mut wb = new_workbook();
        let ws = add_sheet(&mut wb, rows.len())?;
        ws.set_name(sheet)?;
        let date = doc_date(today());
        let heading = Heading { title: &format!("{office}{title}"), note: sort_label(opts.query.sort), date: &date };
        write_table(ws, &f, &heading, &cols, &rows)?;
        let summary = save(&mut wb, out, members.len())?;
        let ids = opts.with_id && columns.contains(&RosterColumn::IdNumber);
        let phones = opts.with_phone && columns.iter().any(|c| matches!(c, RosterColumn::Mobile | RosterColumn::Phone));
        crate::db::audit_personal_export(&self.conn, title, out, ids, phones, summary.rows)?;
        Ok(summary)
    }
}

impl Db {
    /// Export the roster into the export folder under a new name; what the app's 导出 button does.
    pub fn export_roster_to_folder(&self, opts: &RosterExport) -> Result<ExportSummary> {
        to_folder("委员名册", "xlsx", |p| self.export_roster(opts, p))
    }

    /// Export the contact list into the export folder under a new name.
    pub fn export_contacts_to_folder(&self, opts: &ContactsExport) -> Result<ExportSummary> {
        to_folder("通讯录", "xlsx", |p| self.export_contacts(opts, p))
    }
}

/// Every exportable column, in sheet order, with its header label.
pub fn roster_columns() -> Vec<RosterColumnInfo> {
    let defaults = RosterColumn::defaults();
    RosterColumn::ALL
        .into_iter()
        .map(|c| RosterColumnInfo { column: c, label: c.label().to_string(), default: defaults.contains(&c) })
        .collect()
}
