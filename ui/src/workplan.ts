// The work plan (工作计划) and the composition statistics (委员构成统计): the small pure helpers the
// screens share — target and figure texts, the plan form's input, the list queries behind the numbers,
// and the ECharts options of the charts. Labels come from the generated bindings (LABELS).
import type {
  Composition,
  CompositionDim,
  CompositionTable,
  PlanItem,
  PlanListKind,
  PlanListQuery,
  PlanProgress,
  PlanTarget,
  WorkPlan,
  WorkPlanInput,
  WorkPlanProgress,
} from './bindings'

export const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度']
export const QUARTERS_SHORT = ['一季度', '二季度', '三季度', '四季度']

/** 60 人次, 1–2 篇. */
export function targetText(target: number, max: number | null, unit: string): string {
  return max !== null && max > target ? `${target}–${max} ${unit}` : `${target} ${unit}`
}

/** The target as the dashboard says it, by the kind of item. */
export function goalText(p: PlanProgress): string {
  const t = targetText(p.target, p.target_max, p.unit)
  switch (p.kind) {
    case 'per_group_quarter':
      return `每组每季度 ${t}`
    case 'per_member':
      return `每人 ${t}`
    default:
      return t
  }
}

/** What was done, by the kind of item: 45 人次, 30 / 48 组次, 120 / 300 人. */
export function actualText(p: PlanProgress): string {
  switch (p.kind) {
    case 'per_group_quarter':
      return `${p.actual} / ${p.goal} 组次`
    case 'per_member':
      return `${p.actual} / ${p.goal} 人`
    default:
      return `${p.actual} ${p.unit}`
  }
}

/** What is missing, as a clickable text ('' when nothing is). */
export function shortText(p: PlanProgress): string {
  if (p.short <= 0) return ''
  switch (p.kind) {
    case 'per_group_quarter':
      return `未达标 ${p.short} 组次`
    case 'per_member':
      return `未达标 ${p.short} 人`
    default:
      return `尚差 ${p.short} ${p.unit}`
  }
}

/** The progress bar's colour: reached, on the way, behind. */
export function progressStatus(percent: number): '' | 'success' | 'warning' | 'exception' {
  if (percent >= 100) return 'success'
  if (percent >= 60) return ''
  if (percent >= 30) return 'warning'
  return 'exception'
}

/** The progress bar's colour as a colour (the bar keeps its percentage text). */
export function progressColor(percent: number): string {
  const c = { success: '#389e0d', '': '#b22222', warning: '#d48806', exception: '#cf1322' }
  return c[progressStatus(percent)]
}

/** The list behind a number: an item's records, narrowed to a quarter (1–4) and/or a group. */
export function listQuery(
  year: number,
  item: PlanItem,
  list: PlanListKind = 'done',
  quarter: number | null = null,
  groupId: string | null = null,
): PlanListQuery {
  return { year, item, list, quarter, group_id: groupId }
}

/** A plan's editable rows: every item as the form shows it (the standard wording when the office has none). */
export interface PlanRow {
  item: PlanItem
  kind: PlanTarget['kind']
  enabled: boolean
  target: number
  target_max: number | null
  label: string
  unit: string
}

export function planRows(plan: WorkPlan, labels: Record<PlanItem, string>): PlanRow[] {
  return plan.targets.map((t) => ({ ...t, label: t.label || labels[t.item] }))
}

/** The form back to the command's input: the standard wording stays '' (it follows the program). */
export function planInput(year: number, rows: PlanRow[], labels: Record<PlanItem, string>): WorkPlanInput {
  return {
    year,
    targets: rows.map((r) => ({
      item: r.item,
      enabled: r.enabled,
      target: r.target,
      target_max: r.kind === 'per_member' && r.target_max !== null && r.target_max > r.target ? r.target_max : null,
      label: r.label.trim() === labels[r.item] ? '' : r.label.trim(),
    })),
  }
}

/** The field errors of a save, by row: `targets[2].target` → {2: {target: …}}. */
export function rowErrors(fields: Record<string, string>): Record<number, Record<string, string>> {
  const out: Record<number, Record<string, string>> = {}
  for (const [k, v] of Object.entries(fields)) {
    const m = /^targets\[(\d+)\]\.(\w+)$/.exec(k)
    if (!m) continue
    const i = Number(m[1])
    ;(out[i] ??= {})[m[2]] = v
  }
  return out
}

