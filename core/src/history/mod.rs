//! History (操作记录): the audit log read back for people — per record and for the whole database, with
//! filters and paging — the one 回收站 of every kind of deleted record, and an earlier value of a
//! member's field put back.
//!
//! What the log keeps: every entry says who (the operator set on this laptop, else the OS user), when
//! (UTC), which record, the action, and each changed field old → new. Values are kept whole — ID and
//! phone numbers too — so that an earlier value or an import can be restored exactly. They are masked
//! when shown (here, with the masks of the roster); the database itself is what protects them (0600,
//! optional encryption). Entries written before this version hold masked ID and phone numbers of
//! members: those are shown as they are and cannot be restored (`restorable` is false for a value
//! with a mask's stars).

pub mod types;

pub use types::*;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::masks::{mask_id, mask_phone, mask_phones};
use crate::members::MemberStatus;
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, OptionalExtension};
use serde_json::Value;

/// The kinds the log page filters by, with the audit entities each covers.
pub const KINDS: &[(&str, &str, &[&str])] = &[
    ("member", "委员", &["member"]),
    ("group", "联络组", &["group"]),
    ("activity", "活动 · 走访", &["activity", "visit_round", "follow_up", "reflection", "attachment", "upper_member"]),
    ("session", "全会 · 常委会", &["session", "sitting", "check_in", "attendee", "hall_layout"]),
    ("list", "届次与列表", &["term", "sector", "party", "committee", "role", "township", "ref_item"]),
    ("import", "导入", &["import"]),
    ("export", "导出（含完整号码）", &["export"]),
    ("setting", "设置", &["setting", "local_setting", "demo", "work_plan"]),
];

/// An audit entity in Chinese.
pub fn entity_label(entity: &str) -> &'static str {
    match entity {
        "member" => "委员",
        "group" => "联络组",
        "activity" => "活动",
        "visit_round" => "走访计划",
        "upper_member" => "驻地上级政协委员",
        "follow_up" => "跟进事项",
        "reflection" => "心得体会",
        "attachment" => "附件",
        "session" => "全会 · 常委会",
        "sitting" => "场次",
        "check_in" => "报到",
        "attendee" => "参会人员",
        "hall_layout" => "会场布局",
        "term" => "届次",
        "sector" => "界别",
        "party" => "政治面貌",
        "committee" => "专委会",
        "role" => "政协职务",
        "township" => "乡镇/街道",
        "ref_item" => "列表项",
        "import" => "导入",
        "export" => "导出",
        "setting" => "设置",
        "local_setting" => "本机设置",
        "demo" => "演示数据",
        "deed" => "实事与项目",
        "score_adjustment" => "加减分",
        "score_rules" => "积分规则",
        "five_ones" => "五个一",
        "work_plan" => "工作计划",
        _ => "记录",
    }
}

/// An audit action in Chinese (the parts' own actions named by what they did).
pub fn action_label(action: &str) -> String {
    let s = match action {
        "create" => "新增",
        "update" => "修改",
        "delete" => "删除",
        "restore" => "恢复",
        "import" => "导入",
        "undo" => "撤销导入",
        "export_personal" => "导出含完整号码的文件",
        "status" => "改状态",
        "stops" => "改行程",
        "invite" => "邀请",
        "uninvite" => "取消邀请",
        "attendance" => "登记出勤",
        "outcome" => "登记走访结果",
        "add_members" => "加入名单",
        "remove_person" => "移出名单",
        "group_create" => "新增讨论组",
        "group_move" => "调整分组",
        "sittings_plan" => "排场次",
        "sitting_delete" => "删除场次",
        "check_in_undo" => "撤销报到",
        "follow_up_delete" => "删除跟进事项",
        "reflection_delete" => "删除心得体会",
        "attachment_remove" => "移除附件",
        "load" => "载入",
        "five_ones_tick" => "勾选五个一",
        a => return a.replace('_', " "),
    };
    s.to_string()
}

