import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import { LABELS } from '../bindings'
import type { Composition, PlanProgress, WorkPlan, WorkPlanProgress } from '../bindings'
import {
  actualText,
  chartGroups,
  compositionOption,
  compositionRows,
  goalText,
  groupOption,
  listQuery,
  planInput,
  planRows,
  progressStatus,
  quarterOption,
  rowErrors,
  shortText,
  targetText,
} from '../workplan'
import PlanDashboard from '../components/workplan/PlanDashboard.vue'
import PlanTargetsForm from '../components/workplan/PlanTargetsForm.vue'
import PlanListDrawer from '../components/workplan/PlanListDrawer.vue'

function item(over: Partial<PlanProgress> = {}): PlanProgress {
  return {
    item: 'member_visits',
    kind: 'count',
    label: '走访委员',
    unit: '人次',
    target: 60,
    target_max: null,
    goal: 60,
    actual: 45,
    short: 15,
    incomplete: 0,
    percent: 75,
    by_quarter: [10, 15, 20, 0],
    by_group: [30, 15],
    group_members: [],
    ...over,
  }
}

function progress(items: PlanProgress[]): WorkPlanProgress {
  return {
    year: 2025,
    saved: true,
    as_of: '2026-12-01',
    current_quarter: null,
    members: 300,
    groups: [
      { id: 'g1', name: '城关镇联络组' },
      { id: 'g2', name: '东山镇联络组' },
    ],
    items,
  }
}

const groupItem = item({
  item: 'group_quarterly',
  kind: 'per_group_quarter',
  label: '每个联络组每季度开展活动（四落实齐全）',
  unit: '次',
  target: 1,
  goal: 8,
  actual: 5,
  short: 3,
  incomplete: 2,
  percent: 62,
  by_quarter: [2, 2, 1, 0],
  by_group: [3, 2],
})
const memberItem = item({
  item: 'member_reports',
  kind: 'per_member',
  label: '每位委员每年报送社情民意信息',
  unit: '篇',
  target: 1,
  target_max: 2,
  goal: 300,
  actual: 120,
  short: 180,
  percent: 40,
  by_quarter: [],
  by_group: [70, 50],
  group_members: [160, 140],
})

describe('work plan texts', () => {
  it('says targets, figures and what is short by the kind of item', () => {
    expect(targetText(60, null, '人次')).toBe('60 人次')
    expect(targetText(1, 2, '篇')).toBe('1–2 篇')
    expect(targetText(2, 2, '篇')).toBe('2 篇')
    expect(goalText(item())).toBe('60 人次')
    expect(goalText(groupItem)).toBe('每组每季度 1 次')
    expect(goalText(memberItem)).toBe('每人 1–2 篇')
    expect(actualText(item())).toBe('45 人次')
    expect(actualText(groupItem)).toBe('5 / 8 组次')
    expect(actualText(memberItem)).toBe('120 / 300 人')
    expect(shortText(item())).toBe('尚差 15 人次')
    expect(shortText(groupItem)).toBe('未达标 3 组次')
    expect(shortText(memberItem)).toBe('未达标 180 人')
    expect(shortText(item({ short: 0 }))).toBe('')
    expect([progressStatus(100), progressStatus(75), progressStatus(40), progressStatus(10)]).toEqual(['success', '', 'warning', 'exception'])
  })

  it('builds the list query behind a number', () => {
    expect(listQuery(2025, 'member_visits')).toEqual({ year: 2025, item: 'member_visits', list: 'done', quarter: null, group_id: null })
    expect(listQuery(2025, 'group_quarterly', 'short', 2, 'g1')).toEqual({ year: 2025, item: 'group_quarterly', list: 'short', quarter: 2, group_id: 'g1' })
  })

  it('turns the plan into form rows and back (the standard wording stays empty)', () => {
    const plan: WorkPlan = {
      year: 2026,
      saved: false,
      copied_from: 2025,
      targets: [
        { item: 'member_visits', kind: 'count', enabled: true, target: 60, target_max: null, label: '', unit: '人次' },
        { item: 'member_reports', kind: 'per_member', enabled: true, target: 1, target_max: 2, label: '每人报送信息', unit: '篇' },
        { item: 'proposals', kind: 'count', enabled: false, target: 30, target_max: 5, label: '', unit: '件' },
      ],
    }
    const rows = planRows(plan, LABELS.PlanItem)
    expect(rows[0].label).toBe('走访委员')
    expect(rows[1].label).toBe('每人报送信息')
    rows[0].target = 70
    const input = planInput(2026, rows, LABELS.PlanItem)
    expect(input.targets[0]).toEqual({ item: 'member_visits', enabled: true, target: 70, target_max: null, label: '' })
    expect(input.targets[1]).toEqual({ item: 'member_reports', enabled: true, target: 1, target_max: 2, label: '每人报送信息' })
    expect(input.targets[2].target_max).toBeNull()
    expect(rowErrors({ 'targets[1].target_max': '上限太小', year: 'x', 'targets[0].target': '目标为 0' })).toEqual({
      1: { target_max: '上限太小' },
      0: { target: '目标为 0' },
    })
  })

  it('charts: bars carry their quarter and group for the click', () => {
    const q = quarterOption(item()) as { series: { data: { value: number; quarter: number }[]; markLine?: unknown }[] }
    expect(q.series[0].data).toEqual([
      { value: 10, quarter: 1 },
      { value: 15, quarter: 2 },
      { value: 20, quarter: 3 },
      { value: 0, quarter: 4 },
    ])
    expect(q.series[0].markLine).toBeTruthy()
    expect((quarterOption(groupItem) as { series: { markLine?: unknown }[] }).series[0].markLine).toBeUndefined()
    const g = groupOption(progress([memberItem]), memberItem) as {
      yAxis: { data: string[] }
      series: { data: { value: number; groupId: string; members: number }[]; label: { formatter: (x: { data: { value: number; members: number } }) => string } }[]
    }
    expect(g.yAxis.data).toEqual(['城关镇联络组', '东山镇联络组'])
    expect(g.series[0].data[1]).toEqual({ value: 50, groupId: 'g2', members: 140 })
    expect(g.series[0].label.formatter({ data: g.series[0].data[1] })).toBe('50 / 140')
    // Many groups: the ones that did least (by share of their members), least first.
    const many = progress([memberItem])
    many.groups = [...many.groups, { id: 'g3', name: '南湖镇联络组' }]
    const m3 = { ...memberItem, by_group: [70, 50, 1], group_members: [160, 140, 10] }
    expect(chartGroups(many, m3, 2)).toEqual([2, 1])
    expect(chartGroups(many, m3)).toEqual([0, 1, 2])
    const v3 = item({ by_group: [5, 9, 5] })
    expect(chartGroups(many, v3, 2)).toEqual([0, 2])
  })

  it('composition: pie for gender and age, bars for many values, a 合计 row', () => {
    const c: Composition = {
      term: '第十五届',
      as_of: '2026-12-01',
      total: 3,
      tables: [
        { dim: 'gender', rows: [{ label: '男', count: 2, share: 66.7 }, { label: '女', count: 1, share: 33.3 }] },
        { dim: 'sector', rows: [{ label: '教育界', count: 3, share: 100 }] },
      ],
    }
    expect((compositionOption(c.tables[0]) as { series: { type: string }[] }).series[0].type).toBe('pie')
    expect((compositionOption(c.tables[1]) as { series: { type: string }[] }).series[0].type).toBe('bar')
    expect(compositionRows(c, 'gender')).toEqual([
      { label: '男', count: 2, share: '66.7%' },
      { label: '女', count: 1, share: '33.3%' },
      { label: '合计', count: 3, share: '100.0%' },
    ])
  })
})

