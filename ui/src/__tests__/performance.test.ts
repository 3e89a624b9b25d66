import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { MemberScore, ScoreItemInfo, ScoreLedger, ScoreRow, ScoreRuleSet } from '../bindings'
import { checkRuleSet, fmtPoints, groupRows, missedText, ruleRows, rulesFromRows, sourceText } from '../performance'
import ScoreRanking from '../components/performance/ScoreRanking.vue'
import ScoreDrawer from '../components/performance/ScoreDrawer.vue'
import RulesPanel from '../components/performance/RulesPanel.vue'

function row(over: Partial<ScoreRow> = {}): ScoreRow {
  return {
    member_id: 'm1',
    name: '王伟',
    group: '城关镇联络组',
    sector: '教育界',
    points: 96,
    rank: 1,
    grade: 'excellent',
    missed: [],
    activities: 3,
    reports: 1,
    proposals: 1,
    speeches: 0,
    sittings: 6,
    absences: 0,
    ...over,
  }
}

const catalogue: ScoreItemInfo[] = [
  { item: 'activity.forum.attended', label: '座谈会：出席', group: '活动', deduction: false },
  { item: 'plenary.sitting', label: '出席全会（每半天）', group: '全会', deduction: false },
  { item: 'absence.plenary.unexcused', label: '无故缺席全会（每半天）', group: '缺席扣分', deduction: true },
]

