//! Members (委员): save with validation, read, soft-delete, restore, and the roster query. The form's
//! rules are in `validate`, the roster and contact list exports in `export`, the IPC types in `types`.

use crate::dates::today;
pub mod export;
pub mod types;
pub mod validate;

pub use types::*;

use crate::db::{exists, insert_rows, new_id, now, AuditBatch, Db};
use crate::error::{Error, FieldError, Result};
use crate::hanzi;
use crate::idcard;
use crate::masks::{mask_id, mask_phone};
use crate::trash;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use std::collections::HashMap;

/// Refresh the copy of their terms (`term_list`, ",id1,id2,") of the members in a JSON array of ids.
const TERM_LIST_BATCH_SQL: &str =
    "UPDATE members SET term_list = COALESCE((SELECT ',' || group_concat(term_id, ',') || ','
     FROM member_terms WHERE member_id = members.id), '') WHERE id IN (SELECT value FROM json_each(?1))";

/// Refresh a member's copy of their terms (`term_list`, ",id1,id2,") from member_terms.
pub(crate) const TERM_LIST_SQL: &str =
    "UPDATE members SET term_list = COALESCE((SELECT ',' || group_concat(term_id, ',') || ','
     FROM member_terms WHERE member_id = +?1), '') WHERE id = +?1";

impl Db {
    /// Validate a form without saving: what the UI shows at the fields as the user types.
    /// The input comes back normalised (gender and birth date filled from the ID number).
    pub fn validate_member(&self, mut input: MemberInput) -> Result<(MemberInput, Vec<FieldError>)> {
        let mut errs = validate::member(&mut input, today());
        errs.extend(self.check_member_refs(&input)?);
        Ok((input, errs))
    }

