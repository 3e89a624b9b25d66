// 社情民意: the small pure helpers the screens share — the states in order with their tag colours, the
// steps' dialogs, empty inputs, the composer's ordering and the year's progress. Types come from the
// generated bindings.
import type {
  BulletinInput,
  BulletinYear,
  OpinionDetail,
  OpinionInput,
  OpinionList,
  OpinionRow,
  OpinionState,
  OpinionStep,
  ReportSubmitterInput,
} from './bindings'

export const STATES: OpinionState[] = [
  'draft',
  'submitted',
  'editing',
  'adopted',
  'retained',
  'instructed',
  'transferred',
  'replied',
  'fed_back',
]

export const STATE_TAG: Record<OpinionState, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  submitted: 'primary',
  editing: 'warning',
  adopted: 'success',
  retained: 'info',
  instructed: 'success',
  transferred: 'primary',
  replied: 'success',
  fed_back: 'success',
}

/** The steps that record a text and a date, with their dialog's wording. */
export const TEXT_STEPS: Partial<Record<OpinionStep, { title: string; label: string; placeholder: string; required: boolean }>> = {
  retain: { title: '留存', label: '留存说明', placeholder: '如：内容与前期信息重复，留存备查（可不填）', required: false },
  transfer: { title: '转办', label: '承办部门', placeholder: '如：区民政局', required: true },
  reply: { title: '登记办复', label: '办理答复', placeholder: '承办部门的答复意见', required: true },
  feedback: { title: '反馈报送人', label: '反馈内容', placeholder: '如：已电话告知报送人采用和批示情况', required: true },
  return: { title: '退回报送人', label: '退回原因', placeholder: '如：请补充具体数据后再报', required: true },
}

export function emptyOpinionInput(): OpinionInput {
  return {
    id: null,
    title: '',
    date: new Date().toISOString().slice(0, 10),
    situation: '',
    problem: '',
    suggestion: '',
    sector_id: null,
    topics: [],
    submitters: [],
  }
}

/** A report's form from its record (to edit a draft). */
export function inputOf(d: OpinionDetail): OpinionInput {
  return {
    id: d.row.id,
    title: d.original.title,
    date: d.row.date ?? '',
    situation: d.original.situation,
    problem: d.original.problem,
    suggestion: d.original.suggestion,
    sector_id: d.sector_id,
    topics: [...d.row.topics],
    submitters: d.submitters.map((s): ReportSubmitterInput => ({ kind: s.kind, id: s.id })),
  }
}

/** The count of a state in a list's counts (0 when absent). */
export function countOf(list: OpinionList | null, state: OpinionState | null): number {
  if (!list) return 0
  if (state === null) return list.total
  return list.counts.find((c) => c.state === state)?.count ?? 0
}

/** Move the item at `from` to `to` (drag and drop, or the arrows), returning a new array. */
export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return [...list]
  const out = [...list]
  const [it] = out.splice(from, 1)
  out.splice(Math.max(0, Math.min(to, out.length)), 0, it)
  return out
}

/** 已编 3 期 / 目标 8 期, and the share for a progress bar (0–100). */
export function yearProgress(y: BulletinYear | null): { text: string; percent: number; done: boolean } {
  if (!y) return { text: '', percent: 0, done: false }
  const percent = y.target > 0 ? Math.min(100, Math.round((y.issues / y.target) * 100)) : 0
  return { text: `${y.year}年已编 ${y.issues} 期 / 目标 ${y.target} 期`, percent, done: y.issues >= y.target }
}

/** A new issue's form: the next numbers, today's date, the last issue's signer and lines. */
export function newBulletinInput(y: BulletinYear, office: string): BulletinInput {
  return {
    id: null,
    year: y.year,
    number: y.next_number,
    total_number: y.next_total,
    date: new Date().toISOString().slice(0, 10),
    signer: y.last_signer,
    office,
    send_to: y.last_send_to,
    copy_to: y.last_copy_to,
    opinion_ids: [],
  }
}

/** 2026年第3期（总第45期） */
export function issueLabel(b: { year: number; number: number; total_number: number }): string {
  return `${b.year}年第${b.number}期（总第${b.total_number}期）`
}

/** The text a list row shows under its title: the adoption and where it is printed. */
export function rowNote(r: OpinionRow): string {
  const parts: string[] = []
  if (r.combined) parts.push('综合')
  if (r.merged_into) parts.push(`已并入：${r.merged_into}`)
  if (r.instructions > 0) parts.push(`批示 ${r.instructions}`)
  if (r.issue) parts.push(`刊于${r.issue}`)
  return parts.join(' · ')
}
