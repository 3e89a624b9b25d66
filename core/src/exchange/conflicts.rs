//! The conflicts an import set aside, side by side (field by field, with Chinese field names), and the
//! user's choice — 保留本机, 采用对方, or the other side's value for chosen fields — applied in one
//! transaction with its audit entry.

use super::apply::{from_json, insert_row, table_info, to_json, update_row, TableInfo};
use super::types::{ChangeOp, ConflictChoice, ConflictField, ConflictKind, ExchangeConflict, Resolution};
use crate::db::{actor, audit, now, Db};
use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use std::collections::HashSet;

/// The Chinese name of a table.
pub fn table_label(table: &str) -> &str {
    match table {
        "members" => "委员",
        "terms" => "届次",
        "ref_items" => "列表项（界别、党派等）",
        "settings" => "办公室设置",
        "member_terms" => "委员届次",
        "member_roles" => "委员政协职务",
        "liaison_groups" => "联络组",
        "group_members" => "联络组成员",
        "audit_log" => "操作记录",
        "visit_rounds" => "走访轮次",
        "activities" => "活动",
        "visits" => "走访",
        "follow_ups" => "跟踪落实事项",
        "activity_stops" => "视察调研行程",
        "participants" => "活动参加人员",
        "activity_groups" => "联合组织的联络组",
        "upper_members" => "驻地上级政协委员",
        "leave_requests" => "请假",
        "reflections" => "心得体会",
        "activity_attachments" => "活动附件",
        "hall_layouts" => "会场布局",
        "sessions" => "会议",
        "session_sittings" => "会议场次",
        "session_groups" => "会议分组",
        "session_attendees" => "参会人员",
        "session_checkins" => "报到",
        "session_leaves" => "会议请假",
        "session_sign_ins" => "签到",
        "session_seats" => "座次",
        "session_rooms" => "住宿房间",
        "session_room_guests" => "住宿安排",
        "session_tables" => "就餐桌次",
        "session_table_guests" => "就餐安排",
        "session_vehicles" => "车辆",
        "session_vehicle_passengers" => "乘车安排",
        t => t,
    }
}

/// The Chinese name of a column (the roster's where it has one).
pub fn column_label(table: &str, column: &str) -> String {
    let l = match (table, column) {
        (_, "id") => "编号",
        ("members" | "session_attendees" | "participants", "name") => "姓名",
        (_, "name") => "名称",
        (_, "gender") => "性别",
        (_, "ethnicity") => "民族",
        (_, "birth_date") => "出生日期",
        (_, "native_place") => "籍贯",
        (_, "id_number") => "身份证号",
        (_, "party_id") => "政治面貌",
        (_, "sector_id") => "界别",
        ("members", "committee_id") => "专委会",
        (_, "committee_id") => "专委会",
        (_, "work_unit") => "工作单位",
        (_, "job_title") => "职务",
        (_, "professional_title") => "职称",
        (_, "education") => "学历",
        (_, "mobile") => "手机",
        (_, "phone") => "电话",
        (_, "address") => "地址",
        (_, "postcode") => "邮编",
        ("members", "status") => "在职状态",
        (_, "status") => "状态",
        (_, "notes") => "备注",
        (_, "note") => "备注",
        (_, "photo") => "照片",
        (_, "title") => "标题",
        (_, "kind") => "类别",
        (_, "start_date") => "开始日期",
        (_, "start_time") => "开始时间",
        (_, "end_date") => "结束日期",
        (_, "end_time") => "结束时间",
        (_, "place") => "地点",
        (_, "content") => "内容",
        (_, "responsible") => "负责人",
        (_, "contact") => "联系人",
        (_, "contact_person") => "联系人",
        (_, "contact_phone") => "联系电话",
        (_, "summary") => "小结",
        (_, "township_id") => "乡镇（街道）",
        (_, "term_id") => "届次",
        (_, "group_id") => "联络组",
        (_, "member_id") => "委员",
        (_, "activity_id") => "活动",
        (_, "session_id") => "会议",
        (_, "role") => "角色",
        (_, "sort") => "排序",
        (_, "key") => "设置项",
        (_, "value") => "值",
        (_, "reason") => "事由",
        (_, "created_at") => "创建时间",
        (_, "updated_at") => "修改时间",
        (_, "deleted_at") => "删除时间",
        _ => return column.to_string(),
    };
    l.to_string()
}

