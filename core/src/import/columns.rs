//! A sheet read once into what planning needs of it, kept by the import session: each row's shape
//! (blank, how many cells, its first texts) and each column read as a member field, cell by cell — the
//! ID numbers checked, the dates parsed, the phone numbers split, the list values matched. A column is
//! read as a field the first time a plan maps it so; a plan after a change of the mapping reads only
//! the column whose field changed, and the rows are then put together from what is read.

use super::fields::{self, DateError, PartialDate, Phones};
use super::read::{Cell, Sheet};
use super::{parse_id_issue, Ctx};
use crate::members::RosterColumn;
use crate::refs::RefKind;
use std::collections::HashMap;

/// What a row's cells say whatever the mapping: skipped rows are told by these.
pub(super) struct RowShape {
    pub blank: bool,
    pub non_empty: usize,
    /// The texts of the first two non-empty cells.
    pub first: String,
    pub second: Option<String>,
}

/// A column's texts, one after another in one string (a row's is read where the previous row's was).
pub(super) struct Texts {
    buf: String,
    ends: Vec<usize>,
}

impl Texts {
    fn new(texts: Vec<String>) -> Texts {
        let mut buf = String::with_capacity(texts.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(texts.len());
        for t in texts {
            buf.push_str(&t);
            ends.push(buf.len());
        }
        Texts { buf, ends }
    }

    pub fn get(&self, r: usize) -> &str {
        let start = if r == 0 { 0 } else { self.ends[r - 1] };
        &self.buf[start..self.ends[r]]
    }
}

/// The name column: each name as stored (王　伟 → 王伟), the cell's text, and whether it is the header
/// again (姓名, repeated on every printed page).
pub(super) struct Names {
    pub name: Texts,
    pub text: Texts,
    pub is_header: Vec<bool>,
}

/// One value of a list column (界别, 政治面貌, 专委会, 联络组; 政协职务 may hold several).
pub(super) struct ListValue {
    /// Normalised (no spaces, half-width).
    pub norm: String,
    /// The list item it names, if any: an index into the column's `ids`.
    pub id: Option<u32>,
    /// What names one item however it is written (城关, 城关组 and 城关联络组: 城关).
    pub key: String,
}

/// A list column's values, one row's after another's.
pub(super) struct Lists {
    values: Vec<ListValue>,
    ends: Vec<usize>,
    /// The list items the column names, each once.
    pub ids: Vec<String>,
}

impl Lists {
    pub fn get(&self, r: usize) -> &[ListValue] {
        let start = if r == 0 { 0 } else { self.ends[r - 1] };
        &self.values[start..self.ends[r]]
    }
}

/// A column read as one field, cell by cell.
pub(super) enum Parsed {
    Name(Names),
    Id(Vec<std::result::Result<Option<String>, (&'static str, String)>>),
    /// The date, and the cell's text when it could not be read (for the message).
    Birth(Vec<(std::result::Result<Option<PartialDate>, DateError>, String)>),
    Phones(Vec<Phones>),
    /// Text fields, with the field's own clean-up (性别 男/女, 民族 with 族, 邮编 six digits).
    Text(Texts),
    List(Lists),
}

/// The list a field's values are matched against: sector, party, committee, role or group.
pub(super) fn list_kind(f: RosterColumn) -> Option<&'static str> {
    Some(match f {
        RosterColumn::Party => "party",
        RosterColumn::Sector => "sector",
        RosterColumn::Committee => "committee",
        RosterColumn::Role => "role",
        RosterColumn::Group => "group",
        _ => return None,
    })
}

/// A sheet as planning reads it; the columns read so far, by (column, field).
pub(super) struct Prepared {
    pub shapes: Vec<RowShape>,
    columns: HashMap<(usize, usize), Parsed>,
}

fn threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 4)
}

/// `f` over the rows in parallel chunks, in order.
fn par_rows<T: Send>(rows: &[Vec<Cell>], f: impl Fn(&[Cell]) -> T + Sync) -> Vec<T> {
    let chunk = rows.len().div_ceil(threads()).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                s.spawn(move || part.iter().map(|cells| f(cells)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("row thread")).collect()
    })
}

/// `f` over the cells of column `c` in parallel chunks, in order (every row of a sheet has the same
/// length; a short one reads as empty).
fn par_col<T: Send>(sheet: &Sheet, c: usize, f: impl Fn(&Cell) -> T + Sync) -> Vec<T> {
    par_rows(&sheet.rows, |cells| f(cells.get(c).unwrap_or(&Cell::Empty)))
}

impl Prepared {
    pub fn new(sheet: &Sheet) -> Prepared {
        let shapes = par_rows(&sheet.rows, |cells| {
            let mut non_empty = cells.iter().filter(|c| !c.is_empty());
            let first = non_empty.next().map(fields::text);
            let second = non_empty.next().map(fields::text);
            let n = usize::from(first.is_some()) + usize::from(second.is_some()) + non_empty.count();
            RowShape { blank: n == 0, non_empty: n, first: first.unwrap_or_default(), second }
        });
        Prepared { shapes, columns: HashMap::new() }
    }

