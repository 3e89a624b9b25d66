//! An import kept open while the user decides: the file is read once, its header rows found once, and
//! the lists and members the rows are checked against loaded once. Each change of the column mapping
//! or the options plans again from what is kept (no reading, no parsing, no loading); the commit and
//! the error report plan from it too. The app's wizard keeps one session; the CLI uses one for a run.
//!
//! What is kept from the database is reloaded by itself when the database has changed since (after a
//! commit, or a write by anyone else): a plan never rests on members that are no longer as it thinks.
//! The latest plan is kept too: the commit that follows a preview with the same choices (the wizard's
//! last step) writes it without planning again.

use super::columns::Prepared;
use super::read::{self, Sheet};
use super::{find_header, plan, Book, CellFix, CommitMode, Ctx, ImportOptions, ImportPreview, ImportProgress, Plan};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::ExportSummary;
use read::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub struct ImportSession {
    file: String,
    sheets: Vec<Sheet>,
    /// What planning has read of each sheet: the rows' shapes, the columns read as fields.
    prepared: Vec<Prepared>,
    /// Each sheet's header row (0-based), found once per load of `ctx` (remembered choices count).
    headers: Vec<Option<usize>>,
    ctx: Ctx,
    /// The database's state when `ctx` was loaded.
    stamp: Stamp,
    /// The latest plan and its options (as JSON): a commit with the same options writes it as it is.
    last: Option<(String, Plan)>,
    /// The file's own cells where the options' fixes replaced them: (sheet, row, column) → cell.
    originals: BTreeMap<(usize, usize, usize), Cell>,
}

/// Whether the database changed: this connection's count of changed rows and SQLite's data version
/// (which moves when another connection commits).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp(u64, i64);

fn stamp(db: &Db) -> Result<Stamp> {
    let version: i64 = db.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok(Stamp(db.conn.total_changes(), version))
}

/// Options as a key for the plan made with them.
fn key(opts: &ImportOptions) -> String {
    serde_json::to_string(opts).expect("json")
}

fn headers(sheets: &[Sheet], ctx: &Ctx) -> Vec<Option<usize>> {
    sheets.iter().map(|s| find_header(s, ctx)).collect()
}

impl ImportSession {
    /// Read a file (the CLI) and load what its rows are checked against.
    pub fn open(db: &Db, path: &Path) -> Result<ImportSession> {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        Self::load(db, name, || read::read_file(path))
    }

    /// The same for a file's contents (what the app's wizard sends); `file_name` gives its kind.
    pub fn open_bytes(db: &Db, file_name: &str, data: &[u8]) -> Result<ImportSession> {
        Self::load(db, file_name.to_string(), || read::read_bytes(file_name, data))
    }

    /// Open from a file's contents and plan under the automatic column mapping (the wizard's first step).
    pub fn start_bytes(db: &Db, file_name: &str, data: &[u8]) -> Result<(ImportSession, ImportPreview)> {
        let mut s = Self::open_bytes(db, file_name, data)?;
        let p = s.plan(db, &ImportOptions::default())?;
        Ok((s, p))
    }

    /// Read the file on another thread while this one loads the lists and members to check against.
    fn load(db: &Db, file: String, read: impl FnOnce() -> Result<Vec<Sheet>> + Send) -> Result<ImportSession> {
        let (sheets, ctx, stamp) = std::thread::scope(|s| {
            let sheets = s.spawn(read);
            let st = stamp(db);
            let ctx = db.import_ctx();
            let sheets = sheets.join().unwrap_or_else(|_| Err(Error::Import("读取文件时出错".into())));
            Ok::<_, Error>((sheets?, ctx?, st?))
        })?;
        let headers = headers(&sheets, &ctx);
        let prepared = sheets.iter().map(Prepared::new).collect();
        Ok(ImportSession { file, sheets, prepared, headers, ctx, stamp, last: None, originals: BTreeMap::new() })
    }