/// Columns kept in step by the program (name keys, sort keys): not shown, not chosen.
const DERIVED: &[&str] = &["name_pinyin", "name_initials", "pinyin_key", "stroke_key", "sector_sort", "term_list"];

fn is_phone(column: &str) -> bool {
    matches!(column, "mobile" | "phone" | "contact_phone" | "driver_phone")
}

/// A value as the conflict view shows it.
fn show(tx: &Connection, table: &str, column: &str, v: &Value, full: bool, fk: Option<&str>) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Blob(b) => format!("（{} 字节）", b.len()),
        Value::Text(s) => {
            if let Some(parent) = fk {
                let label: Option<String> = tx
                    .query_row(&format!("SELECT COALESCE(name, '') FROM \"{parent}\" WHERE id = ?1"), [s], |r| r.get(0))
                    .optional()
                    .ok()
                    .flatten()
                    .or_else(|| {
                        tx.query_row(&format!("SELECT COALESCE(title, '') FROM \"{parent}\" WHERE id = ?1"), [s], |r| {
                            r.get(0)
                        })
                        .optional()
                        .ok()
                        .flatten()
                    });
                if let Some(l) = label.filter(|l| !l.is_empty()) {
                    return l;
                }
            }
            if !full && column == "id_number" {
                crate::masks::mask_id(s)
            } else if !full && is_phone(column) {
                crate::masks::mask_phone(s)
            } else if table == "audit_log" && column == "changes" && s.len() > 200 {
                format!("{}…", s.chars().take(200).collect::<String>())
            } else {
                s.clone()
            }
        }
    }
}

fn parse_row(text: Option<String>) -> Option<serde_json::Map<String, serde_json::Value>> {
    text.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok()).and_then(|v| v.as_object().cloned())
}

fn parse_pk(text: &str) -> Vec<Value> {
    serde_json::from_str::<Vec<serde_json::Value>>(text).unwrap_or_default().iter().map(from_json).collect()
}

fn current(tx: &Connection, table: &str, info: &TableInfo, pk: &[Value]) -> Result<Option<Vec<Value>>> {
    let cols = info.cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let cond = info.pk.iter().map(|&i| format!("\"{}\" IS ?", info.cols[i])).collect::<Vec<_>>().join(" AND ");
    Ok(tx
        .query_row(&format!("SELECT {cols} FROM main.\"{table}\" WHERE {cond}"), params_from_iter(pk.iter()), |r| {
            (0..info.cols.len()).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?)
}

/// A stored conflict, as read.
struct Stored {
    id: String,
    kind: ConflictKind,
    op: ChangeOp,
    table: String,
    pk: Vec<Value>,
    local_pk: Option<Vec<Value>>,
    their: Option<serde_json::Map<String, serde_json::Value>>,
    created_at: String,
    resolved_at: Option<String>,
    resolution: Option<Resolution>,
    origin: String,
    sequence: u32,
}

const SELECT: &str = "SELECT c.id, c.kind, c.op, c.table_name, c.pk, c.local_pk, c.their_row, c.created_at,
        c.resolved_at, c.resolution, i.origin_name, i.sequence
    FROM exchange_conflicts c JOIN exchange_imports i ON i.id = c.import_id";

fn read_stored(r: &rusqlite::Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        kind: ConflictKind::parse(&r.get::<_, String>(1)?).unwrap_or(ConflictKind::Data),
        op: ChangeOp::parse(&r.get::<_, String>(2)?).unwrap_or(ChangeOp::Update),
        table: r.get(3)?,
        pk: parse_pk(&r.get::<_, String>(4)?),
        local_pk: r.get::<_, Option<String>>(5)?.map(|t| parse_pk(&t)),
        their: parse_row(r.get(6)?),
        created_at: r.get(7)?,
        resolved_at: r.get(8)?,
        resolution: r.get::<_, Option<String>>(9)?.and_then(|s| Resolution::parse(&s)),
        origin: r.get(10)?,
        sequence: r.get(11)?,
    })
}

