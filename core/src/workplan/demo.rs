//! The demo office's work plans: last year's and this year's, worded as offices word them (this year
//! raises two targets), so that the dashboard opens on a plan and a new year starts from it.

use super::types::PlanItem;
use super::{plan_in, write_plan};
use crate::dates::today;
use crate::error::Result;
use chrono::Datelike;
use rusqlite::Connection;

/// Set last year's and this year's targets (inside `load_demo`'s transaction).
pub(crate) fn load(tx: &Connection) -> Result<()> {
    let year = today().year();
    for (y, visits, opinions) in [(year - 1, 50, 40), (year, 60, 50)] {
        let mut plan = plan_in(tx, y)?;
        for t in &mut plan.targets {
            match t.item {
                PlanItem::MemberVisits => t.target = visits,
                PlanItem::Opinions => t.target = opinions,
                PlanItem::GroupQuarterly => t.label = "每个联络组每季度至少开展一次活动，做到四落实".into(),
                _ => {}
            }
        }
        write_plan(tx, y, &plan.targets, None)?;
    }
    Ok(())
}
