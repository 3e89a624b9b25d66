//! Importing the rosters offices already keep in Excel or CSV.
//!
//! An `ImportSession` reads the file once, finds each sheet's header row and loads what the rows are
//! checked against (the lists, the members). Its `plan` maps the columns (built-in header variants,
//! then what the user chose last time, then this import's choices) and gives every row an outcome:
//! new member, update of an existing one (matched by ID number, else by name + birth date), unchanged,
//! skipped (blank, title, header, totals, note) or error, with a stable code, a Chinese reason and the
//! cell. `commit` does the same and writes the new and updated members in one transaction, through the
//! member form's own write. Importing the same file twice changes nothing the second time.
//! `Db::import_preview` and `Db::import_commit` are the one-shot forms (a session used once).

mod columns;
pub mod fields;
pub mod read;
pub mod runs;
pub mod session;
pub mod types;

pub use session::ImportSession;
pub use types::*;

use crate::db::{now, Db};
use crate::error::{Error, FieldError, Result};
use crate::export::{to_folder, ExportSummary};
use crate::groups::{save_group_tx, GroupInput};
use crate::idcard::{self, IdError};
use crate::members::validate;
use crate::members::{FastHash, MemberWriter};
use crate::members::{MemberDetail, MemberInput, MemberStatus, RosterColumn, RosterQuery};
use crate::refs::{live_ref, save_ref_tx, RefInput, RefKind};
use fields::{DateError, IdCell, PartialDate};
use read::{col_letter, Cell, Sheet};
use rusqlite::params;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const MAPPING_KEY: &str = "import_header_map";

/// The reference lists and existing members a plan is checked against.
struct Ctx {
    term_id: String,
    term_name: String,
    refs: HashMap<RefKind, Vec<(String, String)>>,
    groups: Vec<(String, String)>,
    members: Vec<MemberDetail>,
    by_id_number: HashMap<String, usize, FastHash>,
    /// (name, YYYY-MM) → members.
    by_name_month: HashMap<(String, String), Vec<usize>, FastHash>,
    by_name: HashMap<String, Vec<usize>, FastHash>,
    remembered: HashMap<String, Option<RosterColumn>>,
}

enum Write {
    New(Box<MemberInput>),
    Update(Box<MemberInput>, usize),
}

struct Plan {
    preview: ImportPreview,
    /// (row index in preview.rows, what to write)
    writes: Vec<(usize, Write)>,
    /// Unknown values to add: (kind, name) → placeholder id used in the inputs.
    new_refs: BTreeMap<(String, String), String>,
    /// Column choices to remember: normalised header → field.
    remember: Vec<(String, Option<RosterColumn>)>,
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "sector" => "界别",
        "party" => "政治面貌",
        "committee" => "专委会",
        "role" => "政协职务",
        _ => "联络组",
    }
}

const PLACEHOLDER: &str = "new:";

impl Db {
    fn import_ctx(&self) -> Result<Ctx> {
        let term =
            self.current_term()?.ok_or_else(|| Error::Conflict("请先在“设置”中设定当前届次，再导入名册".into()))?;
        let mut refs = HashMap::new();
        for k in [RefKind::Sector, RefKind::Party, RefKind::Committee, RefKind::Role] {
            refs.insert(k, self.refs(k)?.into_iter().map(|r| (r.id, r.name)).collect());
        }
        let groups = self.groups(Some(&term.id))?.into_iter().map(|g| (g.id, g.name)).collect();
        // Each member's fields laid out together (a plan reads them row after row; as the query
        // read them they are scattered).
        let members: Vec<MemberDetail> =
            self.roster_details(&RosterQuery { term_id: None, ..Default::default() })?.to_vec();
        let mut by_id_number: HashMap<String, usize, FastHash> = HashMap::default();
        let mut by_name_month: HashMap<(String, String), Vec<usize>, FastHash> = HashMap::default();
        let mut by_name: HashMap<String, Vec<usize>, FastHash> = HashMap::default();
        for (i, m) in members.iter().enumerate() {
            if !m.id_number.is_empty() {
                by_id_number.insert(m.id_number.clone(), i);
            }
            if m.birth_date.len() >= 7 {
                by_name_month.entry((m.name.clone(), m.birth_date[..7].to_string())).or_default().push(i);
            }
            by_name.entry(m.name.clone()).or_default().push(i);
        }
        let remembered = match self.setting(MAPPING_KEY)? {
            Some(j) => serde_json::from_str::<HashMap<String, String>>(&j)
                .unwrap_or_default()
                .into_iter()
                .map(|(h, f)| (h, RosterColumn::parse(&f)))
                .collect(),
            None => HashMap::new(),
        };
        Ok(Ctx {
            term_id: term.id,
            term_name: term.name,
            refs,
            groups,
            members,
            by_id_number,
            by_name_month,
            by_name,
            remembered,
        })
    }

    /// Read a file and say what importing it would do, row by row. Writes nothing.
    /// (One plan: the wizard and the CLI keep an `ImportSession` to plan again without reading again.)
    pub fn import_preview(&self, path: &Path, opts: &ImportOptions) -> Result<ImportPreview> {
        ImportSession::open(self, path)?.plan(self, opts)
    }