    /// Forget the columns matched against the lists (the lists were loaded again).
    pub fn forget_lists(&mut self) {
        self.columns.retain(|_, p| !matches!(p, Parsed::List(_)));
    }

    /// Read column `c` as field `f`, unless it was read so before.
    pub fn ensure(&mut self, sheet: &Sheet, c: usize, f: RosterColumn, ctx: &Ctx) {
        if self.columns.contains_key(&(c, f as usize)) {
            return;
        }
        use RosterColumn as C;
        let parsed = match f {
            C::Name => {
                let cells: Vec<(String, String, bool)> = par_col(sheet, c, |cell| {
                    let text = fields::text(cell);
                    let is_header =
                        text.chars().count() <= 6 && fields::field_for_header(&text) == Some(RosterColumn::Name);
                    (fields::name(cell), text, is_header)
                });
                let is_header = cells.iter().map(|c| c.2).collect();
                let (name, text): (Vec<String>, Vec<String>) = cells.into_iter().map(|(n, t, _)| (n, t)).unzip();
                Parsed::Name(Names { name: Texts::new(name), text: Texts::new(text), is_header })
            }
            C::IdNumber => Parsed::Id(par_col(sheet, c, parse_id_issue)),
            C::BirthDate => Parsed::Birth(par_col(sheet, c, |cell| {
                let d = fields::parse_date(cell);
                let text = if d.is_err() { fields::text(cell) } else { String::new() };
                (d, text)
            })),
            C::Mobile | C::Phone => Parsed::Phones(par_col(sheet, c, fields::phones)),
            C::Gender => Parsed::Text(Texts::new(par_col(sheet, c, |cell| fields::gender(&fields::text(cell))))),
            C::Ethnicity => Parsed::Text(Texts::new(par_col(sheet, c, |cell| fields::ethnicity(&fields::text(cell))))),
            C::Postcode => Parsed::Text(Texts::new(par_col(sheet, c, fields::postcode))),
            C::Party | C::Sector | C::Committee | C::Role | C::Group => {
                let kind = list_kind(f).expect("a list field");
                let rows: Vec<Vec<ListValue>> = par_col(sheet, c, |cell| {
                    let t = fields::text(cell);
                    let values = if kind == "role" { fields::split_list(&t) } else { vec![t] };
                    values
                        .into_iter()
                        .filter(|v| !v.is_empty())
                        .map(|v| {
                            let norm = fields::norm_value(&v);
                            // 城关, 城关组 and 城关联络组 name one group: counted, and added, once.
                            let key = if kind == "group" {
                                fields::group_stem(fields::split_group(&norm).0).to_string()
                            } else {
                                norm.clone()
                            };
                            ListValue { norm, id: None, key }
                        })
                        .collect()
                });
                let mut ends = Vec::with_capacity(rows.len());
                let mut values = Vec::with_capacity(rows.len());
                for r in rows {
                    values.extend(r);
                    ends.push(values.len());
                }
                // Each distinct value matched once; each item named kept once.
                let mut found: HashMap<String, Option<u32>> = HashMap::new();
                let mut ids: Vec<String> = Vec::new();
                for v in values.iter_mut() {
                    v.id = match found.get(&v.norm) {
                        Some(id) => *id,
                        None => {
                            let id = find(ctx, kind, &v.norm).map(|id| match ids.iter().position(|x| *x == id) {
                                Some(i) => i as u32,
                                None => {
                                    ids.push(id);
                                    ids.len() as u32 - 1
                                }
                            });
                            found.insert(v.norm.clone(), id);
                            id
                        }
                    };
                }
                Parsed::List(Lists { values, ends, ids })
            }
            _ => Parsed::Text(Texts::new(par_col(sheet, c, fields::text))),
        };
        self.columns.insert((c, f as usize), parsed);
    }

    pub fn get(&self, c: usize, f: RosterColumn) -> &Parsed {
        &self.columns[&(c, f as usize)]
    }
}

/// The list item a normalised value names.
fn find(ctx: &Ctx, kind: &str, v: &str) -> Option<String> {
    if v.is_empty() {
        return None;
    }
    match kind {
        "party" => fields::match_name(v, &ctx.refs[&RefKind::Party], fields::party_alias(v), &[]),
        "sector" => fields::match_name(v, &ctx.refs[&RefKind::Sector], fields::sector_alias(v), &["界"]),
        "committee" => fields::match_name(v, &ctx.refs[&RefKind::Committee], None, &["委员会"]),
        "role" => fields::match_name(v, &ctx.refs[&RefKind::Role], None, &[]),
        // 第一联络组(城关镇) is 第一联络组, of 城关镇.
        _ => fields::match_name(v, &ctx.groups, None, &["联络组", "组"]).or_else(|| match fields::split_group(v) {
            (g, Some(_)) => fields::match_name(g, &ctx.groups, None, &["联络组", "组"]),
            _ => None,
        }),
    }
    .map(str::to_string)
}
