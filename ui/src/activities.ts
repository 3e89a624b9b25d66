// Activities: the Chinese labels of core's codes, and the small pure helpers the screens share
// (filters → query, quick sign-in, empty inputs). Types come from the generated bindings.
import { LABELS } from './bindings'
import type {
  ActivityDetail,
  ActivityInput,
  ActivityKind,
  ActivityQuery,
  ActivityStatus,
  AppError,
  Attendance,
  AttendanceSummary,
  FourFixed,
  DocumentKind,
  InviteInput,
  UpperLevel,
  UpperMember,
  UpperMemberInput,
  Participant,
  Visit,
  VisitInput,
  VisitPurpose,
} from './bindings'

/** The kinds the 活动 screen offers (全会 has a screen of its own). */
export const KINDS: ActivityKind[] = [
  'visit',
  'inspection',
  'research',
  'forum',
  'group',
  'study',
  'standing',
  'chair',
  'appraisal',
  'study_tour',
  'exchange',
  'fellowship',
  'service',
]
/** Kinds created with 新增 (visits are planned in rounds). */
export const NEW_KINDS: ActivityKind[] = KINDS.filter((k) => k !== 'visit')

export const STATUSES: ActivityStatus[] = ['planned', 'notified', 'ongoing', 'done', 'cancelled']
export const STATUS_TAG: Record<ActivityStatus, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  planned: 'info',
  notified: 'primary',
  ongoing: 'warning',
  done: 'success',
  cancelled: 'danger',
}

export const ATTENDANCES: Attendance[] = ['present', 'late', 'leave', 'absent']

export function purposesText(ps: VisitPurpose[]): string {
  return ps.map((p) => LABELS.VisitPurpose[p]).join('、')
}

/** "缺：地点、负责人" for an activity missing some of its 四落实, else ''. */
export function missingText(missing: FourFixed[]): string {
  return missing.length ? `缺：${missing.map((m) => LABELS.FourFixed[m]).join('、')}` : ''
}

/** The filter bar's state. */
export interface ActivityFilters {
  kind: ActivityKind | ''
  status: ActivityStatus | ''
  /** [from, to] as YYYY-MM-DD, or null. */
  range: [string, string] | null
  incomplete: boolean
  search: string
}

export function emptyFilters(): ActivityFilters {
  return { kind: '', status: '', range: null, incomplete: false, search: '' }
}

/** The core query for the filter bar's state. */
export function filtersToQuery(f: ActivityFilters): ActivityQuery {
  return {
    kind: f.kind || null,
    status: f.status || null,
    from: f.range?.[0] ?? '',
    to: f.range?.[1] ?? '',
    organiser: null,
    group_id: null,
    committee_id: null,
    member_id: null,
    round_id: null,
    search: f.search.trim(),
    incomplete: f.incomplete,
    deleted: false,
  }
}

/** The status actions core allows from a status (通知 / 开始 / 完成 / 取消). */
export function statusActions(s: ActivityStatus): Array<{ to: ActivityStatus; label: string }> {
  switch (s) {
    case 'planned':
      return [
        { to: 'notified', label: '通知' },
        { to: 'ongoing', label: '开始' },
        { to: 'done', label: '完成' },
        { to: 'cancelled', label: '取消活动' },
      ]
    case 'notified':
      return [
        { to: 'ongoing', label: '开始' },
        { to: 'done', label: '完成' },
        { to: 'cancelled', label: '取消活动' },
      ]
    case 'ongoing':
      return [
        { to: 'done', label: '完成' },
        { to: 'cancelled', label: '取消活动' },
      ]
    case 'done':
      return [{ to: 'ongoing', label: '重新打开' }]
    case 'cancelled':
      return [{ to: 'planned', label: '恢复为计划' }]
  }
}

/**
 * Quick sign-in: what one key (Enter) does with the search results. One member not signed in yet:
 * sign them in. Otherwise say why not, in Chinese.
 */
export function quickSignInTarget(
  found: Participant[],
): { participant: Participant } | { message: string } {
  const members = found.filter((p) => p.member_id)
  if (!members.length) return { message: '名单中没有找到这位委员，请核对姓名或拼音；未受邀到会的请点“签到登记…”现场增加' }
  const waiting = members.filter((p) => p.attendance !== 'present' && p.attendance !== 'late')
  if (!waiting.length) {
    return { message: members.length === 1 ? `${members[0].name} 已签到` : '找到的委员都已签到' }
  }
  if (waiting.length > 1) return { message: `找到 ${waiting.length} 位委员，请再输入几个字或直接点“签到”` }
  return { participant: waiting[0] }
}

export function emptyActivityInput(kind: ActivityKind = 'forum'): ActivityInput {
  return {
    id: null,
    updated_at: null,
    kind,
    title: '',
    date: '',
    time: '',
    end_date: '',
    end_time: '',
    place: '',
    content: '',
    responsible: '',
    contact: '',
    organiser: kind === 'group' ? 'group' : 'office',
    group_id: null,
    committee_id: null,
    joint_group_ids: [],
    summary: '',
    suggestions: '',
    methods: [],
    vehicles: '',
    meals: '',
    signup_mode: 'required',
    signup_deadline: '',
    material: '',
  }
}

/** The form's input for an activity as it is stored. */
export function activityToInput(d: ActivityDetail): ActivityInput {
  const a = d.activity
  return {
    id: a.id,
    updated_at: d.updated_at,
    kind: a.kind,
    title: a.title,
    date: a.date ?? '',
    time: a.time,
    end_date: a.end_date ?? '',
    end_time: a.end_time,
    place: a.place,
    content: d.content,
    responsible: a.responsible,
    contact: d.contact,
    organiser: a.organiser,
    group_id: a.group_id,
    committee_id: a.committee_id,
    joint_group_ids: [...a.joint_group_ids],
    summary: d.summary,
    suggestions: d.suggestions,
    methods: [...d.methods],
    vehicles: d.vehicles,
    meals: d.meals,
    signup_mode: d.signup_mode,
    signup_deadline: d.signup_deadline ?? '',
    material: d.material,
  }
}

