// 社情民意: the helpers (counts, ordering, the year's progress, the next issue's form) and the screens
// — the list with its state filter and counts, the empty state, the drawer's steps as core offers
// them (提交 sends the right command; a refusal is shown as core says it), the 核稿 side by side, the
// composer's order sent to core.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { AppInfo, BulletinYear, OpinionDetail, OpinionList, OpinionRow, Term } from '../bindings'
import { countOf, inputOf, issueLabel, moveItem, newBulletinInput, rowNote, yearProgress } from '../opinions'
import OpinionsView from '../views/OpinionsView.vue'
import OpinionDrawer from '../components/opinions/OpinionDrawer.vue'
import BulletinComposer from '../components/opinions/BulletinComposer.vue'
import { loadAll } from '../store'

const term: Term = { id: 't15', name: '第十五届', start_year: 2022, end_year: 2027, is_current: true, member_count: 0 }

function row(id: string, title: string, over: Partial<OpinionRow> = {}): OpinionRow {
  return {
    id,
    title,
    date: '2026-03-05',
    state: 'submitted',
    submitters: '王伟、李娜',
    sector: '教育界',
    topics: ['养老'],
    adopted_level: null,
    adopted_form: null,
    combined: false,
    merged_into: null,
    instructions: 0,
    issue: null,
    deleted: false,
    ...over,
  }
}

function list(rows: OpinionRow[]): OpinionList {
  const counts = (['draft', 'submitted', 'editing', 'adopted', 'retained', 'instructed', 'transferred', 'replied', 'fed_back'] as const).map((s) => ({
    state: s,
    count: rows.filter((r) => r.state === s).length,
  }))
  return { rows, counts, total: rows.length }
}

