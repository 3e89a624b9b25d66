import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, resetBackend, invokeMock } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { Attendee, CheckInCounts, HallLayout, Prerequisite, SeatingChart, SessionDetail, Sitting } from '../bindings'
import CheckInDesk from '../components/session/CheckInDesk.vue'
import LeavePanel from '../components/session/LeavePanel.vue'
import GroupsPanel from '../components/session/GroupsPanel.vue'
import SeatingPanel from '../components/session/SeatingPanel.vue'
import SessionPrintDialog from '../components/session/SessionPrintDialog.vue'
import OverviewPanel from '../components/session/OverviewPanel.vue'
import SessionsView from '../views/SessionsView.vue'
import SignInPanel from '../components/session/SignInPanel.vue'
import { firstToCheckIn, hallGrid, parseNumbers, rostrumGrid, scanCode, step } from '../sessions'

function person(name: string, over: Partial<Attendee> = {}): Attendee {
  return {
    id: `a-${name}`,
    session_id: 's1',
    kind: 'member',
    member_id: `m-${name}`,
    name,
    gender: '男',
    sector: '教育界',
    roles: '',
    unit: '',
    mobile: '138****5678',
    group_id: null,
    group: '',
    group_role: 'member',
    rostrum: false,
    protocol_rank: null,
    checked_in_at: null,
    proxy: '',
    items: [],
    code: `1000${name.length}0000000`.slice(0, 12),
    ...over,
  }
}

const sitting: Sitting = {
  id: 'x1',
  session_id: 's1',
  kind: 'opening',
  title: '开幕会',
  date: '2026-11-27',
  half: 'am',
  start_time: '',
  end_time: '',
  place: '',
  finalised: false,
}

const layout: HallLayout = {
  id: 'L1',
  name: '大礼堂',
  rows: 2,
  seat_columns: 5,
  aisle_columns: [3],
  section_names: [],
  rostrum_rows: 1,
  rostrum_seats: 3,
  hall_capacity: 8,
  rostrum_capacity: 3,
}

function detail(over: Partial<SessionDetail> = {}): SessionDetail {
  return {
    session: {
      id: 's1',
      activity_id: 'act1',
      kind: 'plenary',
      name: '政协第十五届第三次会议',
      term: '第十五届',
      start_date: '2026-11-27',
      end_date: '2026-11-29',
      place: '大礼堂',
      sittings: 1,
      members: 3,
      observers: 0,
      staff: 0,
      checked_in: 0,
      groups: 0,
      seated: 0,
      deleted: false,
      updated_at: '2026-11-01T00:00:00.000Z',
    },
    term_id: 't15',
    convenor_max_half_days: 1,
    check_in_items: ['出席证', '会议材料', '餐券'],
    layout_id: 'L1',
    sittings: [sitting],
    groups: [],
    readiness: [],
    ...over,
  }
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

/** Element Plus shows a form item's error after a short debounce. */
async function errorsShown() {
  await settle()
  await new Promise((r) => setTimeout(r, 150))
  await settle()
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
  it('↑/↓ wrap round the list', () => {
    expect(step(-1, 1, 3)).toBe(0)
    expect(step(-1, -1, 3)).toBe(2)
    expect(step(2, 1, 3)).toBe(0)
    expect(step(0, -1, 3)).toBe(2)
    expect(step(0, 1, 0)).toBe(-1)
  })

  it('the highlight starts on the first not yet checked in', () => {
    expect(firstToCheckIn([{ checked_in_at: '2026-11-27 08:00' }, { checked_in_at: null }])).toBe(1)
    expect(firstToCheckIn([{ checked_in_at: '2026-11-27 08:00' }])).toBe(0)
    expect(firstToCheckIn([])).toBe(-1)
  })

  it('the hall grid leaves aisles as gaps and numbers seats only; the rostrum front row is at the bottom', () => {
    const seats = [{ attendee_id: 'a', name: '王伟', group: '第一组', area: 'hall' as const, row: 1, col: 4, number: 3, section: '' }]
    const g = hallGrid(layout, seats)
    expect(g).toHaveLength(2)
    expect(g[0].cells.map((c) => c.kind)).toEqual(['seat', 'seat', 'aisle', 'seat', 'seat'])
    const c = g[0].cells[3]
    expect(c.kind === 'seat' && c.number).toBe(3)
    expect(c.kind === 'seat' && c.seat?.name).toBe('王伟')
    const r = rostrumGrid({ ...layout, rostrum_rows: 2 }, [])
    expect(r.map((x) => x.row)).toEqual([2, 1])
    expect(parseNumbers('7, 21，x、0')).toEqual([7, 21])
  })
})

