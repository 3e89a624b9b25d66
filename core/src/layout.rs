//! Table layouts (columns shown, sort, page size) of the app's lists, remembered per laptop.
//!
//! They live in `local_settings` (`layout.<list>`): they belong to this laptop and never travel in an
//! exchange, they are written at once (a restart or a killed app keeps them, unlike the webview's
//! storage, which WebKit flushes later) and they go with the database they were made on. The value is
//! the window's own JSON; core only checks its size and the list's name.

use crate::db::Db;
use crate::error::{Error, Result};

const PREFIX: &str = "layout.";
const MAX_VALUE: usize = 4000;

fn key(list: &str) -> Result<String> {
    let ok = !list.is_empty()
        && list.len() <= 40
        && list.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    if !ok {
        return Err(Error::field("list", format!("列表名“{list}”不合规：只能是小写字母、数字和 - _ .")));
    }
    Ok(format!("{PREFIX}{list}"))
}

impl Db {
    /// The remembered layout of a list, if any.
    pub fn ui_layout(&self, list: &str) -> Result<Option<String>> {
        self.local_setting(&key(list)?)
    }

    /// Remember a list's layout (replacing the earlier one).
    pub fn set_ui_layout(&mut self, list: &str, value: &str) -> Result<()> {
        let key = key(list)?;
        if value.len() > MAX_VALUE {
            return Err(Error::field("value", format!("表格布局过长（{} 字节，最多 {MAX_VALUE}）", value.len())));
        }
        self.set_local_setting(&key, value)
    }
}

#[cfg(test)]
mod tests {
    use crate::db::Db;

    #[test]
    fn a_layout_is_kept_per_list_and_bad_names_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(dir.path().join("l.db")).unwrap();
        assert_eq!(db.ui_layout("roster").unwrap(), None);
        db.set_ui_layout("roster", r#"{"pageSize":100}"#).unwrap();
        db.set_ui_layout("roster", r#"{"pageSize":20}"#).unwrap();
        db.set_ui_layout("opinions", "{}").unwrap();
        assert_eq!(db.ui_layout("roster").unwrap().as_deref(), Some(r#"{"pageSize":20}"#));
        assert_eq!(db.ui_layout("opinions").unwrap().as_deref(), Some("{}"));
        // Not a way to overwrite the laptop's other settings (operator, backup folder).
        assert!(db.set_ui_layout("../operator", "x").is_err());
        assert!(db.set_ui_layout("", "x").is_err());
        assert!(db.set_ui_layout("roster", &"x".repeat(5000)).is_err());
        assert_eq!(db.operator().unwrap(), None);
    }
}
