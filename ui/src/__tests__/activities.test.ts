import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { ActivityDetail, ActivityRow, AttendanceSummary, FollowUp, Participant, Term, Visit, VisitRound } from '../bindings'
import {
  deadlinePassed,
  documentsFor,
  emptyActivityInput,
  emptyFilters,
  filtersToQuery,
  isNotInvitedError,
  missingText,
  quickSignInTarget,
  signupText,
  statusActions,
  todayIso,
} from '../activities'
import ActivityForm from '../components/activities/ActivityForm.vue'
import ActivityDrawer from '../components/activities/ActivityDrawer.vue'
import VisitsPanel from '../components/activities/VisitsPanel.vue'
import MemberDrawer from '../components/members/MemberDrawer.vue'
import ActivitiesView from '../views/ActivitiesView.vue'
// Loaded by the screen when first opened: here at once, so that a settle finds it mounted.
import '../components/activities/ActivitiesRecycleBin.vue'
import { loadAll } from '../store'

const term: Term = { id: 't15', name: '第十五届', start_year: 2022, end_year: 2027, is_current: true, member_count: 0 }

function person(name: string, over: Partial<Participant> = {}): Participant {
  return {
    id: `p-${name}`,
    activity_id: 'a1',
    member_id: `m-${name}`,
    upper_member_id: null,
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
    joint_group_ids: [],
    joint_groups: '',
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
    expect(quickSignInTarget([])).toEqual({ message: '名单中没有找到这位委员，请核对姓名或拼音；未受邀到会的请点“签到登记…”现场增加' })
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

// ---- The activity drawer, the visits and the recycle bin ----

function summaryOf(over: Partial<AttendanceSummary> = {}): AttendanceSummary {
  return { invited: 2, walk_ins: 0, signed_up: 0, declined: 0, present: 0, late: 0, leave: 0, absent: 0, unrecorded: 2, pending_leave: 0, finalised: false, ...over }
}

function detail(over: Partial<ActivityDetail> = {}, rowOver: Partial<ActivityRow> = {}): ActivityDetail {
  return {
    activity: row(rowOver),
    content: '听取意见',
    contact: '',
    summary: '',
    suggestions: '',
    methods: [],
    vehicles: '',
    meals: '',
    signup_mode: 'required',
    signup_deadline: null,
    material: '',
    attendance_final_at: null,
    created_at: '2026-11-01T08:00:00Z',
    updated_at: '2026-11-01T08:00:00Z',
    deleted_at: null,
    visit: null,
    stops: [],
    attachments: [],
    follow_ups: [],
    attendance: summaryOf(),
    ...over,
  }
}

function followUp(over: Partial<FollowUp> = {}): FollowUp {
  return {
    id: 'f1',
    activity_id: 'a1',
    activity_title: '走访 王伟',
    kind: 'visit',
    target: '王伟',
    content: '协调企业用地问题',
    owner: '李明',
    due_date: '2026-12-10',
    status: 'open',
    done_at: null,
    result: '',
    days_overdue: 0,
    ...over,
  }
}

function visit(over: Partial<Visit> = {}): Visit {
  return {
    activity_id: 'v1',
    round_id: 'r1',
    round: '2026年春节前委员走访',
    status: 'planned',
    target_kind: 'member',
    member_id: 'm-王伟',
    target: '王伟',
    target_name: '',
    address: '',
    phone: '',
    date: '2026-01-20',
    time: '09:00',
    purposes: ['work'],
    purpose_note: '',
    visitors: '张主席、办公室李明',
    responsible: '张主席',
    done_date: null,
    findings: '',
    opinions: '',
    difficulties: '',
    follow_ups: [],
    missing: [],
    ...over,
  }
}

/** The drawer of activity a1 with core answering for `d` and `people`. */
async function openDrawer(d: ActivityDetail, people: Participant[] = [person('王伟'), person('李娜')]) {
  handlers.activity_get = () => d
  handlers.participants_list = () => people
  handlers.leave_requests = () => []
  handlers.activity_notice = () => '通知'
  handlers.reflections_list = () => []
  const w = mount(ActivityDrawer, { props: { activityId: null }, global: { plugins: [ElementPlus] }, attachTo: document.body })
  await w.setProps({ activityId: d.activity.id })
  await settle()
  return w
}

function el(selector: string): HTMLElement {
  const e = document.querySelector(selector) as HTMLElement | null
  if (!e) throw new Error(`not found: ${selector}`)
  return e
}
function all(selector: string): HTMLElement[] {
  return [...document.querySelectorAll(selector)] as HTMLElement[]
}
/** The visible element with exactly this text (buttons, menu items, options). */
function byText(text: string, selector = 'button, li, span, label'): HTMLElement {
  const e = all(selector).find((x) => x.textContent?.trim() === text)
  if (!e) throw new Error(`no element with text ${text}`)
  return e
}
async function click(e: HTMLElement) {
  e.click()
  await settle()
}
async function type(selector: string, value: string) {
  const input = el(`${selector} input, ${selector} textarea, input${selector}, textarea${selector}`) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await settle()
}
/** Confirm the open ElMessageBox. */
async function confirmBox() {
  await new Promise((r) => setTimeout(r, 50))
  await click(el('.el-message-box__btns .el-button--primary'))
}
async function fieldErrorsShown(): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 200))
  await settle()
  return all('.el-form-item__error').map((e) => e.textContent?.trim() ?? '')
}
const lastCall = (cmd: string) => calls.filter((c) => c.cmd === cmd).at(-1)