    /// The same for a file's contents; `file_name` gives its kind.
    pub fn import_preview_bytes(
        &self,
        file_name: &str,
        data: &[u8],
        opts: &ImportOptions,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportPreview> {
        progress(ImportProgress { stage: "读取".into(), done: 0, total: 0 });
        ImportSession::open_bytes(self, file_name, data)?.plan_with(self, opts, progress)
    }

    /// Import a file: the new and updated members are written in one transaction, with the unknown
    /// reference values when `opts.add_unknown`. Rows with errors are never written; with
    /// `CommitMode::AllOrNothing` nothing is written if any row has one. Returns the rows' outcomes
    /// (`committed` says whether anything was written).
    pub fn import_commit(&mut self, path: &Path, opts: &ImportOptions, mode: CommitMode) -> Result<ImportPreview> {
        ImportSession::open(self, path)?.commit(self, opts, mode, &mut |_| {})
    }

    /// The same for a file's contents; `file_name` gives its kind.
    pub fn import_commit_bytes(
        &mut self,
        file_name: &str,
        data: &[u8],
        opts: &ImportOptions,
        mode: CommitMode,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportPreview> {
        progress(ImportProgress { stage: "读取".into(), done: 0, total: 0 });
        ImportSession::open_bytes(self, file_name, data)?.commit(self, opts, mode, progress)
    }

    /// Write a plan in one transaction (see `import_commit`).
    fn write_plan(
        &mut self,
        ctx: &Ctx,
        plan: Plan,
        mode: CommitMode,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportPreview> {
        let Plan { mut preview, writes, new_refs, remember } = plan;
        if mode == CommitMode::AllOrNothing && preview.summary.error > 0 {
            return Ok(preview);
        }
        // The data as it was before the import, kept as a backup (an import is the biggest single change).
        if !writes.is_empty() || !new_refs.is_empty() {
            self.auto_backup(crate::backup::BackupReason::PreImport).map_err(|e| {
                Error::Conflict(format!(
                    "导入前的自动备份没有成功，导入未进行：{e}。请检查备份文件夹（设置 → 数据安全）后再试"
                ))
            })?;
        }
        let t = now();
        let total = writes.len() as u32;
        let lists_added = new_refs.len() as u32;
        let tx = self.conn.transaction()?;
        // Every audit entry after this mark is the run's (tagged with its id below).
        let mark = crate::db::audit_mark(&tx)?;
        let mut run = runs::RunWriter::default();
        // Unknown values the user chose to add.
        let mut ids: HashMap<String, String> = HashMap::new();
        // Each list's new values go to its end in their natural order (第二联络组 before 第十联络组), not in
        // the code point order of the map (第一 第七 第三 第九 第二 …).
        let mut new_refs: Vec<(&(String, String), &String)> = new_refs.iter().collect();
        new_refs.sort_by(|((ka, a), _), ((kb, b), _)| ka.cmp(kb).then_with(|| crate::hanzi::natural_cmp(a, b)));
        for ((kind, name), placeholder) in new_refs {
            ids.insert(placeholder.clone(), add_list_value(&tx, &ctx.term_id, kind, name)?);
        }
        let real = |o: &mut Option<String>| {
            if let Some(v) = o {
                if let Some(id) = ids.get(v.as_str()) {
                    *v = id.clone();
                }
            }
        };
        let mut members = MemberWriter::new(&tx, Some(&ctx.term_id), &t);
        for (n, (row_idx, w)) in writes.into_iter().enumerate() {
            let (mut input, old) = match w {
                Write::New(i) => (*i, None),
                Write::Update(i, m) => (*i, Some(&ctx.members[m])),
            };
            real(&mut input.sector_id);
            real(&mut input.party_id);
            real(&mut input.committee_id);
            real(&mut input.group_id);
            for r in &mut input.role_ids {
                if let Some(id) = ids.get(r.as_str()) {
                    *r = id.clone();
                }
            }
            let id = members.write(&input, old)?;
            run.wrote(&id, old);
            preview.rows[row_idx].member_id = Some(id);
            if n.is_multiple_of(500) {
                progress(ImportProgress { stage: "写入".into(), done: n as u32, total });
            }
        }
        members.finish()?;
        if !run.is_empty() || lists_added > 0 {
            preview.run_id = Some(run.finish(&tx, mark, &t, &preview.file, lists_added)?);
        }
        if !remember.is_empty() {
            let mut map: HashMap<String, String> = ctx
                .remembered
                .iter()
                .map(|(h, f)| (h.clone(), f.map(|c| c.key().to_string()).unwrap_or_default()))
                .collect();
            for (h, f) in remember {
                map.insert(h, f.map(|c| c.key().to_string()).unwrap_or_default());
            }
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![MAPPING_KEY, serde_json::to_string(&map).expect("json")],
            )?;
        }
        tx.commit()?;
        progress(ImportProgress { stage: "写入".into(), done: total, total });
        preview.committed = true;
        Ok(preview)
    }
}

impl Db {
    /// Add values to the lists (界别, 政治面貌, 专委会, 政协职务; 联络组 of the current term), all in one
    /// transaction: what the import wizard's 全部添加到列表 does with the values a file names that the
    /// lists lack. `values` are (kind, name) as in `UnknownValue`; one already in its list is left as it
    /// is. Returns how many were added.
    pub fn add_list_values(&mut self, values: &[(String, String)]) -> Result<u32> {
        let term =
            self.current_term()?.ok_or_else(|| Error::Conflict("请先在“设置”中设定当前届次，再导入名册".into()))?;
        let tx = self.conn.transaction()?;
        let mut added = 0;
        // In natural order within each list (第二联络组 before 第十联络组), as the commit adds them.
        let mut values: Vec<&(String, String)> = values.iter().collect();
        values.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| crate::hanzi::natural_cmp(a, b)));
        for (kind, name) in values {
            let exists = if kind == "group" {
                let (gname, _) = fields::split_group(name);
                tx.query_row(
                    "SELECT COUNT(*) FROM liaison_groups WHERE term_id = ?1 AND name = ?2 AND deleted_at IS NULL",
                    params![term.id, gname],
                    |r| r.get::<_, i64>(0),
                )? > 0
            } else {
                let k = RefKind::parse(kind).ok_or_else(|| Error::Import(format!("未知的列表：{kind}")))?;
                live_ref(&tx, k, name)?.is_some()
            };
            if !exists {
                add_list_value(&tx, &term.id, kind, name)?;
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}

/// Add one value to its list (`kind`: sector, party, committee, role or group), through the forms' own
/// write path: the same checks, sort (end of the list) and audit entry. Returns its id.
fn add_list_value(tx: &rusqlite::Connection, term_id: &str, kind: &str, name: &str) -> Result<String> {
    if kind == "group" {
        // 第一联络组(城关镇): the group 第一联络组 of the township 城关镇 (added to 乡镇/街道 if new).
        let (gname, township) = fields::split_group(name);
        let township_id = match township {
            None => None,
            Some(tw) => Some(match live_ref(tx, RefKind::Township, tw)? {
                Some(id) => id,
                None => save_ref_tx(tx, &RefInput { id: None, kind: RefKind::Township, name: tw.into(), sort: None })?,
            }),
        };
        let input = GroupInput { name: gname.into(), township_id, ..Default::default() };
        save_group_tx(tx, &input, term_id)
    } else {
        let kind = RefKind::parse(kind).ok_or_else(|| Error::Import(format!("未知的列表：{kind}")))?;
        save_ref_tx(tx, &RefInput { id: None, kind, name: name.into(), sort: None })
    }
}

/// Where the user keeps a list: 联络组 on their own page, the others under 设置.
fn kind_place(kind: &str) -> String {
    match kind {
        "group" => "“联络组”页".into(),
        k => format!("“设置 → {}”", kind_label(k)),
    }
}

/// Find the header row of a sheet: among the first 30 rows, the one naming the most distinct member
/// fields (at least two; 姓名 counts double).
fn find_header(sheet: &Sheet, ctx: &Ctx) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (r, row) in sheet.rows.iter().enumerate().take(30) {
        let mut seen = Vec::new();
        for c in row {
            if let Cell::Text(t) = c {
                if let Some(f) = header_field(t, ctx).0 {
                    if !seen.contains(&f) {
                        seen.push(f);
                    }
                }
            }
        }
        // A row naming 姓名 counts one extra: it is the header people mean.
        let score = seen.len() + usize::from(seen.contains(&RosterColumn::Name));
        if seen.len() >= 2 && best.is_none_or(|(_, n)| score > n) {
            best = Some((r, score));
        }
    }
    best.map(|(r, _)| r)
}

/// A header's field and where the choice came from (remembered beats built-in).
fn header_field(h: &str, ctx: &Ctx) -> (Option<RosterColumn>, &'static str) {
    let key = fields::norm_header(h);
    if let Some(f) = ctx.remembered.get(&key) {
        return (*f, "remembered");
    }
    match fields::field_for_header(h) {
        Some(f) => (Some(f), "auto"),
        None => (None, "none"),
    }
}

/// The sheets as the session keeps them: the cells, and what planning has read of them.
struct Book<'a> {
    sheets: &'a [Sheet],
    prepared: &'a mut [columns::Prepared],
    headers: &'a [Option<usize>],
}

fn plan(
    file: &str,
    book: Book,
    ctx: &Ctx,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Plan> {
    let Book { sheets, prepared, headers } = book;
    let file = file.to_string();
    let mut out_sheets = Vec::new();
    let mut rows: Vec<ImportRow> = Vec::new();
    let mut writes = Vec::new();
    // (kind, key) → (the name to show and add, rows).
    let mut unknown: BTreeMap<(String, String), (String, u32)> = BTreeMap::new();
    let mut remember = Vec::new();
    // Duplicate detection across all sheets: key → (sheet, row).
    let mut seen: HashMap<String, (usize, u32), FastHash> = HashMap::default();
    let mut matched: HashMap<usize, (usize, u32), FastHash> = HashMap::default();
    let total: u32 = sheets.iter().map(|s| s.rows.len() as u32).sum();
    let mut done = 0u32;
    let today = crate::dates::today();
    let empty = Defaults::new();

    for (si, ((sheet, header), prep)) in sheets.iter().zip(headers).zip(prepared.iter_mut()).enumerate() {
        let mut info = ImportSheet {
            name: sheet.name.clone(),
            header_row: None,
            columns: vec![],
            data_rows: 0,
            note: String::new(),
        };
        if opts.skip_sheets.contains(&sheet.name) {
            info.note = "已选择不导入此表".into();
            out_sheets.push(info);
            continue;
        }
        if prep.shapes.iter().all(|s| s.blank) {
            info.note = "空表".into();
            out_sheets.push(info);
            continue;
        }
        let Some(h) = *header else {
            info.note = "未找到表头（表头应有“姓名”“性别”“身份证号”等列名），此表未导入".into();
            out_sheets.push(info);
            continue;
        };
        info.header_row = Some(h as u32 + 1);
        // A second header row under the first (联系方式 over 手机 | 办公电话): its names win where given.
        let width = sheet.rows[h].len();
        let mut headers: Vec<String> = (0..width).map(|c| fields::text(sheet.cell(h, c))).collect();
        let mut data_start = h + 1;
        if let Some(next) = sheet.rows.get(h + 1) {
            let named: Vec<usize> = (0..width)
                .filter(|&c| matches!(&next[c], Cell::Text(t) if header_field(t, ctx).0.is_some() || fields::is_ignored_header(t)))
                .collect();
            let non_empty = next.iter().filter(|c| !c.is_empty()).count();
            if !named.is_empty() && named.len() == non_empty {
                for c in named {
                    headers[c] = fields::text(&next[c]);
                }
                data_start = h + 2;
            }
        }
        let mut map: Vec<Option<RosterColumn>> = vec![None; width];
        for (c, head) in headers.iter().enumerate() {
            let (mut f, mut source) = header_field(head, ctx);
            if let Some(choice) = opts.columns.iter().find(|ch| ch.sheet == sheet.name && ch.index as usize == c) {
                if choice.field != f {
                    remember.push((fields::norm_header(head), choice.field));
                }
                f = choice.field;
                source = "chosen";
            }
            // One column per field: the first wins (a second 电话 column goes into 固定电话).
            if let Some(ff) = f {
                if map.contains(&Some(ff)) {
                    f = if ff == RosterColumn::Mobile && !map.contains(&Some(RosterColumn::Phone)) {
                        Some(RosterColumn::Phone)
                    } else {
                        None
                    };
                }
            }
            if f.is_none() && source != "chosen" {
                source = "none";
            }
            map[c] = f;
            info.columns.push(SheetColumn {
                index: c as u32,
                letter: col_letter(c),
                header: head.clone(),
                field: f,
                source: source.into(),
            });
        }
        let col_of = |f: RosterColumn| map.iter().position(|m| *m == Some(f));
        let Some(name_col) = col_of(RosterColumn::Name) else {
            info.note = "未找到“姓名”列：请在列对应中指定哪一列是姓名".into();
            out_sheets.push(info);
            continue;
        };

        // Each mapped column read as its field (once per session: a column read before is kept).
        for (c, f) in map.iter().enumerate() {
            if let Some(f) = f {
                prep.ensure(sheet, c, *f, ctx);
            }
        }
        let prep = &*prep;
        let mut cols: [Option<(usize, &columns::Parsed)>; RosterColumn::ALL.len()] = [None; RosterColumn::ALL.len()];
        for (c, f) in map.iter().enumerate() {
            if let Some(f) = f {
                cols[*f as usize] = Some((c, prep.get(c, *f)));
            }
        }

        // Read the rows in parallel chunks (each row on its own), then decide in order — repeats inside
        // the file can only be told in order — each chunk as it comes back, while later ones are read.
        let split_job = col_of(RosterColumn::JobTitle).is_none()
            && col_of(RosterColumn::WorkUnit).is_some_and(|c| fields::is_unit_and_title_header(&headers[c]));
        let sc = SheetCtx { name: &sheet.name, h, data_start, cols, name_col, opts, today, empty: &empty, split_job };
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 4);
        let chunk = sheet.rows.len().div_ceil(threads * 2).max(1);
        std::thread::scope(|s| {
            let handles: Vec<_> = sheet
                .rows
                .chunks(chunk)
                .enumerate()
                .map(|(i, part)| {
                    let sc = &sc;
                    s.spawn(move || {
                        part.iter()
                            .enumerate()
                            .map(|(j, cells)| {
                                let r = i * chunk + j;
                                draft_row(ctx, sc, r, cells, &prep.shapes[r])
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for h in handles {
                for d in h.join().expect("row thread") {
                    done += 1;
                    if done.is_multiple_of(1000) {
                        progress(ImportProgress { stage: "检查".into(), done, total });
                    }
                    let (mut row, mut issues, merged, old, existing, key, by_id, dup_col, hits) = match d {
                        Draft::Nothing => continue,
                        Draft::Skip(row) => {
                            rows.push(*row);
                            continue;
                        }
                        Draft::Data(d) => {
                            let DataRow { row, issues, merged, old, existing, key, by_id, dup_col, hits } = *d;
                            (row, issues, merged, old, existing, key, by_id, dup_col, hits)
                        }
                    };
                    info.data_rows += 1;
                    for (kind, key, v) in hits {
                        let e = unknown.entry((kind.to_string(), key)).or_insert_with(|| (v.clone(), 0));
                        e.1 += 1;
                        if kind == "group" && v.ends_with("联络组") {
                            e.0 = v;
                        }
                    }
                    // Repeated inside the file?
                    if let Some(key) = key {
                        let earlier =
                            seen.get(&key).cloned().or_else(|| existing.and_then(|e| matched.get(&e).cloned()));
                        if let Some((s, r0)) = earlier {
                            let where_ = if s == si {
                                format!("第 {r0} 行")
                            } else {
                                format!("“{}”表第 {r0} 行", sheets[s].name)
                            };
                            let why = if by_id { "身份证号相同" } else { "姓名和出生日期相同" };
                            issues.insert(
                                0,
                                RowIssue {
                                    code: "duplicate_in_file".into(),
                                    message: format!("与{where_}重复（{why}），本行不再导入"),
                                    column: Some(col_letter(dup_col)),
                                },
                            );
                        } else {
                            seen.insert(key, (si, row.row));
                            if let Some(e) = existing {
                                matched.insert(e, (si, row.row));
                            }
                        }
                    }
                    if let Some(first) = issues.first() {
                        let cells = &sheet.rows[row.row as usize - 1];
                        row.outcome = ImportOutcome::Error;
                        row.changes.clear();
                        row.member_id = None;
                        row.code = Some(first.code.clone());
                        row.column = first.column.clone();
                        row.message = issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("；");
                        row.issues = issues;
                        row.values = cells.iter().map(Cell::display).collect();
                        rows.push(row);
                        continue;
                    }
                    match (old, merged) {
                        (Some(_), None) => {
                            row.outcome = ImportOutcome::Unchanged;
                            row.message = "无变化".into();
                        }
                        (Some(e), Some(merged)) => {
                            row.outcome = ImportOutcome::Update;
                            row.message = format!("更新：{}", row.changes.join("、"));
                            writes.push((rows.len(), Write::Update(merged, e)));
                        }
                        (None, Some(merged)) => {
                            row.outcome = ImportOutcome::New;
                            row.message = "新委员".into();
                            writes.push((rows.len(), Write::New(merged)));
                        }
                        (None, None) => unreachable!("a new member has its input"),
                    }
                    rows.push(row);
                }
            }
        });
        out_sheets.push(info);
    }
    if out_sheets.iter().all(|s| s.header_row.is_none() && !opts.skip_sheets.contains(&s.name)) {
        let why = out_sheets.iter().map(|s| format!("“{}”：{}", s.name, s.note)).collect::<Vec<_>>().join("；");
        return Err(Error::Import(format!("文件“{file}”中没有可导入的表。{why}")));
    }
    let mut summary = ImportSummary::default();
    for r in &rows {
        match r.outcome {
            ImportOutcome::New => summary.new += 1,
            ImportOutcome::Update => summary.update += 1,
            ImportOutcome::Unchanged => summary.unchanged += 1,
            ImportOutcome::Skipped => summary.skipped += 1,
            ImportOutcome::Error => summary.error += 1,
        }
    }
    let new_refs: BTreeMap<(String, String), String> = if opts.add_unknown {
        unknown
            .iter()
            .map(|((kind, key), (name, _))| ((kind.clone(), name.clone()), format!("{PLACEHOLDER}{kind}:{key}")))
            .collect()
    } else {
        BTreeMap::new()
    };
    let unknown = unknown
        .into_iter()
        .map(|((kind, _), (value, rows))| UnknownValue {
            label: kind_label(&kind).into(),
            place: kind_place(&kind),
            kind,
            value,
            rows,
        })
        .collect();
    progress(ImportProgress { stage: "检查".into(), done: total, total });
    Ok(Plan {
        preview: ImportPreview {
            file,
            term: ctx.term_name.clone(),
            sheets: out_sheets,
            summary,
            rows,
            unknown,
            committed: false,
            run_id: None,
        },
        writes,
        new_refs,
        remember,
    })
}

use chrono::Datelike;

/// One row read on its own (in parallel with the others): skipped, or the member it describes with
/// the problems found in its cells and the existing member it matches.
enum Draft {
    /// Not worth a line (blank rows above the header).
    Nothing,
    Skip(Box<ImportRow>),
    Data(Box<DataRow>),
}

struct DataRow {
    /// For a row matching a member without problems: `member_id`, and `changes`, the labels of the
    /// fields an update changes.
    row: ImportRow,
    issues: Vec<RowIssue>,
    /// What to write: None for a row without errors that changes nothing of the member it matches.
    merged: Option<Box<MemberInput>>,
    old: Option<usize>,
    existing: Option<usize>,
    /// What makes two rows the same person (ID number, else name + birth date, else name).
    key: Option<String>,
    by_id: bool,
    dup_col: usize,
    /// Values not in the lists: (kind, key, value as written).
    hits: Vec<(&'static str, String, String)>,
}

/// What an unmapped field reads as (an empty cell).
struct Defaults {
    phones: fields::Phones,
    gender: String,
    ethnicity: String,
    postcode: String,
}

impl Defaults {
    fn new() -> Defaults {
        Defaults {
            phones: fields::phones(&Cell::Empty),
            gender: fields::gender(""),
            ethnicity: fields::ethnicity(""),
            postcode: fields::postcode(&Cell::Empty),
        }
    }
}

/// What every row of a sheet shares: the columns read as the fields they are mapped to.
struct SheetCtx<'a> {
    name: &'a str,
    h: usize,
    data_start: usize,
    /// By field (`RosterColumn as usize`): its column and that column read as the field.
    cols: [Option<(usize, &'a columns::Parsed)>; RosterColumn::ALL.len()],
    name_col: usize,
    opts: &'a ImportOptions,
    today: chrono::NaiveDate,
    empty: &'a Defaults,
    /// The 工作单位 column is a 工作单位及职务 one and no column is 职务: its cells are split.
    split_job: bool,
}

impl SheetCtx<'_> {
    fn col_of(&self, f: RosterColumn) -> Option<usize> {
        self.cols[f as usize].map(|(c, _)| c)
    }

    /// The name as stored, the cell's text, and whether it is the header again.
    fn name(&self, r: usize) -> (&str, &str, bool) {
        match self.cols[RosterColumn::Name as usize] {
            Some((_, columns::Parsed::Name(v))) => (v.name.get(r), v.text.get(r), v.is_header[r]),
            _ => unreachable!("a sheet is planned with its name column"),
        }
    }

    fn id(&self, r: usize) -> std::result::Result<Option<&String>, &(&'static str, String)> {
        match self.cols[RosterColumn::IdNumber as usize] {
            Some((_, columns::Parsed::Id(v))) => v[r].as_ref().map(Option::as_ref),
            _ => Ok(None),
        }
    }

    fn birth(&self, r: usize) -> (std::result::Result<Option<PartialDate>, DateError>, &str) {
        match self.cols[RosterColumn::BirthDate as usize] {
            Some((_, columns::Parsed::Birth(v))) => (v[r].0.clone(), v[r].1.as_str()),
            _ => (Ok(None), ""),
        }
    }

    fn phones(&self, f: RosterColumn, r: usize) -> &fields::Phones {
        match self.cols[f as usize] {
            Some((_, columns::Parsed::Phones(v))) => &v[r],
            _ => &self.empty.phones,
        }
    }

    /// A text field's value (cleaned as the field wants it).
    fn text(&self, f: RosterColumn, r: usize) -> &str {
        match self.cols[f as usize] {
            Some((_, columns::Parsed::Text(v))) => v.get(r),
            _ => match f {
                RosterColumn::Gender => &self.empty.gender,
                RosterColumn::Ethnicity => &self.empty.ethnicity,
                RosterColumn::Postcode => &self.empty.postcode,
                _ => "",
            },
        }
    }

    /// A list field's values, and the items the column names.
    fn list(&self, f: RosterColumn, r: usize) -> (&[columns::ListValue], &[String]) {
        match self.cols[f as usize] {
            Some((_, columns::Parsed::List(v))) => (v.get(r), &v.ids),
            _ => (&[], &[]),
        }
    }
}

fn draft_row(ctx: &Ctx, sc: &SheetCtx, r: usize, cells: &[Cell], shape: &columns::RowShape) -> Draft {
    let (h, data_start, name_col, today) = (sc.h, sc.data_start, sc.name_col, sc.today);
    let mut row = ImportRow {
        sheet: sc.name.to_string(),
        row: r as u32 + 1,
        outcome: ImportOutcome::Skipped,
        code: None,
        message: String::new(),
        column: None,
        issues: vec![],
        name: String::new(),
        member_id: None,
        changes: vec![],
        values: vec![],
    };
    let skip = |mut row: ImportRow, code: &str, msg: &str| {
        row.code = Some(code.into());
        row.message = msg.into();
        Draft::Skip(Box::new(row))
    };
    if shape.blank {
        // Blank rows after the last data row are not worth a line each.
        if r >= data_start {
            return skip(row, "blank", "空行");
        }
        return Draft::Nothing;
    }
    if r < h {
        // The upper row of a two-row header (联系方式 over 手机 | 办公电话) names fields too.
        let header_like =
            cells.iter().any(|c| matches!(c, Cell::Text(t) if header_field(t, ctx).0 == Some(RosterColumn::Name)));
        if header_like && r + 1 == h {
            return skip(row, "header", "表头");
        }
        return skip(row, "title", "标题行");
    }
    if r < data_start {
        return skip(row, "header", "表头");
    }
    if !sc.opts.skip_rows.is_empty() && sc.opts.skip_rows.iter().any(|x| x.row == r as u32 + 1 && x.sheet == sc.name) {
        return skip(row, "by_user", "已选择不导入此行");
    }
    let (name, name_text, is_header) = sc.name(r);
    // The header repeated on every printed page.
    if is_header {
        return skip(row, "header", "重复的表头");
    }
    let first = shape.first.as_str();
    // Totals and notes carry their label where the name would be, or before it.
    let labelled = name_text.is_empty() || name_text == first;
    let is_total = labelled
        && std::iter::once(first).chain(shape.second.as_deref()).any(|t| {
            let t = t.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
            ["合计", "总计", "共计", "小计", "合　计", "合 计", "总 计"].iter().any(|p| t.starts_with(p))
        });
    if is_total {
        return skip(row, "totals", "合计行");
    }
    let note_start = ["注", "备注：", "备注:", "说明", "填表", "制表", "审核", "附：", "附:", "以上", "联系人："]
        .iter()
        .any(|p| first.trim_start().starts_with(p));
    let lone_text = shape.non_empty == 1 && name_text.is_empty();
    let long_lone_name = name_text.chars().count() > 20 && shape.non_empty == 1;
    if (note_start && (name_text.is_empty() || name_text.chars().count() > 10 || name_text == first))
        || lone_text
        || long_lone_name
    {
        return skip(row, "note", "说明或备注行");
    }
    let col_of = |f: RosterColumn| sc.col_of(f);
    let mut issues: Vec<RowIssue> = Vec::new();
    let issue = |issues: &mut Vec<RowIssue>, code: &str, msg: String, col: Option<usize>| {
        issues.push(RowIssue { code: code.into(), message: msg, column: col.map(col_letter) });
    };
    let name = name.to_string();
    row.name = name.clone();
    if name.is_empty() {
        issue(&mut issues, "missing_name", "缺少姓名".into(), Some(name_col));
    }

    let mut input = MemberInput { name: name.clone(), term_ids: vec![ctx.term_id.clone()], ..Default::default() };
    // ID number.
    let id_col = col_of(RosterColumn::IdNumber);
    let id: Option<String> = match sc.id(r) {
        Ok(v) => v.cloned(),
        Err((code, msg)) => {
            issue(&mut issues, code, msg.clone(), id_col);
            None
        }
    };
    if let Some(n) = &id {
        input.id_number = n.clone();
    }
    // Birth date: checked against the ID number's.
    let birth_col = col_of(RosterColumn::BirthDate);
    let (birth, birth_text) = sc.birth(r);
    let birth = match birth {
        Ok(b) => b,
        Err(DateError::Format) => {
            issue(
                &mut issues,
                "date_format",
                format!("出生日期“{birth_text}”无法识别，请写成 1968-05-12 或 1968.05"),
                birth_col,
            );
            None
        }
        Err(DateError::Ambiguous) => {
            let from_id = id.as_deref().and_then(idcard::birth_date);
            match from_id {
                // The ID number says which month it is.
                Some(d) if d.month0() == 0 || d.month0() == 9 => {
                    Some(PartialDate { year: d.year(), month: d.month(), day: None })
                }
                _ => {
                    issue(
                        &mut issues,
                        "date_ambiguous",
                        format!(
                            "出生年月“{birth_text}”是数字，无法确定是 1 月还是 10 月：请把该列设为文本，写成 1968.01 或 1968.10"
                        ),
                        birth_col,
                    );
                    None
                }
            }
        }
    };
    if let (Some(b), Some(n)) = (&birth, &id) {
        let d = idcard::birth_date(n).expect("valid id");
        if !b.agrees(d) {
            issue(
                &mut issues,
                "birth_mismatch",
                format!("出生日期 {} 与身份证号不一致（身份证为 {}）", b.text(), d.format("%Y-%m-%d")),
                birth_col,
            );
        }
        // The ID number gives the whole date.
    } else if let Some(b) = &birth {
        input.birth_date = b.text();
    }
    // Gender: from the ID number when blank.
    let g = sc.text(RosterColumn::Gender, r);
    if !g.is_empty() {
        if let Some(sex) = id.as_deref().and_then(idcard::gender) {
            if g != sex {
                issue(
                    &mut issues,
                    "gender_mismatch",
                    format!("性别“{g}”与身份证号不一致（身份证为{sex}）"),
                    col_of(RosterColumn::Gender),
                );
            }
        } else if g != "男" && g != "女" {
            issue(&mut issues, "invalid_value", format!("性别“{g}”应为“男”或“女”"), col_of(RosterColumn::Gender));
        }
        input.gender = g.to_string();
    }
    // Phones: every number in the mobile and phone cells; the first mobile is the mobile.
    let mut mobiles: Vec<&String> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for f in [RosterColumn::Mobile, RosterColumn::Phone] {
        let p = sc.phones(f, r);
        if !p.bad.is_empty() {
            issue(
                &mut issues,
                "phone_format",
                format!("电话号码“{}”无法识别（手机应为 11 位，固定电话如 0571-87654321）", p.bad.join("、")),
                col_of(f),
            );
        }
        mobiles.extend(&p.mobiles);
        others.extend(p.others.iter().cloned());
    }
    let mut it = mobiles.into_iter();
    input.mobile = it.next().cloned().unwrap_or_default();
    others.extend(it.cloned());
    others.dedup();
    input.phone = others.join(" ");
    let txt = |f: RosterColumn| sc.text(f, r).to_string();
    input.ethnicity = txt(RosterColumn::Ethnicity);
    input.native_place = txt(RosterColumn::NativePlace);
    if sc.split_job {
        (input.work_unit, input.job_title) = fields::split_unit_title(sc.text(RosterColumn::WorkUnit, r));
    } else {
        input.work_unit = txt(RosterColumn::WorkUnit);
        input.job_title = txt(RosterColumn::JobTitle);
    }
    input.professional_title = txt(RosterColumn::ProfessionalTitle);
    input.education = txt(RosterColumn::Education);
    input.address = txt(RosterColumn::Address);
    input.notes = txt(RosterColumn::Notes);
    input.postcode = txt(RosterColumn::Postcode);
    input.status = match sc.text(RosterColumn::Status, r) {
        "" => None,
        "离任" | "已离任" | "不在任" => Some(MemberStatus::Left),
        _ => Some(MemberStatus::Active),
    };

    // Reference lists (each distinct value matched once, when the column was read).
    let mut hits: Vec<(&'static str, String, String)> = Vec::new();
    let mut resolve = |f: RosterColumn, v: &columns::ListValue, ids: &[String], issues: &mut Vec<RowIssue>| {
        let kind = columns::list_kind(f).expect("a list field");
        if let Some(id) = v.id {
            return Some(ids[id as usize].clone());
        }
        hits.push((kind, v.key.clone(), v.norm.clone()));
        if sc.opts.add_unknown {
            return Some(format!("{PLACEHOLDER}{kind}:{}", v.key));
        }
        let label = kind_label(kind);
        issues.push(RowIssue {
            code: format!("unknown_{kind}"),
            message: format!(
                "{label}“{}”不在{label}列表中：添加到列表后即可导入（{label}列表在{}）",
                v.norm,
                kind_place(kind)
            ),
            column: col_of(f).map(col_letter),
        });
        None
    };
    let mut single = |f: RosterColumn, issues: &mut Vec<RowIssue>| -> Option<String> {
        let (values, ids) = sc.list(f, r);
        values.first().and_then(|v| resolve(f, v, ids, issues))
    };
    input.party_id = single(RosterColumn::Party, &mut issues);
    input.sector_id = single(RosterColumn::Sector, &mut issues);
    input.committee_id = single(RosterColumn::Committee, &mut issues);
    input.group_id = single(RosterColumn::Group, &mut issues);
    let (roles, role_ids) = sc.list(RosterColumn::Role, r);
    for role in roles {
        if let Some(id) = resolve(RosterColumn::Role, role, role_ids, &mut issues) {
            if !input.role_ids.contains(&id) {
                input.role_ids.push(id);
            }
        }
    }

    // Which existing member this row is: by ID number, else by name + birth date.
    let existing: Option<usize> = match &id {
        Some(n) => ctx.by_id_number.get(n).copied().or_else(|| by_name_birth(ctx, &name, birth.as_ref(), true)),
        None => by_name_birth(ctx, &name, birth.as_ref(), false),
    };
    // Merge onto the existing member: what the file gives replaces, what it leaves blank stays.
    let (mut merged, old) = match existing {
        Some(e) => (merge(&ctx.members[e], input, &ctx.term_id), Some(e)),
        None => (input, None),
    };
    if old.is_none() && merged.sector_id.is_none() {
        if let Some(s) = &sc.opts.default_sector_id {
            merged.sector_id = Some(s.clone());
        }
    }
    // The form's rules, once the cell-level checks are done.
    if issues.is_empty() {
        let errs = validate::member(&mut merged, today);
        for e in errs {
            let (code, col) = field_issue(&e, &col_of);
            let msg = match (code, col) {
                ("missing_sector", Some(_)) => "界别为空：新委员必须有界别，请填写，或在导入时选择默认界别".to_string(),
                ("missing_sector", None) => {
                    "未注明界别：新委员必须有界别，请在导入时选择默认界别，或在文件中加一列“界别”".to_string()
                }
                _ => e.message,
            };
            issue(&mut issues, code, msg, col);
        }
    }
    let key = (!name.is_empty()).then(|| match (&id, &birth) {
        (Some(n), _) => format!("id:{n}"),
        (None, Some(b)) => format!("nb:{name}:{}", b.text()),
        (None, None) => format!("n:{name}"),
    });
    let dup_col = if id.is_some() { id_col.unwrap_or(name_col) } else { name_col };
    // What an update changes (a row that changes nothing keeps no input to write).
    let merged = match old {
        Some(e) if issues.is_empty() => {
            row.member_id = Some(ctx.members[e].id.clone());
            row.changes = changed_fields(&ctx.members[e], &merged);
            (!row.changes.is_empty()).then(|| Box::new(merged))
        }
        _ => Some(Box::new(merged)),
    };
    Draft::Data(Box::new(DataRow { row, issues, merged, old, existing, key, by_id: id.is_some(), dup_col, hits }))
}

pub(crate) fn parse_id_issue(cell: &Cell) -> std::result::Result<Option<String>, (&'static str, String)> {
    match fields::parse_id(cell) {
        IdCell::None => Ok(None),
        IdCell::Valid(n) => Ok(Some(n)),
        IdCell::PrecisionLost(shown) => Err((
            "id_precision_lost",
            format!(
                "身份证号“{shown}”被 Excel 存成了数字，第 15 位以后的数字已丢失：请把该列设为文本格式，重新填写完整号码"
            ),
        )),
        IdCell::Invalid(e, shown) => Err(match e {
            IdError::Format => ("id_format", format!("身份证号“{shown}”应为 18 位（最后一位可为 X）或 15 位旧号码")),
            IdError::BirthDate => {
                ("id_birth_date", format!("身份证号“{shown}”中的出生日期不存在，请核对第 7 至 14 位"))
            }
            IdError::Checksum(_) => ("id_checksum", format!("身份证号“{shown}”校验位不正确，请核对")),
        }),
    }
}

/// The existing member with this name and birth date (year-month agreeing, day too where both have
/// one). Without a birth date, the one member of that name, if there is exactly one and `strict` is off.
fn by_name_birth(ctx: &Ctx, name: &str, birth: Option<&PartialDate>, strict: bool) -> Option<usize> {
    match birth {
        Some(b) => {
            let ym = format!("{:04}-{:02}", b.year, b.month);
            let hits: Vec<usize> = ctx
                .by_name_month
                .get(&(name.to_string(), ym))
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|&i| {
                            let m = &ctx.members[i];
                            b.day.is_none() || m.birth_date.len() == 7 || m.birth_date == b.text()
                        })
                        .collect()
                })
                .unwrap_or_default();
            // A member who has a different ID number is someone else.
            let hits: Vec<usize> =
                hits.into_iter().filter(|&i| !strict || ctx.members[i].id_number.is_empty()).collect();
            (hits.len() == 1).then(|| hits[0])
        }
        None if !strict => {
            let hits = ctx.by_name.get(name)?;
            (hits.len() == 1).then(|| hits[0])
        }
        None => None,
    }
}

/// The row's values over a stored member, as form input: what the file gives replaces, what it leaves
/// blank stays; the member joins the import's term. (`input_of` then `overlay`, without copying what
/// is replaced.)
fn merge(m: &MemberDetail, row: MemberInput, term: &str) -> MemberInput {
    let pick = |r: String, b: &String| if r.is_empty() { b.clone() } else { r };
    let pick_id = |r: Option<String>, b: &Option<String>| if r.is_some() { r } else { b.clone() };
    // A year-month from the file does not replace a whole date that agrees with it; the ID number
    // gives the whole birth date (validate fills it).
    let mut birth_date = if !row.birth_date.is_empty() && !m.birth_date.starts_with(&row.birth_date) {
        row.birth_date
    } else {
        m.birth_date.clone()
    };
    if !row.id_number.is_empty() {
        if let Some(d) = idcard::birth_date(&row.id_number) {
            birth_date = validate::ymd(d);
        }
    }
    let mut term_ids = m.term_ids.clone();
    if !term_ids.iter().any(|t| t == term) {
        term_ids.push(term.to_string());
    }
    MemberInput {
        id: Some(m.id.clone()),
        updated_at: None,
        name: pick(row.name, &m.name),
        gender: pick(row.gender, &m.gender),
        ethnicity: pick(row.ethnicity, &m.ethnicity),
        birth_date,
        native_place: pick(row.native_place, &m.native_place),
        id_number: pick(row.id_number, &m.id_number),
        party_id: pick_id(row.party_id, &m.party_id),
        sector_id: pick_id(row.sector_id, &m.sector_id),
        committee_id: pick_id(row.committee_id, &m.committee_id),
        role_ids: if row.role_ids.is_empty() { m.role_ids.clone() } else { row.role_ids },
        term_ids,
        work_unit: pick(row.work_unit, &m.work_unit),
        job_title: pick(row.job_title, &m.job_title),
        professional_title: pick(row.professional_title, &m.professional_title),
        education: pick(row.education, &m.education),
        mobile: pick(row.mobile, &m.mobile),
        phone: pick(row.phone, &m.phone),
        address: pick(row.address, &m.address),
        postcode: pick(row.postcode, &m.postcode),
        group_id: pick_id(row.group_id, &m.group_id),
        status: row.status.or(Some(m.status)),
        notes: pick(row.notes, &m.notes),
        photo: m.photo.clone(),
    }
}

/// A stored member as form input (ids, not names).
#[cfg(test)]
fn input_of(m: &MemberDetail) -> MemberInput {
    m.as_input()
}

/// Put the file's non-empty values over a stored member; the member joins the import's term.
#[cfg(test)]
fn overlay(base: &mut MemberInput, row: &MemberInput, term: &str) {
    for (b, r) in [
        (&mut base.name, &row.name),
        (&mut base.gender, &row.gender),
        (&mut base.ethnicity, &row.ethnicity),
        (&mut base.native_place, &row.native_place),
        (&mut base.id_number, &row.id_number),
        (&mut base.work_unit, &row.work_unit),
        (&mut base.job_title, &row.job_title),
        (&mut base.professional_title, &row.professional_title),
        (&mut base.education, &row.education),
        (&mut base.mobile, &row.mobile),
        (&mut base.phone, &row.phone),
        (&mut base.address, &row.address),
        (&mut base.postcode, &row.postcode),
        (&mut base.notes, &row.notes),
    ] {
        if !r.is_empty() {
            *b = r.clone();
        }
    }
    // A year-month from the file does not replace a whole date that agrees with it.
    if !row.birth_date.is_empty() && !base.birth_date.starts_with(&row.birth_date) {
        base.birth_date = row.birth_date.clone();
    }
    if !row.id_number.is_empty() {
        // The ID number gives the whole birth date (validate fills it).
        if let Some(d) = idcard::birth_date(&row.id_number) {
            base.birth_date = d.format("%Y-%m-%d").to_string();
        }
    }
    for (b, r) in [
        (&mut base.party_id, &row.party_id),
        (&mut base.sector_id, &row.sector_id),
        (&mut base.committee_id, &row.committee_id),
        (&mut base.group_id, &row.group_id),
    ] {
        if r.is_some() {
            *b = r.clone();
        }
    }
    if !row.role_ids.is_empty() {
        base.role_ids = row.role_ids.clone();
    }
    if row.status.is_some() {
        base.status = row.status;
    }
    if !base.term_ids.iter().any(|t| t == term) {
        base.term_ids.push(term.to_string());
    }
}

/// The labels of the fields where the stored member and the merged input differ.
fn changed_fields(a: &MemberDetail, b: &MemberInput) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |label: &str, same: bool| {
        if !same {
            out.push(label.to_string());
        }
    };
    push("姓名", a.name == b.name);
    push("性别", a.gender == b.gender);
    push("民族", a.ethnicity == b.ethnicity);
    push("出生日期", a.birth_date == b.birth_date);
    push("籍贯", a.native_place == b.native_place);
    push("身份证号", a.id_number == b.id_number);
    push("政治面貌", a.party_id == b.party_id);
    push("界别", a.sector_id == b.sector_id);
    push("专委会", a.committee_id == b.committee_id);
    // The same ids in any order (sorted copies only when they differ as they are).
    let same_set = |x: &[String], y: &[String]| {
        x == y || {
            let (mut x, mut y) = (x.to_vec(), y.to_vec());
            x.sort();
            y.sort();
            x == y
        }
    };
    push("政协职务", same_set(&a.role_ids, &b.role_ids));
    push("届次", same_set(&a.term_ids, &b.term_ids));
    push("联络组", a.group_id == b.group_id);
    push("工作单位", a.work_unit == b.work_unit);
    push("职务", a.job_title == b.job_title);
    push("职称", a.professional_title == b.professional_title);
    push("学历", a.education == b.education);
    push("手机", a.mobile == b.mobile);
    push("固定电话", a.phone == b.phone);
    push("通讯地址", a.address == b.address);
    push("邮编", a.postcode == b.postcode);
    push("状态", a.status == b.status.unwrap_or(MemberStatus::Active));
    push("备注", a.notes == b.notes);
    out
}

/// A form-rule error as an import issue: its code and the column of its field.
fn field_issue(e: &FieldError, col_of: &dyn Fn(RosterColumn) -> Option<usize>) -> (&'static str, Option<usize>) {
    use RosterColumn as C;
    let (code, field) = match e.field.as_str() {
        "name" => ("invalid_value", Some(C::Name)),
        "gender" if e.message.contains("不一致") => ("gender_mismatch", Some(C::Gender)),
        "gender" => ("invalid_value", Some(C::Gender)),
        "birth_date" if e.message.contains("不一致") => ("birth_mismatch", Some(C::BirthDate)),
        "birth_date" => ("invalid_value", Some(C::BirthDate)),
        "id_number" => ("id_birth_date", Some(C::IdNumber)),
        "mobile" => ("phone_format", Some(C::Mobile)),
        "phone" => ("phone_format", Some(C::Phone)),
        "postcode" => ("invalid_value", Some(C::Postcode)),
        "sector_id" => ("missing_sector", Some(C::Sector)),
        _ => ("invalid_value", None),
    };
    (code, field.and_then(col_of))
}

impl Db {
    /// The rows with errors, as an .xlsx: each sheet's header, then the original rows with 行号 and
    /// 错误原因 columns, for the user to correct and import again.
    /// ID and phone numbers are masked unless `personal` (the user asked for them).
    pub fn import_error_report(&self, preview: &ImportPreview, out: &Path, personal: bool) -> Result<u32> {
        let n = write_error_report(preview, out, personal)?;
        crate::db::audit_personal_export(&self.conn, "导入错误报告", out, personal, personal, n)?;
        Ok(n)
    }
}

impl Db {
    /// The error report saved into the export folder.
    pub fn import_error_report_to_folder(&self, preview: &ImportPreview, personal: bool) -> Result<ExportSummary> {
        to_folder("导入错误报告", "xlsx", |path| {
            let rows = self.import_error_report(preview, path, personal)?;
            Ok(ExportSummary { rows, path: path.to_path_buf() })
        })
    }
}

/// A value of the error report as written: as the file had it when `personal`, else with anything that
/// looks like an ID number (15 or 18 characters, digits and X) or a phone number masked, in whichever
/// column it stands (the columns of a file that could not be read are not known to be what they say).
fn report_value(v: &str, personal: bool) -> Cow<'_, str> {
    if personal {
        return Cow::Borrowed(v);
    }
    let t = v.trim();
    let id_like = (t.len() == 18 || t.len() == 15)
        && t.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || (i == t.len() - 1 && matches!(c, 'X' | 'x')));
    if id_like {
        return Cow::Owned(crate::masks::mask_id(t));
    }
    if t.bytes().filter(|b| b.is_ascii_digit()).count() >= 7 {
        return Cow::Owned(crate::masks::mask_phones(v));
    }
    Cow::Borrowed(v)
}

pub fn write_error_report(preview: &ImportPreview, out: &Path, personal: bool) -> Result<u32> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("#F2F2F2");
    let body = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let reason = body.clone().set_font_color("#C00000");
    let ws = wb.add_worksheet();
    ws.set_name("导入错误")?;
    let width = preview.rows.iter().map(|r| r.values.len()).max().unwrap_or(0);
    // The header of the first sheet with errors, when every errored row comes from one sheet.
    let err_sheets: Vec<&str> = {
        let mut v: Vec<&str> =
            preview.rows.iter().filter(|r| r.outcome == ImportOutcome::Error).map(|r| r.sheet.as_str()).collect();
        v.dedup();
        v
    };
    let headers: Vec<String> = match preview.sheets.iter().find(|s| Some(&s.name.as_str()) == err_sheets.first()) {
        Some(s) => s.columns.iter().map(|c| c.header.clone()).collect(),
        None => vec![],
    };
    ws.write_string_with_format(0, 0, "工作表", &head)?;
    ws.write_string_with_format(0, 1, "行号", &head)?;
    ws.write_string_with_format(0, 2, "错误原因", &head)?;
    for c in 0..width {
        let h = headers.get(c).cloned().unwrap_or_else(|| col_letter(c));
        ws.write_string_with_format(0, (c + 3) as u16, &h, &head)?;
    }
    let mut n = 0u32;
    for r in preview.rows.iter().filter(|r| r.outcome == ImportOutcome::Error) {
        n += 1;
        ws.write_string_with_format(n, 0, &r.sheet, &body)?;
        ws.write_number_with_format(n, 1, r.row as f64, &body)?;
        let why = r
            .issues
            .iter()
            .map(|i| match &i.column {
                Some(c) => format!("{c}列：{}", i.message),
                None => i.message.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let why = if personal { why } else { crate::masks::mask_phones(&why) };
        ws.write_string_with_format(n, 2, &why, &reason)?;
        for (c, v) in r.values.iter().enumerate() {
            // Text, never a formula; ID numbers keep every digit.
            ws.write_string_with_format(
                n,
                (c + 3) as u16,
                crate::export::sheet::fit_cell(&report_value(v, personal)),
                &body,
            )?;
        }
    }
    ws.set_column_width(0, 10)?;
    ws.set_column_width(1, 6)?;
    ws.set_column_width(2, 48)?;
    for c in 0..width {
        ws.set_column_width((c + 3) as u16, 14)?;
    }
    ws.set_freeze_panes(1, 3)?;
    ws.autofilter(0, 0, n.max(1), (width + 2) as u16)?;
    crate::export::write_whole(out, |tmp| Ok(wb.save(tmp)?))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> MemberDetail {
        let s = |x: &str| x.to_string();
        MemberDetail {
            id: s("m1"),
            name: s("何振东"),
            gender: s("男"),
            ethnicity: s("汉族"),
            birth_date: s("1962-04-18"),
            native_place: s(""),
            id_number: s("330106196204180579"),
            party_id: Some(s("p1")),
            party: s("中共党员"),
            sector_id: Some(s("s1")),
            sector: s("中国共产党"),
            committee_id: None,
            committee: s(""),
            role_ids: vec![s("r1")],
            roles: vec![s("委员")],
            term_ids: vec![s("t0")],
            terms: vec![s("第十四届")],
            work_unit: s("东港区东城街道办事处"),
            job_title: s("党工委书记"),
            professional_title: s(""),
            education: s(""),
            mobile: s("13012345678"),
            phone: s(""),
            address: s(""),
            postcode: s(""),
            group_id: Some(s("g1")),
            group: s("东城联络组"),
            status: MemberStatus::Active,
            notes: s(""),
            photo: Some(s("data:image/png;base64,AA")),
            name_pinyin: s(""),
            name_initials: s(""),
            created_at: s(""),
            updated_at: s(""),
            deleted_at: None,
        }
    }

    #[test]
    fn merge_is_input_of_then_overlay() {
        let s = |x: &str| x.to_string();
        let rows = [
            MemberInput { name: s("何振东"), term_ids: vec![s("t1")], ..Default::default() },
            MemberInput {
                name: s("何振东"),
                work_unit: s("东港区东城街道"),
                committee_id: Some(s("c1")),
                phone: s("0571-86001234"),
                birth_date: s("1962-04"),
                status: Some(MemberStatus::Left),
                role_ids: vec![s("r2"), s("r3")],
                ..Default::default()
            },
            MemberInput { id_number: s("330106196204180579"), birth_date: s("1962-05"), ..Default::default() },
            MemberInput { birth_date: s("1963-01"), notes: s("新任"), group_id: Some(s("g2")), ..Default::default() },
        ];
        for term in ["t0", "t1"] {
            for row in &rows {
                let mut want = input_of(&stored());
                overlay(&mut want, row, term);
                let got = merge(&stored(), row.clone(), term);
                assert_eq!(serde_json::to_value(&got).unwrap(), serde_json::to_value(&want).unwrap(), "{row:?}");
            }
        }
    }
}
