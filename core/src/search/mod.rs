//! Full-text search across the texts of every kind (proposals and speeches now; opinion reports are
//! one more `Source`): one index, filters by kind, state, year, sector and submitter, hits grouped by
//! kind with the matches marked in the title and in a snippet.
//!
//! The index (migration 0010) is three tables sharing a rowid: `search_docs` (kind, id and what the
//! filters use, B-tree indexed), `search_text` (submitter, title, body; FTS5 with the trigram
//! tokenizer: any substring of 3 characters or more, Chinese or not, case-insensitive) and
//! `search_pairs` (the same words cut into overlapping character pairs, contentless FTS5: words of 1 or
//! 2 characters, which the trigram index cannot answer without reading every text — 教育, 医保 and
//! other 2-character words are common in Chinese queries; a LIKE over 20,000 texts took 300 ms and more,
//! the pair index answers in a few).
//!
//! Kept current by calls, not triggers: each domain's write calls `index(tx, kind, id)` in its own
//! transaction (a record's row is derived from several tables — proposers, member names, sectors — and
//! one call after the write sees them all, where a trigger per source table would fire half-way
//! through a save). Rows that arrive another way (an exchange import applies changesets) are indexed
//! by `rebuild`, which makes the whole index again from the records in one transaction (timed by the
//! `search` bench).

pub mod types;

pub use types::*;

use crate::db::Db;
use crate::error::Result;
use crate::proposals::types::{ProposalState, SpeechState};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

/// Where the rows of one kind come from: a query giving id, year, state, sector, submitter,
/// member ids (",a,b,"), title and body of each live record; `id_col` narrows it to one record.
struct Source {
    kind: SearchKind,
    sql: fn() -> String,
    id_col: &'static str,
}

/// The tables the index is made from: an exchange import that touches one rebuilds the index.
pub(crate) const SOURCE_TABLES: &[&str] = &[
    "proposals",
    "proposal_proposers",
    "speeches",
    "opinions",
    "opinion_submitters",
    "members",
    "liaison_groups",
    "ref_items",
    "sessions",
];

const SOURCES: &[Source] = &[
    Source { kind: SearchKind::Proposal, sql: proposal_sql, id_col: "p.id" },
    Source { kind: SearchKind::Speech, sql: speech_sql, id_col: "sp.id" },
    Source { kind: SearchKind::Opinion, sql: opinion_sql, id_col: "o.id" },
];

/// A report is found by its submitter's text and by the edited one (核稿), under the edited title when
/// there is one.
fn opinion_sql() -> String {
    "SELECT o.id, CAST(substr(COALESCE(o.report_date, o.created_at), 1, 4) AS INTEGER), o.state,
        COALESCE((SELECT name FROM ref_items WHERE id = o.sector_id), ''),
        COALESCE((SELECT group_concat(name, '、') FROM (SELECT s.name FROM opinion_submitters s
                  WHERE s.opinion_id = o.id ORDER BY s.seq)), ''),
        COALESCE((SELECT ',' || group_concat(s.member_id, ',') || ',' FROM opinion_submitters s
                  WHERE s.opinion_id = o.id AND s.member_id IS NOT NULL), ''),
        CASE WHEN o.edited_title <> '' THEN o.edited_title ELSE o.title END,
        o.situation || char(10) || o.problem || char(10) || o.suggestion || char(10) || o.topics || char(10) ||
        o.edited_situation || char(10) || o.edited_problem || char(10) || o.edited_suggestion
     FROM opinions o WHERE o.deleted_at IS NULL"
        .to_string()
}

fn proposal_sql() -> String {
    let name = crate::proposals::submitter_name_sql("x", "kind");
    let sector = crate::proposals::submitter_sector_sql("x", "kind");
    format!(
        "SELECT p.id, p.year, p.state,
            COALESCE((SELECT {sector} FROM proposal_proposers x WHERE x.proposal_id = p.id AND x.role = 'lead'), ''),
            COALESCE((SELECT group_concat(n, '、') FROM (SELECT {name} AS n FROM proposal_proposers x
                      WHERE x.proposal_id = p.id ORDER BY x.seq)), ''),
            COALESCE((SELECT ',' || group_concat(x.member_id, ',') || ',' FROM proposal_proposers x
                      WHERE x.proposal_id = p.id AND x.member_id IS NOT NULL), ''),
            p.title, p.body
         FROM proposals p WHERE p.deleted_at IS NULL"
    )
}

