//! Reference lists (界别, 政治面貌, 专委会, 政协职务, 乡镇/街道) and terms (届次), with their seeds. The lists'
//! IPC types are in `types` (the terms' in `members::types`).

pub mod types;

pub use types::*;

use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::members::{AppInfo, Term, TermInput};
use crate::trash;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// 界别: the sectors of the National Committee (including 环境资源界, added for the 14th term).
pub const SECTORS: &[&str] = &[
    "中国共产党",
    "中国国民党革命委员会",
    "中国民主同盟",
    "中国民主建国会",
    "中国民主促进会",
    "中国农工民主党",
    "中国致公党",
    "九三学社",
    "台湾民主自治同盟",
    "无党派民主人士",
    "中国共产主义青年团",
    "中华全国总工会",
    "中华全国妇女联合会",
    "中华全国青年联合会",
    "中华全国工商业联合会",
    "中国科学技术协会",
    "中华全国台湾同胞联谊会",
    "中华全国归国华侨联合会",
    "文化艺术界",
    "科学技术界",
    "社会科学界",
    "经济界",
    "农业界",
    "教育界",
    "体育界",
    "新闻出版界",
    "医药卫生界",
    "对外友好界",
    "社会福利和社会保障界",
    "少数民族界",
    "宗教界",
    "环境资源界",
    "特邀香港人士",
    "特邀澳门人士",
    "特别邀请人士",
];

/// 政治面貌
pub const PARTIES: &[&str] = &[
    "中共党员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    "无党派人士",
    "群众",
];

/// 专委会
pub const COMMITTEES: &[&str] = &[
    "提案委员会",
    "经济委员会",
    "农业和农村委员会",
    "人口资源环境委员会",
    "教科卫体委员会",
    "社会和法制委员会",
    "民族和宗教委员会",
    "港澳台侨委员会",
    "外事委员会",
    "文化文史和学习委员会",
];

/// 政协职务, in protocol order.
pub const ROLES: &[&str] = &["主席", "副主席", "秘书长", "常委", "委员", "界别召集人", "联络组组长", "联络组副组长"];

pub(crate) fn seed(tx: &Transaction) -> Result<()> {
    let t = now();
    for (kind, list) in [
        (RefKind::Sector, SECTORS),
        (RefKind::Party, PARTIES),
        (RefKind::Committee, COMMITTEES),
        (RefKind::Role, ROLES),
    ] {
        for (i, name) in list.iter().enumerate() {
            tx.execute(
                "INSERT INTO ref_items (id, kind, name, sort, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![new_id(), kind.as_str(), name, (i as i32 + 1) * 10, t],
            )?;
        }
    }
    // A term to start with; offices rename it and set the years in 设置.
    tx.execute(
        "INSERT INTO terms (id, name, start_year, end_year, is_current, sort, created_at, updated_at)
         VALUES (?1, '第十五届', 2022, 2027, 1, 10, ?2, ?2)",
        params![new_id(), t],
    )?;
    tx.execute("INSERT INTO settings (key, value) VALUES ('office_name', '政协联络办公室')", [])?;
    Ok(())
}

