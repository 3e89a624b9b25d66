// The roster's filters, named: one tag per active filter above the table, cleared together by
// 清除筛选, and the export dialog's "fewer than all" warning. The search term is one of them, with one
// source of truth (store.rosterSearch): the top-bar search hands its text to the roster and empties
// itself, so nothing hidden can bring a cleared term back.
import type { RosterQuery } from '../../bindings'

export type FilterKey = 'term_id' | 'sector_id' | 'party_id' | 'group_id' | 'committee_id' | 'status' | 'search'

export interface ActiveFilter {
  key: FilterKey
  /** e.g. 界别：教育界 */
  label: string
}

export interface FilterNames {
  term: (id: string) => string | undefined
  sector: (id: string) => string | undefined
  party: (id: string) => string | undefined
  group: (id: string) => string | undefined
  committee: (id: string) => string | undefined
}

/** The active filters of a roster query, in the order of the filter bar, each with its Chinese tag. */
export function activeFilters(q: RosterQuery, names: FilterNames): ActiveFilter[] {
  const out: ActiveFilter[] = []
  const add = (key: FilterKey, field: string, id: string | null, name: (id: string) => string | undefined) => {
    if (id) out.push({ key, label: `${field}：${name(id) ?? '（已删除）'}` })
  }
  add('term_id', '届次', q.term_id, names.term)
  add('sector_id', '界别', q.sector_id, names.sector)
  add('party_id', '政治面貌', q.party_id, names.party)
  add('group_id', '联络组', q.group_id, names.group)
  add('committee_id', '专委会', q.committee_id, names.committee)
  if (q.status) out.push({ key: 'status', label: `状态：${q.status === 'left' ? '离任' : '在任'}` })
  if (q.search.trim()) out.push({ key: 'search', label: `搜索：${q.search.trim()}` })
  return out
}

/** The same query without any filter: what 全部委员 means (order and the recycle bin kept). */
export function unfiltered(q: RosterQuery): RosterQuery {
  return { ...q, term_id: null, sector_id: null, party_id: null, group_id: null, committee_id: null, status: null, search: '' }
}

export function hasFilters(q: RosterQuery): boolean {
  return !!(q.term_id || q.sector_id || q.party_id || q.group_id || q.committee_id || q.status || q.search.trim())
}
