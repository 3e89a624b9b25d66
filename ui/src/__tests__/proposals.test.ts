import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { ProposalDetail, ProposalList, ProposalRow, SearchResult } from '../bindings'
import {
  emptyStep,
  filtersToQuery,
  numberText,
  partsText,
  stateTabs,
  stepButton,
  stepFields,
  threeMonthsAfter,
} from '../proposals'
import { LABELS } from '../bindings'
import ProposalsView from '../views/ProposalsView.vue'
import ProposalStepDialog from '../components/proposals/ProposalStepDialog.vue'
import SearchView from '../views/SearchView.vue'
import { store } from '../store'

function row(over: Partial<ProposalRow> = {}): ProposalRow {
  return {
    id: 'p1',
    year: 2026,
    number: 3,
    title: '关于加快推进老旧小区加装电梯的建议',
    category: 'society',
    timing: 'routine',
    session: '',
    state: 'assigned',
    lead: '王丽',
    lead_kind: 'member',
    proposers: '王丽、李明',
    co_count: 1,
    main_units: '区住房和城乡建设局',
    assist_units: '',
    due_date: '2026-06-10',
    days_overdue: 12,
    reply_grade: null,
    feedback: null,
    is_key: true,
    is_excellent: false,
    updated_at: '',
    deleted: false,
    ...over,
  }
}

function detail(p: ProposalRow): ProposalDetail {
  return {
    proposal: p,
    body: '正文',
    session_id: null,
    suggested_units: '',
    proposers: [{ role: 'lead', kind: 'member', id: 'm1', name: '王丽', sector: '教育界' }],
    units: [{ unit_id: 'u1', name: '区住房和城乡建设局', role: 'main' }],
    submitted_date: null,
    review_date: null,
    reject_reason: '',
    merged_into: null,
    merged_into_title: '',
    merged_from: [],
    assigned_date: null,
    reply_date: null,
    reply_unit: '',
    reply_text: '',
    feedback_comment: '',
    feedback_date: null,
    closed_date: null,
    converted_kind: null,
    converted_id: null,
    next: ['assigned', 'answered'],
    timeline: [],
    created_at: '',
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
  store.openProposalId = null
})

describe('helpers', () => {
  it('names each step as offices do, 交办 again as 改办 or 重新交办', () => {
    expect(stepButton('accepted', 'submitted')).toBe('立案')
    expect(stepButton('assigned', 'accepted')).toBe('交办')
    expect(stepButton('assigned', 'assigned')).toBe('改办')
    expect(stepButton('assigned', 'feedback')).toBe('重新交办')
    expect(stepButton('answered', 'assigned')).toBe('录入答复')
    expect(stepFields('assigned')).toEqual(['units', 'due_date'])
    expect(stepFields('closed')).toEqual([])
  })

  it('counts three months the way core does (the month’s last day when shorter)', () => {
    expect(threeMonthsAfter('2026-03-10')).toBe('2026-06-10')
    expect(threeMonthsAfter('2026-11-30')).toBe('2027-02-28')
    expect(threeMonthsAfter('2027-11-30')).toBe('2028-02-29')
    expect(threeMonthsAfter('')).toBe('')
  })

  it('turns the filter bar into a query and the counts into tabs', () => {
    const q = filtersToQuery({ year: 2026, state: 'draft', category: '', only: 'overdue' })
    expect(q).toMatchObject({ year: 2026, state: 'draft', category: null, overdue: true, unanswered: false, key_only: false })
    const tabs = stateTabs(
      [
        { state: 'draft', count: 2 },
        { state: 'submitted', count: 0 },
        { state: 'closed', count: 5 },
      ],
      LABELS.ProposalState,
      'submitted',
    )
    expect(tabs.map((t) => `${t.label} ${t.count}`)).toEqual(['全部 7', '暂存 2', '已提交 0', '已办结 5'])
    expect(numberText(12)).toBe('第12号')
    expect(numberText(null)).toBe('—')
    expect(partsText([{ text: '居家', hit: false }, { text: '养老', hit: true }])).toBe('居家【养老】')
    expect(emptyStep('p', 'closed', '2026-01-01').main_units).toEqual([])
  })
})

