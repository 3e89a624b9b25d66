// Proposals (提案), speeches (大会发言) and the full-text search: the small pure helpers the screens
// share (empty inputs, the buttons of a state, the step dialog's fields, counts, search results).
// Labels come from the generated bindings (LABELS).
import { LABELS } from './bindings'
import type {
  ProposalInput,
  ProposalQuery,
  ProposalState,
  ProposalStep,
  SearchResult,
  SpeechInput,
  SpeechState,
  StateCount,
  SubmitterKind,
  TextPart,
} from './bindings'

export const PROPOSAL_STATES: ProposalState[] = Object.keys(LABELS.ProposalState) as ProposalState[]
export const SPEECH_STATES: SpeechState[] = Object.keys(LABELS.SpeechState) as SpeechState[]
export const SUBMITTER_KINDS: SubmitterKind[] = Object.keys(LABELS.SubmitterKind) as SubmitterKind[]

export const STATE_TAG: Record<ProposalState, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  submitted: 'primary',
  accepted: 'primary',
  rejected: 'danger',
  merged: 'info',
  assigned: 'warning',
  answered: 'success',
  feedback: 'success',
  closed: 'success',
}

export const SPEECH_TAG: Record<SpeechState, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  submitted: 'primary',
  adopted: 'warning',
  not_adopted: 'info',
  delivered: 'success',
}

/** The button that takes a proposal to `to` (立案, 交办 …); 交办 from 已交办 or 已反馈 is 重新交办. */
export function stepButton(to: ProposalState, from: ProposalState): string {
  switch (to) {
    case 'submitted':
      return '提交'
    case 'accepted':
      return '立案'
    case 'rejected':
      return '不立案'
    case 'merged':
      return '并案'
    case 'assigned':
      return from === 'accepted' ? '交办' : from === 'assigned' ? '改办' : '重新交办'
    case 'answered':
      return '录入答复'
    case 'feedback':
      return '委员反馈'
    case 'closed':
      return '办结'
    default:
      return LABELS.ProposalState[to]
  }
}

/** Which fields the step dialog shows for a step (the date always). */
export function stepFields(to: ProposalState): Array<'reason' | 'merge_into' | 'units' | 'due_date' | 'reply' | 'feedback'> {
  switch (to) {
    case 'rejected':
      return ['reason']
    case 'merged':
      return ['merge_into']
    case 'assigned':
      return ['units', 'due_date']
    case 'answered':
      return ['reply']
    case 'feedback':
      return ['feedback']
    default:
      return []
  }
}

/** A step that needs nothing but a day goes without a dialog's extra fields. */
export function isSimpleStep(to: ProposalState): boolean {
  return stepFields(to).length === 0
}

export function emptyStep(id: string, to: ProposalState, date: string): ProposalStep {
  return {
    id,
    to,
    date,
    reason: '',
    merge_into: null,
    main_units: [],
    assist_units: [],
    due_date: '',
    grade: null,
    reply_unit_id: null,
    reply_text: '',
    feedback: null,
    comment: '',
  }
}

/** Three months after a day (the default due date of 交办), as core counts it: 2026-11-30 → 2027-02-28. */
export function threeMonthsAfter(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return ''
  let y = Number(m[1])
  let mo = Number(m[2]) + 3
  if (mo > 12) {
    mo -= 12
    y += 1
  }
  const last = new Date(y, mo, 0).getDate()
  const d = Math.min(Number(m[3]), last)
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function emptyProposalInput(year: number): ProposalInput {
  return {
    id: null,
    year,
    title: '',
    body: '',
    category: 'society',
    timing: 'routine',
    session_id: null,
    suggested_units: '',
    proposers: [{ kind: 'member', id: '' }],
  }
}

export function emptySpeechInput(sessionId: string | null): SpeechInput {
  return { id: null, session_id: sessionId ?? '', title: '', body: '', submitter: { kind: 'member', id: '' }, submitted_date: '' }
}

/** The list's filter bar. */
export interface ProposalFilters {
  year: number | null
  state: ProposalState | ''
  category: string
  only: '' | 'overdue' | 'unanswered' | 'key'
}

export function filtersToQuery(f: ProposalFilters): ProposalQuery {
  return {
    year: f.year,
    state: f.state || null,
    category: (f.category || null) as ProposalQuery['category'],
    member_id: null,
    overdue: f.only === 'overdue',
    unanswered: f.only === 'unanswered',
    key_only: f.only === 'key',
    deleted: false,
  }
}

/** "暂存 3" … for the state tabs, with 全部 first; states with none are left out (but the chosen one). */
export function stateTabs(
  counts: StateCount[],
  labels: Record<string, string>,
  chosen: string,
): Array<{ state: string; label: string; count: number }> {
  const total = counts.reduce((n, c) => n + c.count, 0)
  const tabs = [{ state: '', label: '全部', count: total }]
  for (const c of counts) if (c.count > 0 || c.state === chosen) tabs.push({ state: c.state, label: labels[c.state] ?? c.state, count: c.count })
  return tabs
}

/** The 提案号 as printed: 第12号, or — before 立案. */
export function numberText(n: number | null): string {
  return n == null ? '—' : `第${n}号`
}

/** Search results flattened for a list: a heading per kind (with its count), then its hits. */
export function searchSections(r: SearchResult | null): Array<{ kind: string; label: string; total: number; shown: number }> {
  if (!r) return []
  return r.groups.map((g) => ({ kind: g.kind, label: LABELS.SearchKind[g.kind], total: g.total, shown: g.hits.length }))
}

/** Marked text as plain text with 【】 round the matches (for tooltips and tests). */
export function partsText(parts: TextPart[]): string {
  return parts.map((p) => (p.hit ? `【${p.text}】` : p.text)).join('')
}
