// The plenary session (全会) screens: labels, documents, and the pure helpers the components share.
import { LABELS } from './bindings'
import type {
  AttendeeQuery,
  DocumentFormat,
  HallLayout,
  Seat,
  SessionDetail,
  SessionInput,
  SessionDocument,
  SessionKind,
} from './bindings'

export const DEFAULT_ITEMS = ['出席证', '会议材料', '餐券']

/** A session's documents in the order the print list shows them, with the formats each can be written in
 * (the first is the default). */
const DOCUMENTS: Array<{ doc: SessionDocument; formats: DocumentFormat[]; hint: string }> = [
  { doc: 'check_in', formats: ['xlsx'], hint: '报到时间、代报到人、领取物品' },
  { doc: 'sign_in', formats: ['pdf', 'xlsx'], hint: '每个场次一份，行高 1 厘米以上、签名栏 4 厘米以上，A4 每页约 22 人' },
  { doc: 'groups', formats: ['pdf', 'xlsx'], hint: '汇总一页，再每组一页：召集人、讨论地点、组员' },
  { doc: 'seating', formats: ['pdf', 'xlsx'], hint: '主席台在上，会场按排、座，A3 横向' },
  { doc: 'seat_tickets', formats: ['pdf'], hint: '每人一张：姓名、区、排、座和报到条码，A4 每页 8 张' },
  { doc: 'passes', formats: ['pdf'], hint: '每人一张（列席证、工作证同印）：姓名、界别、分组、座位和报到条码，扫码枪在报到台扫码即报到，A4 每页 8 张' },
  { doc: 'leave', formats: ['xlsx'], hint: '时段、事由、审批人、状态' },
  { doc: 'rooms', formats: ['xlsx'], hint: '房间号与同住人' },
  { doc: 'meals', formats: ['xlsx'], hint: '桌号与就餐人员' },
  { doc: 'vehicles', formats: ['xlsx'], hint: '车辆、司机、乘车人员' },
  { doc: 'attendance', formats: ['xlsx'], hint: '按场次、分组、界别统计' },
]
export const SESSION_DOCUMENTS = DOCUMENTS.map((d) => ({ ...d, label: LABELS.SessionDocument[d.doc] }))

export function documentInfo(doc: SessionDocument) {
  return SESSION_DOCUMENTS.find((d) => d.doc === doc) ?? SESSION_DOCUMENTS[0]
}

export function emptySessionInput(): SessionInput {
  return {
    id: null,
    updated_at: null,
    name: '',
    start_date: '',
    end_date: '',
    place: '',
    term_id: null,
    convenor_max_half_days: 1,
    check_in_items: [...DEFAULT_ITEMS],
    layout_id: null,
    kind: 'plenary',
    sittings: [],
    prepare: true,
  }
}

/** The form of an existing session, for editing (or changing one field such as the hall layout). */
export function sessionInputOf(d: SessionDetail): SessionInput {
  return {
    id: d.session.id,
    updated_at: d.session.updated_at,
    name: d.session.name,
    start_date: d.session.start_date,
    end_date: d.session.end_date,
    place: d.session.place,
    term_id: d.term_id,
    convenor_max_half_days: d.convenor_max_half_days,
    check_in_items: [...d.check_in_items],
    layout_id: d.layout_id,
    kind: d.session.kind,
    sittings: [],
    prepare: false,
  }
}

/** What a session of this kind is called in titles and hints: 全会 or 常委会议. */
export function kindWord(kind: SessionKind): string {
  return kind === 'standing' ? '常委会议' : '全会'
}

export function allAttendees(): AttendeeQuery {
  return { search: '', kind: null, group_id: null, checked_in: null, limit: 0 }
}

/** The desk's search: at most `limit` matches of what was typed. */
export function deskQuery(search: string, limit = 30): AttendeeQuery {
  return { search: search.trim(), kind: null, group_id: null, checked_in: null, limit }
}

/** 2026-01-12 至 2026-01-15, or the one day. */
export function dateRange(start: string, end: string): string {
  return !end || end === start ? start : `${start} 至 ${end}`
}