describe('check-in desk', () => {
  let counts: CheckInCounts
  const people = [person('欧阳明'), person('欧阳丽', { checked_in_at: '2026-11-27 08:10', items: ['出席证'] }), person('王伟')]

  beforeEach(() => {
    counts = { expected: 3, checked_in: 1, members_expected: 3, members_checked_in: 1, by_proxy: 0, items: [] }
    handlers.session_check_in_counts = () => counts
    handlers.session_attendees = (a) => {
      const q = (a.query as { search: string }).search
      return people.filter((p) => (q === 'oy' ? p.name.startsWith('欧阳') : q === 'ww' ? p.name === '王伟' : false))
    }
    // Each desk command answers with the attendee as now and the counts (CheckInUpdate): one call.
    handlers.session_check_in = (a) => {
      const input = a.input as { attendee_id: string; proxy: string; items: string[] }
      counts = { ...counts, checked_in: counts.checked_in + 1, by_proxy: counts.by_proxy + (input.proxy ? 1 : 0) }
      const p = people.find((x) => x.id === input.attendee_id)!
      return { attendee: { ...p, checked_in_at: '2026-11-27 08:30', proxy: input.proxy, items: input.items }, counts }
    }
    handlers.session_undo_check_in = (a) => {
      counts = { ...counts, checked_in: counts.checked_in - 1 }
      const p = people.find((x) => x.id === a.attendeeId)!
      return { attendee: { ...p, checked_in_at: null, proxy: '', items: [] }, counts }
    }
  })

  /** The commands the desk sent after it was mounted (the counts are loaded once, on mount). */
  const deskCalls = () => calls.map((c) => c.cmd).filter((c) => c !== 'session_attendees')

  it('shows the live counts and keeps the focus in the search box', async () => {
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: ['出席证', '会议材料', '餐券'] })
    await settle()
    expect(w.get('[data-testid=desk-expected]').text()).toBe('3')
    expect(w.get('[data-testid=desk-checked]').text()).toBe('1')
    expect(w.get('[data-testid=desk-remaining]').text()).toBe('2')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('desk-search')
  })

  it('a scanned code + Enter checks that person in at once; a second scan says 已报到; an unknown code says so', async () => {
    const target = people.find((p) => !p.checked_in_at)!
    handlers.session_check_in_by_code = (a) => {
      const input = a.input as { code: string; items: string[]; proxy: string }
      if (input.code !== '123456789012') throw { code: 'not_found', message: `编码 ${input.code} 不是本次会议名单中的人员，请核对证件是否属于本次会议` }
      const already = counts.checked_in > 1
      if (!already) counts = { ...counts, checked_in: counts.checked_in + 1 }
      return { already, update: { attendee: { ...target, checked_in_at: '2026-11-27 08:31', items: input.items }, counts } }
    }
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: ['出席证', '会议材料', '餐券'] })
    await settle()
    const input = w.get('[data-testid=desk-search]')
    // The scanner types full-width digits when the IME is in full-width mode; spaces as printed.
    await input.setValue('1234 5678 ９０１２')
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    const sc = calls.filter((c) => c.cmd === 'session_check_in_by_code')
    expect(sc[0].args).toEqual({ input: { session_id: 's1', code: '123456789012', proxy: '', items: ['出席证', '会议材料', '餐券'] } })
    expect(calls.filter((c) => c.cmd === 'session_check_in')).toHaveLength(0)
    expect(w.get('[data-testid=desk-notice]').text()).toContain(`${target.name} 扫码报到成功`)
    expect(w.get('[data-testid=desk-checked]').text()).toBe('2')
    expect((input.element as HTMLInputElement).value).toBe('')
    await input.setValue('123456789012')
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    expect(w.get('[data-testid=desk-notice]').text()).toContain(`${target.name} 已报到`)
    expect(w.get('[data-testid=desk-checked]').text()).toBe('2')
    await input.setValue('999999999999')
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    expect(w.get('[data-testid=desk-notice]').text()).toContain('不是本次会议名单中的人员')
  })

  it('typing filters; the first one not checked in is highlighted; ↓ and Enter check in the chosen one', async () => {
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: ['出席证', '会议材料', '餐券'] })
    await settle()
    const input = w.get('[data-testid=desk-search]')
    await input.setValue('oy')
    await settle()
    const q = calls.filter((c) => c.cmd === 'session_attendees').at(-1)!
    expect(q.args).toMatchObject({ sessionId: 's1', query: { search: 'oy' } })
    const rows = w.findAll('[data-testid=desk-row]')
    expect(rows.map((r) => r.find('.r-name').text())).toEqual(['欧阳明', '欧阳丽'])
    expect(rows[0].classes()).toContain('active')
    expect(rows[1].text()).toContain('已报到 08:10')
    // ↓ then ↑ wraps back to 欧阳明; Enter checks him in with every item ticked.
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(w.findAll('[data-testid=desk-row]')[1].classes()).toContain('active')
    await input.trigger('keydown', { key: 'ArrowUp' })
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    const ci = calls.filter((c) => c.cmd === 'session_check_in')
    expect(ci).toHaveLength(1)
    expect(ci[0].args).toEqual({ input: { attendee_id: 'a-欧阳明', proxy: '', items: ['出席证', '会议材料', '餐券'], time: '' } })
    expect(w.get('[data-testid=desk-notice]').text()).toContain('欧阳明 报到成功')
    expect(w.get('[data-testid=desk-checked]').text()).toBe('2')
    expect(w.get('[data-testid=desk-remaining]').text()).toBe('1')
    expect((input.element as HTMLInputElement).value).toBe('')
    expect(w.findAll('[data-testid=desk-recent]')).toHaveLength(1)
    // One round trip per arrival: the counts came with the answer, not from another call.
    expect(deskCalls()).toEqual(['session_check_in_counts', 'session_check_in'])
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('Enter on someone already checked in says so and calls nothing', async () => {
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: ['出席证'] })
    await settle()
    const input = w.get('[data-testid=desk-search]')
    await input.setValue('oy')
    await settle()
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    expect(calls.some((c) => c.cmd === 'session_check_in')).toBe(false)
    expect(w.get('[data-testid=desk-notice]').text()).toContain('欧阳丽 已于 2026-11-27 08:10 报到')
  })

  it('checks in by proxy with the items left ticked, and undoes', async () => {
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: ['出席证', '会议材料', '餐券'] })
    await settle()
    // Untick 餐券.
    await w.get('[data-testid="desk-item-餐券"] input').setValue(false)
    await w.get('input[data-testid=desk-proxy]').setValue('王秘书')
    const input = w.get('[data-testid=desk-search]')
    await input.setValue('ww')
    await settle()
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    const ci = calls.filter((c) => c.cmd === 'session_check_in')
    expect(ci[0].args).toEqual({ input: { attendee_id: 'a-王伟', proxy: '王秘书', items: ['出席证', '会议材料'], time: '' } })
    expect(w.get('[data-testid=desk-notice]').text()).toContain('王秘书代报到')
    expect((w.get('input[data-testid=desk-proxy]').element as HTMLInputElement).value).toBe('')
    await w.get('[data-testid=desk-undo]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_undo_check_in')[0].args).toEqual({ attendeeId: 'a-王伟' })
    expect(w.get('[data-testid=desk-checked]').text()).toBe('1')
    expect(w.findAll('[data-testid=desk-recent]')).toHaveLength(0)
    expect(deskCalls()).toEqual(['session_check_in_counts', 'session_check_in', 'session_undo_check_in'])
  })

  it('an undo from the search results turns the row back to 未报到 without searching again', async () => {
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: ['出席证'] })
    await settle()
    await w.get('[data-testid=desk-search]').setValue('oy')
    await settle()
    const searches = calls.filter((c) => c.cmd === 'session_attendees').length
    await w.findAll('[data-testid=desk-row]')[1].get('[data-testid=desk-row-undo]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_undo_check_in')[0].args).toEqual({ attendeeId: 'a-欧阳丽' })
    expect(w.findAll('[data-testid=desk-row]')[1].text()).toContain('未报到')
    expect(w.get('[data-testid=desk-checked]').text()).toBe('0')
    expect(calls.filter((c) => c.cmd === 'session_attendees')).toHaveLength(searches)
    expect(calls.filter((c) => c.cmd === 'session_check_in_counts')).toHaveLength(1)
  })

  it('补发 hands out the ticked items someone checked in did not get', async () => {
    handlers.session_check_in_items = (a) => ({
      attendee: { ...people[1], items: a.items as string[] },
      counts: { ...counts, items: [{ item: '出席证', handed: 1 }, { item: '会议材料', handed: 1 }] },
    })
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: ['出席证', '会议材料'] })
    await settle()
    await w.get('[data-testid=desk-search]').setValue('oy')
    await settle()
    const rows = w.findAll('[data-testid=desk-row]')
    expect(rows[0].find('[data-testid=desk-row-items]').exists()).toBe(false)
    await rows[1].get('[data-testid=desk-row-items]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_check_in_items')[0].args).toEqual({ attendeeId: 'a-欧阳丽', items: ['出席证', '会议材料'] })
    expect(calls.some((c) => c.cmd === 'session_check_in')).toBe(false)
    expect(w.get('[data-testid=desk-notice]').text()).toContain('已为 欧阳丽 补发会议材料')
    // The row and the item counts follow from the one answer.
    expect(w.findAll('[data-testid=desk-row]')[1].find('[data-testid=desk-row-items]').exists()).toBe(false)
    expect(w.get('[data-testid=desk-counts]').text()).toContain('会议材料 已发 1')
    expect(deskCalls()).toEqual(['session_check_in_counts', 'session_check_in_items'])
  })

  it('says so when nobody matches', async () => {
    const w = mountIt(CheckInDesk, { sessionId: 's1', items: [] })
    await settle()
    await w.get('[data-testid=desk-search]').setValue('qqq')
    await settle()
    expect(w.get('[data-testid=desk-empty]').text()).toContain('名单中没有找到“qqq”')
  })
})

