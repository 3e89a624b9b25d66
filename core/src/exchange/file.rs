//! The exchange file: an SQLite file (keyed with the passphrase when the database is encrypted) with
//! two tables, `header` (key → value: format, office, origin, sequence, base, counts, checksum) and
//! `payload` (one row: the changeset). `application_id` marks it as ours. Reading one checks, in
//! this order, that it is an SQLite file of ours whose schema is exactly the two tables (a hostile
//! file cannot hide a view or trigger there), the format version, and the SHA-256 of the changeset;
//! then the changeset is walked without applying it.

use super::types::{ExchangeHeader, ExchangeInspection, ExchangeKind, TableCount};
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OpenFlags};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The format written; a reader refuses a newer one.
pub const FORMAT: u32 = 1;
/// `PRAGMA application_id` of an exchange file: "LDEX".
const APPLICATION_ID: i64 = 0x4C44_4558;
/// A file over this size is refused unread (an office's whole baseline is tens of MB).
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// Header values are short; a longer one marks a file that is not ours.
const MAX_HEADER_VALUE: usize = 1 << 20;

const HEADER_SQL: &str = "CREATE TABLE header (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
const PAYLOAD_SQL: &str = "CREATE TABLE payload (id INTEGER PRIMARY KEY CHECK (id = 1), changeset BLOB NOT NULL)";

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Open an SQLite file, keyed with `passphrase` when there is one (SQLCipher).
pub(crate) fn open_keyed(path: &Path, flags: OpenFlags, passphrase: Option<&str>) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    if let Some(p) = passphrase.filter(|p| !p.is_empty()) {
        conn.pragma_update(None, "key", p)?;
    }
    Ok(conn)
}

/// Write the file whole or not at all (a temporary renamed when complete), readable by the user only.
pub(crate) fn write(out: &Path, header: &ExchangeHeader, payload: &[u8], passphrase: Option<&str>) -> Result<()> {
    crate::export::write_whole(out, |tmp| {
        let conn = open_keyed(tmp, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE, passphrase)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.execute_batch(&format!("{HEADER_SQL}; {PAYLOAD_SQL};"))?;
        let mut st = conn.prepare("INSERT INTO header (key, value) VALUES (?1, ?2)")?;
        for (k, v) in header_pairs(header) {
            st.execute(params![k, v])?;
        }
        conn.execute("INSERT INTO payload (id, changeset) VALUES (1, ?1)", [payload])?;
        Ok(())
    })
}

fn header_pairs(h: &ExchangeHeader) -> Vec<(&'static str, String)> {
    vec![
        ("format", h.format.to_string()),
        ("kind", h.kind.as_str().to_string()),
        ("office_id", h.office_id.clone()),
        ("office_name", h.office_name.clone()),
        ("origin_laptop_id", h.origin_laptop_id.clone()),
        ("origin_name", h.origin_name.clone()),
        ("sequence", h.sequence.to_string()),
        ("base", h.base.clone()),
        ("created_at", h.created_at.clone()),
        ("schema_version", h.schema_version.to_string()),
        ("payload_sha256", h.payload_sha256.clone()),
        ("payload_bytes", h.payload_bytes.to_string()),
        ("counts", serde_json::to_string(&h.counts).unwrap_or_else(|_| "[]".into())),
    ]
}

fn damaged(what: &str) -> Error {
    Error::Import(format!("交换文件已损坏或不完整（{what}）：请让对方重新导出后再试"))
}

/// Read a file: header and changeset, checked (format, checksum). `name` is for the messages.
pub(crate) fn read(path: &Path, passphrase: Option<&str>) -> Result<(ExchangeHeader, Vec<u8>)> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|_| Error::NotFound(format!("找不到交换文件 {name}")))?;
    if !meta.is_file() {
        return Err(Error::NotFound(format!("{name} 不是文件")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::Import(format!(
            "{name} 有 {} MB，超过交换文件的上限 {} MB：这不是委员联络工作台的交换文件",
            meta.len() >> 20,
            MAX_FILE_BYTES >> 20
        )));
    }
    let conn = open_keyed(path, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase)?;
    read_conn(&conn, passphrase.is_some_and(|p| !p.is_empty()))
}