/// A field of an entry in Chinese.
pub fn field_label(field: &str) -> &str {
    match field {
        "name" => "名称",
        "gender" => "性别",
        "ethnicity" => "民族",
        "birth_date" => "出生日期",
        "native_place" => "籍贯",
        "id_number" => "身份证号",
        "party" => "政治面貌",
        "sector" => "界别",
        "committee" => "专委会",
        "roles" => "政协职务",
        "terms" => "届次",
        "work_unit" => "工作单位",
        "job_title" => "职务",
        "professional_title" => "职称",
        "education" => "学历",
        "mobile" => "手机",
        "phone" => "电话",
        "address" => "通讯地址",
        "postcode" => "邮编",
        "group" => "联络组",
        "groups" => "讨论组",
        "status" => "状态",
        "notes" => "备注",
        "photo" => "照片",
        "deleted_at" => "删除时间",
        "township" => "乡镇/街道",
        "contact_person" => "联系人",
        "contact_phone" => "联系电话",
        "contact" => "联系人及电话",
        "title" => "标题",
        "kind" => "类型",
        "date" | "start_date" => "日期",
        "end_date" => "结束日期",
        "time" | "start_time" => "时间",
        "end_time" => "结束时间",
        "place" => "地点",
        "content" => "内容",
        "responsible" => "负责人",
        "organiser" => "组织方",
        "joint_groups" => "联合组织",
        "level" => "级别",
        "unit" => "工作单位及职务",
        "summary" => "总结",
        "suggestions" => "意见建议",
        "methods" => "方式",
        "vehicles" => "车辆",
        "meals" => "用餐",
        "signup_mode" => "报名方式",
        "signup_deadline" => "报名截止",
        "material" => "学习材料",
        "stops" => "行程",
        "invited" => "邀请",
        "person" => "人员",
        "people" => "人员",
        "members" => "委员",
        "member" => "委员",
        "visits" => "走访",
        "sittings" => "场次",
        "sitting" => "场次",
        "layout" => "会场布局",
        "leave" => "请假",
        "signed_in" => "签到",
        "moved" => "调整",
        "file" => "文件",
        "document" => "文件种类",
        "rows" => "行数",
        "id_numbers" => "含完整身份证号",
        "phones" => "含完整电话",
        "created" => "新增委员",
        "updated" => "更新委员",
        "lists_added" => "新增列表项",
        "deleted_members" => "删除新增的委员",
        "reverted_members" => "恢复原值的委员",
        "deleted_lists" => "删除新增的列表项",
        "due_date" => "期限",
        "done_date" => "完成日期",
        "attachment" => "附件",
        "operator" => "操作人",
        "backup_dir" => "备份文件夹",
        "office_name" => "单位名称",
        f => f,
    }
}

/// A value as shown: text as it is, a list joined with 、, nothing as empty, anything else as compact
/// JSON (cut at 200 characters); ID and phone numbers masked by their field, phone numbers inside free
/// text masked too.
pub fn show_value(field: &str, v: &Value) -> String {
    let text = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => (if *b { "是" } else { "否" }).to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) if a.iter().all(|x| x.is_string()) => {
            a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join("、")
        }
        other => {
            let s = other.to_string();
            if s.chars().count() > 200 {
                format!("{}…", s.chars().take(200).collect::<String>())
            } else {
                s
            }
        }
    };
    if text.is_empty() {
        return text;
    }
    if field == "status" && (text == "active" || text == "left") {
        return MemberStatus::parse(&text).label().to_string();
    }
    if field == "deleted_at" || field == "at" {
        return crate::db::local_time(&text);
    }
    match field {
        "id_number" if !text.contains('*') => mask_id(&text),
        "mobile" | "phone" | "contact_phone" if !text.contains('*') => mask_phone(&text),
        "id_number" | "mobile" | "phone" | "contact_phone" => text,
        _ => mask_phones(&text),
    }
}

/// A member's own fields an earlier value can be put back into (the lists, terms, roles and group
/// are logged by name: they are changed in the form).
const RESTORABLE: &[&str] = &[
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "native_place",
    "id_number",
    "work_unit",
    "job_title",
    "professional_title",
    "education",
    "mobile",
    "phone",
    "address",
    "postcode",
    "notes",
    "status",
];