describe('leave', () => {
  beforeEach(() => {
    handlers.session_leaves = () => []
  })

  it("asks for a person first, then shows core's refusal at the field", async () => {
    handlers.session_leave_request = () => {
      throw { code: 'validation', message: '请填写请假事由', fields: [{ field: 'reason', message: '请填写请假事由' }] }
    }
    const w = mountIt(LeavePanel, { sessionId: 's1', sittings: [sitting], attendees: [person('王伟')], convenorMax: 1 })
    await settle()
    // Nobody chosen: said at the person field, nothing asked of core.
    await w.get('[data-testid=leave-submit]').trigger('click')
    await errorsShown()
    expect(w.get('[data-testid=leave-form]').text()).toContain('请选择请假人员')
    expect(calls.some((c) => c.cmd === 'session_leave_request')).toBe(false)
    // Choose 王伟 and the sitting through the form's model (the selects are Element Plus popups).
    const vm = w.vm as unknown as { $: { setupState: { form: { attendee_id: string; sitting_id: string } } } }
    vm.$.setupState.form.attendee_id = 'a-王伟'
    vm.$.setupState.form.sitting_id = 'x1'
    await w.get('[data-testid=leave-submit]').trigger('click')
    await errorsShown()
    expect(calls.filter((c) => c.cmd === 'session_leave_request')[0].args).toEqual({
      input: { attendee_id: 'a-王伟', sitting_id: 'x1', reason: '' },
    })
    const items = w.findAll('.el-form-item')
    const reason = items.find((i) => i.text().includes('事由'))!
    expect(reason.find('.el-form-item__error').text()).toBe('请填写请假事由')
  })

  it('a decision refused by the rule is shown at its field', async () => {
    handlers.session_leaves = () => [
      {
        id: 'l1',
        attendee_id: 'a-王伟',
        name: '王伟',
        group: '第一组',
        sitting_id: null,
        period: '全程',
        half_days: 4,
        reason: '因公出差',
        approver_level: 'secretariat',
        approver: '',
        decided_by: null,
        status: 'pending',
        requested_at: '2026-11-27 08:00',
        decided_at: null,
        decision_note: '',
      },
    ]
    handlers.session_leave_decide = () => {
      throw {
        code: 'validation',
        message: '超过召集人审批权限',
        fields: [{ field: 'level', message: '请假 2 天（全程），超过召集人审批权限（半天以内），须由秘书处审批' }],
      }
    }
    const w = mountIt(LeavePanel, { sessionId: 's1', sittings: [sitting], attendees: [person('王伟')], convenorMax: 1 })
    await settle()
    expect(w.get('[data-testid=leave-table]').text()).toContain('因公出差')
    expect(w.get('[data-testid=leave-table]').text()).toContain('由秘书处审批')
    await w.get('[data-testid=leave-approve]').trigger('click')
    await settle()
    const dlg = document.querySelector('[data-testid=leave-decide-dialog]')!
    // Choose 召集人 although the rule says 秘书处, and a name.
    const radios = dlg.querySelectorAll<HTMLInputElement>('[data-testid=leave-level] input')
    radios[0].click()
    const name = dlg.querySelector<HTMLInputElement>('input[data-testid=leave-approver]')!
    name.value = '张召集'
    name.dispatchEvent(new Event('input'))
    await settle()
    dlg.querySelector<HTMLButtonElement>('[data-testid=leave-decide-confirm]')!.click()
    await errorsShown()
    expect(calls.filter((c) => c.cmd === 'session_leave_decide')[0].args).toEqual({
      decision: { leave_id: 'l1', approve: true, level: 'convenor', approver: '张召集', note: '' },
    })
    expect(dlg.textContent).toContain('超过召集人审批权限（半天以内），须由秘书处审批')
  })
})