function detail(r: OpinionRow, over: Partial<OpinionDetail> = {}): OpinionDetail {
  return {
    row: r,
    original: { title: r.title, situation: '情况原文', problem: '问题原文', suggestion: '建议原文' },
    edited: { title: '', situation: '', problem: '', suggestion: '' },
    editor: '',
    edited_at: null,
    edit_note: '',
    sector_id: null,
    submitters: [
      { kind: 'member', id: 'm1', name: '王伟', role: 'first' },
      { kind: 'member', id: 'm2', name: '李娜', role: 'co' },
    ],
    submitted_at: '2026-03-05',
    adopted_at: null,
    adopted_by: '',
    retained_at: null,
    instructions: [],
    department: '',
    transferred_at: null,
    reply: '',
    replied_at: null,
    feedback: '',
    fed_back_at: null,
    returned_reason: '',
    sources: [],
    merged_into_id: null,
    source_kind: '',
    source_id: null,
    issue_id: null,
    next: [],
    created_at: '2026-03-05T00:00:00.000Z',
    updated_at: '2026-03-05T00:00:00.000Z',
    ...over,
  }
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

const mountIt = <T,>(c: T, props: Record<string, unknown> = {}) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mount(c as any, { props, global: { plugins: [ElementPlus] }, attachTo: document.body })

const lastCall = (cmd: string) => [...calls].reverse().find((c) => c.cmd === cmd)

beforeEach(async () => {
  resetBackend()
  const info: AppInfo = { office_name: '某区政协联络办公室', current_term: term, db_path: '/tmp/x.db', schema_version: 7, member_count: 2, group_count: 1 }
  handlers.app_info = () => info
  handlers.terms_list = () => [term]
  handlers.refs_list = () => []
  handlers.groups_list = () => []
  await loadAll()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('helpers', () => {
  it('counts by state, all for null', () => {
    const l = list([row('a', 'A'), row('b', 'B', { state: 'adopted' })])
    expect(countOf(l, null)).toBe(2)
    expect(countOf(l, 'adopted')).toBe(1)
    expect(countOf(l, 'draft')).toBe(0)
    expect(countOf(null, 'draft')).toBe(0)
  })
  it('moves an item up, down, to the ends, and leaves bad moves alone', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b'])
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a'])
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b'])
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b'])
  })
  it("shows the year's count against the target", () => {
    const y: BulletinYear = { year: 2026, issues: 3, target: 8, next_number: 4, next_total: 12, last_signer: '周建国', last_send_to: '区委', last_copy_to: '各组' }
    expect(yearProgress(y)).toEqual({ text: '2026年已编 3 期 / 目标 8 期', percent: 38, done: false })
    expect(yearProgress({ ...y, issues: 9 }).done).toBe(true)
    expect(yearProgress({ ...y, issues: 9 }).percent).toBe(100)
    const b = newBulletinInput(y, '某区政协联络办公室')
    expect([b.number, b.total_number, b.signer, b.send_to, b.copy_to]).toEqual([4, 12, '周建国', '区委', '各组'])
    expect(issueLabel(b)).toBe('2026年第4期（总第12期）')
  })
  it('notes a combined report, its 批示 and its issue; a draft form from the record', () => {
    expect(rowNote(row('a', 'A', { combined: true, instructions: 2, issue: '2026年第3期' }))).toBe('综合 · 批示 2 · 刊于2026年第3期')
    const f = inputOf(detail(row('a', 'A')))
    expect(f.id).toBe('a')
    expect(f.submitters).toEqual([{ kind: 'member', id: 'm1' }, { kind: 'member', id: 'm2' }])
    expect(f.situation).toBe('情况原文')
  })
})

describe('社情民意 screen', () => {
  it('lists the reports with counts per state, and asks again with the state picked', async () => {
    const all = [row('a', '关于加强农村留守老人关爱服务的建议'), row('b', '关于破解老旧小区停车难问题的建议', { state: 'adopted', adopted_level: 'city', adopted_form: 'single' })]
    handlers.opinions_query = (a) => {
      const q = a.query as { state: string | null }
      const l = list(all)
      return { ...l, rows: q.state ? all.filter((r) => r.state === q.state) : all }
    }
    const w = mountIt(OpinionsView)
    await settle()
    expect(w.find('[data-testid="op-table"]').text()).toContain('关于破解老旧小区停车难问题的建议')
    expect(w.find('[data-testid="op-table"]').text()).toContain('市级·单篇')
    expect(w.find('[data-testid="op-state-all"]').text()).toContain('全部 2')
    expect(w.find('[data-testid="op-state-adopted"]').text()).toContain('已采用 1')
    await w.find('[data-testid="op-state-adopted"] input').setValue(true)
    await settle()
    expect((lastCall('opinions_query')!.args.query as { state: string }).state).toBe('adopted')
    expect(w.findAll('[data-testid="op-table"] .el-table__body tr').length).toBe(1)
  })
  it('says how to begin when there are no reports', async () => {
    handlers.opinions_query = () => list([])
    const w = mountIt(OpinionsView)
    await settle()
    // The year is the screen's default, not a filter the user set: the empty text names the year and
    // says what to do.
    const year = new Date().getFullYear()
    expect(w.find('[data-testid="op-table"]').text()).toContain(`${year}年还没有社情民意信息，点“新增”录入一篇`)
    expect(w.find('[data-testid="op-table"]').text()).not.toContain('没有符合条件')
  })
})

describe('the report drawer', () => {
  it("offers core's next steps; 提交 sends opinion_submit and shows the new state", async () => {
    const r = row('a', '关于加强农村留守老人关爱服务的建议', { state: 'draft' })
    handlers.opinion_get = () => detail(r, { next: ['edit', 'submit'] })
    handlers.opinion_submit = () => detail({ ...r, state: 'submitted' }, { next: ['review', 'retain', 'return'] })
    const w = mountIt(OpinionDrawer, { opinionId: 'a' })
    await settle()
    expect(document.querySelector('[data-testid="od-step-submit"]')).not.toBeNull()
    expect(document.querySelector('[data-testid="od-step-adopt"]')).toBeNull()
    ;(document.querySelector('[data-testid="od-step-submit"]') as HTMLElement).click()
    await settle()
    expect(lastCall('opinion_submit')!.args.id).toBe('a')
    expect(document.querySelector('[data-testid="od-state"]')!.textContent).toContain('已提交')
    expect(document.querySelector('[data-testid="od-step-review"]')).not.toBeNull()
    w.unmount()
  })
  it('shows the original and the edited text side by side once edited', async () => {
    const r = row('a', '关于加强农村留守老人关爱服务的建议', { state: 'editing' })
    handlers.opinion_get = () =>
      detail(r, { edited: { title: r.title, situation: '情况原文', problem: '问题原文', suggestion: '建议（核稿后）' }, editor: '张丽', edited_at: '2026-03-08', next: ['review', 'adopt'] })
    const w = mountIt(OpinionDrawer, { opinionId: 'a' })
    await settle()
    const cmp = document.querySelector('[data-testid="od-compare"]')!
    expect(cmp.textContent).toContain('建议原文')
    expect(cmp.textContent).toContain('建议（核稿后）')
    expect(cmp.textContent).toContain('张丽')
    expect(cmp.querySelectorAll('.cell.changed').length).toBe(1)
    w.unmount()
  })
})

describe('the bulletin composer', () => {
  it('offers the next numbers, orders the picked reports and sends that order', async () => {
    handlers.opinions_query = () =>
      list([row('a', '第一篇', { state: 'adopted' }), row('b', '第二篇', { state: 'adopted' }), row('c', '第三篇', { state: 'instructed' })])
    handlers.bulletin_year = () => ({ year: 2026, issues: 2, target: 8, next_number: 3, next_total: 11, last_signer: '周建国', last_send_to: '区委', last_copy_to: '' })
    handlers.bulletin_save = (a) => ({ row: { id: 'x', year: 2026, number: 3, total_number: 11, date: '2026-11-30', signer: '周建国', reports: 2, deleted: false }, office: '', send_to: '', copy_to: '', reports: [], input: a })
    const w = mountIt(BulletinComposer, { visible: false, issueId: null })
    await w.setProps({ visible: true })
    await settle()
    const pool = () => [...document.querySelectorAll('[data-testid="bc-pool"] .pool-item')] as HTMLElement[]
    expect(pool().length).toBe(3)
    pool()[0].click()
    await settle()
    pool()[1].click() // now 第三篇
    await settle()
    const chosen = () => [...document.querySelectorAll('[data-testid="bc-chosen"] .chosen-item')].map((e) => e.textContent ?? '')
    expect(chosen()[0]).toContain('第一篇')
    expect(chosen()[1]).toContain('第三篇')
    expect(document.querySelector('[data-testid="bc-preview"]')!.textContent).toContain('2026年第3期（总第11期）')
    // Move the second up.
    const up = document.querySelectorAll('[data-testid="bc-chosen"] .chosen-item')[1].querySelectorAll('button')[0] as HTMLElement
    up.click()
    await settle()
    expect(chosen()[0]).toContain('第三篇')
    ;(document.querySelector('[data-testid="bc-save"]') as HTMLElement).click()
    await settle()
    const input = lastCall('bulletin_save')!.args.input as { opinion_ids: string[]; number: number; total_number: number; signer: string }
    expect(input.opinion_ids).toEqual(['c', 'a'])
    expect([input.number, input.total_number, input.signer]).toEqual([3, 11, '周建国'])
    w.unmount()
  })
  it('shows a number used twice at its field, as core says it', async () => {
    handlers.opinions_query = () => list([row('a', '第一篇', { state: 'adopted' })])
    handlers.bulletin_year = () => ({ year: 2026, issues: 2, target: 8, next_number: 3, next_total: 11, last_signer: '', last_send_to: '', last_copy_to: '' })
    handlers.bulletin_save = () => {
      throw { code: 'validation', message: '2026年第3期已经编过', fields: [{ field: 'number', message: '2026年第3期已经编过（2026-06-01），同一期号不能用两次：请改用第4期' }] }
    }
    const w = mountIt(BulletinComposer, { visible: false, issueId: null })
    await w.setProps({ visible: true })
    await settle()
    ;(document.querySelector('[data-testid="bc-pool"] .pool-item') as HTMLElement).click()
    await settle()
    ;(document.querySelector('[data-testid="bc-save"]') as HTMLElement).click()
    await settle()
    expect(document.querySelector('[data-testid="bulletin-composer"]')!.textContent).toContain('同一期号不能用两次')
    w.unmount()
  })
})