function ruleSet(over: Partial<ScoreRuleSet> = {}): ScoreRuleSet {
  return {
    year: 2026,
    template: 'jinan',
    note: '',
    base: 70,
    max_bonus: 50,
    excellent: 85,
    competent: 60,
    basic: 60,
    baseline: ['activity'],
    rules: [
      { item: 'plenary.sitting', points: 2, cap: null, label: '出席全会（每半天）', group: '全会' },
      { item: 'activity.newkind.attended', points: 1, cap: 5, label: '', group: '' },
    ],
    updated_at: '2026-01-01T00:00:00.000Z',
    ...over,
  }
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

const mounts: Array<{ unmount: () => void }> = []
function mountIt<T>(c: T, props: Record<string, unknown>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const w = mount(c as any, { props, global: { plugins: [ElementPlus] }, attachTo: document.body })
  mounts.push(w)
  return w
}

beforeEach(() => resetBackend())
afterEach(() => {
  while (mounts.length) mounts.pop()?.unmount()
  document.body.innerHTML = ''
})

describe('helpers', () => {
  it('writes points without decimals unless needed and the missed items in words', () => {
    expect(fmtPoints(96)).toBe('96')
    expect(fmtPoints(12.5)).toBe('12.5')
    expect(fmtPoints(-3.333)).toBe('-3.33')
    expect(missedText(['activity', 'plenary'])).toBe('参加活动、按时出席全会')
    expect(missedText([])).toBe('')
  })

  it('makes the editor rows from the catalogue and keeps a rule for a kind it lacks', () => {
    const rows = ruleRows(catalogue, ruleSet())
    expect(rows.map((r) => [r.item, r.points])).toEqual([
      ['activity.forum.attended', null],
      ['plenary.sitting', 2],
      ['absence.plenary.unexcused', null],
      ['activity.newkind.attended', 1],
    ])
    expect(groupRows(rows).map((g) => g.group)).toEqual(['活动', '全会', '缺席扣分', '其他'])
    // Only priced rows are saved.
    expect(rulesFromRows(rows).map((r) => r.item)).toEqual(['plenary.sitting', 'activity.newkind.attended'])
    expect(ruleRows(catalogue, null).every((r) => r.points === null)).toBe(true)
  })

  it('says what core would refuse, at the field', () => {
    const rows = ruleRows(catalogue, ruleSet())
    rows[2].points = 5
    const e = checkRuleSet(ruleSet({ excellent: 50, max_bonus: -1 }), rows)
    expect(e.excellent).toContain('等次分数线顺序不对')
    expect(e.max_bonus).toContain('加分上限不能为负数')
    expect(e['rule.absence.plenary.unexcused']).toContain('是扣分项')
    expect(Object.keys(checkRuleSet(ruleSet(), ruleRows(catalogue, ruleSet())))).toEqual([])
  })

  it('words a 五个一 source', () => {
    expect(sourceText({ seq: 2, title: '参加一次视察', source: 'activity', activity_kind: 'inspection', target: 1 })).toBe('参加活动（视察）')
    expect(sourceText({ seq: 5, title: '办一件实事', source: 'deed', activity_kind: '', target: 1 })).toBe('办实事')
  })
})

describe('screens', () => {
  it('ranks the year and opens a member; a year without rules says where to set them', async () => {
    const ledger: ScoreLedger = {
      year: 2026,
      has_rules: true,
      rows: [row(), row({ member_id: 'm2', name: '欧阳慧文', rank: 2, points: 58.5, grade: 'unfit', missed: ['report'] })],
      excellent: 1,
      competent: 0,
      basic: 0,
      unfit: 1,
    }
    handlers.score_ledger = (a) => (a.year === 2026 ? ledger : { ...ledger, year: 2025, has_rules: false, rows: [], excellent: 0, unfit: 0 })
    const w = mountIt(ScoreRanking, { year: 2026, version: 0 })
    await settle()
    const text = document.querySelector('[data-testid="pf-table"]')!.textContent!
    expect(text).toContain('欧阳慧文')
    expect(text).toContain('58.5')
    expect(text).toContain('报送社情民意')
    expect(document.querySelector('[data-testid="pf-grades"]')!.textContent).toContain('不称职 1')
    ;(document.querySelectorAll('[data-testid="pf-table"] .el-table__body tr')[1] as HTMLElement).click()
    expect(w.emitted('open')).toEqual([['m2']])
    await w.setProps({ year: 2025 })
    await settle()
    expect(document.querySelector('[data-testid="pf-no-rules"]')!.textContent).toContain('2025年还没有积分规则')
  })

  it('explains a member’s points, and a manual entry needs a reason', async () => {
    const s: MemberScore = {
      year: 2026,
      row: row({ points: 77 }),
      items: [
        { item: 'base', label: '基础分', record_kind: '', record_id: '', record_title: '', date: '', count: 1, points_each: 70, points: 70 },
        { item: 'plenary.sitting', label: '出席全会（每半天）', record_kind: 'sitting', record_id: 's1', record_title: '第三次会议 开幕大会（上午）', date: '2026-01-10', count: 1, points_each: 5, points: 5 },
        { item: 'plenary.sitting', label: '出席全会（每半天）', record_kind: 'sitting', record_id: 's2', record_title: '第三次会议 分组讨论（下午）', date: '2026-01-10', count: 1, points_each: 5, points: 5 },
        { item: 'cap.plenary.sitting', label: '出席全会（每半天）：全年不超过 8 分', record_kind: '', record_id: '', record_title: '按上限计，合计 10 分改为 8 分', date: '', count: 1, points_each: -2, points: -2 },
        { item: 'absence.plenary.unexcused', label: '无故缺席全会（每半天）', record_kind: 'sitting', record_id: 's3', record_title: '第三次会议 闭幕大会（上午）', date: '2026-01-11', count: 1, points_each: -1, points: -1 },
      ],
      adjustments: [],
    }
    handlers.member_score = () => s
    handlers.score_adjustment_save = () => {
      throw { code: 'validation', message: '请填写加减分的理由', fields: [{ field: 'reason', message: '请填写加减分的理由（如：获评优秀政协委员）' }] }
    }
    mountIt(ScoreDrawer, { memberId: 'm1', year: 2026 })
    await settle()
    expect(document.querySelector('[data-testid="score-points"]')!.textContent).toBe('77')
    const block = document.querySelector('[data-testid="score-item-plenary.sitting"]')!.textContent!
    expect(block).toContain('+8')
    expect(block).toContain('按上限计')
    expect(document.querySelector('[data-testid="score-item-absence.plenary.unexcused"]')!.textContent).toContain('-1')
    expect(document.body.textContent).toContain('各项合计 77 分')
    ;(document.querySelector('[data-testid="adj-add"]') as HTMLElement).click()
    await settle()
    ;(document.querySelector('[data-testid="adj-save"]') as HTMLElement).click()
    await settle()
    expect(calls.map((c) => c.cmd)).toContain('score_adjustment_save')
    // Element Plus shows a field's error after its transition.
    await new Promise((r) => setTimeout(r, 200))
    await settle()
    const shown = [...document.querySelectorAll('[data-testid="adj-form"] .el-form-item__error')].map((e) => e.textContent?.trim())
    expect(shown).toEqual(['请填写加减分的理由（如：获评优秀政协委员）'])
  })

  it('offers the templates for a year without rules and copies one', async () => {
    handlers.score_items = () => catalogue
    handlers.score_templates = () => [
      { template: 'minhang', name: '闵行区政协', note: '闵行的规则', rules: ruleSet({ template: 'minhang' }) },
      { template: 'jinan', name: '济南市政协', note: '济南的规则', rules: ruleSet() },
    ]
    handlers.score_rules_get = () => null
    handlers.score_rule_years = () => [2025]
    handlers.score_rules_copy = (a) => ruleSet({ template: a.template as string })
    mountIt(RulesPanel, { year: 2026 })
    await settle()
    expect(document.body.textContent).toContain('2026年还没有积分规则')
    expect(document.querySelector('[data-testid="rules-copy-2025"]')!.textContent).toContain('复制2025年的规则')
    ;(document.querySelector('[data-testid="tpl-copy-jinan"]') as HTMLElement).click()
    await settle()
    expect(calls.find((c) => c.cmd === 'score_rules_copy')!.args).toMatchObject({ year: 2026, template: 'jinan', replace: false })
    expect(document.querySelector('[data-testid="rules-panel"]')!.textContent).toContain('已定分值 2 项')
  })
})
