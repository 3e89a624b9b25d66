//! 履职 (performance): points from rules the office edits per year, the ledger that explains every
//! point, the 未履职 list, the 五个一 pledge, the members' deeds and manual entries, and the annual
//! score table.
//!
//! - `rules`: the items a rule may price, validation, a year's rule set (read, save, copy a template).
//! - `templates`: the three shipped templates (闵行, 济南, 宣威).
//! - `ledger`: computed from the records on demand (never stored, so nothing to rebuild after a change
//!   or an exchange import): the year's table with ranks and grades, a member's explained points
//!   (`Db::member_score`), the 未履职 list.
//! - `five_ones`: the year's five items and each member's progress (`Db::five_ones_progress`).
//! - `deeds`: 引一个项目或一笔资金 / 办一件实事, and the manual entries (rewards, training).
//! - `export`: 履职积分汇总表 (.xlsx). `demo`: the demo office's part.

pub mod deeds;
pub(crate) mod demo;
pub mod export;
pub mod five_ones;
pub mod ledger;
pub mod rules;
pub mod templates;
pub mod types;

pub use types::*;

/// Points as people read them: no decimals unless needed (12, 12.5, 12.25).
pub fn fmt_points(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}