impl Db {
    pub fn refs(&self, kind: RefKind) -> Result<Vec<RefItem>> {
        let used = match kind {
            RefKind::Sector => "(SELECT COUNT(*) FROM members m WHERE m.sector_id = r.id AND m.deleted_at IS NULL)",
            RefKind::Party => "(SELECT COUNT(*) FROM members m WHERE m.party_id = r.id AND m.deleted_at IS NULL)",
            RefKind::Committee => "(SELECT COUNT(*) FROM members m WHERE m.committee_id = r.id AND m.deleted_at IS NULL)",
            RefKind::Role => "(SELECT COUNT(*) FROM member_roles mr JOIN members m ON m.id = mr.member_id WHERE mr.role_id = r.id AND m.deleted_at IS NULL)",
            RefKind::Township => "(SELECT COUNT(*) FROM liaison_groups g WHERE g.township_id = r.id AND g.deleted_at IS NULL)",
        };
        let sql = format!(
            "SELECT r.id, r.name, r.sort, {used} FROM ref_items r WHERE r.kind = ?1 AND r.deleted_at IS NULL ORDER BY r.sort, r.name COLLATE NUMBERED"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([kind.as_str()], |r| {
            Ok(RefItem { id: r.get(0)?, kind, name: r.get(1)?, sort: r.get(2)?, used_by: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Find a live reference item by its exact name.
    pub fn ref_by_name(&self, kind: RefKind, name: &str) -> Result<Option<String>> {
        live_ref(&self.conn, kind, name)
    }

    /// Create or update a reference item (the form, and the import through `save_ref_tx`).
    pub fn save_ref(&mut self, input: RefInput) -> Result<RefItem> {
        let tx = self.conn.transaction()?;
        let id = save_ref_tx(&tx, &input)?;
        tx.commit()?;
        self.refs(input.kind)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound("保存后未找到该条目".into()))
    }

    /// Soft-delete a reference item. Items still in use stay, so no member loses a value silently.
    pub fn delete_ref(&mut self, kind: RefKind, id: &str) -> Result<()> {
        let item = self
            .refs(kind)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound("该条目不存在或已删除".into()))?;
        if item.used_by > 0 {
            return Err(Error::Conflict(format!(
                "{}“{}”仍有 {} 条记录在用，请先修改这些记录再删除",
                kind.label(),
                item.name,
                item.used_by
            )));
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::REF_ITEMS.as_entity(kind.as_str()), id, "name", &item.name).delete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// The deleted items of a list, last deleted first: the 回收站.
    pub fn deleted_refs(&self, kind: RefKind) -> Result<Vec<DeletedRef>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, name, deleted_at FROM ref_items WHERE kind = ?1 AND deleted_at IS NOT NULL
             ORDER BY deleted_at DESC, sort, name COLLATE NUMBERED",
        )?;
        let rows = st.query_map([kind.as_str()], |r| {
            Ok(DeletedRef { id: r.get(0)?, kind, name: r.get(1)?, deleted_at: r.get(2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Bring back a deleted item, in its old place on the list. Refused, writing nothing, while a live
    /// item of the list has its name (the user renames or deletes that one first).
    pub fn restore_ref(&mut self, kind: RefKind, id: &str) -> Result<RefItem> {
        let (name, deleted): (String, bool) = self
            .conn
            .query_row(
                "SELECT name, deleted_at IS NOT NULL FROM ref_items WHERE id = ?1 AND kind = ?2",
                params![id, kind.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound("该条目不存在".into()))?;
        if deleted {
            if self.ref_by_name(kind, &name)?.is_some() {
                return Err(Error::Conflict(format!(
                    "{}「{name}」已存在，无法恢复：请先改名或删除现有的同名项",
                    kind.label()
                )));
            }
            let tx = self.conn.transaction()?;
            trash::row(trash::REF_ITEMS.as_entity(kind.as_str()), id, "name", &name).restore(&tx)?;
            tx.commit()?;
        }
        self.refs(kind)?.into_iter().find(|r| r.id == id).ok_or_else(|| Error::NotFound("恢复后未找到该条目".into()))
    }

    pub fn terms(&self) -> Result<Vec<Term>> {
        let mut st = self.conn.prepare(
            "SELECT t.id, t.name, t.start_year, t.end_year, t.is_current,
                    (SELECT COUNT(*) FROM member_terms mt JOIN members m ON m.id = mt.member_id
                      WHERE mt.term_id = t.id AND m.deleted_at IS NULL)
             FROM terms t WHERE t.deleted_at IS NULL ORDER BY t.start_year DESC, t.sort",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Term {
                id: r.get(0)?,
                name: r.get(1)?,
                start_year: r.get(2)?,
                end_year: r.get(3)?,
                is_current: r.get(4)?,
                member_count: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn current_term(&self) -> Result<Option<Term>> {
        let terms = self.terms()?;
        Ok(terms.iter().find(|t| t.is_current).cloned().or_else(|| terms.into_iter().next()))
    }

    pub(crate) fn current_term_id(&self) -> Result<String> {
        self.current_term_id_opt()?
            .ok_or_else(|| Error::NotFound("还没有届次：请先在“设置 → 届次”中新增一个届次".into()))
    }

    /// The current term's id, cheaply (no member counts): the one marked current, else the latest.
    pub(crate) fn current_term_id_opt(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM terms WHERE deleted_at IS NULL ORDER BY is_current DESC, start_year DESC, sort LIMIT 1",
            )?
            .query_row([], |r| r.get(0))
            .optional()?)
    }

    pub fn save_term(&mut self, input: TermInput) -> Result<Term> {
        check_term(&input)?;
        let tx = self.conn.transaction()?;
        let id = save_term_tx(&tx, &input)?;
        tx.commit()?;
        self.terms()?.into_iter().find(|t| t.id == id).ok_or_else(|| Error::NotFound("届次".into()))
    }

    pub fn app_info(&self) -> Result<AppInfo> {
        let member_count =
            self.conn.query_row("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        let group_count =
            self.conn.query_row("SELECT COUNT(*) FROM liaison_groups WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        Ok(AppInfo {
            office_name: self.setting("office_name")?.unwrap_or_else(|| "政协联络办公室".into()),
            current_term: self.current_term()?,
            db_path: self.path().to_string(),
            schema_version: self.schema_version()? as i32,
            member_count,
            group_count,
        })
    }
}

impl Db {
    /// The office's name, as printed in titles (e.g. 政协XX区委员会联络办公室).
    pub fn set_office_name(&mut self, name: &str) -> Result<AppInfo> {
        let name = name.trim();
        check_office_name(name)?;
        self.set_setting("office_name", name)?;
        self.app_info()
    }
}

/// Create or update a reference item in the caller's transaction: the one write path of the lists (the
/// form, the import). A name already on the list is refused; a new item goes to the end of its list
/// (MAX(sort) + 10) unless `input.sort` says. Returns the item's id.
pub(crate) fn save_ref_tx(tx: &Connection, input: &RefInput) -> Result<String> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::field("name", "请填写名称"));
    }
    let dup = live_ref(tx, input.kind, &name)?;
    if dup.is_some() && dup != input.id {
        return Err(Error::field("name", format!("{}“{name}”已存在", input.kind.label())));
    }
    let t = now();
    let id = match &input.id {
        Some(id) => {
            let old: (String, i32) = tx
                .query_row("SELECT name, sort FROM ref_items WHERE id = ?1 AND deleted_at IS NULL", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or_else(|| Error::NotFound("该条目不存在或已删除".into()))?;
            let sort = input.sort.unwrap_or(old.1);
            tx.execute(
                "UPDATE ref_items SET name = ?2, sort = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, name, sort, t],
            )?;
            if input.kind == RefKind::Sector && sort != old.1 {
                // Keep the members' copy of the sector order in step (roster sorted by sector).
                tx.execute("UPDATE members SET sector_sort = ?2 WHERE sector_id = ?1", params![id, sort])?;
            }
            audit(
                tx,
                input.kind.as_str(),
                id,
                "update",
                &serde_json::json!({"name": [old.0, name], "sort": [old.1, sort]}),
            )?;
            id.clone()
        }
        None => {
            let id = new_id();
            let sort = match input.sort {
                Some(s) => s,
                None => tx.query_row(
                    "SELECT COALESCE(MAX(sort), 0) + 10 FROM ref_items WHERE kind = ?1",
                    [input.kind.as_str()],
                    |r| r.get(0),
                )?,
            };
            tx.execute(
                "INSERT INTO ref_items (id, kind, name, sort, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id, input.kind.as_str(), name, sort, t],
            )?;
            audit(tx, input.kind.as_str(), &id, "create", &serde_json::json!({"name": [null, name]}))?;
            id
        }
    };
    Ok(id)
}

/// The live item of a list called `name` (exactly), in any connection or transaction.
pub(crate) fn live_ref(conn: &Connection, kind: RefKind, name: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM ref_items WHERE kind = ?1 AND name = ?2 AND deleted_at IS NULL")?
        .query_row(params![kind.as_str(), name], |r| r.get(0))
        .optional()?)
}

/// The office's name as printed in titles: 1–60 characters.
pub(crate) fn check_office_name(name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::field("name", "请填写单位名称，如 政协XX区委员会联络办公室：它印在每份导出文件的标题里"));
    }
    if name.chars().count() > 60 {
        return Err(Error::field("name", "单位名称过长，请不超过 60 个字"));
    }
    Ok(())
}

/// A term's name and years.
pub(crate) fn check_term(input: &TermInput) -> Result<()> {
    let mut errs = Vec::new();
    if input.name.trim().is_empty() {
        errs.push(crate::error::FieldError::new("name", "请填写届次名称，如 第十五届"));
    }
    if !(1949..=2200).contains(&input.start_year) {
        errs.push(crate::error::FieldError::new("start_year", "起始年份不正确"));
    }
    if input.end_year < input.start_year {
        errs.push(crate::error::FieldError::new("end_year", "结束年份不能早于起始年份"));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errs))
    }
}

/// Create or update a term in the caller's transaction (checked by `check_term`); the one write path
/// of `terms`. Returns its id.
pub(crate) fn save_term_tx(tx: &Connection, input: &TermInput) -> Result<String> {
    let name = input.name.trim().to_string();
    let t = now();
    if input.is_current {
        tx.execute("UPDATE terms SET is_current = 0 WHERE is_current = 1", [])?;
    }
    match &input.id {
        Some(id) => {
            let n = tx.execute(
                "UPDATE terms SET name = ?2, start_year = ?3, end_year = ?4, is_current = ?5, updated_at = ?6
                 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, name, input.start_year, input.end_year, input.is_current, t],
            )?;
            if n == 0 {
                return Err(Error::NotFound("该届次不存在或已删除".into()));
            }
            audit(
                tx,
                "term",
                id,
                "update",
                &serde_json::json!({"name": [null, name], "start_year": [null, input.start_year], "end_year": [null, input.end_year]}),
            )?;
            Ok(id.clone())
        }
        None => {
            let id = new_id();
            tx.execute(
                "INSERT INTO terms (id, name, start_year, end_year, is_current, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, name, input.start_year, input.end_year, input.is_current, t],
            )?;
            audit(tx, "term", &id, "create", &serde_json::json!({"name": [null, name]}))?;
            Ok(id)
        }
    }
}