    fn check_member_refs(&self, input: &MemberInput) -> Result<Vec<FieldError>> {
        let mut errs = Vec::new();
        let listed = |kind: &str, id: &str| -> Result<bool> {
            exists(
                &self.conn,
                "SELECT 1 FROM ref_items WHERE id = ?1 AND kind = ?2 AND deleted_at IS NULL",
                params![id, kind],
            )
        };
        for (field, kind, v, label) in [
            ("party_id", "party", &input.party_id, "政治面貌"),
            ("sector_id", "sector", &input.sector_id, "界别"),
            ("committee_id", "committee", &input.committee_id, "专委会"),
        ] {
            if let Some(id) = v {
                if !listed(kind, id)? {
                    errs.push(FieldError::new(field, format!("所选{label}已不存在，请重新选择")));
                }
            }
        }
        for r in &input.role_ids {
            if !listed("role", r)? {
                errs.push(FieldError::new("role_ids", "所选政协职务已不存在，请重新选择"));
                break;
            }
        }
        for t in &input.term_ids {
            let ok = exists(&self.conn, "SELECT 1 FROM terms WHERE id = ?1 AND deleted_at IS NULL", [t])?;
            if !ok {
                errs.push(FieldError::new("term_ids", "所选届次已不存在，请重新选择"));
                break;
            }
        }
        if !input.id_number.is_empty() {
            let other: Option<(String, String)> = self
                .conn
                .query_row(
                    "SELECT id, name FROM members WHERE id_number = ?1 AND deleted_at IS NULL",
                    [&input.id_number],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((oid, oname)) = other {
                if Some(&oid) != input.id.as_ref() {
                    errs.push(FieldError::new("id_number", format!("该身份证号已登记给委员“{oname}”，请核对")));
                }
            }
        }
        if let Some(g) = &input.group_id {
            let term: Option<String> = self
                .conn
                .query_row("SELECT term_id FROM liaison_groups WHERE id = ?1 AND deleted_at IS NULL", [g], |r| r.get(0))
                .optional()?;
            match term {
                None => errs.push(FieldError::new("group_id", "所选联络组已不存在，请重新选择")),
                Some(t) if !input.term_ids.contains(&t) => {
                    errs.push(FieldError::new("group_id", "所选联络组属于未勾选的届次，请先勾选该届次"))
                }
                _ => {}
            }
        }
        Ok(errs)
    }

    /// Create or update a member: validates everything first; writes nothing when anything is wrong.
    pub fn save_member(&mut self, input: MemberInput) -> Result<MemberDetail> {
        let (input, errs) = self.validate_member(input)?;
        if !errs.is_empty() {
            return Err(Error::Validation(errs));
        }
        let old = match &input.id {
            Some(id) => Some(self.member(id)?),
            None => None,
        };
        if let Some(o) = &old {
            if o.deleted_at.is_some() {
                return Err(Error::Conflict(format!("委员“{}”已删除，请先恢复再编辑", o.name)));
            }
            crate::db::check_fresh(
                &self.conn,
                "members",
                &o.id,
                input.updated_at.as_deref(),
                &format!("委员“{}”", o.name),
            )?;
        }
        let current_term = self.current_term_id_opt()?;
        let tx = self.conn.transaction()?;
        let mut w = MemberWriter::new(&tx, current_term.as_deref(), &now());
        let id = w.write(&input, old.as_ref())?;
        w.finish()?;
        let new = member_in(&tx, &id)?;
        tx.commit()?;
        Ok(new)
    }

    /// One member, every field unmasked (for the record page). Deleted members too.
    pub fn member(&self, id: &str) -> Result<MemberDetail> {
        member_in(&self.conn, id)
    }

    pub fn delete_member(&mut self, id: &str) -> Result<()> {
        self.set_deleted(id, true)
    }

    pub fn restore_member(&mut self, id: &str) -> Result<()> {
        self.set_deleted(id, false)
    }

    fn set_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let m = self.member(id)?;
        if delete == m.deleted_at.is_some() {
            return Ok(());
        }
        if !delete && !m.id_number.is_empty() {
            let clash: Option<String> = self
                .conn
                .query_row(
                    "SELECT name FROM members WHERE id_number = ?1 AND deleted_at IS NULL AND id <> ?2",
                    params![m.id_number, id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(n) = clash {
                return Err(Error::Conflict(format!("身份证号已登记给委员“{n}”，不能恢复：请先处理重复的记录")));
            }
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::MEMBERS, id, "name", &m.name).apply(&tx, delete)?;
        tx.commit()?;
        Ok(())
    }

    /// The audit trail of one record, newest first.
    pub fn audit_log(&self, entity_id: &str) -> Result<Vec<AuditEntry>> {
        let mut st = self.conn.prepare(
            "SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log WHERE entity_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = st.query_map([entity_id], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                action: r.get(5)?,
                // Whole in the log, masked when shown.
                changes: crate::history::masked_changes(&r.get::<_, String>(6)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The roster: filters, search and sort in SQL; one page of rows with masked ID and phone numbers.
    pub fn roster(&self, q: &RosterQuery) -> Result<RosterPage> {
        let term = match &q.term_id {
            Some(t) => Some(t.clone()),
            None => self.current_term_id_opt()?,
        };
        let (where_sql, args, order) = roster_filter(q);
        let limit = if q.limit == 0 { 50 } else { q.limit.min(1_000_000) };
        if let (RosterSort::Group, Some(term)) = (q.sort, &term) {
            let (total, ids) = self.group_order_page(&where_sql, &args, term, q.offset, limit)?;
            let rows = self.rows_for(&ids, Some(term))?;
            return Ok(RosterPage { total, rows });
        }
        // Limit and offset are bound too, so that one cached statement serves every page.
        let n = args.len();
        let page_sql =
            format!("SELECT m.id FROM members m WHERE {where_sql} ORDER BY {order} LIMIT ?{} OFFSET ?{}", n + 1, n + 2);
        let mut page_args = args.clone();
        page_args.push(Value::Integer(limit as i64));
        page_args.push(Value::Integer(q.offset as i64));
        let mut st = self.conn.prepare_cached(&page_sql)?;
        let ids: Vec<String> =
            st.query_map(params_from_iter(page_args.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // A page that is not full tells the total without a second scan (most searches).
        let total: u32 = if (ids.len() as u32) < limit && (q.offset == 0 || !ids.is_empty()) {
            q.offset + ids.len() as u32
        } else {
            self.conn
                .prepare_cached(&format!("SELECT COUNT(*) FROM members m WHERE {where_sql}"))?
                .query_row(params_from_iter(args.iter()), |r| r.get(0))?
        };
        let rows = self.rows_for(&ids, term.as_deref())?;
        Ok(RosterPage { total, rows })
    }

    /// Every member a roster query finds (paging ignored), in its order, with every field unmasked
    /// (photos left out): for exports. One SELECT over the members; the names of the lists, roles,
    /// terms and the group of the query's term (else the current one) come from one read each of those
    /// small tables, joined here: a look-up per member in SQLite costs ~1–2 µs a table, which was half of
    /// the time for 10,000 members.
    pub fn roster_details(&self, q: &RosterQuery) -> Result<Vec<MemberDetail>> {
        let term = match &q.term_id {
            Some(t) => Some(t.clone()),
            None => self.current_term_id_opt()?,
        };
        let (where_sql, args, order) = roster_filter(q);
        let mut st =
            self.conn.prepare_cached(&format!("{} WHERE {where_sql} ORDER BY {order}", detail_select(false, false)))?;
        let mut out: Vec<MemberDetail> =
            st.query_map(params_from_iter(args.iter()), detail_row)?.collect::<rusqlite::Result<_>>()?;
        if out.is_empty() {
            return Ok(out);
        }
        let at: HashMap<String, usize> = out.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        let str_at = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<String> {
            Ok(r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?.to_owned())
        };

        // The lists (sector, party, committee, role): id → (name, sort).
        let mut refs: HashMap<String, (String, i64)> = HashMap::new();
        let mut st = self.conn.prepare_cached("SELECT id, name, sort FROM ref_items")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            refs.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
        let name_of = |id: &Option<String>| -> String {
            id.as_ref().and_then(|i| refs.get(i)).map(|(n, _)| n.clone()).unwrap_or_default()
        };
        for d in out.iter_mut() {
            d.party = name_of(&d.party_id);
            d.sector = name_of(&d.sector_id);
            d.committee = name_of(&d.committee_id);
        }

        // Roles, in the list's order.
        let mut st = self.conn.prepare_cached("SELECT member_id, role_id FROM member_roles")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let member = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if let Some(&i) = at.get(member) {
                let role = str_at(r, 1)?;
                if refs.contains_key(&role) {
                    out[i].role_ids.push(role);
                }
            }
        }
        let role_key = |id: &String| refs.get(id).map(|(n, s)| (*s, n.as_str())).unwrap_or((i64::MAX, ""));
        for d in out.iter_mut().filter(|d| !d.role_ids.is_empty()) {
            d.role_ids.sort_by(|a, b| role_key(a).cmp(&role_key(b)));
            d.roles = d.role_ids.iter().map(|id| refs.get(id).map(|(n, _)| n.clone()).unwrap_or_default()).collect();
        }

        // Terms, oldest first.
        let mut terms: HashMap<String, (String, i64)> = HashMap::new();
        let mut st = self.conn.prepare_cached("SELECT id, name, start_year FROM terms")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            terms.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
        let mut st = self.conn.prepare_cached("SELECT member_id, term_id FROM member_terms")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let member = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if let Some(&i) = at.get(member) {
                let t = str_at(r, 1)?;
                if terms.contains_key(&t) {
                    out[i].term_ids.push(t);
                }
            }
        }
        let term_key = |id: &String| terms.get(id).map(|(n, y)| (*y, n.as_str())).unwrap_or((i64::MAX, ""));
        for d in out.iter_mut().filter(|d| !d.term_ids.is_empty()) {
            d.term_ids.sort_by(|a, b| term_key(a).cmp(&term_key(b)));
            d.terms = d.term_ids.iter().map(|id| terms[id].0.clone()).collect();
        }

        // The group in the term.
        if let Some(term) = &term {
            let mut groups: HashMap<String, String> = HashMap::new();
            let mut st = self
                .conn
                .prepare_cached("SELECT id, name FROM liaison_groups WHERE term_id = ?1 AND deleted_at IS NULL")?;
            let mut rows = st.query([term])?;
            while let Some(r) = rows.next()? {
                groups.insert(r.get(0)?, r.get(1)?);
            }
            let mut st =
                self.conn.prepare_cached("SELECT member_id, group_id FROM group_members WHERE term_id = ?1")?;
            let mut rows = st.query([term])?;
            while let Some(r) = rows.next()? {
                let member = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                if let Some(&i) = at.get(member) {
                    let g = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                    if let Some((gid, name)) = groups.get_key_value(g) {
                        out[i].group_id = Some(gid.clone());
                        out[i].group = name.clone();
                    }
                }
            }
        }
        if let (RosterSort::Group, Some(term)) = (q.sort, &term) {
            let ranks = self.group_ranks(term)?;
            out.sort_by_key(|d| d.group_id.as_ref().and_then(|g| ranks.get(g)).copied().unwrap_or(u32::MAX));
        }
        Ok(out)
    }

    /// The groups of a term by id → position in their display order (sort, then name, as the 联络组
    /// screen lists them and the group lists export writes them).
    ///
    /// The group order (按联络组) is applied in Rust: the rows come in stroke order from the roster's
    /// covering index and are stably sorted by their group's position, members in no group last. An SQL
    /// ORDER BY would need a look-up of each member's group, which costs ~2 µs a member in SQLite
    /// (20–30 ms for 10,000); reading the term's memberships in one pass and sorting here costs a few ms.
    pub(crate) fn group_ranks(&self, term: &str) -> Result<HashMap<String, u32>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id FROM liaison_groups WHERE term_id = ?1 AND deleted_at IS NULL ORDER BY sort, name COLLATE NUMBERED, id",
        )?;
        let ids = st.query_map([term], |r| r.get::<_, String>(0))?;
        let mut ranks = HashMap::new();
        for (i, id) in ids.enumerate() {
            ranks.insert(id?, i as u32);
        }
        Ok(ranks)
    }

    /// One page of a roster query in the group order, and the total (see `group_ranks`): every id in
    /// stroke order into one buffer, each member's group from one pass over the term's memberships
    /// (ids compared as bytes through a small fast hash), then a stable counting sort by group.
    /// No allocation and no SQLite look-up per member.
    fn group_order_page(
        &self,
        where_sql: &str,
        args: &[Value],
        term: &str,
        offset: u32,
        limit: u32,
    ) -> Result<(u32, Vec<String>)> {
        let mut buf: Vec<u8> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT m.id FROM members m WHERE {where_sql} ORDER BY m.stroke_key, m.id"))?;
        let mut rows = st.query(params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            buf.extend_from_slice(r.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?);
            ends.push(buf.len());
        }
        let n = ends.len();
        let id_at = |i: usize| &buf[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
        let mut position: HashMap<&[u8], u32, FastHash> = HashMap::with_capacity_and_hasher(n, FastHash::default());
        for i in 0..n {
            position.insert(id_at(i), i as u32);
        }
        let ranks = self.group_ranks(term)?;
        let groups: HashMap<&[u8], u32, FastHash> = ranks.iter().map(|(g, r)| (g.as_bytes(), *r)).collect();
        // Group of each member by stroke position; members in no group go in the last bucket.
        let none = groups.len() as u32;
        let mut bucket = vec![none; n];
        let mut st = self.conn.prepare_cached("SELECT member_id, group_id FROM group_members WHERE term_id = ?1")?;
        let mut rows = st.query([term])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = position.get(r.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?) {
                if let Some(&g) = groups.get(r.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?) {
                    bucket[i as usize] = g;
                }
            }
        }
        // Counting sort: stable, so stroke order is kept inside each group.
        let mut start = vec![0usize; none as usize + 2];
        for b in &bucket {
            start[*b as usize + 1] += 1;
        }
        for g in 1..start.len() {
            start[g] += start[g - 1];
        }
        let mut order = vec![0u32; n];
        for (i, b) in bucket.iter().enumerate() {
            order[start[*b as usize]] = i as u32;
            start[*b as usize] += 1;
        }
        let page = order
            .iter()
            .skip(offset as usize)
            .take(limit as usize)
            .map(|&i| String::from_utf8_lossy(id_at(i as usize)).into_owned())
            .collect();
        Ok((n as u32, page))
    }

    /// Roster rows for the given ids, in that order: three set-wise queries, not three per row.
    fn rows_for(&self, ids: &[String], term: Option<&str>) -> Result<Vec<MemberRow>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let id_list = serde_json::to_string(ids).expect("json");
        let mut roles: HashMap<String, Vec<String>> = HashMap::new();
        let mut st = self.conn.prepare_cached(
            "SELECT mr.member_id, r.name FROM member_roles mr JOIN ref_items r ON r.id = mr.role_id
             WHERE mr.member_id IN (SELECT value FROM json_each(?1)) ORDER BY r.sort",
        )?;
        for row in st.query_map([&id_list], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (m, n) = row?;
            roles.entry(m).or_default().push(n);
        }
        let mut groups: HashMap<String, String> = HashMap::new();
        let mut st = self.conn.prepare_cached(
            "SELECT gm.member_id, g.name FROM group_members gm JOIN liaison_groups g ON g.id = gm.group_id
             WHERE gm.member_id IN (SELECT value FROM json_each(?1)) AND gm.term_id = ?2 AND g.deleted_at IS NULL",
        )?;
        for row in st.query_map(params![id_list, term], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (m, n) = row?;
            groups.insert(m, n);
        }
        let mut st = self.conn.prepare_cached(
            "SELECT m.id, m.name, m.gender, COALESCE(m.birth_date, ''), m.ethnicity,
                    COALESCE(p.name, ''), COALESCE(s.name, ''), COALESCE(c.name, ''),
                    m.work_unit, m.job_title, m.mobile, COALESCE(m.id_number, ''), m.status, m.deleted_at IS NOT NULL
             FROM members m
             LEFT JOIN ref_items p ON p.id = m.party_id
             LEFT JOIN ref_items s ON s.id = m.sector_id
             LEFT JOIN ref_items c ON c.id = m.committee_id
             WHERE m.id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut by_id: HashMap<String, MemberRow> = HashMap::with_capacity(ids.len());
        for row in st.query_map([&id_list], |r| {
            Ok(MemberRow {
                id: r.get(0)?,
                name: r.get(1)?,
                gender: r.get(2)?,
                birth_date: r.get(3)?,
                ethnicity: r.get(4)?,
                party: r.get(5)?,
                sector: r.get(6)?,
                committee: r.get(7)?,
                roles: String::new(),
                group: String::new(),
                work_unit: r.get(8)?,
                job_title: r.get(9)?,
                mobile: mask_phone(&r.get::<_, String>(10)?),
                id_number: mask_id(&r.get::<_, String>(11)?),
                status: MemberStatus::parse(&r.get::<_, String>(12)?),
                deleted: r.get(13)?,
            })
        })? {
            let row = row?;
            by_id.insert(row.id.clone(), row);
        }
        Ok(ids
            .iter()
            .filter_map(|id| by_id.remove(id))
            .map(|mut r| {
                r.roles = roles.remove(&r.id).map(|v| v.join("、")).unwrap_or_default();
                r.group = groups.remove(&r.id).unwrap_or_default();
                r
            })
            .collect())
    }
}

/// The WHERE clause (over `members m`), its arguments and the ORDER BY of a roster query.
pub(crate) fn roster_filter(q: &RosterQuery) -> (String, Vec<Value>, &'static str) {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    wh.push(if q.deleted { "m.deleted_at IS NOT NULL".into() } else { "m.deleted_at IS NULL".into() });
    if let Some(t) = &q.term_id {
        let p = arg(Value::Text(format!(",{t},")), &mut args);
        wh.push(format!("instr(m.term_list, {p}) > 0"));
    }
    for (col, v) in [("m.sector_id", &q.sector_id), ("m.party_id", &q.party_id), ("m.committee_id", &q.committee_id)] {
        if let Some(v) = v {
            let p = arg(Value::Text(v.clone()), &mut args);
            wh.push(format!("{col} = {p}"));
        }
    }
    if let Some(g) = &q.group_id {
        let p = arg(Value::Text(g.clone()), &mut args);
        wh.push(format!("m.id IN (SELECT gm.member_id FROM group_members gm WHERE gm.group_id = {p})"));
    }
    if let Some(s) = q.status {
        let p = arg(Value::Text(s.as_str().into()), &mut args);
        wh.push(format!("m.status = {p}"));
    }
    let search = q.search.trim();
    if !search.is_empty() {
        wh.push(search_clause(search, &mut args));
    }
    // The group order is stroke order here; `roster` and `roster_details` then sort stably by group.
    let order = match q.sort {
        RosterSort::Strokes | RosterSort::Group => "m.stroke_key, m.id",
        RosterSort::Pinyin => "m.pinyin_key, m.id",
        RosterSort::Sector => "m.sector_sort, m.stroke_key, m.id",
    };
    (wh.join(" AND "), args, order)
}

/// The search box: Chinese text matches the name; letters match full pinyin or initials (prefix);
/// digits match the end of a phone number or ID number (the tail people read out), or a whole phone.
fn search_clause(search: &str, args: &mut Vec<Value>) -> String {
    let s = idcard::clean(search).to_lowercase();
    let like = |v: String, args: &mut Vec<Value>| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic()) {
        let p = like(format!("{s}%"), args);
        format!("(m.name_pinyin LIKE {p} OR m.name_initials LIKE {p})")
    } else if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == 'x') {
        let tail = like(format!("%{}", s.to_uppercase()), args);
        let start = like(format!("{s}%"), args);
        format!("(m.mobile LIKE {tail} OR m.phone LIKE {tail} OR m.id_number LIKE {tail} OR m.mobile LIKE {start})")
    } else {
        let name = crate::validate::clean_name(search);
        let p = like(format!("%{}%", name.replace('%', "").replace('_', "")), args);
        format!("m.name LIKE {p}")
    }
}

/// The SELECT of a MemberDetail's columns, in the order `detail_row` reads them. With `names`, the
/// names of the member's party, sector and committee are joined in; without, they are left empty
/// (`roster_details` fills them in). `photo`: the photo, or NULL where photos are not wanted
/// (exports). Roles, terms and group are filled in separately.
fn detail_select(names: bool, photo: bool) -> String {
    let (p, s, c, joins) = if names {
        (
            "COALESCE(p.name, '')",
            "COALESCE(s.name, '')",
            "COALESCE(c.name, '')",
            "LEFT JOIN ref_items p ON p.id = m.party_id
             LEFT JOIN ref_items s ON s.id = m.sector_id
             LEFT JOIN ref_items c ON c.id = m.committee_id",
        )
    } else {
        ("''", "''", "''", "")
    };
    let photo = if photo { "m.photo" } else { "NULL" };
    format!(
        "SELECT m.id, m.name, m.gender, m.ethnicity, COALESCE(m.birth_date, ''), m.native_place,
            COALESCE(m.id_number, ''), m.party_id, {p}, m.sector_id, {s}, m.committee_id, {c},
            m.work_unit, m.job_title, m.professional_title, m.education, m.mobile, m.phone, m.address, m.postcode,
            m.status, m.notes, m.name_pinyin, m.name_initials, m.created_at, m.updated_at, m.deleted_at, {photo}
         FROM members m {joins}"
    )
}

fn detail_row(r: &rusqlite::Row) -> rusqlite::Result<MemberDetail> {
    Ok(MemberDetail {
        id: r.get(0)?,
        name: r.get(1)?,
        gender: r.get(2)?,
        ethnicity: r.get(3)?,
        birth_date: r.get(4)?,
        native_place: r.get(5)?,
        id_number: r.get(6)?,
        party_id: r.get(7)?,
        party: r.get(8)?,
        sector_id: r.get(9)?,
        sector: r.get(10)?,
        committee_id: r.get(11)?,
        committee: r.get(12)?,
        role_ids: vec![],
        roles: vec![],
        term_ids: vec![],
        terms: vec![],
        work_unit: r.get(13)?,
        job_title: r.get(14)?,
        professional_title: r.get(15)?,
        education: r.get(16)?,
        mobile: r.get(17)?,
        phone: r.get(18)?,
        address: r.get(19)?,
        postcode: r.get(20)?,
        group_id: None,
        group: String::new(),
        status: MemberStatus::parse(&r.get::<_, String>(21)?),
        notes: r.get(22)?,
        name_pinyin: r.get(23)?,
        name_initials: r.get(24)?,
        created_at: r.get(25)?,
        updated_at: r.get(26)?,
        deleted_at: r.get(27)?,
        photo: r.get(28)?,
    })
}

pub(crate) fn member_in(conn: &rusqlite::Connection, id: &str) -> Result<MemberDetail> {
    members_in(conn, &[id])?.pop().ok_or_else(|| Error::NotFound("该委员不存在".into()))
}

/// Members by id, every field unmasked, in the order asked (ids not found are left out). One query for
/// each part (the record, roles, terms, group) however many members: the importer reads back what it
/// wrote in batches. The ids go in as one JSON array.
pub(crate) fn members_in(conn: &rusqlite::Connection, ids: &[&str]) -> Result<Vec<MemberDetail>> {
    const IDS: &str = "(SELECT value FROM json_each(?1))";
    let list = serde_json::to_string(ids).expect("json");
    let mut found: HashMap<String, MemberDetail> = HashMap::with_capacity(ids.len());
    let mut st = conn.prepare_cached(&format!("{} WHERE m.id IN {IDS}", detail_select(true, true)))?;
    for d in st.query_map([&list], detail_row)? {
        let d = d?;
        found.insert(d.id.clone(), d);
    }
    let mut st = conn.prepare_cached(&format!(
        "SELECT mr.member_id, r.id, r.name FROM member_roles mr JOIN ref_items r ON r.id = mr.role_id
         WHERE mr.member_id IN {IDS} ORDER BY mr.member_id, r.sort, r.name"
    ))?;
    let mut rows = st.query([&list])?;
    while let Some(r) = rows.next()? {
        if let Some(d) = found.get_mut(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?) {
            d.role_ids.push(r.get(1)?);
            d.roles.push(r.get(2)?);
        }
    }
    let mut st = conn.prepare_cached(&format!(
        "SELECT mt.member_id, t.id, t.name FROM member_terms mt JOIN terms t ON t.id = mt.term_id
         WHERE mt.member_id IN {IDS} ORDER BY mt.member_id, t.start_year"
    ))?;
    let mut rows = st.query([&list])?;
    while let Some(r) = rows.next()? {
        if let Some(d) = found.get_mut(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?) {
            d.term_ids.push(r.get(1)?);
            d.terms.push(r.get(2)?);
        }
    }
    // The group: the one in the current term, else the latest term's.
    let mut st = conn.prepare_cached(&format!(
        "SELECT member_id, gid, gname FROM (
           SELECT gm.member_id, g.id AS gid, g.name AS gname,
                  ROW_NUMBER() OVER (PARTITION BY gm.member_id ORDER BY t.is_current DESC, t.start_year DESC) AS n
           FROM group_members gm JOIN liaison_groups g ON g.id = gm.group_id JOIN terms t ON t.id = gm.term_id
           WHERE gm.member_id IN {IDS} AND g.deleted_at IS NULL)
         WHERE n = 1"
    ))?;
    let mut rows = st.query([&list])?;
    while let Some(r) = rows.next()? {
        if let Some(d) = found.get_mut(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?) {
            d.group_id = Some(r.get(1)?);
            d.group = r.get(2)?;
        }
    }
    Ok(ids.iter().filter_map(|id| found.remove(*id)).collect())
}

