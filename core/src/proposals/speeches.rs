//! Speeches (大会发言): a text submitted by a member or a body (a liaison group, a party, a sector, a
//! committee) for a meeting (a session), then 已采用 as 口头 / 书面 / 专题会 发言 or 未采用, then 已发言.
//! Every write is one transaction with its audit entry and keeps the search index current.

use super::types::*;
use super::{check_submitter, submitter_cols, submitter_name_sql, submitter_sector_sql};
use crate::dates::{fmt_date, today};
use crate::db::{audit, changes, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::{code, opt_code};
use crate::search::{self, SearchKind};
use crate::trash;
use crate::validate::Errs;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde_json::json;

fn row_select() -> String {
    format!(
        "SELECT sp.id, sp.session_id, s.name, CAST(substr(s.start_date, 1, 4) AS INTEGER), sp.title, sp.submitter_kind,
                COALESCE(sp.member_id, sp.group_id, sp.ref_id), COALESCE({}, ''), COALESCE({}, ''), sp.submitted_date,
                sp.state, sp.adoption, sp.delivered_date, sp.deleted_at IS NOT NULL
         FROM speeches sp JOIN sessions s ON s.id = sp.session_id",
        submitter_name_sql("sp", "submitter_kind"),
        submitter_sector_sql("sp", "submitter_kind")
    )
}

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<SpeechRow> {
    Ok(SpeechRow {
        id: r.get(0)?,
        session_id: r.get(1)?,
        session: r.get(2)?,
        year: r.get(3)?,
        title: r.get(4)?,
        submitter_kind: code(r, 5, SubmitterKind::parse)?,
        submitter_id: r.get(6)?,
        submitter: r.get(7)?,
        sector: r.get(8)?,
        submitted_date: r.get(9)?,
        state: code(r, 10, SpeechState::parse)?,
        adoption: opt_code(r, 11, SpeechAdoption::parse)?,
        delivered_date: r.get(12)?,
        deleted: r.get(13)?,
    })
}

fn row_in(conn: &Connection, id: &str) -> Result<SpeechRow> {
    conn.prepare_cached(&format!("{} WHERE sp.id = ?1", row_select()))?
        .query_row([id], read_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("该大会发言不存在".into()))
}

fn next_of(state: SpeechState) -> Vec<SpeechState> {
    use SpeechState::*;
    match state {
        Submitted => vec![Adopted, NotAdopted],
        Adopted => vec![Delivered, Submitted],
        NotAdopted => vec![Adopted, Submitted],
        Delivered => vec![],
    }
}

fn snapshot(i: &SpeechInput, who: &str) -> serde_json::Value {
    json!({ "session_id": i.session_id, "title": i.title, "body": i.body, "submitter": who,
            "submitted_date": i.submitted_date })
}

impl Db {
    /// Speeches matching a query, newest meeting first, with the counts per state.
    pub fn speeches(&self, q: &SpeechQuery) -> Result<SpeechList> {
        let mut wh = vec![if q.deleted { "sp.deleted_at IS NOT NULL" } else { "sp.deleted_at IS NULL" }.to_string()];
        let mut args: Vec<String> = Vec::new();
        if let Some(s) = q.session_id.as_deref().filter(|s| !s.is_empty()) {
            args.push(s.into());
            wh.push(format!("sp.session_id = ?{}", args.len()));
        }
        if let Some(y) = q.year {
            args.push(y.to_string());
            wh.push(format!("substr(s.start_date, 1, 4) = ?{}", args.len()));
        }
        if let Some(m) = q.member_id.as_deref().filter(|m| !m.is_empty()) {
            args.push(m.into());
            wh.push(format!("sp.member_id = ?{}", args.len()));
        }
        let base = wh.join(" AND ");
        let mut by: std::collections::HashMap<String, u32> = Default::default();
        let mut total = 0;
        {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT sp.state, COUNT(*) FROM speeches sp JOIN sessions s ON s.id = sp.session_id WHERE {base}
                 GROUP BY sp.state"
            ))?;
            for r in
                st.query_map(params_from_iter(args.iter()), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?
            {
                let (s, n) = r?;
                total += n;
                by.insert(s, n);
            }
        }
        let counts = SpeechState::ALL
            .iter()
            .map(|s| StateCount { state: s.as_str().into(), count: by.get(s.as_str()).copied().unwrap_or(0) })
            .collect();
        let mut wh = base;
        if let Some(s) = q.state {
            args.push(s.as_str().into());
            wh.push_str(&format!(" AND sp.state = ?{}", args.len()));
        }
        let mut st = self.conn.prepare_cached(&format!(
            "{} WHERE {wh} ORDER BY s.start_date DESC, sp.submitted_date, sp.created_at, sp.id",
            row_select()
        ))?;
        let rows = st.query_map(params_from_iter(args.iter()), read_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(SpeechList { rows, counts, total })
    }

    pub fn speech(&self, id: &str) -> Result<SpeechDetail> {
        let speech = row_in(&self.conn, id)?;
        let body: String = self.conn.query_row("SELECT body FROM speeches WHERE id = ?1", [id], |r| r.get(0))?;
        let next = if speech.deleted { vec![] } else { next_of(speech.state) };
        Ok(SpeechDetail { speech, body, next })
    }

    /// Submit a speech (no id) or edit one not yet delivered.
    pub fn save_speech(&mut self, i: SpeechInput) -> Result<SpeechDetail> {
        let tx = self.conn.transaction()?;
        let id = save_speech_in(&tx, i)?;
        tx.commit()?;
        self.speech(&id)
    }

    /// Adopt a speech (as 口头 / 书面 / 专题会), not adopt it, mark it delivered, or take it back to 已提交.
    pub fn speech_step(&mut self, step: SpeechStep) -> Result<SpeechDetail> {
        let tx = self.conn.transaction()?;
        let id = speech_step_in(&tx, step)?;
        tx.commit()?;
        self.speech(&id)
    }

    pub fn delete_speech(&mut self, id: &str) -> Result<()> {
        self.set_speech_deleted(id, true)
    }

    pub fn restore_speech(&mut self, id: &str) -> Result<()> {
        self.set_speech_deleted(id, false)
    }

    fn set_speech_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let r = row_in(&self.conn, id)?;
        if r.deleted == delete {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::SPEECHES, id, "title", &r.title).apply(&tx, delete)?;
        search::index(&tx, SearchKind::Speech, id)?;
        tx.commit()?;
        Ok(())
    }
}