describe('helpers', () => {
  it('sign-up line, documents per kind and the not-invited refusal', () => {
    const before = new Date(2026, 10, 20, 16, 59)
    expect(signupText('2026-11-20 17:00', summaryOf({ invited: 5, signed_up: 3, declined: 1 }), before)).toBe('报名截止 2026-11-20 17:00 · 报名 3 人 · 不参加 1 人 · 未答复 1 人')
    expect(signupText('2026-11-20 17:00', summaryOf(), new Date(2026, 10, 20, 17, 0))).toContain('报名截止 2026-11-20 17:00（已截止）')
    expect(deadlinePassed('2026-11-20', new Date(2026, 10, 20, 23, 59))).toBe(false)
    expect(deadlinePassed('2026-11-20', new Date(2026, 10, 21, 0, 0))).toBe(true)
    expect(deadlinePassed(null)).toBe(false)
    expect(signupText(null, summaryOf())).toContain('未设报名截止时间')
    expect(documentsFor('forum')).toEqual(['sign-in', 'attendance'])
    expect(documentsFor('research')).toEqual(['inspection-plan'])
    expect(documentsFor('visit')).toEqual([])
    expect(isNotInvitedError({ code: 'invalid', message: 'x', fields: [{ field: 'member_ids', message: '王伟不在本次活动的邀请名单中：如确实到会…' }] })).toBe(true)
    expect(isNotInvitedError({ code: 'invalid', message: 'x', fields: [{ field: 'time', message: '签到时间格式不对' }] })).toBe(false)
  })
})

describe('sign-up (报名参加)', () => {
  it('shows the deadline and counts, and records 不参加 for a member', async () => {
    const d = detail({ signup_mode: 'signup', signup_deadline: '2099-11-20 17:00', attendance: summaryOf({ invited: 5, signed_up: 3, declined: 1 }) })
    handlers.activity_sign_up = () => person('王伟', { signup: false })
    const w = await openDrawer(d, [person('王伟'), person('李娜', { signup: true })])
    expect(el('[data-testid=activity-drawer]').textContent).toContain('报名 3 人，不参加 1 人')
    await click(el('#tab-people'))
    expect(el('[data-testid=ad-signup-summary]').textContent).toContain('报名截止 2099-11-20 17:00 · 报名 3 人 · 不参加 1 人 · 未答复 1 人')
    const tags = all('[data-testid=ad-signup]').map((t) => t.textContent?.trim())
    expect(tags).toEqual(['未答复', '报名'])
    await click(all('[data-testid=ad-signup]')[0])
    await click(all('[data-testid=ad-signup-no]')[0])
    expect(lastCall('activity_sign_up')?.args).toEqual({ activityId: 'a1', memberId: 'm-王伟', attending: false })
    w.unmount()
  })

  it('has no sign-up column for an activity members must attend', async () => {
    const w = await openDrawer(detail())
    await click(el('#tab-people'))
    expect(document.querySelector('[data-testid=ad-signup-summary]')).toBeNull()
    expect(document.querySelector('[data-testid=ad-signup]')).toBeNull()
    w.unmount()
  })
})