/** Where the highlight lands after ↑ (-1) or ↓ (+1) in a list of `n`, wrapping round. */
export function step(index: number, delta: number, n: number): number {
  if (n <= 0) return -1
  if (index < 0) return delta > 0 ? 0 : n - 1
  return (index + delta + n) % n
}

/** The first one not yet checked in, else the first. */
export function firstToCheckIn(rows: Array<{ checked_in_at: string | null }>): number {
  if (!rows.length) return -1
  const i = rows.findIndex((r) => !r.checked_in_at)
  return i < 0 ? 0 : i
}

/** One cell of the seating grid: a seat (taken or free) or an aisle. */
export type Cell = { kind: 'seat'; row: number; col: number; number: number; seat: Seat | null } | { kind: 'aisle'; col: number }

export type GridRow = { label: string; row: number; cells: Cell[] }

/** The hall as rows of cells, front row first (row 1), aisles as gaps; seat numbers count seats only, or are
 * core's numbers of the grid's columns (`SeatingChart.numbers`: 顺序号 or 单双号) when given. */
export function hallGrid(layout: HallLayout, seats: Seat[], numbers?: number[]): GridRow[] {
  const taken = new Map<string, Seat>()
  for (const s of seats) if (s.area === 'hall') taken.set(`${s.row}:${s.col}`, s)
  const out: GridRow[] = []
  for (let row = 1; row <= layout.rows; row++) {
    const cells: Cell[] = []
    let n = 0
    for (let col = 1; col <= layout.seat_columns; col++) {
      if (layout.aisle_columns.includes(col)) cells.push({ kind: 'aisle', col })
      else {
        n++
        cells.push({ kind: 'seat', row, col, number: numbers?.[col - 1] || n, seat: taken.get(`${row}:${col}`) ?? null })
      }
    }
    out.push({ label: `第${row}排`, row, cells })
  }
  return out
}

/** The rostrum as rows of cells, back row on top (the front row, row 1, nearest the hall). */
export function rostrumGrid(layout: HallLayout, seats: Seat[]): GridRow[] {
  const taken = new Map<string, Seat>()
  for (const s of seats) if (s.area === 'rostrum') taken.set(`${s.row}:${s.col}`, s)
  const out: GridRow[] = []
  for (let row = layout.rostrum_rows; row >= 1; row--) {
    const cells: Cell[] = []
    for (let col = 1; col <= layout.rostrum_seats; col++) {
      cells.push({ kind: 'seat', row, col, number: col, seat: taken.get(`${row}:${col}`) ?? null })
    }
    out.push({ label: `主席台第${row}排`, row, cells })
  }
  return out
}

/** What the desk's box holds, as an attendee code (出席证 / 座位票 barcode): 12 digits once full-width
 * digits are made ASCII and spaces and dashes dropped (as core's `sessions::scan::as_code`); else null. */
export function scanCode(typed: string): string | null {
  const s = typed.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)).replace(/[\s-]/g, '')
  return /^\d{12}$/.test(s) ? s : null
}

/** "3,8" → [3, 8]; anything not a positive number is left out. */
export function parseNumbers(s: string): number[] {
  return s
    .split(/[,，、\s]+/)
    .map((x) => Number(x))
    .filter((x) => Number.isInteger(x) && x > 0)
}

/** "左区,中区" → ['左区', '中区']. */
export function parseNames(s: string): string[] {
  return s
    .split(/[,，、]+/)
    .map((x) => x.trim())
    .filter(Boolean)
}

/**
 * 主席台 first, in protocol order (排序号; those without one after, as they came), then everyone else as
 * they came.
 */
export function byProtocolOrder<T extends { rostrum: boolean; protocol_rank: number | null }>(rows: T[]): T[] {
  const rank = (x: T) => (x.rostrum ? (x.protocol_rank ?? Number.MAX_SAFE_INTEGER) : Infinity)
  return rows
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i)
    .map((r) => r.x)
}

/** 出席率 as shown: "—" while nothing is recorded (a sitting not yet held), else the rate core gives. */
export function rateText(line: { expected: number; unrecorded: number; rate: number }): string {
  return line.expected === 0 || line.unrecorded === line.expected ? '—' : `${line.rate}%`
}