describe('screens', () => {
  it('lists the year’s proposals with state counts, overdue and key marks; an empty year says how to start', async () => {
    const list: ProposalList = {
      rows: [row(), row({ id: 'p2', number: null, state: 'draft', title: '关于'.padEnd(120, '长') + '的建议', is_key: false, days_overdue: 0 })],
      counts: [
        { state: 'draft', count: 1 },
        { state: 'assigned', count: 1 },
      ],
      total: 2,
      overdue: 1,
      unanswered: 1,
    }
    handlers.proposals_query = (a) => ((a.query as { year: number }).year === 2000 ? { ...list, rows: [], counts: [], total: 0, overdue: 0, unanswered: 0 } : list)
    const w = mountIt(ProposalsView, {})
    await settle()
    const text = document.body.textContent ?? ''
    expect(text).toContain('逾期 12 天')
    expect(text).toContain('第3号')
    expect(text).toContain('王丽 等 2 人')
    expect(text).toContain('逾期未答复 1')
    expect(document.querySelector('[data-testid="pl-states"]')?.textContent).toContain('已交办 1')
    // 逾期 asks core for the overdue ones.
    ;(document.querySelector('[data-testid="pl-only"] label:nth-child(2)') as HTMLElement).click()
    await settle()
    const last = calls.filter((c) => c.cmd === 'proposals_query').pop()!
    expect((last.args.query as { overdue: boolean }).overdue).toBe(true)
    w.unmount()
  })

  it('the 交办 dialog preselects the units and sends the step; core’s message sits at its field', async () => {
    const p = row({ state: 'accepted', days_overdue: 0 })
    handlers.handling_units = () => [{ id: 'u1', name: '区住房和城乡建设局', sort: 1, used_by: 0 }]
    handlers.proposal_step = (a) => {
      const s = a.step as { main_units: string[] }
      if (!s.main_units.length) throw { code: 'validation', message: '请至少选择一个主办单位', fields: [{ field: 'main_units', message: '请至少选择一个主办单位' }] }
      return detail({ ...p, state: 'assigned' })
    }
    const w = mountIt(ProposalStepDialog, { visible: true, proposal: detail(p), to: 'assigned' })
    await settle()
    expect(document.body.textContent).toContain('交办后三个月')
    ;(document.querySelector('[data-testid="ps-save"]') as HTMLElement).click()
    await settle()
    const sent = calls.find((c) => c.cmd === 'proposal_step')!.args.step as { main_units: string[]; to: string }
    expect(sent.to).toBe('assigned')
    expect(sent.main_units).toEqual(['u1'])
    expect(w.emitted('done')).toBeTruthy()
  })

  it('search shows hits grouped by kind with the matches marked, and opens a proposal', async () => {
    const r: SearchResult = {
      total: 2,
      groups: [
        {
          kind: 'proposal',
          total: 1,
          hits: [
            {
              kind: 'proposal',
              id: 'p9',
              year: 2026,
              state: 'accepted',
              state_label: '已立案',
              sector: '教育界',
              submitter: '周晓燕',
              title: '关于完善社区居家养老服务网络的建议',
              title_parts: [{ text: '关于完善社区居家养老服务网络的建议', hit: false }],
              snippet: [
                { text: '…服务需求旺盛，但', hit: false },
                { text: '助餐', hit: true },
                { text: '点覆盖不足…', hit: false },
              ],
            },
          ],
        },
        {
          kind: 'speech',
          total: 1,
          hits: [
            {
              kind: 'speech',
              id: 's1',
              year: 2026,
              state: 'delivered',
              state_label: '已发言',
              sector: '',
              submitter: '李明',
              title: '让老年人共享美好生活',
              title_parts: [{ text: '让老年人共享美好生活', hit: false }],
              snippet: [{ text: '助餐', hit: true }],
            },
          ],
        },
      ],
    }
    handlers.search = (a) => ((a.query as { text: string }).text === '没有' ? { total: 0, groups: [] } : r)
    store.searchText = '助餐'
    mountIt(SearchView, {})
    await settle()
    const marks = Array.from(document.querySelectorAll('[data-testid="fts-results"] mark')).map((m) => m.textContent)
    expect(marks).toEqual(['助餐', '助餐'])
    expect(document.querySelector('[data-testid="fts-group-proposal"]')?.textContent).toContain('提案 1 条')
    expect(document.querySelector('[data-testid="fts-group-speech"]')?.textContent).toContain('大会发言 1 条')
    ;(document.querySelector('[data-testid="fts-hit"]') as HTMLElement).click()
    expect(store.openProposalId).toBe('p9')
    expect(store.screen).toBe('proposals')
    store.searchText = ''
    store.screen = 'roster'
  })
})