export function emptyVisitInput(): VisitInput {
  return {
    id: null,
    target_kind: 'member',
    member_id: null,
    target_name: '',
    address: '',
    phone: '',
    date: '',
    time: '',
    purposes: ['work', 'duties'],
    purpose_note: '',
    visitors: '',
    responsible: '',
  }
}

/** Today as YYYY-MM-DD, local time. */
export function todayIso(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** The visit as the round form edits it (its activity id kept, so core updates it). */
export function visitToInput(v: Visit): VisitInput {
  return {
    id: v.activity_id,
    target_kind: v.target_kind,
    member_id: v.member_id,
    target_name: v.target_name,
    address: v.address,
    phone: v.phone,
    date: v.date ?? '',
    time: v.time,
    purposes: [...v.purposes],
    purpose_note: v.purpose_note,
    visitors: v.visitors,
    responsible: v.responsible,
  }
}

/** Kinds that are meetings (签到表, 出勤情况表), as opposed to visits and trips. */
export function isMeetingKind(k: ActivityKind): boolean {
  return k !== 'visit' && k !== 'inspection' && k !== 'research'
}

/** Trips (视察 / 调研): a schedule of stops, methods, vehicles and meals, a report and suggestions. */
export function isTripKind(k: ActivityKind): boolean {
  return k === 'inspection' || k === 'research'
}

/** A meeting members answer 报名 / 不参加 to (参加方式 报名参加). */
export function takesSignUp(d: ActivityDetail): boolean {
  return d.signup_mode === 'signup' && isMeetingKind(d.activity.kind)
}

/** The documents an activity of this kind can print (a round prints its 走访安排表 instead). */
export function documentsFor(k: ActivityKind): DocumentKind[] {
  if (k === 'visit') return []
  if (k === 'inspection' || k === 'research') return ['inspection-plan']
  return ['sign-in', 'attendance']
}

/** Whether a sign-up deadline (YYYY-MM-DD, through that day, or YYYY-MM-DD HH:MM) has passed. */
export function deadlinePassed(deadline: string | null, now = new Date()): boolean {
  if (!deadline) return false
  const p = (n: number) => String(n).padStart(2, '0')
  const at = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`
  const d = deadline.trim()
  return d.length <= 10 ? at.slice(0, 10) > d : at >= d.slice(0, 16)
}

/** "报名截止 2026-05-10 17:00 · 报名 3 人 · 不参加 1 人 · 未答复 2 人" for a 报名参加 activity. */
export function signupText(deadline: string | null, s: AttendanceSummary, now = new Date()): string {
  const waiting = Math.max(0, s.invited - s.signed_up - s.declined)
  const head = deadline ? `报名截止 ${deadline}${deadlinePassed(deadline, now) ? '（已截止）' : ''}` : '未设报名截止时间'
  return `${head} · 报名 ${s.signed_up} 人 · 不参加 ${s.declined} 人 · 未答复 ${waiting} 人`
}

/** Core refused a sign-in because someone is not on the list (offer 现场增加). */
export function isNotInvitedError(e: unknown): e is AppError {
  const x = e as AppError
  return !!x && Array.isArray(x.fields) && x.fields.some((f) => f.field === 'member_ids' && f.message.includes('邀请名单'))
}

/** The years offered by the reflection counts' year filter: this year and the four before, newest first. */
export function recentYears(now = new Date(), n = 5): number[] {
  const y = now.getFullYear()
  return Array.from({ length: n }, (_, i) => y - i)
}

/** What the follow-up dialog does: add one, edit one, or mark one done. */
export type FollowUpMode = 'new' | 'edit' | 'complete'

/** The organiser as a list shows it: the group, with the groups organising it jointly (联合组织). */
export function organiserText(a: { organiser_name: string; joint_groups: string }): string {
  return a.joint_groups ? `${a.organiser_name}（联合：${a.joint_groups}）` : a.organiser_name
}

/** The invitation's input: members by id, a liaison group, sectors (界别), upper-level members. */
export function inviteInput(
  activityId: string,
  pick: { memberIds?: string[]; groupId?: string | null; sectorIds?: string[]; upperIds?: string[] },
): InviteInput {
  return {
    activity_id: activityId,
    member_ids: pick.memberIds ?? [],
    group_id: pick.groupId ?? null,
    sector_ids: pick.sectorIds ?? [],
    upper_member_ids: pick.upperIds ?? [],
    role: 'attendee',
    team: '',
  }
}

/** 高振东（全国政协 · 经济界）: an upper-level member as pickers show them. */
export function upperLabel(u: { name: string; level: UpperLevel; sector: string }): string {
  return `${u.name}（${[LABELS.UpperLevel[u.level], u.sector].filter(Boolean).join(' · ')}）`
}

export function emptyUpperInput(): UpperMemberInput {
  return { id: null, updated_at: null, name: '', level: 'city', term: '', sector: '', unit: '', mobile: '', group_id: null, member_id: null, notes: '' }
}

/** The form's input for an upper-level member as listed (the mobile in full: list it with reveal). */
export function upperToInput(u: UpperMember): UpperMemberInput {
  return {
    id: u.id,
    updated_at: u.updated_at,
    name: u.name,
    level: u.level,
    term: u.term,
    sector: u.sector,
    unit: u.unit,
    mobile: u.mobile,
    group_id: u.group_id,
    member_id: u.member_id,
    notes: u.notes,
  }
}
