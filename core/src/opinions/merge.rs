//! Several reports merged into a combined one (综合): the combined report carries the office's text
//! (already edited: it is 核稿中 from the start), the sources' submitters with their roles (each source's
//! first submitter stays a first submitter, for the scoring), and the links to its sources; each source
//! points at it (`merged_into`) and cannot be adopted on its own while it does.

use super::types::*;
use super::{submitters_in, write_submitters, St};
use crate::dates::{fmt_date, today};
use crate::db::{actor, audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::code;
use crate::validate::Errs;
use rusqlite::{params, Connection};
use serde_json::json;

pub(crate) fn sources_in(conn: &Connection, id: &str) -> Result<Vec<OpinionRef>> {
    let mut st = conn.prepare_cached(
        "SELECT o.id, COALESCE(NULLIF(o.edited_title, ''), o.title), o.state,
                COALESCE((SELECT group_concat(name, '、') FROM
                   (SELECT name FROM opinion_submitters s WHERE s.opinion_id = o.id ORDER BY s.seq)), '')
         FROM opinion_sources x JOIN opinions o ON o.id = x.source_id WHERE x.combined_id = ?1 ORDER BY x.seq",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(OpinionRef {
            id: r.get(0)?,
            title: r.get(1)?,
            state: code(r, 2, OpinionState::parse)?,
            submitters: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Db {
    /// Merge submitted reports into a new combined report (综合) with the office's text; the sources keep
    /// their own text and state, linked both ways. One transaction.
    pub fn merge_opinions(&mut self, mut input: MergeInput) -> Result<OpinionDetail> {
        let mut e = Errs::new();
        let t = &mut input.text;
        for s in [&mut t.title, &mut t.situation, &mut t.problem, &mut t.suggestion] {
            *s = s.trim().to_string();
        }
        if t.title.is_empty() {
            e.push("title", "请填写综合信息的标题");
        } else if t.title.chars().count() > 80 {
            e.push("title", "标题过长，请不超过 80 个字");
        }
        if [&t.situation, &t.problem, &t.suggestion].iter().all(|p| p.is_empty()) {
            e.push("situation", "请填写综合信息的情况、问题或建议");
        }
        if input.date.trim().is_empty() {
            input.date = fmt_date(today());
        } else {
            e.date("date", "日期", &mut input.date);
        }
        let mut ids: Vec<String> = Vec::new();
        for i in &input.source_ids {
            if !ids.contains(i) {
                ids.push(i.clone());
            }
        }
        if ids.len() < 2 {
            e.push("source_ids", "请至少选择两篇信息进行综合");
        }
        let mut titles = Vec::new();
        for id in &ids {
            let st = St::load(&self.conn, id)?.live()?;
            if st.combined {
                return Err(Error::Conflict(format!("“{}”本身是综合信息，不能再次综合", st.title)));
            }
            if let Some(c) = &st.merged_into {
                return Err(Error::Conflict(format!("“{}”已并入综合信息“{c}”", st.title)));
            }
            let st = st.must_be(&[OpinionState::Submitted, OpinionState::Editing], "参与综合")?;
            titles.push(st.title);
        }
        e.done()?;
        // The sources' submitters, each once, in order; a member keeps 第一报送人 if any source has them so.
        let mut subs: Vec<Submitter> = Vec::new();
        for id in &ids {
            for s in submitters_in(&self.conn, id)? {
                match subs.iter_mut().find(|o| o.kind == s.kind && o.id == s.id) {
                    Some(o) => {
                        if s.role == SubmitterRole::First {
                            o.role = SubmitterRole::First;
                        }
                    }
                    None => subs.push(s),
                }
            }
        }
        let sector: Option<String> =
            self.conn.query_row("SELECT sector_id FROM opinions WHERE id = ?1", [&ids[0]], |r| r.get(0))?;
        let editor = actor(&self.conn);
        let tx = self.conn.transaction()?;
        let now = now();
        let cid = new_id();
        let t = &input.text;
        tx.execute(
            "INSERT INTO opinions (id, title, situation, problem, suggestion, report_date, sector_id, state, submitted_at,
                                   edited_title, edited_situation, edited_problem, edited_suggestion, editor, edited_at,
                                   combined, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'editing', ?6, ?2, ?3, ?4, ?5, ?8, ?6, 1, ?9, ?9)",
            params![cid, t.title, t.situation, t.problem, t.suggestion, input.date, sector, editor, now],
        )?;
        write_submitters(&tx, &cid, &subs)?;
        for (seq, id) in ids.iter().enumerate() {
            tx.execute(
                "INSERT INTO opinion_sources (combined_id, source_id, seq) VALUES (?1, ?2, ?3)",
                params![cid, id, seq as i64],
            )?;
            tx.execute("UPDATE opinions SET merged_into = ?2, updated_at = ?3 WHERE id = ?1", params![id, cid, now])?;
            audit(&tx, "opinion", id, "merged", &json!({"merged_into": [null, t.title]}))?;
        }
        audit(
            &tx,
            "opinion",
            &cid,
            "merge",
            &json!({"title": [null, t.title], "sources": [null, titles], "state": [null, OpinionState::Editing.label()]}),
        )?;
        crate::search::index(&tx, crate::search::SearchKind::Opinion, &cid)?;
        tx.commit()?;
        self.opinion(&cid)
    }
}