/// Run a statement through the connection's statement cache (the importer writes thousands of rows).
///
/// The statements of a member's write and read-back compare ids as `= +?N`: SQLite (built with STAT4)
/// re-prepares a cached statement for every new value of a parameter compared with an indexed column,
/// which cost more than the statement itself; the unary `+` keeps the value out of the planner's
/// estimate (the index is still used) and the prepared statement is reused.
fn exec(tx: &rusqlite::Connection, sql: &str, p: impl rusqlite::Params) -> Result<usize> {
    Ok(tx.prepare_cached(sql)?.execute(p)?)
}

/// The one write of members, shared by the form (one member) and the importer (thousands, in one
/// transaction): a validated member (created when `old` is None) with terms, roles and the group in the
/// current term, and its audit entry. The time, the current term and the actor are fixed once per run;
/// every statement comes from the connection's cache. The member's row is written at once; the rest is
/// done for `BATCH` members at a time, a statement per batch: their terms, roles and groups (multi-row
/// inserts), the copy of the terms and the groups of terms left (changed members), the audit entries
/// (the change against the member as stored: read back for a changed member, put together from what
/// was written for a new one — debug builds read it back too and check they agree). `finish` does the
/// last batch, before the caller commits. A run writes each member once.
pub(crate) struct MemberWriter<'c> {
    tx: &'c rusqlite::Connection,
    current_term: Option<String>,
    t: String,
    audit: AuditBatch,
    /// Written, not yet finished.
    pending: Vec<Pending>,
    /// Their rows in member_terms, member_roles and group_members, written together in `flush`.
    term_rows: Vec<[String; 2]>,
    role_rows: Vec<[String; 2]>,
    group_rows: Vec<[String; 4]>,
    /// The names the stored members show, read once per run: list items (name, sort), terms (name,
    /// start year), groups (name, live).
    refs: HashMap<String, (String, i64)>,
    terms: HashMap<String, (String, i64)>,
    groups: HashMap<String, (String, bool)>,
    /// The office's name order (同姓单名在前), read once per run: the stroke keys follow it.
    order: hanzi::NameOrder,
}

