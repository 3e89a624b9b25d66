// Small helpers shared by the screens: labels, formatting, audit rendering.
import { LABELS } from './bindings'
import type { AuditEntry, MemberInput, RefKind } from './bindings'

export const REF_KINDS: RefKind[] = ['sector', 'party', 'committee', 'role', 'township']

export const EDUCATION_OPTIONS = ['博士研究生', '研究生', '大学本科', '大学专科', '中专', '高中']

/** Chinese labels of member fields (inputs, details and audit log keys). */
export const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birth_date: '出生日期',
  native_place: '籍贯',
  id_number: '身份证号',
  party_id: '政治面貌',
  party: '政治面貌',
  sector_id: '界别',
  sector: '界别',
  committee_id: '专委会',
  committee: '专委会',
  role_ids: '政协职务',
  roles: '政协职务',
  term_ids: '届次',
  terms: '届次',
  work_unit: '工作单位',
  job_title: '职务',
  professional_title: '职称',
  education: '学历',
  mobile: '手机',
  phone: '固定电话',
  address: '通讯地址',
  postcode: '邮编',
  group_id: '联络组',
  group: '联络组',
  role: '组内职务',
  status: '状态',
  notes: '备注',
  photo: '照片',
  deleted_at: '删除时间',
  start_year: '起始年份',
  end_year: '结束年份',
  sort: '排序',
  members: '委员数',
  groups: '联络组数',
}

export const ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '编辑',
  delete: '删除',
  restore: '恢复',
  group_join: '加入联络组',
  group_leave: '移出联络组',
  group_move: '调整联络组',
  group_role: '设置组内职务',
}

/** YYYY-MM-DD for tables; accepts dates and ISO timestamps. */
export function formatDate(s: string | null | undefined): string {
  if (!s) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)
  return m ? `${m[1]}-${m[2]}-${m[3]}` : s
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** An ISO timestamp (UTC) as local "YYYY-MM-DD HH:mm". */
export function formatDateTime(s: string | null | undefined): string {
  if (!s) return ''
  const d = new Date(s)
  if (Number.isNaN(d.getTime())) return s
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export interface AuditChange {
  field: string
  label: string
  old: string
  new: string
}

export interface AuditRow {
  id: string
  at: string
  actor: string
  action: string
  changes: AuditChange[]
}

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）'
  if (Array.isArray(v)) return v.length ? v.map((x) => String(x)).join('、') : '（空）'
  if (field === 'status' && (v === 'active' || v === 'left')) return LABELS.MemberStatus[v]
  if (field === 'deleted_at' && typeof v === 'string') return formatDateTime(v)
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** Turn the audit log into rows people can read. */
export function readableAudit(entries: AuditEntry[]): AuditRow[] {
  return entries.map((e) => {
    let parsed: Record<string, unknown> = {}
    try {
      const v = JSON.parse(e.changes || '{}')
      if (v && typeof v === 'object' && !Array.isArray(v)) parsed = v as Record<string, unknown>
    } catch {
      parsed = {}
    }
    const changes: AuditChange[] = []
    for (const [field, pair] of Object.entries(parsed)) {
      const [o, n] = Array.isArray(pair) && pair.length === 2 ? pair : [null, pair]
      // Unchanged values (e.g. the name on delete) are context, not changes.
      if (JSON.stringify(o) === JSON.stringify(n) && e.action !== 'group_role') continue
      changes.push({ field, label: FIELD_LABELS[field] ?? field, old: show(field, o), new: show(field, n) })
    }
    return {
      id: e.id,
      at: formatDateTime(e.at),
      actor: e.actor,
      action: ACTION_LABELS[e.action] ?? e.action,
      changes,
    }
  })
}

export function emptyMemberInput(termIds: string[] = []): MemberInput {
  return {
    id: null,
    updated_at: null,
    name: '',
    gender: '',
    ethnicity: '',
    birth_date: '',
    native_place: '',
    id_number: '',
    party_id: null,
    sector_id: null,
    committee_id: null,
    role_ids: [],
    term_ids: [...termIds],
    work_unit: '',
    job_title: '',
    professional_title: '',
    education: '',
    mobile: '',
    phone: '',
    address: '',
    postcode: '',
    group_id: null,
    status: 'active',
    notes: '',
    photo: null,
  }
}

/** Trailing-edge debounce. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let t: ReturnType<typeof setTimeout> | undefined
  const d = (...args: A) => {
    if (t) clearTimeout(t)
    t = setTimeout(() => {
      t = undefined
      fn(...args)
    }, ms)
  }
  d.cancel = () => {
    if (t) clearTimeout(t)
    t = undefined
  }
  return d
}

/** A rough strength of a new passphrase, for the hint under the field: 0 too short (under 8, refused
 * by core), 1 weak, 2 fair, 3 strong — by length and the kinds of characters (letters, digits, others,
 * Chinese characters count as others and are worth more). */
export function passphraseStrength(p: string): { level: 0 | 1 | 2 | 3; text: string } {
  const chars = [...p]
  if (chars.length < 8) return { level: 0, text: '太短：至少 8 个字符' }
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(p)).length
  const han = chars.filter((c) => /\p{Script=Han}/u.test(c)).length
  const score = chars.length + kinds * 3 + han * 2 - (new Set(chars).size <= 3 ? 12 : 0)
  if (score >= 24) return { level: 3, text: '强' }
  if (score >= 16) return { level: 2, text: '中：再长一些更安全' }
  return { level: 1, text: '弱：建议用一句只有自己知道的话，或混合字母、数字和符号' }
}

/** A file size as people read it: 812 字节, 3.4 KB, 12.6 MB, 1.2 GB (1 KB = 1024 字节). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Math.max(0, Math.round(n || 0))} 字节`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`
}