fn speech_sql() -> String {
    format!(
        "SELECT sp.id, CAST(substr(s.start_date, 1, 4) AS INTEGER), sp.state, COALESCE({}, ''), COALESCE({}, ''),
            CASE WHEN sp.member_id IS NULL THEN '' ELSE ',' || sp.member_id || ',' END, sp.title, sp.body
         FROM speeches sp JOIN sessions s ON s.id = sp.session_id WHERE sp.deleted_at IS NULL",
        crate::proposals::submitter_sector_sql("sp", "submitter_kind"),
        crate::proposals::submitter_name_sql("sp", "submitter_kind"),
    )
}

/// A state code's Chinese label, by kind.
fn state_label(kind: SearchKind, state: &str) -> String {
    match kind {
        SearchKind::Proposal => ProposalState::parse(state).map(|s| s.label()),
        SearchKind::Speech => SpeechState::parse(state).map(|s| s.label()),
        SearchKind::Opinion => crate::opinions::OpinionState::parse(state).map(|s| s.label()),
    }
    .unwrap_or(state)
    .to_string()
}

/// One record as the index holds it.
struct Doc {
    id: String,
    year: Option<i32>,
    state: String,
    sector: String,
    submitter: String,
    member_ids: String,
    title: String,
    body: String,
}

fn read_doc(r: &rusqlite::Row) -> rusqlite::Result<Doc> {
    Ok(Doc {
        id: r.get(0)?,
        year: r.get(1)?,
        state: r.get(2)?,
        sector: r.get(3)?,
        submitter: r.get(4)?,
        member_ids: r.get(5)?,
        title: r.get(6)?,
        body: r.get(7)?,
    })
}

fn insert_doc(tx: &Connection, kind: SearchKind, d: &Doc) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO search_docs (kind, id, year, state, sector, submitter, member_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![kind.as_str(), d.id, d.year, d.state, d.sector, d.submitter, d.member_ids])?;
    let rowid = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO search_text (rowid, submitter, title, body) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![rowid, d.submitter, d.title, d.body])?;
    let words = pairs(&format!("{}\n{}\n{}", d.submitter, d.title, d.body));
    tx.prepare_cached("INSERT INTO search_pairs (rowid, words) VALUES (?1, ?2)")?.execute(params![rowid, words])?;
    Ok(())
}

/// Make the index row of one record again (or drop it: a deleted or missing record), in the caller's
/// transaction. Every write of a searchable record calls it.
pub(crate) fn index(tx: &Connection, kind: SearchKind, id: &str) -> Result<()> {
    let old: Option<i64> = tx
        .prepare_cached("SELECT rowid FROM search_docs WHERE kind = ?1 AND id = ?2")?
        .query_row(params![kind.as_str(), id], |r| r.get(0))
        .optional()?;
    if let Some(rowid) = old {
        tx.prepare_cached("DELETE FROM search_text WHERE rowid = ?1")?.execute([rowid])?;
        tx.prepare_cached("DELETE FROM search_pairs WHERE rowid = ?1")?.execute([rowid])?;
        tx.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?.execute([rowid])?;
    }
    let src = SOURCES.iter().find(|s| s.kind == kind).expect("every kind has a source");
    let doc =
        tx.prepare_cached(&format!("{} AND {} = ?1", (src.sql)(), src.id_col))?.query_row([id], read_doc).optional()?;
    if let Some(d) = doc {
        insert_doc(tx, kind, &d)?;
    }
    Ok(())
}

/// Above this many texts to make again, the whole index is rebuilt instead (a baseline, a sector renamed).
const REFRESH_LIMIT: usize = 5_000;