/// Local day (YYYY-MM-DD) → the UTC instant it starts at, as stored (`db::now`'s form). `next`: the
/// start of the following day.
fn day_start(day: &str, next: bool, field: &str) -> Result<String> {
    use chrono::TimeZone;
    let d = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| Error::field(field, format!("日期“{day}”无法识别，请写成 2026-11-30")))?;
    let d = if next { d.succ_opt().unwrap_or(d) } else { d };
    let local = chrono::Local
        .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .ok_or_else(|| Error::field(field, format!("日期“{day}”无法识别")))?;
    Ok(local.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

impl Db {
    /// One page of the log (newest first) with the filters of `q`, and how many entries match.
    pub fn history(&self, q: &HistoryQuery) -> Result<HistoryPage> {
        let mut cond: Vec<String> = Vec::new();
        let mut args: Vec<Sql> = Vec::new();
        let arg = |v: String, args: &mut Vec<Sql>| {
            args.push(Sql::Text(v));
            format!("?{}", args.len())
        };
        if !q.entity_id.is_empty() {
            let p = arg(q.entity_id.clone(), &mut args);
            cond.push(format!("entity_id = {p}"));
        }
        if !q.actor.is_empty() {
            let p = arg(q.actor.clone(), &mut args);
            cond.push(format!("actor = {p}"));
        }
        if !q.kind.is_empty() {
            let (_, _, entities) = KINDS
                .iter()
                .find(|(k, _, _)| *k == q.kind)
                .ok_or_else(|| Error::field("kind", format!("未知的记录类型：{}", q.kind)))?;
            let ps: Vec<String> = entities.iter().map(|e| arg(e.to_string(), &mut args)).collect();
            cond.push(format!("entity IN ({})", ps.join(", ")));
        }
        if !q.from.trim().is_empty() {
            let p = arg(day_start(&q.from, false, "from")?, &mut args);
            cond.push(format!("at >= {p}"));
        }
        if !q.to.trim().is_empty() {
            let p = arg(day_start(&q.to, true, "to")?, &mut args);
            cond.push(format!("at < {p}"));
        }
        let text = q.text.trim();
        if !text.is_empty() {
            let like = format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            let p = arg(like, &mut args);
            cond.push(format!(
                "(changes LIKE {p} ESCAPE '\\' OR actor LIKE {p} ESCAPE '\\' OR entity_id IN (
                    SELECT id FROM members WHERE name LIKE {p} ESCAPE '\\'
                    UNION ALL SELECT id FROM liaison_groups WHERE name LIKE {p} ESCAPE '\\'
                    UNION ALL SELECT id FROM activities WHERE title LIKE {p} ESCAPE '\\'
                    UNION ALL SELECT id FROM sessions WHERE name LIKE {p} ESCAPE '\\'))"
            ));
        }
        let wh = if cond.is_empty() { String::new() } else { format!("WHERE {}", cond.join(" AND ")) };
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM audit_log {wh}"))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        let size = if q.page_size == 0 { 50 } else { q.page_size.min(500) };
        let mut page_args = args.clone();
        page_args.push(Sql::Integer(size as i64));
        page_args.push(Sql::Integer(q.page as i64 * size as i64));
        let n = args.len();
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT id, at, actor, entity, entity_id, action, changes, run_id FROM audit_log {wh}
             ORDER BY at DESC, id DESC LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        ))?;
        let rows = st.query_map(params_from_iter(page_args.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (id, at, actor, entity, entity_id, action, changes, run_id) = row?;
            entries.push(self.entry(id, at, actor, entity, entity_id, action, &changes, run_id)?);
        }
        Ok(HistoryPage { entries, total })
    }

    /// Who appears in the log (for the filter), most recent first.
    pub fn history_actors(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare("SELECT actor FROM audit_log GROUP BY actor ORDER BY MAX(at) DESC")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    #[allow(clippy::too_many_arguments)]
    fn entry(
        &self,
        id: String,
        at: String,
        actor: String,
        entity: String,
        entity_id: String,
        action: String,
        changes: &str,
        run_id: Option<String>,
    ) -> Result<HistoryEntry> {
        let v: Value = serde_json::from_str(changes).unwrap_or(Value::Null);
        let live_member = entity == "member"
            && crate::db::exists(
                &self.conn,
                "SELECT 1 FROM members WHERE id = ?1 AND deleted_at IS NULL",
                [&entity_id],
            )?;
        let mut out = Vec::new();
        if let Some(obj) = v.as_object() {
            for (k, pair) in obj {
                let (old, new) = match pair.as_array() {
                    Some(a) if a.len() == 2 => (&a[0], &a[1]),
                    _ => (&Value::Null, pair),
                };
                // Blank to blank says nothing (entries written before `db::changes` left them out).
                let blank = |v: &Value| {
                    v.is_null() || v.as_str() == Some("") || v.as_array().map(|a| a.is_empty()).unwrap_or(false)
                };
                if blank(old) && blank(new) {
                    continue;
                }
                let restorable = live_member
                    && action == "update"
                    && RESTORABLE.contains(&k.as_str())
                    && old.as_str().map(|s| !s.contains('*')).unwrap_or(false);
                out.push(HistoryChange {
                    field: k.clone(),
                    label: field_label(k).to_string(),
                    old: show_value(k, old),
                    new: show_value(k, new),
                    restorable,
                });
            }
        }
        // The record's own name first (it names the record); a "name" the same on both sides is only that.
        out.retain(|c| !(c.field == "name" && c.old == c.new && action != "delete" && action != "restore"));
        let record = self.record_name(&entity, &entity_id, &v)?;
        Ok(HistoryEntry {
            id,
            at,
            actor,
            entity_label: entity_label(&entity).to_string(),
            entity,
            entity_id,
            record,
            action_label: action_label(&action),
            action,
            changes: out,
            run_id,
        })
    }

    /// The name of an entry's record: from its table where it has one, else from the entry.
    fn record_name(&self, entity: &str, id: &str, v: &Value) -> Result<String> {
        let sql = match entity {
            "member" => Some("SELECT name FROM members WHERE id = ?1"),
            "group" => Some("SELECT name FROM liaison_groups WHERE id = ?1"),
            "activity" => Some("SELECT title FROM activities WHERE id = ?1"),
            "visit_round" => Some("SELECT title FROM visit_rounds WHERE id = ?1"),
            "upper_member" => Some("SELECT name FROM upper_members WHERE id = ?1"),
            "session" => Some("SELECT name FROM sessions WHERE id = ?1"),
            "hall_layout" => Some("SELECT name FROM hall_layouts WHERE id = ?1"),
            "term" => Some("SELECT name FROM terms WHERE id = ?1"),
            "sector" | "party" | "committee" | "role" | "township" | "ref_item" => {
                Some("SELECT name FROM ref_items WHERE id = ?1")
            }
            "import" => Some("SELECT file FROM import_runs WHERE id = ?1"),
            _ => None,
        };
        if let Some(sql) = sql {
            let found: Option<String> = self.conn.prepare_cached(sql)?.query_row([id], |r| r.get(0)).optional()?;
            if let Some(n) = found {
                return Ok(n);
            }
        }
        if entity == "export" {
            return Ok(std::path::Path::new(id)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| id.to_string()));
        }
        if entity == "work_plan" {
            return Ok(format!("{id}年工作计划"));
        }
        if entity == "setting" || entity == "local_setting" {
            return Ok(field_label(id).to_string());
        }
        for k in ["name", "title", "file"] {
            if let Some(pair) = v.get(k).and_then(|p| p.as_array()) {
                for x in pair.iter().rev() {
                    if let Some(s) = x.as_str().filter(|s| !s.is_empty()) {
                        return Ok(s.to_string());
                    }
                }
            }
        }
        Ok(String::new())
    }

    /// Put a member's field back to its old value in an entry of its history (恢复此值): through the
    /// member's form path (the same checks: an ID number now another member's is refused), as one
    /// change with its own audit entry. `loaded` is the member's `updated_at` as the screen showed it
    /// (a stale screen is refused).
    pub fn restore_history_value(
        &mut self,
        entry_id: &str,
        field: &str,
        loaded: Option<String>,
    ) -> Result<crate::members::MemberDetail> {
        let (entity, entity_id, action, changes): (String, String, String, String) = self
            .conn
            .query_row("SELECT entity, entity_id, action, changes FROM audit_log WHERE id = ?1", [entry_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?
            .ok_or_else(|| Error::NotFound("找不到这条操作记录".into()))?;
        let label = field_label(field).to_string();
        if entity != "member" || action != "update" || !RESTORABLE.contains(&field) {
            return Err(Error::Conflict(format!("“{label}”的这次修改不能从记录中恢复，请在表单中修改")));
        }
        let v: Value = serde_json::from_str(&changes).unwrap_or(Value::Null);
        let old = v
            .get(field)
            .and_then(|p| p.as_array())
            .and_then(|a| a.first())
            .and_then(|o| o.as_str())
            .ok_or_else(|| Error::Conflict(format!("这条记录没有“{label}”的原值")))?;
        if old.contains('*') {
            return Err(Error::Conflict(format!(
                "这条记录中“{label}”的原值是遮盖过的（较早版本写入的记录），不能恢复，请在表单中填写"
            )));
        }
        let m = self.member(&entity_id)?;
        if m.deleted_at.is_some() {
            return Err(Error::Conflict(format!("委员“{}”已删除，请先在回收站中恢复", m.name)));
        }
        let mut input = m.as_input();
        input.updated_at = loaded;
        let old = old.to_string();
        match field {
            "name" => input.name = old,
            "gender" => input.gender = old,
            "ethnicity" => input.ethnicity = old,
            "birth_date" => input.birth_date = old,
            "native_place" => input.native_place = old,
            "id_number" => input.id_number = old,
            "work_unit" => input.work_unit = old,
            "job_title" => input.job_title = old,
            "professional_title" => input.professional_title = old,
            "education" => input.education = old,
            "mobile" => input.mobile = old,
            "phone" => input.phone = old,
            "address" => input.address = old,
            "postcode" => input.postcode = old,
            "notes" => input.notes = old,
            "status" if old == "active" || old == "left" => input.status = Some(MemberStatus::parse(&old)),
            "status" => return Err(Error::Conflict(format!("状态“{old}”无法识别，不能恢复"))),
            _ => unreachable!("RESTORABLE"),
        }
        self.save_member(input)
    }

    /// Every deleted record of every kind, last deleted first: the one 回收站. `kind` (a `TrashItem`
    /// kind) narrows it; empty: all.
    pub fn trash(&self, kind: &str) -> Result<Vec<TrashItem>> {
        const SOURCES: &[(&str, &str)] = &[
            (
                "member",
                "SELECT 'member', m.id, m.name, trim(COALESCE(s.name, '') || ' ' || m.work_unit), m.deleted_at
                 FROM members m LEFT JOIN ref_items s ON s.id = m.sector_id WHERE m.deleted_at IS NOT NULL",
            ),
            (
                "group",
                "SELECT 'group', g.id, g.name, COALESCE(t.name, ''), g.deleted_at
                 FROM liaison_groups g LEFT JOIN terms t ON t.id = g.term_id WHERE g.deleted_at IS NOT NULL",
            ),
            (
                "activity",
                "SELECT 'activity', a.id, a.title, COALESCE(a.start_date, ''), a.deleted_at FROM activities a
                 WHERE a.deleted_at IS NOT NULL AND a.id NOT IN (SELECT activity_id FROM sessions)
                   AND (a.round_id IS NULL OR a.round_id NOT IN (SELECT id FROM visit_rounds WHERE deleted_at = a.deleted_at))",
            ),
            (
                "visit_round",
                "SELECT 'visit_round', id, title, '', deleted_at FROM visit_rounds WHERE deleted_at IS NOT NULL",
            ),
            (
                "session",
                "SELECT 'session', id, name, COALESCE(start_date, ''), deleted_at FROM sessions WHERE deleted_at IS NOT NULL",
            ),
            (
                "upper_member",
                "SELECT 'upper_member', id, name, CASE level WHEN 'city' THEN '市政协' WHEN 'province' THEN '省政协'
                   ELSE '全国政协' END, deleted_at FROM upper_members WHERE deleted_at IS NOT NULL",
            ),
            ("list", "SELECT kind, id, name, '', deleted_at FROM ref_items WHERE deleted_at IS NOT NULL"),
            (
                "deed",
                "SELECT 'deed', d.id, d.what, m.name || ' ' || d.deed_date, d.deleted_at
                 FROM member_deeds d JOIN members m ON m.id = d.member_id WHERE d.deleted_at IS NOT NULL",
            ),
            (
                "score_adjustment",
                "SELECT 'score_adjustment', a.id, a.reason, m.name || ' ' || a.year || '年 ' || a.points || ' 分', a.deleted_at
                 FROM score_adjustments a JOIN members m ON m.id = a.member_id WHERE a.deleted_at IS NOT NULL",
            ),
        ];
        let mut out = Vec::new();
        for (k, sql) in SOURCES {
            let wanted = kind.is_empty()
                || kind == *k
                || (*k == "list" && ["sector", "party", "committee", "role", "township"].contains(&kind));
            if !wanted {
                continue;
            }
            let mut st = self.conn.prepare_cached(sql)?;
            let rows = st.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            for row in rows {
                let (kind_, id, name, detail, deleted_at) = row?;
                if *k == "list" && !kind.is_empty() && kind != "list" && kind != kind_ {
                    continue;
                }
                out.push(TrashItem {
                    kind_label: entity_label(&kind_).to_string(),
                    kind: kind_,
                    id,
                    name,
                    detail: mask_phones(&detail),
                    deleted_at,
                    deleted_by: String::new(),
                });
            }
        }
        out.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then_with(|| b.id.cmp(&a.id)));
        // Who deleted each: the record's last delete entry.
        let mut st = self.conn.prepare_cached(
            "SELECT actor FROM audit_log WHERE entity_id = ?1 AND action = 'delete' ORDER BY at DESC LIMIT 1",
        )?;
        for it in &mut out {
            it.deleted_by = st.query_row([&it.id], |r| r.get(0)).optional()?.unwrap_or_default();
        }
        Ok(out)
    }

    /// Restore a deleted record of any kind from the 回收站, with what went with it (each domain's own
    /// restore: one transaction, its cascades, its checks — an ID number now used by another member,
    /// a name now taken — refused with the reason).
    pub fn trash_restore(&mut self, kind: &str, id: &str) -> Result<()> {
        use crate::refs::RefKind;
        match kind {
            "member" => self.restore_member(id),
            "group" => self.restore_group(id).map(|_| ()),
            "activity" => self.restore_activity(id),
            "visit_round" => self.restore_visit_round(id),
            "session" => self.restore_session(id),
            "deed" => self.restore_deed(id),
            "score_adjustment" => self.restore_score_adjustment(id),
            "upper_member" => self.restore_upper_member(id),
            k => match RefKind::parse(k) {
                Some(rk) => self.restore_ref(rk, id).map(|_| ()),
                None => Err(Error::field("kind", format!("未知的记录类型：{k}"))),
            },
        }
    }
}

/// An entry's changes (JSON text) with ID and phone numbers masked, for what still shows the raw
/// entries (the member drawer's 修改记录 before it reads the history).
pub fn masked_changes(changes: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(changes) else {
        return changes.to_string();
    };
    if let Some(obj) = v.as_object_mut() {
        for (k, pair) in obj.iter_mut() {
            if !["id_number", "mobile", "phone", "contact_phone"].contains(&k.as_str()) {
                continue;
            }
            if let Some(a) = pair.as_array_mut() {
                for x in a.iter_mut() {
                    if x.as_str().is_some() {
                        *x = Value::String(show_value(k, x));
                    }
                }
            }
        }
    }
    v.to_string()
}