/// `Db::save_speech` in the caller's transaction; returns the speech's id.
pub(crate) fn save_speech_in(tx: &Connection, mut i: SpeechInput) -> Result<String> {
    let mut e = Errs::new();
    i.title = i.title.trim().to_string();
    i.body = i.body.trim().to_string();
    if i.title.is_empty() {
        e.push("title", "请填写发言题目");
    } else if i.title.chars().count() > 200 {
        e.push("title", "发言题目过长，请不超过 200 个字");
    }
    match tx
        .query_row("SELECT deleted_at IS NOT NULL FROM sessions WHERE id = ?1", [&i.session_id], |r| {
            r.get::<_, bool>(0)
        })
        .optional()?
    {
        None => e.push("session_id", "请选择发言所在的会议"),
        Some(true) => e.push("session_id", "所选会议已删除，请重新选择"),
        Some(false) => {}
    }
    i.submitter.id = i.submitter.id.trim().to_string();
    let who = match check_submitter(tx, &i.submitter)? {
        Ok(n) => n,
        Err(m) => {
            e.push("submitter", format!("发言人：{m}"));
            String::new()
        }
    };
    let mut d = i.submitted_date.clone();
    i.submitted_date = match e.date("submitted_date", "提交日期", &mut d) {
        Some(d) => fmt_date(d),
        None => fmt_date(today()),
    };
    let old = match &i.id {
        Some(id) => {
            let r = row_in(tx, id)?;
            if r.deleted {
                return Err(Error::Conflict(format!("大会发言“{}”已删除，请先恢复再编辑", r.title)));
            }
            if r.state == SpeechState::Delivered {
                return Err(Error::Conflict(format!("大会发言“{}”已发言，不能再修改", r.title)));
            }
            let body: String = tx.query_row("SELECT body FROM speeches WHERE id = ?1", [id], |r| r.get(0))?;
            Some(snapshot(
                &SpeechInput {
                    id: Some(r.id.clone()),
                    session_id: r.session_id.clone(),
                    title: r.title.clone(),
                    body,
                    submitter: SubmitterInput { kind: r.submitter_kind, id: r.submitter_id.clone() },
                    submitted_date: r.submitted_date.clone(),
                },
                &r.submitter,
            ))
        }
        None => None,
    };
    e.done()?;
    let id = i.id.clone().unwrap_or_else(new_id);
    let (m, g, r) = submitter_cols(&i.submitter);
    let t = now();
    if old.is_some() {
        tx.execute(
            "UPDATE speeches SET session_id = ?2, title = ?3, body = ?4, submitter_kind = ?5, member_id = ?6,
                        group_id = ?7, ref_id = ?8, submitted_date = ?9, updated_at = ?10 WHERE id = ?1",
            params![id, i.session_id, i.title, i.body, i.submitter.kind.as_str(), m, g, r, i.submitted_date, t],
        )?;
    } else {
        tx.execute(
            "INSERT INTO speeches (id, session_id, title, body, submitter_kind, member_id, group_id, ref_id,
                        submitted_date, state, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'submitted', ?10, ?10)",
            params![id, i.session_id, i.title, i.body, i.submitter.kind.as_str(), m, g, r, i.submitted_date, t],
        )?;
    }
    let ch = changes(old.as_ref(), &snapshot(&i, &who));
    audit(&tx, "speech", &id, if old.is_some() { "update" } else { "create" }, &ch)?;
    search::index(&tx, SearchKind::Speech, &id)?;
    Ok(id)
}