describe('staff and leaders', () => {
  it('adds a leader by name with role and team, shows kinds, and removes staff', async () => {
    handlers.participant_add_person = (a) => person('张主席', { member_id: null, person_kind: 'leader', ...(a.input as object) })
    handlers.participant_remove = () => null
    const staff = person('李明', { id: 'p-staff', member_id: null, person_kind: 'staff' })
    const w = await openDrawer(detail(), [person('王伟'), staff])
    await click(el('#tab-people'))
    expect(all('[data-testid=ad-person-kind]').map((e) => e.textContent?.trim())).toEqual(['委员', '工作人员'])
    await click(el('[data-testid=ad-add-person]'))
    await click(byText('领导'))
    await type('[data-testid=ap-name]', '张主席')
    await type('[data-testid=ap-team]', '第一组')
    await click(el('[data-testid=ap-save]'))
    expect(lastCall('participant_add_person')?.args.input).toEqual({ activity_id: 'a1', name: '张主席', person_kind: 'leader', role: 'attendee', team: '第一组' })
    // 移出 on the staff row (the second), after one confirmation.
    const removeButtons = all('[data-testid=ad-people] .el-table__body-wrapper button').filter((b) => b.textContent?.trim() === '移出')
    await click(removeButtons[1])
    await confirmBox()
    expect(lastCall('participant_remove')?.args).toEqual({ participantId: 'p-staff' })
    w.unmount()
  })

  it('changes a member’s role and team', async () => {
    handlers.participant_update = () => person('王伟', { role: 'speaker', team: '第二组' })
    const w = await openDrawer(detail())
    await click(el('#tab-people'))
    await click(all('[data-testid=ad-role]')[0])
    expect(el('[data-testid=add-person]').textContent).toContain('王伟 的身份与分组')
    await click(byText('发言', '.el-select-dropdown__item, .el-select-dropdown__item span'))
    await type('[data-testid=ap-team]', '第二组')
    await click(el('[data-testid=ap-save]'))
    expect(lastCall('participant_update')?.args).toEqual({ participantId: 'p-王伟', role: 'speaker', team: '第二组' })
    w.unmount()
  })

  it('shows core’s message at the name field', async () => {
    handlers.participant_add_person = () => {
      throw { code: 'invalid', message: '请检查', fields: [{ field: 'name', message: '请填写姓名' }] }
    }
    const w = await openDrawer(detail())
    await click(el('#tab-people'))
    await click(el('[data-testid=ad-add-person]'))
    await click(el('[data-testid=ap-save]'))
    expect(await fieldErrorsShown()).toContain('请填写姓名')
    w.unmount()
  })
})