describe('work plan screens', () => {
  beforeEach(resetBackend)
  afterEach(() => document.body.replaceChildren())

  it('the dashboard: a number, a quarter and what is short each ask for their list', async () => {
    const w = mount(PlanDashboard, {
      props: { progress: progress([item(), groupItem, memberItem]) },
      global: { plugins: [ElementPlus], stubs: { EChart: true } },
    })
    await flushPromises()
    await w.find('[data-testid="wp-actual-member_visits"]').trigger('click')
    await w.find('[data-testid="wp-q2-member_visits"]').trigger('click')
    await w.find('[data-testid="wp-q4-short-group_quarterly"]').trigger('click')
    await w.find('[data-testid="wp-short-member_reports"]').trigger('click')
    await w.find('[data-testid="wp-incomplete-group_quarterly"]').trigger('click')
    expect(w.emitted('list')!.map((e) => e[0])).toEqual([
      listQuery(2025, 'member_visits'),
      listQuery(2025, 'member_visits', 'done', 2),
      listQuery(2025, 'group_quarterly', 'short', 4),
      listQuery(2025, 'member_reports', 'short'),
      listQuery(2025, 'group_quarterly', 'incomplete'),
    ])
    expect(w.text()).toContain('5 / 8 组次')
    expect(w.text()).toContain('未达标 180 人')
    expect(w.find('[data-testid="wp-unsaved"]').exists()).toBe(false)
  })

  it('the list drawer shows the rows of its query', async () => {
    handlers.work_plan_list = () => ({
      item: 'member_visits',
      list: 'done',
      caption: '2025年 · 走访委员 · 第二季度',
      rows: [
        { record: 'activity', id: 'a1', date: '2025-05-12', quarter: 2, title: '走访王一', group: '城关镇联络组', detail: '走访对象：王一' },
      ],
    })
    const w = mount(PlanListDrawer, { props: { query: listQuery(2025, 'member_visits', 'done', 2) }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(calls[0]).toEqual({ cmd: 'work_plan_list', args: { query: listQuery(2025, 'member_visits', 'done', 2) } })
    expect(document.body.textContent).toContain('2025年 · 走访委员 · 第二季度')
    expect(document.body.textContent).toContain('共 1 条')
    expect(document.body.textContent).toContain('走访对象：王一')
    w.unmount()
  })

  it('the targets form shows a refused save at its field, in Chinese', async () => {
    handlers.work_plan_get = () => ({
      year: 2026,
      saved: false,
      copied_from: 2025,
      targets: [{ item: 'member_visits', kind: 'count', enabled: true, target: 0, target_max: null, label: '', unit: '人次' }],
    })
    handlers.work_plan_save = () => {
      throw { code: 'validation', message: '请检查', fields: [{ field: 'targets[0].target', message: '“走访委员”：目标为 0 的项目请取消勾选，不列入计划' }] }
    }
    const w = mount(PlanTargetsForm, { props: { year: 2026 }, global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(w.text()).toContain('照2025年的计划')
    await w.find('[data-testid="wp-targets-save"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="wp-t-err-member_visits"]').text()).toBe('“走访委员”：目标为 0 的项目请取消勾选，不列入计划')
    const save = calls.find((c) => c.cmd === 'work_plan_save')!
    expect(save.args).toEqual({ input: { year: 2026, targets: [{ item: 'member_visits', enabled: true, target: 0, target_max: null, label: '' }] } })
  })
})
