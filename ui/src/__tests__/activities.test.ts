import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { ActivityRow, Participant, Term } from '../bindings'
import { emptyActivityInput, emptyFilters, filtersToQuery, missingText, quickSignInTarget, statusActions } from '../activities'
import ActivityForm from '../components/ActivityForm.vue'
import ActivitiesView from '../views/ActivitiesView.vue'
import { loadAll } from '../store'

const term: Term = { id: 't15', name: '第十五届', start_year: 2022, end_year: 2027, is_current: true, member_count: 0 }

function person(name: string, over: Partial<Participant> = {}): Participant {
  return {
    id: `p-${name}`,
    activity_id: 'a1',
    member_id: `m-${name}`,
    name,
    person_kind: 'member',
    role: 'attendee',
    team: '',
    invited: true,
    signup: null,
    attendance: null,
    signed_in_at: null,
    proxy: '',
    leave: null,
    group: '',
    sector: '',
    ...over,
  }
}

function row(over: Partial<ActivityRow> = {}): ActivityRow {
  return {
    id: 'a1',
    kind: 'forum',
    title: '民营经济发展座谈会',
    date: '2026-11-27',
    time: '08:30',
    end_date: null,
    end_time: '',
    place: '区政协三楼会议室',
    responsible: '周建国',
    status: 'planned',
    organiser: 'office',
    organiser_name: '联络办',
    group_id: null,
    committee_id: null,
    round_id: null,
    round: null,
    target: '',
    invited: 2,
    attended: 1,
    missing: [],
    deleted: false,
    ...over,
  }
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

beforeEach(async () => {
  resetBackend()
  handlers.app_info = () => ({ office_name: '联络办', current_term: term, db_path: '/tmp/x.db', schema_version: 2, member_count: 0, group_count: 0 })
  handlers.terms_list = () => [term]
  handlers.refs_list = () => []
  handlers.groups_list = () => []
  await loadAll()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('filters → query', () => {
  it('leaves everything open by default', () => {
    const q = filtersToQuery(emptyFilters())
    expect(q).toMatchObject({ kind: null, status: null, from: '', to: '', search: '', incomplete: false, deleted: false })
  })

  it('passes kind, status, range, the 四落实 switch and trimmed words', () => {
    const q = filtersToQuery({ kind: 'inspection', status: 'notified', range: ['2026-03-01', '2026-03-31'], incomplete: true, search: '  教育 ' })
    expect(q).toMatchObject({ kind: 'inspection', status: 'notified', from: '2026-03-01', to: '2026-03-31', incomplete: true, search: '教育' })
  })

  it('the list asks core again when a filter changes', async () => {
    handlers.activities_query = () => [row(), row({ id: 'a2', title: '调研', missing: ['place', 'responsible'] })]
    const w = mount(ActivitiesView, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(w.text()).toContain('民营经济发展座谈会')
    expect(w.text()).toContain('四落实不全 · 缺：地点、负责人')
    await w.get('[data-testid=af-filter-incomplete] input').setValue(true)
    await settle()
    const last = calls.filter((c) => c.cmd === 'activities_query').at(-1)
    expect((last?.args.query as { incomplete: boolean }).incomplete).toBe(true)
    w.unmount()
  })
})

describe('quick sign-in', () => {
  it('signs in the one member found', () => {
    const t = quickSignInTarget([person('欧阳明')])
    expect('participant' in t && t.participant.name).toBe('欧阳明')
  })

  it('skips those already signed in and staff', () => {
    const t = quickSignInTarget([person('王伟', { attendance: 'present' }), person('王丽'), person('王强', { member_id: null, person_kind: 'staff' })])
    expect('participant' in t && t.participant.name).toBe('王丽')
  })

  it('says why when nobody or several are found', () => {
    expect(quickSignInTarget([])).toEqual({ message: '没有找到这位委员，请核对姓名或拼音' })
    expect(quickSignInTarget([person('王伟', { attendance: 'late' })])).toEqual({ message: '王伟 已签到' })
    const t = quickSignInTarget([person('王伟'), person('王丽')])
    expect('message' in t && t.message).toContain('找到 2 位委员')
  })
})

describe('activity form', () => {
  it('shows core’s field errors at the fields', async () => {
    handlers.activity_save = () => {
      throw {
        code: 'invalid',
        message: '请检查',
        fields: [
          { field: 'title', message: '请填写活动名称' },
          { field: 'signup_deadline', message: '报名截止日期不能晚于活动日期' },
        ],
      }
    }
    const input = { ...emptyActivityInput('forum'), signup_mode: 'signup' as const, signup_deadline: '2099-01-01' }
    const w = mount(ActivityForm, { props: { visible: true, input }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    ;(document.querySelector('[data-testid=af-save]') as HTMLElement).click()
    await settle()
    // Element Plus shows a form item's error after a short debounce.
    await new Promise((r) => setTimeout(r, 200))
    await settle()
    const errs = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
    expect(errs).toContain('请填写活动名称')
    expect(errs).toContain('报名截止日期不能晚于活动日期')
    expect(calls.find((c) => c.cmd === 'activity_save')?.args.input).toMatchObject({ kind: 'forum', signup_deadline: '2099-01-01' })
    w.unmount()
  })
})

describe('labels', () => {
  it('lists what the 四落实 lacks and the actions a status allows', () => {
    expect(missingText(['time', 'content'])).toBe('缺：时间、内容')
    expect(missingText([])).toBe('')
    expect(statusActions('planned').map((a) => a.label)).toEqual(['通知', '开始', '完成', '取消活动'])
    expect(statusActions('done').map((a) => a.to)).toEqual(['ongoing'])
  })
})
