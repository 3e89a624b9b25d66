//! The first run (首次使用向导): on a new database the window asks for the office's name, its current term
//! and the user's name on this laptop, then how to start — import a roster, join an office from its
//! baseline exchange file, load demo data, or start empty. `save_setup` keeps the first step's answers
//! (one transaction, audited), `complete_setup` marks the wizard done on this laptop. A database that
//! already holds members (an upgrade, a copy, a joined laptop) never shows it.

pub mod types;

use crate::db::{put_setting, Db, OPERATOR_KEY};
use crate::error::{Error, FieldError, Result};
use crate::members::types::{AppInfo, TermInput};
use types::*;

/// The local setting that says the wizard was finished on this laptop.
pub const SETUP_DONE_KEY: &str = "setup_done";

impl Db {
    pub fn setup_state(&self) -> Result<SetupState> {
        let members: i64 = self.conn.query_row("SELECT COUNT(*) FROM members", [], |r| r.get(0))?;
        let done = self.local_setting(SETUP_DONE_KEY)?.is_some();
        let term = self.current_term()?;
        let year = crate::dates::today().format("%Y").to_string().parse().unwrap_or(2026);
        Ok(SetupState {
            needed: !done && members == 0,
            input: SetupInput {
                office_name: self.setting("office_name")?.unwrap_or_default(),
                term_name: term.as_ref().map(|t| t.name.clone()).unwrap_or_else(|| "第十五届".into()),
                term_start_year: term.as_ref().map(|t| t.start_year).unwrap_or(year),
                term_end_year: term.as_ref().map(|t| t.end_year).unwrap_or(year + 5),
                operator: self.operator()?.unwrap_or_default(),
            },
        })
    }

    /// The wizard's first step: the office's name, the current term (the one there is, renamed and
    /// dated, or a new one) and this laptop's user, checked together and saved in one transaction.
    pub fn save_setup(&mut self, input: SetupInput) -> Result<AppInfo> {
        let office = input.office_name.trim().to_string();
        let mut errs: Vec<FieldError> = Vec::new();
        if let Err(Error::Validation(list)) = crate::refs::check_office_name(&office) {
            errs.extend(list.into_iter().map(|f| FieldError::new("office_name", &f.message)));
        }
        let operator = match crate::db::operator_name(&input.operator) {
            Ok(n) => n,
            Err(Error::Validation(list)) => {
                errs.extend(list);
                String::new()
            }
            Err(e) => return Err(e),
        };
        let term = TermInput {
            id: self.current_term()?.map(|t| t.id),
            name: input.term_name.clone(),
            start_year: input.term_start_year,
            end_year: input.term_end_year,
            is_current: true,
        };
        if let Err(Error::Validation(list)) = crate::refs::check_term(&term) {
            errs.extend(list.into_iter().map(|f| {
                let field = match f.field.as_str() {
                    "name" => "term_name",
                    "start_year" => "term_start_year",
                    _ => "term_end_year",
                };
                FieldError::new(field, &f.message)
            }));
        }
        if !errs.is_empty() {
            return Err(Error::Validation(errs));
        }
        let tx = self.conn.transaction()?;
        put_setting(&tx, "settings", "office_name", &office)?;
        crate::refs::save_term_tx(&tx, &term)?;
        put_setting(&tx, "local_settings", OPERATOR_KEY, &operator)?;
        tx.commit()?;
        self.app_info()
    }

    /// The wizard is done on this laptop (whichever way the user chose to start).
    pub fn complete_setup(&mut self) -> Result<()> {
        self.set_local_setting(SETUP_DONE_KEY, &crate::db::now())
    }
}