/// Make again the texts that rows changed by an exchange touch (table → key values, see
/// `exchange::Touched`), in the caller's transaction: a record's own rows, and the texts that show a
/// changed member's, group's or sector's name or a session's year.
pub(crate) fn refresh(
    tx: &Connection,
    changed: &std::collections::HashMap<String, std::collections::HashSet<String>>,
) -> Result<()> {
    use std::collections::BTreeSet;
    if !SOURCE_TABLES.iter().any(|t| changed.contains_key(*t)) {
        return Ok(());
    }
    // (kind code, id): BTreeSet for a fixed order of work.
    let mut todo: BTreeSet<(&'static str, String)> = BTreeSet::new();
    let ids = |t: &str| changed.get(t).into_iter().flatten();
    // The texts of `kind` whose ids `sql` gives for `id`.
    fn by(
        tx: &Connection,
        todo: &mut BTreeSet<(&'static str, String)>,
        kind: SearchKind,
        sql: &str,
        id: &str,
    ) -> Result<()> {
        let mut st = tx.prepare_cached(sql)?;
        for r in st.query_map([id], |r| r.get::<_, String>(0))? {
            todo.insert((kind.as_str(), r?));
        }
        Ok(())
    }
    for id in ids("proposals").chain(ids("proposal_proposers")) {
        todo.insert((SearchKind::Proposal.as_str(), id.clone()));
    }
    for id in ids("speeches") {
        todo.insert((SearchKind::Speech.as_str(), id.clone()));
    }
    for id in ids("opinions").chain(ids("opinion_submitters")) {
        todo.insert((SearchKind::Opinion.as_str(), id.clone()));
    }
    for id in ids("members") {
        // A member's name (submitters) and sector (the lead's 界别).
        by(tx, &mut todo, SearchKind::Proposal, "SELECT proposal_id FROM proposal_proposers WHERE member_id = ?1", id)?;
        by(tx, &mut todo, SearchKind::Opinion, "SELECT opinion_id FROM opinion_submitters WHERE member_id = ?1", id)?;
        by(tx, &mut todo, SearchKind::Speech, "SELECT id FROM speeches WHERE member_id = ?1", id)?;
    }
    for id in ids("liaison_groups") {
        by(tx, &mut todo, SearchKind::Proposal, "SELECT proposal_id FROM proposal_proposers WHERE group_id = ?1", id)?;
        by(tx, &mut todo, SearchKind::Opinion, "SELECT opinion_id FROM opinion_submitters WHERE group_id = ?1", id)?;
        by(tx, &mut todo, SearchKind::Speech, "SELECT id FROM speeches WHERE group_id = ?1", id)?;
    }
    for id in ids("ref_items") {
        // A party, sector or committee as a submitter, a report's sector, or the sector of a member.
        by(
            tx,
            &mut todo,
            SearchKind::Proposal,
            "SELECT x.proposal_id FROM proposal_proposers x LEFT JOIN members m ON m.id = x.member_id
             WHERE x.ref_id = ?1 OR m.sector_id = ?1",
            id,
        )?;
        by(
            tx,
            &mut todo,
            SearchKind::Opinion,
            "SELECT o.id FROM opinions o WHERE o.sector_id = ?1
             UNION SELECT opinion_id FROM opinion_submitters WHERE ref_id = ?1",
            id,
        )?;
        by(
            tx,
            &mut todo,
            SearchKind::Speech,
            "SELECT sp.id FROM speeches sp LEFT JOIN members m ON m.id = sp.member_id WHERE sp.ref_id = ?1 OR m.sector_id = ?1",
            id,
        )?;
        if todo.len() > REFRESH_LIMIT {
            break;
        }
    }
    for id in ids("sessions") {
        by(tx, &mut todo, SearchKind::Speech, "SELECT id FROM speeches WHERE session_id = ?1", id)?;
    }
    if todo.len() > REFRESH_LIMIT {
        rebuild(tx)?;
        return Ok(());
    }
    for (code, id) in &todo {
        if let Some(kind) = SearchKind::parse(code) {
            index(tx, kind, id)?;
        }
    }
    Ok(())
}

/// Make the whole index again from the records, in the caller's transaction; returns the texts indexed.
pub(crate) fn rebuild(tx: &Connection) -> Result<u32> {
    tx.execute_batch(
        "DELETE FROM search_docs;
         DELETE FROM search_text;
         INSERT INTO search_pairs (search_pairs) VALUES ('delete-all');",
    )?;
    // One table at a time, the merging of the full-text indexes' segments left to one `optimize` at the
    // end, and a larger page cache while it runs: the two indexes written side by side in one
    // transaction thrashed the cache (20,000 texts took minutes).
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    tx.pragma_update(None, "cache_size", -262_144)?;
    let r = (|| -> Result<u32> {
        tx.execute_batch(
            "INSERT INTO search_text (search_text, rank) VALUES ('automerge', 0);
             INSERT INTO search_pairs (search_pairs, rank) VALUES ('automerge', 0);",
        )?;
        let mut n = 0;
        for src in SOURCES {
            let mut st = tx.prepare(&(src.sql)())?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let d = read_doc(r)?;
                tx.prepare_cached(
                    "INSERT INTO search_docs (kind, id, year, state, sector, submitter, member_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![src.kind.as_str(), d.id, d.year, d.state, d.sector, d.submitter, d.member_ids])?;
                let rowid = tx.last_insert_rowid();
                tx.prepare_cached("INSERT INTO search_text (rowid, submitter, title, body) VALUES (?1, ?2, ?3, ?4)")?
                    .execute(params![rowid, d.submitter, d.title, d.body])?;
                n += 1;
            }
        }
        // The pairs from the texts just written, in rowid order.
        {
            let mut st = tx.prepare("SELECT rowid, submitter, title, body FROM search_text ORDER BY rowid")?;
            let mut rows = st.query([])?;
            let mut ins = tx.prepare_cached("INSERT INTO search_pairs (rowid, words) VALUES (?1, ?2)")?;
            while let Some(r) = rows.next()? {
                let (rowid, a, b, c): (i64, String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                ins.execute(params![rowid, pairs(&format!("{a}\n{b}\n{c}"))])?;
            }
        }
        tx.execute_batch(
            "INSERT INTO search_text (search_text) VALUES ('optimize');
             INSERT INTO search_pairs (search_pairs) VALUES ('optimize');
             INSERT INTO search_text (search_text, rank) VALUES ('automerge', 4);
             INSERT INTO search_pairs (search_pairs, rank) VALUES ('automerge', 4);",
        )?;
        Ok(n)
    })();
    tx.pragma_update(None, "cache_size", cache)?;
    r
}

/// The text cut into overlapping pairs of letters or digits, lowercased, a run's last character on its
/// own: 教育局 → "教育 育局 局". A word of 2 characters is then one token, and a word of 1 character the
/// prefix of one.
pub(crate) fn pairs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev: Option<char> = None;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if let Some(p) = prev {
                out.push(p);
                out.push(c);
                out.push(' ');
            }
            prev = Some(c);
        } else if let Some(p) = prev.take() {
            out.push(p);
            out.push(' ');
        }
    }
    if let Some(p) = prev {
        out.push(p);
    }
    out
}

