-- Liaison Desk schema: the yearly work plan (工作计划). One row per item of a year's plan: a number to
-- reach (走访委员 60 人次, 《社情民意》 8 期 …) or a recurring item (每个联络组每季度至少 1 次活动且四落实齐全,
-- 每位委员每年 1–2 篇社情民意 …). Only the targets are stored: what was done is counted from the records.
-- A composite key (year, item): it travels in the exchange as it is.
CREATE TABLE work_plan_targets (
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    -- the item's code (workplan::types::PlanItem: member_visits, bulletin_issues, opinions, opinions_adopted,
    -- proposals, inspections, group_quarterly, member_reports, member_reflections); no CHECK, so that a
    -- later item (五个一 …) needs no table rebuild: the program ignores a code it does not know
    item        TEXT NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
    target      INTEGER NOT NULL CHECK (target >= 0),
    -- the upper end of a range (每位委员 1–2 篇); NULL: none
    target_max  INTEGER CHECK (target_max IS NULL OR target_max >= target),
    -- the office's wording of the item ('' : the standard wording)
    label       TEXT NOT NULL DEFAULT '',
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (year, item)
) WITHOUT ROWID;