describe('sign-in with details', () => {
  it('offers 现场增加 when core refuses someone not invited, with time, late and proxy', async () => {
    handlers.activity_sign_in = (a) => {
      const input = a.input as { walk_in: boolean }
      if (!input.walk_in) throw { code: 'invalid', message: '请检查', fields: [{ field: 'member_ids', message: '王伟不在本次活动的邀请名单中：如确实到会，请选择“现场增加”后再签到' }] }
      return { signed_in: 1, already: 0, walk_ins: 1 }
    }
    const w = await openDrawer(detail())
    await click(el('#tab-people'))
    await click(all('[data-testid=ad-sign-in-row]')[0])
    await type('[data-testid=si-time]', '08:40')
    await click(el('[data-testid=si-late] input'))
    await click(el('[data-testid=si-proxy-on] input'))
    await type('[data-testid=si-proxy]', '李秘书')
    await click(el('[data-testid=si-save]'))
    await new Promise((r) => setTimeout(r, 50))
    expect(el('.el-message-box').textContent).toContain('王伟不在本次活动的邀请名单中')
    await confirmBox()
    const signIns = calls.filter((c) => c.cmd === 'activity_sign_in').map((c) => c.args.input)
    expect(signIns).toEqual([
      { activity_id: 'a1', member_ids: ['m-王伟'], late: true, walk_in: false, proxy: '李秘书', time: '08:40' },
      { activity_id: 'a1', member_ids: ['m-王伟'], late: true, walk_in: true, proxy: '李秘书', time: '08:40' },
    ])
    w.unmount()
  })

  it('asks for the proxy’s name before asking core, and shows who signed for whom', async () => {
    handlers.activity_sign_in = () => ({ signed_in: 1, already: 0, walk_ins: 0 })
    const w = await openDrawer(detail(), [person('王伟', { attendance: 'present', signed_in_at: '2026-11-27 08:31', proxy: '李秘书' }), person('李娜')])
    await click(el('#tab-people'))
    expect(el('[data-testid=ad-proxy]').textContent).toContain('代签：李秘书')
    await click(all('[data-testid=ad-sign-in-row]')[0])
    await click(el('[data-testid=si-proxy-on] input'))
    await click(el('[data-testid=si-save]'))
    expect(await fieldErrorsShown()).toContain('请填写代签人姓名')
    expect(calls.some((c) => c.cmd === 'activity_sign_in')).toBe(false)
    w.unmount()
  })
})

describe('attachments', () => {
  it('lists, adds by path and title, shows core’s path error at the field, and removes', async () => {
    const d = detail({ attachments: [{ id: 'att1', path: '/home/office/方案.docx', label: '视察方案', created_at: '2026-11-01T08:00:00Z' }] })
    let fail = true
    handlers.attachment_add = (a) => {
      if (fail) throw { code: 'invalid', message: '请检查', fields: [{ field: 'path', message: '找不到文件“/nope.pdf”，请重新选择' }] }
      return { id: 'att2', path: (a.input as { path: string }).path, label: '通知', created_at: '' }
    }
    handlers.attachment_remove = () => null
    const w = await openDrawer(d)
    await click(el('#tab-attachments'))
    expect(el('[data-testid=att-table]').textContent).toContain('/home/office/方案.docx')
    expect(el('[data-testid=att-table]').textContent).toContain('视察方案')
    await click(el('[data-testid=att-add]'))
    expect(await fieldErrorsShown()).toContain('请填写文件路径，如 D:\\联络办\\2026\\视察方案.docx')
    expect(calls.some((c) => c.cmd === 'attachment_add')).toBe(false)
    await type('[data-testid=att-path]', '/nope.pdf')
    await click(el('[data-testid=att-add]'))
    expect(await fieldErrorsShown()).toContain('找不到文件“/nope.pdf”，请重新选择')
    fail = false
    await type('[data-testid=att-path]', '/home/office/通知.pdf')
    await type('[data-testid=att-label]', '通知')
    await click(el('[data-testid=att-add]'))
    expect(lastCall('attachment_add')?.args.input).toEqual({ activity_id: 'a1', path: '/home/office/通知.pdf', label: '通知' })
    await click(el('[data-testid=att-remove]'))
    await confirmBox()
    expect(lastCall('attachment_remove')?.args).toEqual({ id: 'att1' })
    w.unmount()
  })
})