/// `Db::speech_step` in the caller's transaction; returns the speech's id.
pub(crate) fn speech_step_in(tx: &Connection, step: SpeechStep) -> Result<String> {
    use SpeechState::*;
    let r = row_in(tx, &step.id)?;
    if r.deleted {
        return Err(Error::Conflict(format!("大会发言“{}”已删除，请先恢复", r.title)));
    }
    let from = r.state;
    let to = step.to;
    if !next_of(from).contains(&to) {
        let why = match (from, to) {
            (_, Delivered) if from != Delivered => {
                "尚未采用，不能标记为已发言：请先采用（口头、书面或专题会发言）".to_string()
            }
            (Delivered, _) => "已发言，不能再改变".into(),
            _ => format!("已是“{}”", from.label()),
        };
        return Err(Error::Conflict(format!("大会发言“{}”{why}", r.title)));
    }
    let mut e = Errs::new();
    if to == Adopted && step.adoption.is_none() {
        e.push("adoption", "请选择采用方式：口头发言、书面发言或专题会发言");
    }
    let mut d = step.date.clone();
    let date = e.date("date", "发言日期", &mut d).map(fmt_date).unwrap_or_else(|| fmt_date(today()));
    e.done()?;
    let adoption = match to {
        Adopted => step.adoption,
        Delivered => r.adoption,
        _ => None,
    };
    tx.execute(
        "UPDATE speeches SET state = ?2, adoption = ?3, delivered_date = ?4, updated_at = ?5 WHERE id = ?1",
        params![
            step.id,
            to.as_str(),
            adoption.map(|a| a.as_str()),
            if to == Delivered { Some(date.clone()) } else { None },
            now()
        ],
    )?;
    audit(
        &tx,
        "speech",
        &step.id,
        to.as_str(),
        &json!({ "state": [from.label(), to.label()], "adoption": [r.adoption.map(|a| a.label()), adoption.map(|a| a.label())],
                     "date": date }),
    )?;
    search::index(&tx, SearchKind::Speech, &step.id)?;
    Ok(step.id)
}