struct Pending {
    id: String,
    /// The member as it was (None: new).
    old: Option<MemberDetail>,
    /// A new member as stored, put together from what was written (the others are read back).
    new: Option<MemberDetail>,
    /// Whether the copy of the terms and the groups of terms left need a look (not for a new member,
    /// whose term list is written with it and whose only group is in one of its terms).
    settle: bool,
}

impl<'c> MemberWriter<'c> {
    const BATCH: usize = 64;

    pub(crate) fn new(tx: &'c rusqlite::Connection, current_term: Option<&str>, t: &str) -> MemberWriter<'c> {
        MemberWriter {
            tx,
            current_term: current_term.map(str::to_string),
            t: t.to_string(),
            audit: AuditBatch::new(tx),
            pending: Vec::new(),
            term_rows: Vec::new(),
            role_rows: Vec::new(),
            group_rows: Vec::new(),
            refs: HashMap::new(),
            terms: HashMap::new(),
            groups: HashMap::new(),
            // The settings table exists in every schema; a failed read is the default order.
            order: crate::names::order(tx).unwrap_or_default(),
        }
    }

    /// A list item's (name, sort), read once per run.
    fn ref_item(&mut self, id: &str) -> Result<Option<&(String, i64)>> {
        if !self.refs.contains_key(id) {
            let found = self
                .tx
                .prepare_cached("SELECT name, sort FROM ref_items WHERE id = +?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                Some(v) => self.refs.insert(id.to_string(), v),
                None => return Ok(None),
            };
        }
        Ok(self.refs.get(id))
    }

    /// A term's (name, start year), read once per run.
    fn term(&mut self, id: &str) -> Result<Option<&(String, i64)>> {
        if !self.terms.contains_key(id) {
            let found = self
                .tx
                .prepare_cached("SELECT name, start_year FROM terms WHERE id = +?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                Some(v) => self.terms.insert(id.to_string(), v),
                None => return Ok(None),
            };
        }
        Ok(self.terms.get(id))
    }

    /// A group's (name, whether it is not deleted), read once per run.
    fn group(&mut self, id: &str) -> Result<Option<&(String, bool)>> {
        if !self.groups.contains_key(id) {
            let found = self
                .tx
                .prepare_cached("SELECT name, deleted_at IS NULL FROM liaison_groups WHERE id = +?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                Some(v) => self.groups.insert(id.to_string(), v),
                None => return Ok(None),
            };
        }
        Ok(self.groups.get(id))
    }

    /// A new member as `members_in` reads it back, from what `write` stored: its own values, the names
    /// of its lists, its roles and terms in their order, its group unless that was dropped.
    fn stored_new(&mut self, id: &str, input: &MemberInput, keys: [&str; 2], group: bool) -> Result<MemberDetail> {
        let mut name_of = |o: &Option<String>| -> Result<String> {
            Ok(match o {
                Some(i) => self.ref_item(i)?.map(|(n, _)| n.clone()).unwrap_or_default(),
                None => String::new(),
            })
        };
        let (party, sector, committee) =
            (name_of(&input.party_id)?, name_of(&input.sector_id)?, name_of(&input.committee_id)?);
        let mut roles: Vec<(i64, String, String)> = Vec::new();
        for r in &input.role_ids {
            if let Some((n, sort)) = self.ref_item(r)? {
                if !roles.iter().any(|x| &x.2 == r) {
                    roles.push((*sort, n.clone(), r.clone()));
                }
            }
        }
        roles.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut terms: Vec<(i64, String, String)> = Vec::new();
        for t in &input.term_ids {
            if let Some((n, year)) = self.term(t)? {
                if !terms.iter().any(|x| &x.2 == t) {
                    terms.push((*year, n.clone(), t.clone()));
                }
            }
        }
        terms.sort_by_key(|x| x.0);
        let group = match (&input.group_id, group) {
            (Some(g), true) => self.group(g)?.filter(|(_, live)| *live).map(|(n, _)| (g.clone(), n.clone())),
            _ => None,
        };
        Ok(MemberDetail {
            id: id.to_string(),
            name: input.name.clone(),
            gender: input.gender.clone(),
            ethnicity: input.ethnicity.clone(),
            birth_date: input.birth_date.clone(),
            native_place: input.native_place.clone(),
            id_number: input.id_number.clone(),
            party_id: input.party_id.clone(),
            party,
            sector_id: input.sector_id.clone(),
            sector,
            committee_id: input.committee_id.clone(),
            committee,
            role_ids: roles.iter().map(|r| r.2.clone()).collect(),
            roles: roles.into_iter().map(|r| r.1).collect(),
            term_ids: terms.iter().map(|t| t.2.clone()).collect(),
            terms: terms.into_iter().map(|t| t.1).collect(),
            work_unit: input.work_unit.clone(),
            job_title: input.job_title.clone(),
            professional_title: input.professional_title.clone(),
            education: input.education.clone(),
            mobile: input.mobile.clone(),
            phone: input.phone.clone(),
            address: input.address.clone(),
            postcode: input.postcode.clone(),
            group_id: group.as_ref().map(|g| g.0.clone()),
            group: group.map(|g| g.1).unwrap_or_default(),
            status: input.status.unwrap_or(MemberStatus::Active),
            notes: input.notes.clone(),
            photo: input.photo.clone(),
            name_pinyin: keys[0].to_string(),
            name_initials: keys[1].to_string(),
            created_at: self.t.clone(),
            updated_at: self.t.clone(),
            deleted_at: None,
        })
    }

    /// Finish what is pending and write the last audit entries.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.flush()?;
        self.audit.flush(self.tx)
    }