/// The words of a query: split at spaces; a word of 3 characters or more goes to the trigram index as
/// it is, a shorter one (its letters and digits) to the pair index.
struct Terms {
    long: Vec<String>,
    short: Vec<String>,
}

fn terms(text: &str) -> Terms {
    let mut t = Terms { long: vec![], short: vec![] };
    for w in text.split_whitespace() {
        if w.chars().count() >= 3 {
            t.long.push(w.to_lowercase());
        } else {
            let s: String = w.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect();
            if !s.is_empty() {
                t.short.push(s);
            }
        }
    }
    t
}

fn quoted(w: &str) -> String {
    format!("\"{}\"", w.replace('"', "\"\""))
}

/// The conditions of a query on `search_docs d`, and their values.
fn conditions(q: &SearchQuery, t: &Terms) -> (Vec<String>, Vec<Value>) {
    let mut conds = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if !t.long.is_empty() {
        conds.push("d.rowid IN (SELECT rowid FROM search_text WHERE search_text MATCH ?)".to_string());
        args.push(Value::Text(t.long.iter().map(|w| quoted(w)).collect::<Vec<_>>().join(" AND ")));
    }
    if !t.short.is_empty() {
        conds.push("d.rowid IN (SELECT rowid FROM search_pairs WHERE search_pairs MATCH ?)".to_string());
        let expr = t
            .short
            .iter()
            .map(|w| if w.chars().count() == 1 { format!("{}*", quoted(w)) } else { quoted(w) })
            .collect::<Vec<_>>()
            .join(" AND ");
        args.push(Value::Text(expr));
    }
    if !q.kinds.is_empty() {
        conds.push(format!("d.kind IN ({})", vec!["?"; q.kinds.len()].join(", ")));
        args.extend(q.kinds.iter().map(|k| Value::Text(k.as_str().into())));
    }
    if let Some(s) = q.state.as_deref().filter(|s| !s.is_empty()) {
        conds.push("d.state = ?".into());
        args.push(Value::Text(s.into()));
    }
    if let Some(y) = q.year {
        conds.push("d.year = ?".into());
        args.push(Value::Integer(y as i64));
    }
    if let Some(s) = q.sector.as_deref().filter(|s| !s.is_empty()) {
        conds.push("d.sector = ?".into());
        args.push(Value::Text(s.into()));
    }
    if let Some(s) = q.submitter.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        conds.push("instr(d.submitter, ?) > 0".into());
        args.push(Value::Text(s.into()));
    }
    if conds.is_empty() {
        conds.push("1".into());
    }
    (conds, args)
}

/// Where the words occur in `chars` (lowercased one for one): a flag per character.
fn hits(lower: &[char], words: &[Vec<char>]) -> Vec<bool> {
    let mut hit = vec![false; lower.len()];
    for w in words.iter().filter(|w| !w.is_empty()) {
        if w.len() > lower.len() {
            continue;
        }
        for i in 0..=lower.len() - w.len() {
            if lower[i..i + w.len()] == w[..] {
                hit[i..i + w.len()].iter_mut().for_each(|h| *h = true);
            }
        }
    }
    hit
}