describe('leave for the whole session', () => {
  it('全程 is the default and goes to core as no sitting', async () => {
    handlers.session_leaves = () => []
    handlers.session_leave_request = (a) => ({
      id: 'l1',
      attendee_id: 'a-王伟',
      name: '王伟',
      group: '',
      sitting_id: null,
      period: '全程',
      half_days: 6,
      reason: (a.input as { reason: string }).reason,
      approver_level: 'secretariat',
      approver: '',
      decided_by: null,
      status: 'pending',
      requested_at: '2026-11-27 08:00',
      decided_at: null,
      decision_note: '',
    })
    const w = mountIt(LeavePanel, { sessionId: 's1', sittings: [sitting], attendees: [person('王伟')], convenorMax: 1 })
    await settle()
    expect(w.get('[data-testid=leave-form]').text()).toContain('全程（整个会期）')
    const vm = w.vm as unknown as { $: { setupState: { form: { attendee_id: string } } } }
    vm.$.setupState.form.attendee_id = 'a-王伟'
    await w.get('input[data-testid=leave-reason]').setValue('因公出差')
    await w.get('[data-testid=leave-submit]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_leave_request')[0].args).toEqual({
      input: { attendee_id: 'a-王伟', sitting_id: null, reason: '因公出差' },
    })
    // The list is asked again.
    expect(calls.filter((c) => c.cmd === 'session_leaves').length).toBe(2)
  })
})