fn reason(s: &Stored, has_local: bool) -> String {
    let who = &s.origin;
    match (s.kind, s.op) {
        (ConflictKind::Data, ChangeOp::Delete) => format!("{who} 删除了这条记录，而本机修改过它"),
        (ConflictKind::Data, _) => format!("本机和 {who} 都修改了这条记录"),
        (ConflictKind::Notfound, _) => format!("{who} 修改了这条记录，而本机已把它删除"),
        (ConflictKind::Conflict, _) => format!("本机和 {who} 都有这条记录，内容不同"),
        (ConflictKind::Constraint, _) if has_local => {
            format!("{who} 的记录与本机的一条记录重复（如同一身份证号在两台电脑上各录了一次）")
        }
        (ConflictKind::Constraint, _) => format!("{who} 的记录不符合本机的数据规则"),
        (ConflictKind::ForeignKey, ChangeOp::Delete) => format!("{who} 删除了这条记录，但本机还有记录用到它"),
        (ConflictKind::ForeignKey, _) => format!("{who} 的记录用到了本机没有的记录"),
    }
}

/// Build the side-by-side view of one conflict.
fn view(conn: &Connection, s: Stored, full: bool) -> Result<ExchangeConflict> {
    let info = table_info(conn, "main", &s.table)?;
    let local = match &s.local_pk {
        Some(k) => current(conn, &s.table, &info, k)?,
        None => None,
    };
    let fks: Vec<(String, String)> = {
        let mut st = conn.prepare(&format!("PRAGMA main.foreign_key_list(\"{}\")", s.table))?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(3)?, r.get::<_, String>(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let fk_of = |c: &str| fks.iter().find(|(f, _)| f == c).map(|(_, p)| p.as_str());
    let their_deleted = s.op == ChangeOp::Delete && s.their.is_none();
    let mut fields = Vec::new();
    for (i, c) in info.cols.iter().enumerate() {
        if DERIVED.contains(&c.as_str()) {
            continue;
        }
        let lv = local.as_ref().map(|r| r[i].clone());
        let tv: Option<Value> = if their_deleted {
            None
        } else {
            match s.their.as_ref().and_then(|t| t.get(c)) {
                Some(v) => Some(from_json(v)),
                // A column the other side did not send is as it was: this side's value.
                None => lv.clone(),
            }
        };
        if matches!(lv, Some(Value::Blob(_))) || matches!(tv, Some(Value::Blob(_))) {
            continue;
        }
        let differs = lv != tv;
        fields.push(ConflictField {
            column: c.clone(),
            label: column_label(&s.table, c),
            local: lv.as_ref().map(|v| show(conn, &s.table, c, v, full, fk_of(c))),
            theirs: tv.as_ref().map(|v| show(conn, &s.table, c, v, full, fk_of(c))),
            differs,
        });
    }
    let record = ["name", "title", "label", "room_no", "key"]
        .iter()
        .find_map(|c| {
            let i = info.cols.iter().position(|x| x == *c)?;
            let l = local.as_ref().map(|r| r[i].clone());
            let t = s.their.as_ref().and_then(|t| t.get(*c)).map(from_json);
            match l.or(t) {
                Some(Value::Text(v)) if !v.is_empty() => Some(v),
                _ => None,
            }
        })
        .unwrap_or_else(|| {
            s.pk.iter()
                .map(|v| match v {
                    Value::Text(t) => t.clone(),
                    v => format!("{v:?}"),
                })
                .collect::<Vec<_>>()
                .join(" / ")
        });
    let whole = s.their.as_ref().is_some_and(|t| info.cols.iter().all(|c| t.contains_key(c)));
    let has_local = local.is_some();
    Ok(ExchangeConflict {
        reason: reason(&s, has_local),
        id: s.id,
        kind: s.kind,
        op: s.op,
        table_label: table_label(&s.table).to_string(),
        table: s.table,
        record,
        source: format!("{} 第 {} 号", s.origin, s.sequence),
        origin_name: s.origin,
        created_at: s.created_at,
        has_local,
        can_take_theirs: has_local || whole,
        fields,
        resolved_at: s.resolved_at,
        resolution: s.resolution,
    })
}

impl Db {
    /// The conflicts set aside by imports: the open ones (with `resolved`, the settled ones too), oldest
    /// first. ID and phone numbers are masked unless `full`.
    pub fn exchange_conflicts(&self, resolved: bool, full: bool) -> Result<Vec<ExchangeConflict>> {
        let sql = format!(
            "{SELECT} {} ORDER BY c.created_at, c.rowid",
            if resolved { "" } else { "WHERE c.resolved_at IS NULL" }
        );
        let stored: Vec<Stored> = {
            let mut st = self.conn.prepare(&sql)?;
            let rows = st.query_map([], read_stored)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        stored.into_iter().map(|s| view(&self.conn, s, full)).collect()
    }

    /// Settle a conflict as the user chose, in one transaction with its audit entry.
    pub fn exchange_resolve(&mut self, choice: &ConflictChoice) -> Result<ExchangeConflict> {
        let tx = self.conn.transaction()?;
        let s: Stored = tx
            .query_row(&format!("{SELECT} WHERE c.id = ?1"), [&choice.id], read_stored)
            .optional()?
            .ok_or_else(|| Error::NotFound("找不到这条冲突：请刷新列表".into()))?;
        if s.resolved_at.is_some() {
            return Err(Error::Conflict("这条冲突已经处理过了：请刷新列表".into()));
        }
        let info = table_info(&tx, "main", &s.table)?;
        let local_pk = s.local_pk.clone();
        let local = match &local_pk {
            Some(k) => current(&tx, &s.table, &info, k)?,
            None => None,
        };
        let pk_text = s.pk.iter().map(|v| to_json(v).to_string()).collect::<Vec<_>>().join(",");
        let mut changes = serde_json::Map::new();
        let col_of = |c: &str| info.cols.iter().position(|x| x == c);
        match choice.resolution {
            Resolution::Local => {}
            Resolution::Theirs | Resolution::Fields => {
                let their_deleted = s.op == ChangeOp::Delete && s.their.is_none();
                if their_deleted {
                    if choice.resolution == Resolution::Fields {
                        return Err(Error::field("fields", "对方删除了这条记录：只能保留本机或采用对方（删除）"));
                    }
                    if let (Some(k), Some(row)) = (&local_pk, &local) {
                        let cond = info
                            .pk
                            .iter()
                            .map(|&i| format!("\"{}\" IS ?", info.cols[i]))
                            .collect::<Vec<_>>()
                            .join(" AND ");
                        tx.execute(
                            &format!("DELETE FROM main.\"{}\" WHERE {cond}", s.table),
                            params_from_iter(k.iter()),
                        )
                        .map_err(|e| Error::Conflict(format!("本机还有记录用到它，不能删除：{e}。请保留本机")))?;
                        for (i, c) in info.cols.iter().enumerate() {
                            changes.insert(c.clone(), serde_json::json!([to_json(&row[i]), null]));
                        }
                    }
                } else {
                    let their = s.their.clone().unwrap_or_default();
                    let cols: Vec<String> = match choice.resolution {
                        Resolution::Theirs => info
                            .cols
                            .iter()
                            .filter(|c| their.contains_key(*c) && !info.pk.iter().any(|&i| &info.cols[i] == *c))
                            .cloned()
                            .collect(),
                        _ => {
                            let mut v = Vec::new();
                            for f in &choice.fields {
                                if !their.contains_key(f) || col_of(f).is_none_or(|i| info.pk.contains(&i)) {
                                    return Err(Error::field("fields", format!("对方的版本中没有可选的字段 {f}")));
                                }
                                v.push(f.clone());
                            }
                            v
                        }
                    };
                    match (&local_pk, &local) {
                        (Some(k), Some(row)) => {
                            let mut set: Vec<(usize, Value)> = Vec::new();
                            for c in &cols {
                                let i = col_of(c).expect("checked");
                                let v = from_json(&their[c]);
                                if row[i] != v {
                                    changes.insert(c.clone(), serde_json::json!([to_json(&row[i]), to_json(&v)]));
                                    set.push((i, v));
                                }
                            }
                            // The settled row is a change of this side's: stamped, so it travels on.
                            if let Some(i) = col_of("updated_at").filter(|_| !set.is_empty()) {
                                set.retain(|(j, _)| *j != i);
                                set.push((i, Value::Text(now())));
                            }
                            update_row(&tx, &s.table, &info, k, &set).map_err(|e| {
                                Error::Conflict(format!(
                                    "采用对方的内容不符合本机的数据规则（{e}）：请逐项选择或保留本机"
                                ))
                            })?;
                        }
                        _ => {
                            if !info.cols.iter().all(|c| their.contains_key(c)) {
                                return Err(Error::Conflict(
                                    "对方只发来了改动过的字段，本机已没有这条记录，无法整条恢复：请保留本机".into(),
                                ));
                            }
                            let row: Vec<Option<Value>> = info
                                .cols
                                .iter()
                                .map(|c| {
                                    let v = from_json(&their[c]);
                                    let keep = choice.resolution == Resolution::Theirs
                                        || choice.fields.contains(c)
                                        || info.pk.iter().any(|&i| &info.cols[i] == c);
                                    Some(if keep { v } else { Value::Null })
                                })
                                .collect();
                            insert_row(&tx, &s.table, &info, &row).map_err(|e| {
                                Error::Conflict(format!(
                                    "对方的记录不能加入本机（{e}）：它用到的记录本机没有，或与本机记录重复。请保留本机"
                                ))
                            })?;
                            for (i, c) in info.cols.iter().enumerate() {
                                changes.insert(
                                    c.clone(),
                                    serde_json::json!([null, to_json(row[i].as_ref().unwrap_or(&Value::Null))]),
                                );
                            }
                        }
                    }
                }
            }
        }
        let who = actor(&tx);
        tx.execute(
            "UPDATE exchange_conflicts SET resolved_at = ?2, resolution = ?3, resolved_by = ?4 WHERE id = ?1",
            params![s.id, now(), choice.resolution.as_str(), who],
        )?;
        let mut entry = serde_json::Map::new();
        entry.insert("resolution".into(), serde_json::json!(choice.resolution.as_str()));
        entry.insert("source".into(), serde_json::json!(format!("{} 第 {} 号", s.origin, s.sequence)));
        entry.insert("fields".into(), serde_json::Value::Object(changes.clone()));
        audit(&tx, &s.table, &pk_text, "exchange_resolve", &serde_json::Value::Object(entry))?;
        if !changes.is_empty() {
            let first = s.pk.first().map(super::key_text).unwrap_or_default();
            super::after_import(&tx, &super::Touched::from([(s.table.clone(), HashSet::from([first]))]))?;
        }
        let id = s.id.clone();
        tx.commit()?;
        let s = self.conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [&id], read_stored)?;
        view(&self.conn, s, false)
    }
}