describe('reflection counts (学习会)', () => {
  it('counts per group and member for the activity’s year, then for every year', async () => {
    handlers.reflection_counts = (a) => ({
      total: a.year ? 3 : 5,
      by_member: [{ id: 'm1', name: '王伟', count: 2 }, { id: 'm2', name: '李娜', count: 1 }],
      by_group: [{ id: 'g1', name: '第一联络组', count: 3 }],
    })
    const w = await openDrawer(detail({}, { kind: 'study', title: '理论学习会', date: '2025-06-10' }))
    await click(el('#tab-reflection-counts'))
    expect(lastCall('reflection_counts')?.args).toEqual({ year: 2025 })
    expect(el('[data-testid=rc-total]').textContent).toContain('2025年共收到心得体会 3 篇')
    expect(el('[data-testid=rc-groups]').textContent).toContain('第一联络组')
    expect(el('[data-testid=rc-members]').textContent).toContain('王伟')
    await click(byText('全部年度', '.el-select-dropdown__item'))
    expect(lastCall('reflection_counts')?.args).toEqual({ year: null })
    expect(el('[data-testid=rc-total]').textContent).toContain('历年共收到心得体会 5 篇')
    w.unmount()
  })
})

describe('follow-ups', () => {
  const visitDetail = () => detail({ visit: visit(), follow_ups: [followUp()] }, { id: 'a1', kind: 'visit', title: '走访 王伟' })

  it('edits a follow-up’s content, owner and due date, with core’s errors at the fields', async () => {
    let fail = true
    handlers.follow_up_save = (a) => {
      if (fail) throw { code: 'invalid', message: '请检查', fields: [{ field: 'due_date', message: '完成期限格式应为 2026-05-12' }] }
      return followUp(a.input as Partial<FollowUp>)
    }
    const w = await openDrawer(visitDetail())
    await click(el('[data-testid=fu-edit]'))
    expect((el('[data-testid=fd-content]') as HTMLTextAreaElement).value).toBe('协调企业用地问题')
    await type('[data-testid=fd-content]', '协调企业用地和用电问题')
    await type('[data-testid=fd-owner]', '王主任')
    await click(el('[data-testid=fd-save]'))
    expect(await fieldErrorsShown()).toContain('完成期限格式应为 2026-05-12')
    fail = false
    await click(el('[data-testid=fd-save]'))
    expect(lastCall('follow_up_save')?.args.input).toEqual({ id: 'f1', activity_id: 'a1', content: '协调企业用地和用电问题', owner: '王主任', due_date: '2026-12-10' })
    w.unmount()
  })

  it('completes a follow-up with today’s date and the result', async () => {
    handlers.follow_up_complete = () => followUp({ status: 'done' })
    const w = await openDrawer(visitDetail())
    await click(el('[data-testid=fu-complete]'))
    await type('[data-testid=fd-result]', '已协调解决')
    await click(el('[data-testid=fd-save]'))
    expect(lastCall('follow_up_complete')?.args).toEqual({ id: 'f1', doneDate: todayIso(), result: '已协调解决' })
    w.unmount()
  })

  it('adds a follow-up to a meeting from its summary tab', async () => {
    handlers.follow_up_save = (a) => followUp(a.input as Partial<FollowUp>)
    const w = await openDrawer(detail())
    await click(el('#tab-summary'))
    await click(el('[data-testid=fu-new]'))
    await type('[data-testid=fd-content]', '整理座谈会意见报区委')
    await click(el('[data-testid=fd-save]'))
    expect(lastCall('follow_up_save')?.args.input).toMatchObject({ id: null, activity_id: 'a1', content: '整理座谈会意见报区委' })
    w.unmount()
  })
})

describe('print buttons', () => {
  it('a meeting prints its sign-in sheet and attendance list, PDF by default and phones masked', async () => {
    handlers.document_export = () => ({ rows: 12, path: '/home/office/文档/委员联络工作台/签到表.pdf' })
    handlers.open_export = () => null
    const w = await openDrawer(detail())
    expect(all('.head-actions button').map((b) => b.textContent?.trim())).toEqual(expect.arrayContaining(['打印签到表', '出勤情况表']))
    expect(all('.head-actions button').some((b) => b.textContent?.trim() === '打印活动方案')).toBe(false)
    await click(byText('打印签到表', 'button'))
    await click(byText('导出', 'button'))
    expect(lastCall('document_export')?.args).toEqual({ request: { kind: 'sign-in', id: 'a1', format: 'pdf', with_phone: false } })
    expect(el('[data-testid=print-path]').textContent).toBe('已导出到 /home/office/文档/委员联络工作台/签到表.pdf')
    await click(byText('打开文件', 'button'))
    expect(lastCall('open_export')?.args).toEqual({ path: '/home/office/文档/委员联络工作台/签到表.pdf' })
    w.unmount()
  })

  it('an inspection prints its plan', async () => {
    handlers.document_export = () => ({ rows: 1, path: '/tmp/方案.xlsx' })
    const w = await openDrawer(detail({}, { kind: 'inspection', title: '教育视察' }))
    expect(all('.head-actions button').some((b) => b.textContent?.trim() === '打印签到表')).toBe(false)
    await click(byText('打印活动方案', 'button'))
    await click(byText('Excel'))
    await click(byText('导出', 'button'))
    expect(lastCall('document_export')?.args).toEqual({ request: { kind: 'inspection-plan', id: 'a1', format: 'xlsx', with_phone: false } })
    w.unmount()
  })
})