describe('grouping and seating', () => {
  it('自动分组 asks core for the number of groups', async () => {
    handlers.session_auto_group = () => []
    const w = mountIt(GroupsPanel, { sessionId: 's1', groups: [], attendees: [person('王伟')] })
    await settle()
    const n = w.get('[data-testid=grp-count] input')
    await n.setValue('6')
    await n.trigger('change')
    await w.get('[data-testid=grp-auto]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_auto_group')[0].args).toEqual({
      input: { session_id: 's1', groups: 6, rooms: [], convenors_per_group: 1 },
    })
    expect(w.emitted('changed')).toBeTruthy()
  })

  it('a member is moved to another group by the select', async () => {
    handlers.session_move_to_group = () => []
    const groups = [
      { id: 'g1', session_id: 's1', seq: 1, name: '第一组', room: '', convenors: [], size: 1, sectors: [] },
      { id: 'g2', session_id: 's1', seq: 2, name: '第二组', room: '', convenors: [], size: 0, sectors: [] },
    ]
    const w = mountIt(GroupsPanel, { sessionId: 's1', groups, attendees: [person('王伟', { group_id: 'g1', group: '第一组' })] })
    await settle()
    expect(w.findAll('[data-testid=grp-card]')).toHaveLength(2)
    const selects = w.findAllComponents({ name: 'ElSelect' }).filter((c) => c.attributes('data-testid') === 'grp-member-select')
    selects[0].vm.$emit('change', 'g2')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_move_to_group')[0].args).toEqual({ attendeeIds: ['a-王伟'], groupId: 'g2' })
  })

  it('自动排座 calls core; clicking two seats swaps them; 打印座次表 asks for the seating print', async () => {
    const chart: SeatingChart = {
      session_id: 's1',
      layout,
      seats: [
        { attendee_id: 'a-王伟', name: '王伟', group: '第一组', area: 'hall', row: 1, col: 1, number: 1, section: '' },
        { attendee_id: 'a-李丽', name: '李丽', group: '第一组', area: 'hall', row: 1, col: 2, number: 2, section: '' },
      ],
      unseated: [],
      numbering: 'sequential',
      numbers: [],
      people: 2,
      to_seat: 2,
      warnings: [],
    }
    handlers.hall_layouts = () => [layout]
    handlers.seating_chart = () => chart
    handlers.seating_auto = () => ({ hall: 2, rostrum: 0 })
    handlers.seats_swap = () => chart
    const w = mountIt(SeatingPanel, { detail: detail() })
    await settle()
    const cells = w.findAll('[data-testid=seat-row] [data-testid=seat-cell]')
    expect(cells).toHaveLength(8)
    expect(w.findAll('[data-testid=seat-row]')[0].findAll('.aisle')).toHaveLength(1)
    expect(cells[0].text()).toBe('王伟')
    // Seated already: 自动排座 asks first (confirm box); answer by the message box's confirm button.
    await w.get('[data-testid=seat-auto]').trigger('click')
    await settle()
    const ok = document.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')
    ok?.click()
    await settle()
    await new Promise((r) => setTimeout(r, 50))
    await settle()
    expect(calls.filter((c) => c.cmd === 'seating_auto')[0]?.args).toEqual({ sessionId: 's1' })
    await cells[0].trigger('click')
    expect(w.find('[data-testid=seat-hint]').text()).toContain('已选 王伟')
    await cells[1].trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'seats_swap')[0].args).toEqual({ aId: 'a-王伟', bId: 'a-李丽' })
    await w.get('[data-testid=session-print-seating]').trigger('click')
    expect(w.emitted('print')?.[0]).toEqual(['seating'])
  })
})

describe('单双号 and the rostrum warning', () => {
  it('the chart shows core\'s seat numbers, 共 N 人, the warning, and switches the numbering', async () => {
    const chart: SeatingChart = {
      session_id: 's1',
      layout,
      seats: [],
      unseated: ['王伟'],
      numbering: 'odd_even',
      // 5 columns, the aisle the 3rd (core's seat_numbers): 4 2 · 1 3.
      numbers: [4, 2, 0, 1, 3],
      people: 3,
      to_seat: 2,
      warnings: ['主席台（6 座）没有人：名单中没有人担任主席、副主席或秘书长（政协职务）。'],
    }
    handlers.hall_layouts = () => [layout]
    handlers.seating_chart = () => chart
    handlers.seat_numbering_set = () => ({ ...chart, numbering: 'sequential', warnings: [] })
    const w = mountIt(SeatingPanel, { detail: detail() })
    await settle()
    const nums = w.findAll('[data-testid=seat-row]')[0].findAll('.num').map((n) => n.text())
    expect(nums).toEqual(chart.numbers.filter((n) => n > 0).map(String))
    expect(w.get('[data-testid=seat-counts]').text()).toContain('共 2 人需排座')
    expect(w.get('[data-testid=seat-counts]').text()).toContain('单双号')
    expect(w.get('[data-testid=seat-warning]').text()).toContain('政协职务')
    const sel = w.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'seat-numbering')!
    sel.vm.$emit('change', 'sequential')
    await settle()
    expect(calls.filter((c) => c.cmd === 'seat_numbering_set')[0].args).toEqual({ input: { session_id: 's1', numbering: 'sequential' } })
    expect(w.findAll('[data-testid=seat-warning]')).toHaveLength(0)
  })

  it('scanCode reads 12 digits, full-width too, and nothing else', () => {
    expect(scanCode('１２３４56789012')).toBe('123456789012')
    expect(scanCode('1234-5678-9012')).toBe('123456789012')
    expect(scanCode('5678')).toBeNull()
    expect(scanCode('zsf')).toBeNull()
  })
})

