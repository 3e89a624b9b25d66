//! Where exports go and which files the app may open: the export folder, a new file name in it for
//! every export, and the rule that the webview may only open what the app itself wrote there.

use super::ExportSummary;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The environment variable that overrides where the app saves exports (tests use it).
pub const EXPORT_DIR_ENV: &str = "LIAISON_EXPORT_DIR";

/// Where the app saves what it exports: `LIAISON_EXPORT_DIR`, else 文档/委员联络工作台 (Documents),
/// else the home folder's 委员联络工作台.
pub fn export_dir() -> PathBuf {
    if let Ok(d) = std::env::var(EXPORT_DIR_ENV) {
        if !d.is_empty() {
            return PathBuf::from(d);
        }
    }
    dirs::document_dir().or_else(dirs::home_dir).unwrap_or_else(|| PathBuf::from(".")).join("委员联络工作台")
}

/// Longest stem kept (in characters) before the date and time are added: names of rounds and sessions
/// can be long, and some file systems and zip tools stop at 255 bytes.
const STEM_CHARS: usize = 60;

/// A name typed by a user (a round's, a session's) made safe as part of a file name on every system:
/// path separators and the characters Windows refuses (\ / : * ? " < > |) become their full-width
/// forms, control characters are dropped, `..` becomes `．．`, no dot or space at either end, at most
/// 60 characters; an empty result becomes 导出.
pub fn file_stem(name: &str) -> String {
    let mapped: String = name
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '/' => '／',
            '\\' => '＼',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '"' => '＂',
            '<' => '＜',
            '>' => '＞',
            '|' => '｜',
            c => c,
        })
        .collect();
    let mapped = mapped.replace("..", "．．");
    let trimmed = mapped.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let cut: String = trimmed.chars().take(STEM_CHARS).collect();
    let cut = cut.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if cut.is_empty() {
        "导出".to_string()
    } else {
        cut.to_string()
    }
}

/// A file name that does not exist yet in `dir`: 委员名册-2026-11-27-153012.xlsx (then -2, -3 …).
/// The stem goes through `file_stem`, so a name typed by a user cannot leave the folder.
pub fn new_export_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let stem = file_stem(stem);
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let mut p = dir.join(format!("{stem}-{stamp}.{ext}"));
    let mut n = 2;
    while p.exists() {
        p = dir.join(format!("{stem}-{stamp}-{n}.{ext}"));
        n += 1;
    }
    p
}

/// A path the app may hand to the system viewer: an existing .xlsx or .pdf inside the export folder.
/// (The webview asks to open files by path; this keeps it to what the app itself wrote.)
pub fn openable_export(path: &Path) -> Result<PathBuf> {
    let dir = export_dir().canonicalize().map_err(|_| Error::NotFound("导出文件夹不存在".into()))?;
    let p = path.canonicalize().map_err(|_| Error::NotFound(format!("文件不存在：{}", path.display())))?;
    let ext_ok = matches!(p.extension().and_then(|e| e.to_str()), Some("xlsx" | "pdf"));
    if !p.starts_with(&dir) || !ext_ok {
        return Err(Error::Conflict(format!("只能打开本程序导出的文件（{}）", dir.display())));
    }
    Ok(p)
}

/// Write an export into the export folder under a new name (`{stem}-{date}-{time}.{ext}`, ext xlsx or pdf).
pub(crate) fn to_folder(
    stem: &str,
    ext: &str,
    write: impl FnOnce(&Path) -> Result<ExportSummary>,
) -> Result<ExportSummary> {
    let dir = export_dir();
    std::fs::create_dir_all(&dir)?;
    write(&new_export_path(&dir, stem, ext))
}