    /// The file's name, as the preview gives it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Put the file's own cells back where no fix asks otherwise, and the fixes' values in: the sheets
    /// then read as the file corrected by these fixes. A sheet with a changed cell is read again.
    fn apply_fixes(&mut self, fixes: &[CellFix]) -> Result<()> {
        let mut wanted = BTreeMap::new();
        for f in fixes {
            let Some(si) = self.sheets.iter().position(|s| s.name == f.sheet) else {
                return Err(Error::Import(format!("改正的单元格所在的工作表“{}”不在文件中", f.sheet)));
            };
            let (r, c) = (f.row as usize, f.column as usize);
            let sheet = &self.sheets[si];
            if r == 0 || r > sheet.rows.len() || c >= sheet.rows[r - 1].len() {
                return Err(Error::Import(format!(
                    "改正的单元格（“{}”表第 {} 行 {} 列）不在表中",
                    f.sheet,
                    f.row,
                    read::col_letter(c)
                )));
            }
            let v = f.value.trim();
            let cell = if v.is_empty() { Cell::Empty } else { Cell::Text(v.to_string()) };
            wanted.insert((si, r - 1, c), cell);
        }
        let mut touched = BTreeSet::new();
        // Cells fixed before and not now: the file's own value again.
        let gone: Vec<_> = self.originals.keys().filter(|k| !wanted.contains_key(k)).cloned().collect();
        for k @ (si, r, c) in gone {
            let orig = self.originals.remove(&k).expect("kept");
            if self.sheets[si].rows[r][c] != orig {
                self.sheets[si].rows[r][c] = orig;
                touched.insert(si);
            }
        }
        for (k @ (si, r, c), cell) in wanted {
            let slot = &mut self.sheets[si].rows[r][c];
            if *slot != cell {
                let was = std::mem::replace(slot, cell);
                self.originals.entry(k).or_insert(was);
                touched.insert(si);
            }
        }
        for si in touched {
            self.last = None;
            self.prepared[si] = Prepared::new(&self.sheets[si]);
            self.headers[si] = find_header(&self.sheets[si], &self.ctx);
        }
        Ok(())
    }

    /// Reload the lists and members when the database changed since they were loaded.
    fn refresh(&mut self, db: &Db) -> Result<()> {
        let now = stamp(db)?;
        if now != self.stamp {
            self.last = None;
            self.ctx = db.import_ctx()?;
            self.headers = headers(&self.sheets, &self.ctx);
            for p in &mut self.prepared {
                p.forget_lists();
            }
            self.stamp = now;
        }
        Ok(())
    }

    /// What importing the file with these choices would do, row by row. Writes nothing.
    pub fn plan(&mut self, db: &Db, opts: &ImportOptions) -> Result<ImportPreview> {
        self.plan_with(db, opts, &mut |_| {})
    }

    pub(crate) fn plan_with(
        &mut self,
        db: &Db,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportPreview> {
        self.refresh(db)?;
        self.apply_fixes(&opts.fixes)?;
        self.last = None;
        let p = plan(
            &self.file,
            Book { sheets: &self.sheets, prepared: &mut self.prepared, headers: &self.headers },
            &self.ctx,
            opts,
            progress,
        )?;
        let preview = p.preview.clone();
        self.last = Some((key(opts), p));
        Ok(preview)
    }

    /// Import with these choices: what `plan` says, written in one transaction (see `Db::import_commit`).
    pub fn commit(
        &mut self,
        db: &mut Db,
        opts: &ImportOptions,
        mode: CommitMode,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportPreview> {
        self.refresh(db)?;
        self.apply_fixes(&opts.fixes)?;
        let p = match self.last.take() {
            Some((k, p)) if k == key(opts) => p,
            _ => plan(
                &self.file,
                Book { sheets: &self.sheets, prepared: &mut self.prepared, headers: &self.headers },
                &self.ctx,
                opts,
                progress,
            )?,
        };
        db.write_plan(&self.ctx, p, mode, progress)
    }

    /// Add every value the file names that the lists lack (under these choices) to its list, in one
    /// transaction, and plan again: the rows that erred only for them are new (or updates) now.
    pub fn add_unknown(&mut self, db: &mut Db, opts: &ImportOptions) -> Result<ImportPreview> {
        let p = self.plan(db, opts)?;
        let values: Vec<(String, String)> = p.unknown.iter().map(|u| (u.kind.clone(), u.value.clone())).collect();
        if !values.is_empty() {
            db.add_list_values(&values)?;
        }
        self.plan(db, opts)
    }

    /// The rows with errors under these choices, with the reasons, as an .xlsx in the export folder.
    /// ID and phone numbers masked unless `personal`.
    pub fn error_report(&mut self, db: &Db, opts: &ImportOptions, personal: bool) -> Result<ExportSummary> {
        let p = self.plan(db, opts)?;
        db.import_error_report_to_folder(&p, personal)
    }

    /// The same, saved at `out`; returns the number of rows with errors.
    pub fn error_report_to(&mut self, db: &Db, opts: &ImportOptions, out: &Path, personal: bool) -> Result<u32> {
        let p = self.plan(db, opts)?;
        super::write_error_report(&p, out, personal)
    }
}