fn read_conn(conn: &Connection, keyed: bool) -> Result<(ExchangeHeader, Vec<u8>)> {
    // Harden the reader against a crafted file: check cell sizes, trust nothing in its schema.
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "query_only", true)?;
    let not_ours = || {
        Error::Import(if keyed {
            "这不是委员联络工作台的交换文件，或口令不对，或文件已损坏".to_string()
        } else {
            "这不是委员联络工作台的交换文件，或文件已损坏，或它是加密的（需要数据库口令）".to_string()
        })
    };
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|_| not_ours())?;
    if app != APPLICATION_ID {
        return Err(not_ours());
    }
    // The schema must be exactly the two tables (and the header's key index): nothing else runs.
    let schema: Vec<(String, String, Option<String>)> = {
        let mut st = conn.prepare("SELECT type, name, sql FROM sqlite_master LIMIT 8").map_err(|_| not_ours())?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(|_| not_ours())?;
        rows.collect::<rusqlite::Result<_>>().map_err(|_| not_ours())?
    };
    let expected = [
        ("table", "header", Some(HEADER_SQL)),
        ("index", "sqlite_autoindex_header_1", None),
        ("table", "payload", Some(PAYLOAD_SQL)),
    ];
    let mut got: Vec<(&str, &str, Option<&str>)> =
        schema.iter().map(|(t, n, s)| (t.as_str(), n.as_str(), s.as_deref())).collect();
    got.sort();
    let mut want = expected.to_vec();
    want.sort();
    if got != want {
        return Err(not_ours());
    }
    let mut pairs = std::collections::HashMap::new();
    {
        let mut st = conn.prepare("SELECT key, value FROM header LIMIT 64").map_err(|_| damaged("文件头"))?;
        let mut rows = st.query([]).map_err(|_| damaged("文件头"))?;
        while let Some(r) = rows.next().map_err(|_| damaged("文件头"))? {
            let k: String = r.get(0).map_err(|_| damaged("文件头"))?;
            let v: String = r.get(1).map_err(|_| damaged("文件头"))?;
            if k.len() > 64 || v.len() > MAX_HEADER_VALUE {
                return Err(damaged("文件头"));
            }
            pairs.insert(k, v);
        }
    }
    let get = |k: &str| pairs.get(k).cloned().ok_or_else(|| damaged(&format!("文件头缺少 {k}")));
    let format: u32 = get("format")?.parse().map_err(|_| damaged("格式版本"))?;
    if format > FORMAT {
        return Err(Error::Import(format!(
            "交换文件的格式版本为 {format}，本程序只能读取到 {FORMAT}：请先把委员联络工作台升级到与对方相同的版本"
        )));
    }
    let num = |k: &str| -> Result<u64> { get(k)?.parse::<u64>().map_err(|_| damaged(k)) };
    let header = ExchangeHeader {
        format,
        kind: ExchangeKind::parse(&get("kind")?).ok_or_else(|| damaged("文件类别"))?,
        office_id: get("office_id")?,
        office_name: get("office_name")?,
        origin_laptop_id: get("origin_laptop_id")?,
        origin_name: get("origin_name")?,
        sequence: u32::try_from(num("sequence")?).map_err(|_| damaged("序号"))?,
        base: get("base")?,
        created_at: get("created_at")?,
        schema_version: get("schema_version")?.parse().map_err(|_| damaged("数据库结构版本"))?,
        payload_sha256: get("payload_sha256")?,
        payload_bytes: num("payload_bytes")?,
        counts: serde_json::from_str(&get("counts")?).map_err(|_| damaged("行数"))?,
    };
    let payload: Vec<u8> = conn
        .query_row("SELECT changeset FROM payload WHERE id = 1", [], |r| r.get(0))
        .map_err(|_| damaged("缺少变更内容"))?;
    if payload.len() as u64 != header.payload_bytes || sha256_hex(&payload) != header.payload_sha256 {
        return Err(damaged("校验和不符"));
    }
    Ok((header, payload))
}

/// Count the changeset's rows per table and kind, walking it without applying it. Fails on a changeset
/// SQLite cannot read.
pub(crate) fn count(payload: &[u8]) -> Result<Vec<TableCount>> {
    use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
    use rusqlite::hooks::Action;
    use rusqlite::session::ChangesetIter;
    let mut out: Vec<TableCount> = Vec::new();
    let mut input: &[u8] = payload;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut it = ChangesetIter::start_strm(&reader).map_err(|_| damaged("变更内容无法读取"))?;
    while let Some(item) = it.next().map_err(|_| damaged("变更内容无法读取"))? {
        let op = item.op().map_err(|_| damaged("变更内容无法读取"))?;
        let table = op.table_name();
        let i = match out.iter().position(|c| c.table == table) {
            Some(i) => i,
            None => {
                if out.len() >= 10_000 {
                    return Err(damaged("表太多"));
                }
                out.push(TableCount { table: table.to_string(), ..Default::default() });
                out.len() - 1
            }
        };
        match op.code() {
            Action::SQLITE_INSERT => out[i].inserts += 1,
            Action::SQLITE_UPDATE => out[i].updates += 1,
            Action::SQLITE_DELETE => out[i].deletes += 1,
            _ => return Err(damaged("变更内容无法读取")),
        }
    }
    out.sort_by(|a, b| a.table.cmp(&b.table));
    Ok(out)
}

/// Parse an exchange file from its bytes without applying anything: header, checksum, and a walk of
/// the changeset (an unencrypted file; an encrypted one is refused as unreadable). For fuzzing: it must
/// never panic, and it allocates no more than the input's size allows.
pub fn inspect_bytes(bytes: &[u8]) -> Result<ExchangeInspection> {
    inspect_bytes_with(bytes, None)
}

/// `inspect_bytes` for a file keyed with `passphrase`.
pub fn inspect_bytes_with(bytes: &[u8], passphrase: Option<&str>) -> Result<ExchangeInspection> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::Import("文件超过交换文件的上限".into()));
    }
    // SQLite reads files: the bytes go to a private temporary file, removed at once.
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!(".liaison-inspect-{}-{n}.ldx", std::process::id()));
    struct Gone<'a>(&'a Path);
    impl Drop for Gone<'_> {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(self.0);
        }
    }
    let _gone = Gone(&tmp);
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        crate::export::private_file(&tmp)?;
        f.write_all(bytes)?;
    }
    let conn = open_keyed(&tmp, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase)?;
    let (header, payload) = read_conn(&conn, passphrase.is_some())?;
    drop(conn);
    let counts = count(&payload)?;
    Ok(ExchangeInspection { header, counts })
}

/// Inspect a file on disk (the app shows this before an import).
pub fn inspect_file(path: &Path, passphrase: Option<&str>) -> Result<ExchangeInspection> {
    let (header, payload) = read(path, passphrase)?;
    let counts = count(&payload)?;
    Ok(ExchangeInspection { header, counts })
}