describe('print dialog', () => {
  it('座次表 defaults to PDF and sends the format; 座位票 offers PDF only; the rest Excel', async () => {
    handlers.session_export = () => ({ rows: 10, path: '/tmp/exports/座次表.pdf' })
    const w = mountIt(SessionPrintDialog, { visible: true, sessionId: 's1', sessionName: '全会', doc: 'seating', sittings: [sitting] })
    await settle()
    const dlg = () => document.querySelector('[data-testid=session-print-dialog]')!
    expect(dlg().querySelectorAll('[data-testid=session-print-format] label')).toHaveLength(2)
    dlg().querySelector<HTMLButtonElement>('[data-testid=session-print-confirm]')!.click()
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_export')[0].args).toEqual({
      request: { session_id: 's1', document: 'seating', sitting_id: null, with_phone: false, format: 'pdf' },
    })
    expect(dlg().textContent).toContain('座次表已生成')
    expect(dlg().querySelector('[data-testid=session-print-path]')!.textContent).toContain('/tmp/exports/座次表.pdf')
    await w.setProps({ visible: false })
    await w.setProps({ doc: 'seat_tickets', visible: true })
    await settle()
    expect([...dlg().querySelectorAll('[data-testid=session-print-format] label')].map((l) => l.textContent?.trim())).toEqual(['PDF'])
    await w.setProps({ visible: false })
    await w.setProps({ doc: 'passes', visible: true })
    await settle()
    expect([...dlg().querySelectorAll('[data-testid=session-print-format] label')].map((l) => l.textContent?.trim())).toEqual(['PDF'])
    await w.setProps({ visible: false })
    await w.setProps({ doc: 'sign_in', visible: true })
    await settle()
    expect([...dlg().querySelectorAll('[data-testid=session-print-format] label')].map((l) => l.textContent?.trim())).toEqual(['PDF', 'Excel'])
    await w.setProps({ visible: false })
    await w.setProps({ doc: 'rooms', visible: true })
    await settle()
    expect([...dlg().querySelectorAll('[data-testid=session-print-format] label')].map((l) => l.textContent?.trim())).toEqual(['Excel'])
  })
})

describe('主席台排序', () => {
  const people = [
    person('王伟'),
    person('李明', { rostrum: true, protocol_rank: 2 }),
    person('张华', { rostrum: true, protocol_rank: 1 }),
    person('赵强', { rostrum: true }),
  ]

  it('lists the 主席台 by 排序号 first; a new 排序号 is saved with the rostrum update', async () => {
    handlers.session_set_rostrum = (a) => ({ ...people[3], protocol_rank: a.protocol_rank as number })
    const w = mountIt(OverviewPanel, { detail: detail(), attendees: people })
    await settle()
    const rows = w.findAll('[data-testid=att-table] .el-table__body tr')
    expect(rows.map((r) => r.findAll('td')[1].text())).toEqual(['张华', '李明', '赵强', '王伟'])
    const ranks = w.findAll('[data-testid=att-rank]')
    expect(ranks).toHaveLength(3)
    expect(ranks.map((r) => (r.get('input').element as HTMLInputElement).value)).toEqual(['1', '2', ''])
    const input = rows[2].get('[data-testid=att-rank] input')
    await input.setValue('3')
    await input.trigger('change')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_set_rostrum').map((c) => c.args)).toEqual([
      { attendeeId: 'a-赵强', rostrum: true, protocolRank: 3 },
    ])
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('shows a long list a hundred at a time, numbered on', async () => {
    const many = Array.from({ length: 250 }, (_, i) => person(`委员${String(i + 1).padStart(3, '0')}`))
    const w = mountIt(OverviewPanel, { detail: detail(), attendees: many })
    await settle()
    const rows = () => w.findAll('[data-testid=att-table] .el-table__body tr')
    expect(rows()).toHaveLength(100)
    expect(w.get('[data-testid=att-pager]').text()).toContain('250')
    ;(w.get('[data-testid=att-pager] .el-pager li:nth-child(3)').element as HTMLElement).click()
    await settle()
    expect(rows()).toHaveLength(50)
    expect(rows()[0].findAll('td')[0].text()).toBe('201')
    // A filter starts again at its first page; a hundred or fewer need no pager.
    await w.get('[data-testid=att-filter] input, input[data-testid=att-filter]').setValue('委员1')
    await settle()
    expect(rows()).toHaveLength(100)
    expect(rows()[0].findAll('td')[0].text()).toBe('1')
    expect(w.find('[data-testid=att-pager]').exists()).toBe(false)
  })

  it('a member not on the 主席台 has no 排序号 to edit', async () => {
    const w = mountIt(OverviewPanel, { detail: detail(), attendees: [person('王伟')] })
    await settle()
    expect(w.find('[data-testid=att-rank]').exists()).toBe(false)
  })
})

