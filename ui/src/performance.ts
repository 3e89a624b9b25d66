// 履职 (performance points): the small pure helpers the screens share — points as people read them,
// the grade's tag colour, the missed items in words, the rules editor's rows grouped by the item's
// group with the catalogue's items not priced yet, the checks a rule set gets before it is sent (core
// checks again, with the same words). Labels come from the generated bindings (LABELS).
import { LABELS } from './bindings'
import type {
  DeedInput,
  FiveOnesItem,
  ScoreAdjustmentInput,
  ScoreBaseline,
  ScoreGrade,
  ScoreItemInfo,
  ScoreRule,
  ScoreRuleSet,
} from './bindings'

/** 12, 12.5, -3 — no decimals unless needed. */
export function fmtPoints(x: number): string {
  return String(Math.round(x * 100) / 100)
}

export const GRADE_TAG: Record<ScoreGrade, 'success' | 'primary' | 'warning' | 'danger'> = {
  excellent: 'success',
  competent: 'primary',
  basic: 'warning',
  unfit: 'danger',
}

export function gradeLabel(g: ScoreGrade | null): string {
  return g ? LABELS.ScoreGrade[g] : '—'
}

/** The baseline items a member missed, in words: 参加活动、报送社情民意 ('' none). */
export function missedText(missed: ScoreBaseline[]): string {
  return missed.map((b) => LABELS.ScoreBaseline[b]).join('、')
}

export interface RuleRow {
  item: string
  label: string
  group: string
  deduction: boolean
  /** null: the item is not priced (no rule row is saved for it). */
  points: number | null
  cap: number | null
}

/** The editor's rows: every catalogued item, with its rule where the set has one, in catalogue order;
 * an item the set prices that the catalogue lacks (a kind added later) is kept at the end. */
export function ruleRows(catalogue: ScoreItemInfo[], set: ScoreRuleSet | null): RuleRow[] {
  const by = new Map((set?.rules ?? []).map((r) => [r.item, r]))
  const rows: RuleRow[] = catalogue.map((c) => {
    const r = by.get(c.item)
    by.delete(c.item)
    return { item: c.item, label: c.label, group: c.group, deduction: c.deduction, points: r ? r.points : null, cap: r?.cap ?? null }
  })
  for (const r of by.values()) {
    rows.push({ item: r.item, label: r.label || r.item, group: r.group || '其他', deduction: r.item.startsWith('absence.'), points: r.points, cap: r.cap })
  }
  return rows
}

/** The rows grouped for display, in first-seen order. */
export function groupRows(rows: RuleRow[]): Array<{ group: string; rows: RuleRow[] }> {
  const out: Array<{ group: string; rows: RuleRow[] }> = []
  for (const r of rows) {
    let g = out.find((x) => x.group === r.group)
    if (!g) out.push((g = { group: r.group, rows: [] }))
    g.rows.push(r)
  }
  return out
}

/** The rules to save from the editor's rows: only the priced ones. */
export function rulesFromRows(rows: RuleRow[]): ScoreRule[] {
  return rows
    .filter((r) => r.points !== null && !Number.isNaN(r.points))
    .map((r) => ({ item: r.item, points: r.points as number, cap: r.cap, label: r.label, group: r.group }))
}

/** The problems core would refuse, said at their fields before the set is sent. */
export function checkRuleSet(set: ScoreRuleSet, rows: RuleRow[]): Record<string, string> {
  const e: Record<string, string> = {}
  if (set.excellent < set.competent) e.excellent = `等次分数线顺序不对：优秀（${fmtPoints(set.excellent)}）不能低于称职（${fmtPoints(set.competent)}）`
  if (set.competent < set.basic) e.competent = `等次分数线顺序不对：称职（${fmtPoints(set.competent)}）不能低于基本称职（${fmtPoints(set.basic)}）`
  if (set.max_bonus !== null && set.max_bonus < 0) e.max_bonus = `加分上限不能为负数（现为 ${fmtPoints(set.max_bonus)}），不设上限请留空`
  for (const r of rows) {
    if (r.points === null) continue
    if (r.deduction && r.points > 0) e[`rule.${r.item}`] = `“${r.label}”是扣分项，分值应为负数或 0`
    if (r.cap !== null && r.cap < 0) e[`rule.${r.item}`] = `“${r.label}”的上限不能为负数，不设上限请留空`
  }
  return e
}

export function emptyDeed(memberId = ''): DeedInput {
  return { id: null, member_id: memberId, kind: 'deed', what: '', for_whom: '', amount: null, deed_date: '', note: '', loaded_at: null }
}

export function emptyAdjustment(memberId: string, year: number): ScoreAdjustmentInput {
  return { id: null, member_id: memberId, year, kind: 'reward', points: 0, reason: '', entry_date: '', loaded_at: null }
}

/** A 五个一 item's source in words: 社情民意, 参加活动（视察）, 手工勾选. */
export function sourceText(it: FiveOnesItem): string {
  const s = LABELS.FiveOnesSource[it.source]
  if (it.source === 'activity' && it.activity_kind) {
    const k = (LABELS.ActivityKind as Record<string, string>)[it.activity_kind] ?? it.activity_kind
    return `${s}（${k}）`
  }
  return s
}

/** 王伟 2 项 → the explained item's record line: 2026-05-12 学习会（心得）. */
export function recordLine(date: string, title: string): string {
  return [date, title].filter(Boolean).join(' ')
}