    /// Write one member's own rows; returns its id.
    pub(crate) fn write(&mut self, input: &MemberInput, old: Option<&MemberDetail>) -> Result<String> {
        let (tx, t) = (self.tx, self.t.as_str());
        // A member given no id is new: nothing refers to the id yet, so there is nothing to replace.
        let fresh = input.id.is_none();
        let id = input.id.clone().unwrap_or_else(new_id);
        let status = input.status.unwrap_or(MemberStatus::Active);
        let id_number = if input.id_number.is_empty() { None } else { Some(input.id_number.clone()) };
        let birth = if input.birth_date.is_empty() { None } else { Some(input.birth_date.clone()) };
        // A new member's copy of its terms is written with it (as TERM_LIST_SQL makes it: the distinct
        // ids in the order of member_terms' key); a changed member's is refreshed in `flush`.
        let term_list = if fresh && !input.term_ids.is_empty() {
            let mut terms: Vec<&str> = input.term_ids.iter().map(String::as_str).collect();
            terms.sort_unstable();
            terms.dedup();
            format!(",{},", terms.join(","))
        } else {
            String::new()
        };
        let (pinyin, initials) = (hanzi::pinyin_full(&input.name), hanzi::pinyin_initials(&input.name));
        let vals = params![
            id,
            input.name,
            input.gender,
            input.ethnicity,
            birth,
            input.native_place,
            id_number,
            input.party_id,
            input.sector_id,
            input.committee_id,
            input.work_unit,
            input.job_title,
            input.professional_title,
            input.education,
            input.mobile,
            input.phone,
            input.address,
            input.postcode,
            status.as_str(),
            input.notes,
            input.photo,
            pinyin,
            initials,
            hanzi::pinyin_sort_key(&input.name),
            hanzi::stroke_sort_key_with(&input.name, self.order),
            t,
            input.sector_id,
        ];
        if old.is_some() {
            exec(
                tx,
                "UPDATE members SET name=?2, gender=?3, ethnicity=?4, birth_date=?5, native_place=?6, id_number=?7,
                       party_id=?8, sector_id=?9, committee_id=?10, work_unit=?11, job_title=?12, professional_title=?13,
                       education=?14, mobile=?15, phone=?16, address=?17, postcode=?18, status=?19, notes=?20, photo=?21,
                       name_pinyin=?22, name_initials=?23, pinyin_key=?24, stroke_key=?25, updated_at=?26,
                       sector_sort = COALESCE((SELECT sort FROM ref_items WHERE id = +?27), 0)
                     WHERE id = +?1",
                vals,
            )?;
        } else {
            exec(tx,
                    "INSERT INTO members (id, name, gender, ethnicity, birth_date, native_place, id_number, party_id,
                       sector_id, committee_id, work_unit, job_title, professional_title, education, mobile, phone,
                       address, postcode, status, notes, photo, name_pinyin, name_initials, pinyin_key, stroke_key,
                           created_at, updated_at, sector_sort, term_list)
                     VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?26,
                       COALESCE((SELECT sort FROM ref_items WHERE id = +?27), 0), ?28)",
                    &[vals, &[&term_list as &dyn rusqlite::ToSql]].concat()[..],
                )?;
        }
        if !fresh {
            exec(tx, "DELETE FROM member_terms WHERE member_id = +?1", [&id])?;
        }
        for term in &input.term_ids {
            self.term_rows.push([id.clone(), term.clone()]);
        }
        if !fresh {
            exec(tx, "DELETE FROM member_roles WHERE member_id = +?1", [&id])?;
        }
        for role in &input.role_ids {
            self.role_rows.push([id.clone(), role.clone()]);
        }
        // Group membership: the form's group is the one in the current term.
        let mut settle = !fresh;
        if let Some(term) = &self.current_term {
            let target_term: String = match &input.group_id {
                Some(g) => tx
                    .prepare_cached("SELECT term_id FROM liaison_groups WHERE id = +?1")?
                    .query_row([g], |r| r.get(0))?,
                None => term.to_string(),
            };
            let existing: Option<String> = if fresh {
                None
            } else {
                tx.prepare_cached("SELECT group_id FROM group_members WHERE member_id = +?1 AND term_id = +?2")?
                    .query_row(params![id, target_term], |r| r.get(0))
                    .optional()?
            };
            if existing != input.group_id {
                if !fresh {
                    exec(
                        tx,
                        "DELETE FROM group_members WHERE member_id = +?1 AND term_id = +?2",
                        params![id, target_term],
                    )?;
                }
                if let Some(g) = &input.group_id {
                    self.group_rows.push([g.clone(), id.clone(), target_term.clone(), t.to_string()]);
                    // A group of a term the member is not in goes again in `flush`.
                    settle |= !input.term_ids.contains(&target_term);
                }
            }
        }
        // A new member whose group stays (in one of its terms) shows it.
        let new = if fresh {
            let group = self.current_term.is_some() && !settle;
            Some(self.stored_new(&id, input, [&pinyin, &initials], group)?)
        } else {
            None
        };
        self.pending.push(Pending { id: id.clone(), old: old.cloned(), new, settle });
        if self.pending.len() >= Self::BATCH {
            self.flush()?;
        }
        Ok(id)
    }

    /// For the members written since the last flush: their copy of their terms, the groups of terms
    /// they no longer serve in dropped, and their audit entries (the change, read back as stored).
    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        fn pairs(rows: &[[String; 2]]) -> Vec<[&str; 2]> {
            rows.iter().map(|[a, b]| [a.as_str(), b.as_str()]).collect()
        }
        let (terms, roles) = (std::mem::take(&mut self.term_rows), std::mem::take(&mut self.role_rows));
        insert_rows(self.tx, "INSERT OR IGNORE INTO member_terms (member_id, term_id) VALUES ", &pairs(&terms))?;
        insert_rows(self.tx, "INSERT OR IGNORE INTO member_roles (member_id, role_id) VALUES ", &pairs(&roles))?;
        let mut groups = std::mem::take(&mut self.group_rows);
        // In the table's order (group, member): the rows of a group go into the same pages.
        groups.sort_unstable_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
        let groups: Vec<[&str; 5]> = groups.iter().map(|[g, m, t, at]| [g.as_str(), m, t, "member", at]).collect();
        insert_rows(
            self.tx,
            "INSERT INTO group_members (group_id, member_id, term_id, role, created_at) VALUES ",
            &groups,
        )?;
        let settle: Vec<&str> = pending.iter().filter(|p| p.settle).map(|p| p.id.as_str()).collect();
        if !settle.is_empty() {
            let list = serde_json::to_string(&settle).expect("json");
            exec(self.tx, TERM_LIST_BATCH_SQL, [&list])?;
            exec(
                self.tx,
                "DELETE FROM group_members WHERE member_id IN (SELECT value FROM json_each(?1))
                   AND term_id NOT IN (SELECT term_id FROM member_terms mt WHERE mt.member_id = group_members.member_id)",
                [&list],
            )?;
        }
        // The changed members as stored now; the new ones as written (read back too in debug builds,
        // which every test runs: what is put together must be what a read gives).
        let ids: Vec<&str> = pending.iter().filter(|p| p.new.is_none()).map(|p| p.id.as_str()).collect();
        let mut stored: HashMap<String, MemberDetail> = if ids.is_empty() {
            HashMap::new()
        } else {
            members_in(self.tx, &ids)?.into_iter().map(|d| (d.id.clone(), d)).collect()
        };
        #[cfg(debug_assertions)]
        {
            let fresh: Vec<&str> = pending.iter().filter(|p| p.new.is_some()).map(|p| p.id.as_str()).collect();
            let read = members_in(self.tx, &fresh)?;
            for (p, r) in pending.iter().filter_map(|p| p.new.as_ref()).zip(&read) {
                assert_eq!(serde_json::to_value(p).unwrap(), serde_json::to_value(r).unwrap(), "new member as stored");
            }
        }
        for p in &pending {
            let read;
            let new = match &p.new {
                Some(n) => n,
                None => {
                    read = stored.remove(&p.id).ok_or_else(|| Error::NotFound("该委员不存在".into()))?;
                    &read
                }
            };
            debug_assert_eq!(p.id, new.id);
            let changes = diff(p.old.as_ref(), new);
            self.audit.push_text(
                self.tx,
                "member",
                &p.id,
                if p.old.is_some() { "update" } else { "create" },
                changes,
            )?;
        }
        Ok(())
    }
}

