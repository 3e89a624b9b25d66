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
        return "导出".to_string();
    }
    // Windows' device names (CON, NUL, COM1 …) cannot be file names, whatever follows the dot.
    let base = cut.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (base.len() == 4
            && (base.starts_with("COM") || base.starts_with("LPT"))
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        format!("_{cut}")
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

/// Write a file whole or not at all: `write` fills a hidden temporary file beside `out`, which then
/// takes the final name in one rename. A crash or an error part-way never leaves a truncated file under
/// the final name (the temporary one is removed on error). The file is readable by the user only
/// (0600 on Linux and macOS): exports carry personal data.
pub(crate) fn write_whole<T>(out: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "export".into());
    sweep_stale_parts(out, &name);
    let tmp = out.with_file_name(format!(".{name}.{}.part", std::process::id()));
    let done = write(&tmp).and_then(|v| {
        private_file(&tmp)?;
        std::fs::rename(&tmp, out)?;
        Ok(v)
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// Remove the temporaries a killed writer of the same file left behind (`.{name}.{pid}.part` whose
/// process is gone).
fn sweep_stale_parts(out: &Path, name: &str) {
    let Some(dir) = out.parent() else { return };
    let Ok(rd) = std::fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) else { return };
    let prefix = format!(".{name}.");
    for e in rd.flatten() {
        let f = e.file_name().to_string_lossy().to_string();
        let Some(pid) =
            f.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".part")).and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // Signal 0 checks that the process exists (EPERM: it exists but is someone else's).
        let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Make a file readable and writable by its owner only (Unix; elsewhere the folder's rights apply).
pub(crate) fn private_file(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Create a folder (and its parents) that only its owner may enter (0700 on Linux and macOS) when it is
/// new; an existing folder keeps its rights (it may be a USB stick or a shared folder the user chose).
pub(crate) fn private_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)?;
    Ok(())
}

/// A path the app may hand to the system viewer: an existing .xlsx or .pdf inside the export folder.
/// (The webview asks to open files by path; this keeps it to what the app itself wrote.)
pub fn openable_export(path: &Path) -> Result<PathBuf> {
    let dir = export_dir().canonicalize().map_err(|_| Error::NotFound("导出文件夹不存在".into()))?;
    let p = path.canonicalize().map_err(|_| Error::NotFound(format!("文件不存在：{}", path.display())))?;
    let ext_ok = matches!(p.extension().and_then(|e| e.to_str()), Some("xlsx" | "pdf" | "docx" | "zip"));
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
    private_dir(&dir)?;
    let out = new_export_path(&dir, stem, ext);
    write(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_a_safe_file_name() {
        assert_eq!(file_stem("../../x"), "．．／．．／x");
        assert_eq!(file_stem("/tmp/x"), "／tmp／x");
        assert_eq!(file_stem("a/b"), "a／b");
        assert_eq!(file_stem("a\\b:c*d?\"e<f>g|h"), "a＼b：c＊d？＂e＜f＞g｜h");
        assert_eq!(file_stem("..."), "．．");
        assert_eq!(file_stem("  "), "导出");
        assert_eq!(file_stem(".hidden"), "hidden");
        assert_eq!(file_stem("名单. "), "名单");
        assert_eq!(file_stem("a\nb\tc"), "abc");
        assert_eq!(file_stem("CON"), "_CON");
        assert_eq!(file_stem("com1.第一组"), "_com1.第一组");
        assert_eq!(file_stem("政协第十五届第三次会议签到表"), "政协第十五届第三次会议签到表");
        assert_eq!(file_stem(&"长".repeat(200)).chars().count(), 60);
        // Whatever the name, the path stays in the folder.
        let dir = Path::new("/exports");
        for evil in ["../../x", "/tmp/x", "a/b", "..", "\\server\\share"] {
            let p = new_export_path(dir, evil, "xlsx");
            assert_eq!(p.parent(), Some(dir), "{evil} → {}", p.display());
        }
    }

    #[test]
    fn a_failed_write_leaves_no_file_and_a_good_one_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("名单.xlsx");
        let r: Result<()> = write_whole(&out, |tmp| {
            std::fs::write(tmp, b"half of it")?;
            Err(Error::Export("disk full".into()))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "neither the file nor its temporary remains");
        write_whole(&out, |tmp| Ok(std::fs::write(tmp, b"whole")?)).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_text_over_the_cell_limit_is_cut_with_a_note() {
        use crate::export::sheet::{fit_cell, CELL_MAX_CHARS};
        let long = "字".repeat(40_000);
        let fitted = fit_cell(&long);
        assert_eq!(fitted.chars().count(), CELL_MAX_CHARS);
        assert!(fitted.ends_with("全文请在程序中查看）"));
        assert!(matches!(fit_cell("短"), std::borrow::Cow::Borrowed("短")));
    }
}