describe('visit rounds', () => {
  const round = (): VisitRound => ({
    round: { id: 'r1', title: '2026年春节前委员走访', notes: '', total: 2, done: 0, cancelled: 0, members_visited: 0, first_date: '2026-01-20', last_date: '2026-01-22' },
    visits: [
      visit(),
      visit({ activity_id: 'v2', target_kind: 'unit', member_id: null, target: '区工商联', target_name: '区工商联', date: '2026-01-22', purposes: ['sector_views'] }),
    ],
  })

  async function openPanel() {
    handlers.visit_rounds = () => [round().round]
    handlers.visit_round_get = () => round()
    handlers.follow_ups_overdue = () => [followUp({ days_overdue: 3 })]
    const w = mount(VisitsPanel, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    return w
  }

  it('edits the visits of a round and adds one, keeping their ids', async () => {
    handlers.visit_round_save = () => round()
    const w = await openPanel()
    await click(el('[data-testid=round-edit]'))
    expect(el('[data-testid=round-form]').textContent).toContain('编辑走访计划')
    expect((el('[data-testid=rf-visitors]') as HTMLInputElement).value).toBe('张主席、办公室李明')
    await type('[data-testid=rf-target-name-1]', '区工商联（总商会）')
    await type('[data-testid=rf-row-visitors-1]', '办公室李明')
    await click(el('[data-testid=rf-add-row]'))
    await click(el('[data-testid=rf-save]'))
    const input = lastCall('visit_round_save')?.args.input as { id: string; visits: Array<Record<string, unknown>> }
    expect(input.id).toBe('r1')
    expect(input.visits.map((v) => v.id)).toEqual(['v1', 'v2', null])
    expect(input.visits[1]).toMatchObject({ target_kind: 'unit', target_name: '区工商联（总商会）', visitors: '办公室李明', date: '2026-01-22', purposes: ['sector_views'] })
    expect(input.visits[0]).toMatchObject({ member_id: 'm-王伟', visitors: '张主席、办公室李明', date: '2026-01-20', time: '09:00' })
    expect(input.visits[2]).toMatchObject({ visitors: '张主席、办公室李明' })
    w.unmount()
  })

  it('shows a row’s error in its cell', async () => {
    handlers.visit_round_save = () => {
      throw { code: 'invalid', message: '请检查', fields: [{ field: 'visits[1].target_name', message: '第 2 条走访：请填写要走访的单位' }] }
    }
    const w = await openPanel()
    await click(el('[data-testid=round-edit]'))
    await click(el('[data-testid=rf-save]'))
    expect(el('[data-testid=rf-rows]').textContent).toContain('第 2 条走访：请填写要走访的单位')
    w.unmount()
  })

  it('打印走访安排表 as Excel with full phone numbers, then opens the file', async () => {
    handlers.document_export = () => ({ rows: 2, path: '/tmp/走访安排表.xlsx' })
    handlers.open_export = () => null
    const w = await openPanel()
    await click(byText('打印走访安排表', 'button'))
    await click(byText('Excel'))
    await click(el('[data-testid=print-with-phone] input'))
    await click(byText('导出', 'button'))
    expect(lastCall('document_export')?.args).toEqual({ request: { kind: 'visit-checklist', id: 'r1', format: 'xlsx', with_phone: true } })
    expect(el('[data-testid=print-result]').textContent).toContain('已导出到 /tmp/走访安排表.xlsx')
    await click(el('[data-testid=print-open]'))
    expect(lastCall('open_export')?.args).toEqual({ path: '/tmp/走访安排表.xlsx' })
    w.unmount()
  })

  it('deletes a round after asking, and edits an overdue follow-up from the list', async () => {
    handlers.visit_round_delete = () => null
    handlers.follow_up_save = (a) => followUp(a.input as Partial<FollowUp>)
    const w = await openPanel()
    await click(el('[data-testid=round-delete]'))
    expect(el('.el-message-box').textContent).toContain('删除走访计划“2026年春节前委员走访”及其中的 2 次走访')
    await confirmBox()
    expect(lastCall('visit_round_delete')?.args).toEqual({ id: 'r1' })
    await click(el('[data-testid=od-edit]'))
    await type('[data-testid=fd-owner]', '王主任')
    await click(el('[data-testid=fd-save]'))
    expect(lastCall('follow_up_save')?.args.input).toMatchObject({ id: 'f1', owner: '王主任' })
    w.unmount()
  })
})

describe('recycle bin (回收站)', () => {
  it('lists deleted activities and rounds and restores them', async () => {
    handlers.activities_query = (a) =>
      (a.query as { deleted: boolean }).deleted
        ? [row({ id: 'd1', title: '已删的座谈会', deleted: true }), row({ id: 'd2', kind: 'visit', title: '走访 王伟', target: '王伟', round_id: 'r9', round: '旧计划', deleted: true })]
        : []
    handlers.visit_rounds_deleted = () => [{ id: 'r9', title: '旧计划', notes: '', total: 1, done: 0, cancelled: 0, members_visited: 0, first_date: null, last_date: null }]
    handlers.activity_restore = () => null
    handlers.visit_round_restore = () => null
    const w = mount(ActivitiesView, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    await click(el('#tab-bin'))
    expect(el('[data-testid=bin-activities]').textContent).toContain('已删的座谈会')
    // The visit deleted with its round comes back with the round, not on its own.
    expect(el('[data-testid=bin-activities]').textContent).toContain('随走访计划“旧计划”删除')
    expect(all('[data-testid=bin-restore]')).toHaveLength(1)
    await click(el('[data-testid=bin-restore]'))
    expect(lastCall('activity_restore')?.args).toEqual({ id: 'd1' })
    await click(el('[data-testid=bin-round-restore]'))
    expect(lastCall('visit_round_restore')?.args).toEqual({ id: 'r9' })
    w.unmount()
  })
})

describe('member drawer', () => {
  it('lists the member’s 心得体会 with the 履职活动', async () => {
    handlers.member_get = () => ({ id: 'm1', name: '王伟', status: 'active', roles: [], terms: [], deleted_at: null, photo: null })
    handlers.member_audit = () => []
    handlers.member_history = () => ({
      member_id: 'm1',
      name: '王伟',
      activities: [{ activity_id: 's1', kind: 'study', title: '理论学习会', date: '2026-06-10', status: 'done', relation: 'participant', role: 'attendee', attendance: 'present' }],
      counts: [],
    })
    handlers.reflections_list = () => [
      { id: 'rf1', activity_id: 's1', activity_title: '理论学习会', member_id: 'm1', member_name: '王伟', group: '', title: '学习体会', body: '', file_path: '', created_at: '2026-06-12T08:00:00Z' },
    ]
    const w = mount(MemberDrawer, { props: { memberId: null }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.setProps({ memberId: 'm1' })
    await settle()
    await click(el('#tab-history'))
    expect(lastCall('reflections_list')?.args).toEqual({ activityId: null, memberId: 'm1' })
    expect(el('[data-testid=member-drawer]').textContent).toContain('心得体会 1 篇')
    expect(el('[data-testid=member-reflections]').textContent).toContain('学习体会')
    w.unmount()
  })
})