/// A field's value as the audit log records it.
#[derive(PartialEq)]
enum Field<'a> {
    Str(&'a str),
    List(&'a [String]),
    Opt(Option<&'a str>),
}

/// The fields of a member the audit log records, by name in alphabetical order (the order of the audit
/// entry's keys): the names of the lists, not their ids; no timestamps or pinyin; a photo as "(照片)".
fn audit_fields(m: &MemberDetail) -> [(&'static str, Field<'_>); 24] {
    use Field::*;
    [
        ("address", Str(&m.address)),
        ("birth_date", Str(&m.birth_date)),
        ("committee", Str(&m.committee)),
        ("deleted_at", Opt(m.deleted_at.as_deref())),
        ("education", Str(&m.education)),
        ("ethnicity", Str(&m.ethnicity)),
        ("gender", Str(&m.gender)),
        ("group", Str(&m.group)),
        ("id_number", Str(&m.id_number)),
        ("job_title", Str(&m.job_title)),
        ("mobile", Str(&m.mobile)),
        ("name", Str(&m.name)),
        ("native_place", Str(&m.native_place)),
        ("notes", Str(&m.notes)),
        ("party", Str(&m.party)),
        ("phone", Str(&m.phone)),
        ("photo", Str(if m.photo.is_some() { "(照片)" } else { "" })),
        ("postcode", Str(&m.postcode)),
        ("professional_title", Str(&m.professional_title)),
        ("roles", List(&m.roles)),
        ("sector", Str(&m.sector)),
        ("status", Str(m.status.as_str())),
        ("terms", List(&m.terms)),
        ("work_unit", Str(&m.work_unit)),
    ]
}

/// Field-by-field changes for the audit log, as its JSON text ({"field":[old,new]}, keys in order, a
/// field a new member leaves empty as [null,""]); ID and phone numbers whole (masked when shown).
fn diff(old: Option<&MemberDetail>, new: &MemberDetail) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(768);
    let text = |out: &mut Vec<u8>, s: &str| serde_json::to_writer(&mut *out, s).expect("json");
    let value = |out: &mut Vec<u8>, v: Option<&Field>| match v {
        None | Some(Field::Opt(None)) => out.extend_from_slice(b"null"),
        // Whole: the log keeps ID and phone numbers as they were, so that an earlier value or an import
        // can be restored exactly; the history masks them on screen (`history`).
        Some(Field::Str(s)) | Some(Field::Opt(Some(s))) => text(out, s),
        Some(Field::List(l)) => serde_json::to_writer(&mut *out, l).expect("json"),
    };
    let mut old = old.map(|o| audit_fields(o).into_iter());
    out.push(b'{');
    for (k, nv) in audit_fields(new) {
        let ov = old.as_mut().and_then(|o| o.next()).map(|(_, v)| v);
        // No value and an empty one differ; none and none (deleted_at of a new member) do not.
        let same = match &ov {
            Some(ov) => *ov == nv,
            None => nv == Field::Opt(None),
        };
        if same {
            continue;
        }
        if out.len() > 1 {
            out.push(b',');
        }
        text(&mut out, k);
        out.extend_from_slice(b":[");
        value(&mut out, ov.as_ref());
        out.push(b',');
        value(&mut out, Some(&nv));
        out.push(b']');
    }
    out.push(b'}');
    String::from_utf8(out).expect("utf-8")
}

impl Db {
    /// `validate_member` as the UI receives it.
    pub fn member_validation(&self, input: MemberInput) -> Result<MemberValidation> {
        let (input, errors) = self.validate_member(input)?;
        Ok(MemberValidation { input, errors })
    }
}

/// A small fast hash (FxHash) for look-ups by id inside one query: std's SipHash, made to resist
/// crafted keys, was a fifth of the group order's time; ids here come from our own database.
pub(crate) type FastHash = std::hash::BuildHasherDefault<FxHasher>;

#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The audit diff as it was first written: through the member's serde form.
    fn diff_by_serde(old: Option<&MemberDetail>, new: &MemberDetail) -> serde_json::Value {
        let to_map = |m: &MemberDetail| -> BTreeMap<String, serde_json::Value> {
            let mut v = serde_json::to_value(m).unwrap();
            let obj = v.as_object_mut().unwrap();
            for k in [
                "created_at",
                "updated_at",
                "name_pinyin",
                "name_initials",
                "party_id",
                "sector_id",
                "committee_id",
                "role_ids",
                "term_ids",
                "group_id",
                "id",
            ] {
                obj.remove(k);
            }
            if let Some(p) = obj.get("photo") {
                let has = !p.is_null();
                obj.insert("photo".into(), serde_json::json!(if has { "(照片)" } else { "" }));
            }
            obj.clone().into_iter().collect()
        };
        let n = to_map(new);
        let o = old.map(to_map).unwrap_or_default();
        let mut out = serde_json::Map::new();
        for (k, nv) in n {
            let ov = o.get(&k).cloned().unwrap_or(serde_json::Value::Null);
            if ov != nv {
                out.insert(k.clone(), serde_json::json!([ov, nv]));
            }
        }
        serde_json::Value::Object(out)
    }

    fn detail() -> MemberDetail {
        let s = |x: &str| x.to_string();
        MemberDetail {
            id: s("m1"),
            name: s("王伟"),
            gender: s("男"),
            ethnicity: s("汉族"),
            birth_date: s("1968-05-12"),
            native_place: s("浙江杭州"),
            id_number: s("330106196805120011"),
            party_id: Some(s("p1")),
            party: s("民盟盟员"),
            sector_id: Some(s("s1")),
            sector: s("中国民主同盟"),
            committee_id: None,
            committee: String::new(),
            role_ids: vec![s("r1"), s("r2")],
            roles: vec![s("常委"), s("委员")],
            term_ids: vec![s("t1")],
            terms: vec![s("第十五届")],
            work_unit: s("东港区第一中学"),
            job_title: s("校长"),
            professional_title: String::new(),
            education: s("研究生"),
            mobile: s("13800138000"),
            phone: s("0571-87654321"),
            address: String::new(),
            postcode: s("310000"),
            group_id: Some(s("g1")),
            group: s("城关联络组"),
            status: MemberStatus::Active,
            notes: s("=SUM(A1:A2)"),
            photo: None,
            name_pinyin: s("wangwei"),
            name_initials: s("ww"),
            created_at: s("2026-01-01T00:00:00.000Z"),
            updated_at: s("2026-01-01T00:00:00.000Z"),
            deleted_at: None,
        }
    }

    #[test]
    fn the_audit_diff_is_the_one_of_the_serde_form() {
        let a = detail();
        let mut b = a.clone();
        b.mobile = "13900139000".into();
        b.roles = vec!["委员".into()];
        b.group = String::new();
        b.status = MemberStatus::Left;
        b.photo = Some("data:image/png;base64,AAAA".into());
        b.deleted_at = Some("2026-02-01T00:00:00.000Z".into());
        b.updated_at = "later".into();
        let mut c = a.clone();
        c.id_number = String::new();
        c.photo = Some(String::new());
        c.notes = "引号\"与\\反斜杠\n换行\t制表\u{1}".into();
        c.roles = vec![];
        c.terms = vec!["第十五届".into(), "第十六届".into()];
        for (old, new) in [(None, &a), (Some(&a), &b), (Some(&b), &a), (Some(&a), &a), (Some(&a), &c), (None, &c)] {
            let want = diff_by_serde(old, new);
            let got = diff(old, new);
            assert_eq!(got, want.to_string(), "the same text in the log");
            assert_eq!(serde_json::from_str::<serde_json::Value>(&got).unwrap(), want);
        }
    }
}