describe('回收站', () => {
  it('lists the deleted sessions and restores one, which is then selected', async () => {
    const live = detail().session
    const gone = { ...live, id: 's0', name: '政协第十五届第二次会议', deleted: true }
    let deleted = [gone]
    handlers.sessions_list = (a) => (a.deleted ? deleted : [live, ...(deleted.length ? [] : [{ ...gone, deleted: false }])])
    handlers.session_get = (a) => detail({ session: a.id === 's0' ? { ...gone, deleted: false } : live })
    handlers.session_attendees = () => []
    handlers.session_restore = () => {
      deleted = []
      return null
    }
    const w = mountIt(SessionsView, {})
    await settle()
    expect(w.findAll('[data-testid=session-item]').map((x) => x.find('.i-name').text())).toEqual(['政协第十五届第三次会议'])
    expect(calls.filter((c) => c.cmd === 'sessions_list').map((c) => c.args)).toEqual([{ deleted: false }])

    await w.get('[data-testid=session-trash-toggle]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'sessions_list').at(-1)!.args).toEqual({ deleted: true })
    const items = w.findAll('[data-testid=session-trash-item]')
    expect(items.map((x) => x.find('.i-name').text())).toEqual(['政协第十五届第二次会议'])
    expect(w.find('[data-testid=session-item]').exists()).toBe(false)

    await items[0].get('[data-testid=session-restore]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'session_restore').map((c) => c.args)).toEqual([{ id: 's0' }])
    expect(w.find('[data-testid=session-trash]').exists()).toBe(false)
    expect(w.findAll('[data-testid=session-item]').map((x) => x.find('.i-name').text())).toEqual([
      '政协第十五届第三次会议',
      '政协第十五届第二次会议',
    ])
    expect(w.get('[data-testid=session-title]').text()).toBe('政协第十五届第二次会议')
    expect(document.body.textContent).toContain('已恢复“政协第十五届第二次会议”')
  })

  it('an empty 回收站 says so', async () => {
    handlers.sessions_list = (a) => (a.deleted ? [] : [])
    const w = mountIt(SessionsView, {})
    await settle()
    await w.get('[data-testid=session-trash-toggle]').trigger('click')
    await settle()
    expect(w.get('[data-testid=session-trash-empty]').text()).toBe('回收站是空的。')
    expect(w.get('[data-testid=session-trash-toggle]').text()).toBe('返回会议列表')
  })
})

describe('the desk inside the session screen', () => {
  it('an arrival reloads nothing else; the other tabs reload once when shown', async () => {
    const live = detail().session
    handlers.sessions_list = () => [live]
    handlers.session_get = () => detail()
    handlers.session_attendees = () => [person('王伟')]
    handlers.session_leaves = () => []
    handlers.session_check_in_counts = () => ({ expected: 1, checked_in: 0, members_expected: 1, members_checked_in: 0, by_proxy: 0, items: [] })
    handlers.session_check_in = () => ({
      attendee: person('王伟', { checked_in_at: '2026-11-27 08:30', items: ['出席证'] }),
      counts: { expected: 1, checked_in: 1, members_expected: 1, members_checked_in: 1, by_proxy: 0, items: [] },
    })
    const w = mountIt(SessionsView, {})
    await settle()
    const loaded = calls.filter((c) => c.cmd === 'session_get').length
    const gets = () => calls.filter((c) => c.cmd === 'session_get').length - loaded
    await w.get('#tab-desk').trigger('click')
    await settle()
    const input = w.get('[data-testid=desk-search]')
    await input.setValue('ww')
    await settle()
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    expect(w.get('[data-testid=desk-checked]').text()).toBe('1')
    expect(gets()).toBe(0)
    // Back to 概况: the session and its list are loaded again, once.
    await w.get('#tab-overview').trigger('click')
    await settle()
    expect(gets()).toBe(1)
    await w.get('#tab-leave').trigger('click')
    await settle()
    expect(gets()).toBe(1)
  })
})

describe('代签 for a sitting', () => {
  const people = [person('王伟'), person('李明')]
  const body = () => new DOMWrapper(document.body)
  const line = { label: '开幕会', expected: 2, present: 0, late: 0, leave: 0, absent: 0, unrecorded: 2, rate: 0 }
  let outcomes: Array<{ attendee_id: string; outcome: string | null }> = []
  beforeEach(() => {
    outcomes = []
    handlers.sitting_outcomes = () => outcomes
    handlers.session_stats = () => ({ sittings: [line], groups: [], sectors: [], total: line })
  })

  it('signs the ticked person in by proxy at a time; the outcome and the proxy show in the list', async () => {
    handlers.sitting_sign_in = (a) => {
      const input = a.input as { attendee_ids: string[]; late: boolean }
      outcomes = input.attendee_ids.map((attendee_id) => ({ attendee_id, outcome: input.late ? 'late' : 'present' }))
      return { signed_in: input.attendee_ids.length, already: 0 }
    }
    const w = mountIt(SignInPanel, { sessionId: 's1', sittings: [sitting], attendees: people })
    await settle()
    const rows = () => w.findAll('[data-testid=signin-table] .el-table__body tr')
    await rows()[0].get('.el-checkbox input').setValue(true)
    await settle()
    await w.get('[data-testid=signin-proxy-open]').trigger('click')
    await settle()
    await body().get('input[data-testid=signin-proxy-name]').setValue('王秘书')
    await body().get('input[data-testid=signin-proxy-time]').setValue('08:15')
    await body().get('[data-testid=signin-proxy-late] input').setValue(true)
    await body().get('[data-testid=signin-proxy-save]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'sitting_sign_in').map((c) => c.args)).toEqual([
      { input: { sitting_id: 'x1', attendee_ids: ['a-王伟'], late: true, proxy: '王秘书', time: '08:15' } },
    ])
    const r = rows()
    expect(r[0].get('[data-testid=signin-outcome] .is-active').text()).toBe('迟到')
    expect(r[0].get('[data-testid=signin-note]').text()).toBe('代签：王秘书 08:15')
    expect(r[1].get('[data-testid=signin-outcome] .is-active').text()).toBe('未记')
    expect(r[1].get('[data-testid=signin-note]').text()).toBe('')
    expect(document.body.textContent).toContain('已签到 1 人')
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('shows the proxy and time core stored when the tab opens', async () => {
    outcomes = [{ attendee_id: 'a-李明', outcome: 'present', signed_at: '2026-11-27 08:40', proxy: '张秘书' } as never]
    const w = mountIt(SignInPanel, { sessionId: 's1', sittings: [sitting], attendees: people })
    await settle()
    const r = w.findAll('[data-testid=signin-table] .el-table__body tr')
    const li = r.find((x) => x.text().includes('李明'))!
    expect(li.get('[data-testid=signin-note]').text()).toBe('代签：张秘书 08:40')
  })

  it('asks for the proxy, and shows core\'s refusal of the time at its field', async () => {
    handlers.sitting_sign_in = () => {
      throw { code: 'validation', message: '签到时间有误', fields: [{ field: 'time', message: '签到时间应为 HH:MM，如 08:30' }] }
    }
    const w = mountIt(SignInPanel, { sessionId: 's1', sittings: [sitting], attendees: people })
    await settle()
    await w.get('[data-testid=signin-proxy-open]').trigger('click')
    await settle()
    await body().get('[data-testid=signin-proxy-save]').trigger('click')
    await errorsShown()
    expect(calls.some((c) => c.cmd === 'sitting_sign_in')).toBe(false)
    expect(document.body.textContent).toContain('请填写代签人')
    await body().get('input[data-testid=signin-proxy-name]').setValue('王秘书')
    await body().get('input[data-testid=signin-proxy-time]').setValue('8点')
    await body().get('[data-testid=signin-proxy-save]').trigger('click')
    await errorsShown()
    expect(calls.filter((c) => c.cmd === 'sitting_sign_in')[0].args).toEqual({
      input: { sitting_id: 'x1', attendee_ids: [], late: false, proxy: '王秘书', time: '8点' },
    })
    expect(document.body.textContent).toContain('签到时间应为 HH:MM，如 08:30')
  })
})

describe('attendance rate', () => {
  it('shows — for a sitting with nothing recorded, else the rate', async () => {
    const { rateText } = await import('../sessions')
    expect(rateText({ expected: 500, unrecorded: 500, rate: 0 })).toBe('—')
    expect(rateText({ expected: 0, unrecorded: 0, rate: 0 })).toBe('—')
    expect(rateText({ expected: 500, unrecorded: 0, rate: 86.6 })).toBe('86.6%')
  })
})

describe('还需准备', () => {
  const need = (step: Prerequisite['step'], tab: string, status: string): Prerequisite => ({
    step,
    ok: false,
    status,
    needed_for: '签到考勤',
    fix: '修复处',
    tab,
  })

  it('names each missing prerequisite; the overview fixes its own, the others lead to their tab', async () => {
    handlers.session_add_planned_sittings = () => [sitting, sitting]
    handlers.session_fit_layout = () => ({ layout, hall: 5, rostrum: 1, seats_removed: 0 })
    const readiness = [need('sittings', 'overview', '还没有场次'), need('layout', 'overview', '还没有会场布局'), need('groups', 'groups', '还没有分组')]
    const w = mountIt(OverviewPanel, { detail: detail({ sittings: [], layout_id: null, readiness }), attendees: [person('王伟')] })
    await settle()
    const box = w.get('[data-testid=session-readiness]')
    expect(box.text()).toContain('还没有场次')
    expect(box.text()).toContain('还没有会场布局')
    expect(w.get('[data-testid=ready-fix-layout]').text()).toBe('按名单生成会场布局')
    await w.get('[data-testid=ready-fix-sittings]').trigger('click')
    await settle()
    await w.get('[data-testid=ready-fix-layout]').trigger('click')
    await settle()
    await w.get('[data-testid=ready-fix-groups]').trigger('click')
    expect(calls.map((c) => c.cmd)).toEqual(['session_add_planned_sittings', 'session_fit_layout'])
    expect(w.emitted('changed')).toHaveLength(2)
    expect(w.emitted('goto')).toEqual([['groups']])
  })

  it('a 常委会议 lists the standing committee', async () => {
    const d = detail()
    d.session.kind = 'standing'
    const w = mountIt(OverviewPanel, { detail: d, attendees: [] })
    await settle()
    expect(w.get('[data-testid=att-add-term]').text()).toBe('列入常委会组成人员')
    expect(w.find('[data-testid=session-readiness]').exists()).toBe(false)
  })
})