fn parts(chars: &[char], hit: &[bool], from: usize, to: usize, pre: bool, post: bool) -> Vec<TextPart> {
    let mut out: Vec<TextPart> = Vec::new();
    for i in from..to {
        let c = if chars[i] == '\n' || chars[i] == '\r' { ' ' } else { chars[i] };
        match out.last_mut() {
            Some(p) if p.hit == hit[i] => p.text.push(c),
            _ => out.push(TextPart { text: c.to_string(), hit: hit[i] }),
        }
    }
    if pre {
        match out.first_mut() {
            Some(p) if !p.hit => p.text.insert(0, '…'),
            _ => out.insert(0, TextPart { text: "…".into(), hit: false }),
        }
    }
    if post {
        match out.last_mut() {
            Some(p) if !p.hit => p.text.push('…'),
            _ => out.push(TextPart { text: "…".into(), hit: false }),
        }
    }
    out
}

fn lower_chars(s: &str) -> (Vec<char>, Vec<char>) {
    let chars: Vec<char> = s.chars().collect();
    let lower = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    (chars, lower)
}

/// The whole of a short text with the words marked.
pub fn mark(text: &str, words: &[Vec<char>]) -> Vec<TextPart> {
    let (chars, lower) = lower_chars(text);
    let hit = hits(&lower, words);
    parts(&chars, &hit, 0, chars.len(), false, false)
}

/// About `len` characters of `text` around its first match (a few before it), the words marked.
pub fn snippet(text: &str, words: &[Vec<char>], len: usize) -> Vec<TextPart> {
    let (chars, lower) = lower_chars(text);
    let hit = hits(&lower, words);
    let first = hit.iter().position(|h| *h).unwrap_or(0);
    let from = first.saturating_sub(len / 4);
    let to = (from + len).min(chars.len());
    let from = to.saturating_sub(len).min(from);
    parts(&chars, &hit, from, to, from > 0, to < chars.len())
}

impl Db {
    /// Search every kind of text (see the module's notes): the hits of each kind, newest first.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResult> {
        let t = terms(&q.text);
        let words: Vec<Vec<char>> = t.long.iter().chain(t.short.iter()).map(|w| w.chars().collect()).collect();
        let (conds, args) = conditions(q, &t);
        let wh = conds.join(" AND ");
        let limit = q.limit.unwrap_or(20).clamp(1, 500);
        let mut totals: Vec<(SearchKind, u32)> = Vec::new();
        {
            let mut st = self
                .conn
                .prepare_cached(&format!("SELECT d.kind, COUNT(*) FROM search_docs d WHERE {wh} GROUP BY d.kind"))?;
            let rows =
                st.query_map(params_from_iter(args.iter()), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
            for r in rows {
                let (k, n) = r?;
                if let Some(k) = SearchKind::parse(&k) {
                    totals.push((k, n));
                }
            }
        }
        totals.sort_by_key(|(k, _)| SearchKind::ALL.iter().position(|x| x == k));
        let mut groups = Vec::new();
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.year, d.state, d.sector, t.submitter, t.title, t.body
             FROM search_docs d JOIN search_text t ON t.rowid = d.rowid
             WHERE {wh} AND d.kind = ? ORDER BY d.year DESC, d.rowid DESC LIMIT ?"
        ))?;
        for (kind, total) in &totals {
            let mut a = args.clone();
            a.push(Value::Text(kind.as_str().into()));
            a.push(Value::Integer(limit as i64));
            let rows = st.query_map(params_from_iter(a.iter()), |r| {
                let state: String = r.get(2)?;
                let title: String = r.get(5)?;
                let body: String = r.get(6)?;
                Ok(SearchHit {
                    kind: *kind,
                    id: r.get(0)?,
                    year: r.get(1)?,
                    state_label: state_label(*kind, &state),
                    state,
                    sector: r.get(3)?,
                    submitter: r.get(4)?,
                    title_parts: mark(&title, &words),
                    title,
                    snippet: snippet(&body, &words, 80),
                })
            })?;
            groups.push(SearchGroup { kind: *kind, total: *total, hits: rows.collect::<rusqlite::Result<_>>()? });
        }
        Ok(SearchResult { total: totals.iter().map(|(_, n)| n).sum(), groups })
    }

    /// Make the search index again from the records (after an exchange import); returns the texts indexed.
    pub fn search_rebuild(&mut self) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let n = rebuild(&tx)?;
        tx.commit()?;
        Ok(n)
    }
}