const PALETTE = ['#b22222', '#2f6fb0', '#d48806', '#389e0d', '#722ed1', '#13a8a8', '#c41d7f', '#595959']

/** A bar chart of one item by quarter; the bars carry their quarter (1–4) for the click. */
export function quarterOption(p: PlanProgress) {
  const perQuarterGoal = p.kind === 'count' ? p.target / 4 : null
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: QUARTERS_SHORT },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: p.kind === 'per_group_quarter' ? '达标联络组' : '完成',
        type: 'bar',
        barMaxWidth: 48,
        data: p.by_quarter.map((v, i) => ({ value: v, quarter: i + 1 })),
        label: { show: true, position: 'top' },
        markLine:
          perQuarterGoal !== null
            ? { symbol: 'none', data: [{ yAxis: perQuarterGoal, name: '季度平均目标' }], label: { formatter: '季均目标 {c}', position: 'insideEndTop' }, lineStyle: { type: 'dashed' } }
            : undefined,
      },
    ],
  }
}

/** Groups a by-group chart shows at most: beyond it, those that did least (a bounded canvas, and the
 * groups the office must look at). */
export const GROUP_CHART_MAX = 30

/** The groups a by-group chart shows: all, in their order; or, when there are more than `max`, the `max`
 * that did least (by share of their members for per-member items), least first. */
export function chartGroups(progress: WorkPlanProgress, p: PlanProgress, max = GROUP_CHART_MAX): number[] {
  const all = progress.groups.map((_, i) => i)
  if (all.length <= max) return all
  const score = (i: number) => (p.kind === 'per_member' ? p.by_group[i] / Math.max(1, p.group_members[i]) : p.by_group[i])
  return all.sort((a, b) => score(a) - score(b) || a - b).slice(0, max)
}

/** A bar chart of one item by liaison group (horizontal: names stay readable); bars carry the group's id. */
export function groupOption(progress: WorkPlanProgress, p: PlanProgress, max = GROUP_CHART_MAX) {
  const shown = chartGroups(progress, p, max)
  const per = p.kind === 'per_member'
  return {
    color: PALETTE.slice(1),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((i) => progress.groups[i].name), inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
    animation: shown.length <= 12,
    series: [
      {
        name: per ? '达标委员' : p.kind === 'per_group_quarter' ? '达标季度' : '完成',
        type: 'bar',
        barMaxWidth: 18,
        data: shown.map((i) => ({ value: p.by_group[i], groupId: progress.groups[i].id, members: p.group_members[i] ?? 0 })),
        label: {
          show: true,
          position: 'right',
          formatter: per ? (x: { data: { value: number; members: number } }) => `${x.data.value} / ${x.data.members}` : '{c}',
        },
      },
    ],
  }
}

/** The height a by-group chart needs for its groups. */
export function groupChartHeight(groups: number): number {
  return Math.max(160, groups * 26 + 30)
}

/** Pie for the few values of 性别 and 年龄, bars for the many of 界别, 党派, 学历, 联络组. */
export function compositionOption(t: CompositionTable) {
  const data = t.rows.map((r) => ({ name: r.label, value: r.count }))
  const pie = t.dim === 'gender' || t.dim === 'age'
  if (pie) {
    return {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      series: [
        {
          type: 'pie',
          radius: ['28%', '52%'],
          data,
          label: { formatter: '{b}\n{c} 人', fontSize: 11, overflow: 'break', width: 72 },
          labelLine: { length: 6, length2: 6 },
        },
      ],
    }
  }
  return {
    color: [PALETTE[1]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: data.map((d) => d.name), inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
    series: [{ type: 'bar', barMaxWidth: 16, data: data.map((d) => d.value), label: { show: true, position: 'right' } }],
  }
}

/** The height a composition chart needs. */
export function compositionHeight(t: CompositionTable): number {
  const o = compositionOption(t) as { series: { type: string }[] }
  return o.series[0].type === 'pie' ? 240 : Math.max(160, t.rows.length * 22 + 30)
}

/** A dimension's table with its 合计 row. */
export function compositionRows(c: Composition, dim: CompositionDim) {
  const t = c.tables.find((x) => x.dim === dim)
  if (!t) return []
  const sum = t.rows.reduce((s, r) => s + r.count, 0)
  return [
    ...t.rows.map((r) => ({ label: r.label, count: r.count, share: `${r.share.toFixed(1)}%` })),
    { label: '合计', count: sum, share: c.total > 0 ? '100.0%' : '' },
  ]
}
