// The export dialog: what each choice (委员名册 / 联络组成员名单 / 通讯录) sends to the backend, and
// what the result says.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { RosterColumnInfo, RosterQuery } from '../bindings'
import ExportRosterDialog from '../components/exports/ExportRosterDialog.vue'

const query: RosterQuery = {
  term_id: 't15',
  sector_id: 's1',
  party_id: null,
  group_id: null,
  committee_id: null,
  status: null,
  search: '',
  sort: 'group',
  deleted: false,
  offset: 100,
  limit: 50,
}

const columns: RosterColumnInfo[] = [
  { column: 'name', label: '姓名', default: true },
  { column: 'gender', label: '性别', default: true },
  { column: 'mobile', label: '手机', default: false },
]

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

function open() {
  return mount(ExportRosterDialog, {
    props: { visible: true, query, total: 12 },
    global: { plugins: [ElementPlus] },
    attachTo: document.body,
  })
}

function el(testid: string): HTMLElement {
  const e = document.body.querySelector(`[data-testid=${testid}]`)
  if (!e) throw new Error(`no [data-testid=${testid}]`)
  return e as HTMLElement
}

async function click(testid: string) {
  el(testid).click()
  await settle()
}

/** Choose a kind: the radio button's input. */
async function choose(kind: string) {
  const input = el(`export-kind-${kind}`).querySelector('input') as HTMLInputElement
  input.click()
  await settle()
}

beforeEach(() => {
  resetBackend()
  handlers.roster_columns = () => columns
  handlers.roster_export = () => ({ rows: 12, path: '/tmp/exports/委员名册-1.xlsx' })
  handlers.group_lists_export = () => ({ rows: 278, path: '/tmp/exports/联络组成员名单-1.xlsx' })
  handlers.contacts_export = () => ({ rows: 12, path: '/tmp/exports/通讯录-1.xlsx' })
  handlers.open_export = () => null
  handlers.roster_query = () => ({ total: 12, rows: [] })
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('ExportRosterDialog', () => {
  it('says plainly when the filters leave out people, and exports everyone on request', async () => {
    handlers.roster_query = (a) => {
      const q = a.query as RosterQuery
      return { total: q.sector_id || q.term_id || q.search ? 12 : 141, rows: [] }
    }
    const w = open()
    await settle()
    // The count of everyone is asked without any filter (order kept).
    const count = calls.find((c) => c.cmd === 'roster_query')?.args.query as RosterQuery
    expect(count).toMatchObject({ term_id: null, sector_id: null, search: '', sort: 'group', limit: 1 })
    expect(el('export-partial-text').textContent).toBe('将导出筛选后的 12 人（共 141 人）')
    expect(el('export-scope').textContent).toContain('只导出筛选后的 12 人')
    expect(el('export-scope').textContent).toContain('导出全部 141 人')
    ;(el('export-scope-all').querySelector('input') as HTMLInputElement).click()
    await settle()
    expect(el('export-count').textContent).toBe('141')
    await click('export-confirm')
    const call = calls.find((c) => c.cmd === 'roster_export')
    expect((call?.args.options as { query: RosterQuery }).query).toEqual({
      ...query,
      term_id: null,
      sector_id: null,
      offset: 0,
      limit: 0,
    })
    w.unmount()
  })

  it('says nothing of filters when the roster shows everyone', async () => {
    handlers.roster_query = () => ({ total: 12, rows: [] })
    const w = mount(ExportRosterDialog, {
      props: { visible: true, query: { ...query, term_id: null, sector_id: null }, total: 12 },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await settle()
    expect(calls.some((c) => c.cmd === 'roster_query')).toBe(false)
    expect(document.body.querySelector('[data-testid=export-partial]')).toBeNull()
    expect(el('export-dialog').textContent).toContain('导出 12 人')
    w.unmount()
  })

  it('prints the columns a user chose as chosen, and lets a default export drop its empty ones', async () => {
    const w = open()
    await settle()
    expect(el('export-columns-hint').textContent).toContain('所有人都为空的一列不导出')
    ;(el('export-columns').querySelectorAll('input')[2] as HTMLInputElement).click() // 手机, not a default
    await settle()
    expect(document.body.querySelector('[data-testid=export-columns-hint]')).toBeNull()
    await click('export-confirm')
    const call = calls.find((c) => c.cmd === 'roster_export')
    expect(call?.args.options).toMatchObject({ columns: ['name', 'gender', 'mobile'], drop_empty_defaults: false })
    w.unmount()
  })

  it('offers the folder of the written file beside 打开文件', async () => {
    handlers.roster_query = () => ({ total: 12, rows: [] })
    handlers.reveal_export = () => null
    const w = open()
    await settle()
    await click('export-confirm')
    expect(el('export-reveal').textContent).toContain('打开所在文件夹')
    await click('export-reveal')
    expect(calls.find((c) => c.cmd === 'reveal_export')?.args).toEqual({ path: '/tmp/exports/委员名册-1.xlsx' })
    w.unmount()
  })

  it('exports the roster by default, with the chosen columns and every row', async () => {
    const w = open()
    await settle()
    expect(el('export-dialog').textContent).toContain('按当前筛选导出 12 人，按联络组排序')
    await click('export-confirm')
    const call = calls.find((c) => c.cmd === 'roster_export')
    expect(call?.args.options).toEqual({
      query: { ...query, offset: 0, limit: 0 },
      columns: ['name', 'gender'],
      with_id: false,
      with_phone: false,
      pad_two_char_names: true,
      drop_empty_defaults: true,
    })
    expect(el('export-result').textContent).toContain('已导出 12 名委员')
    w.unmount()
  })

  it('exports the group lists of the roster term, unaffected by the other filters', async () => {
    const w = open()
    await settle()
    await choose('groups')
    expect(el('export-groups-lead').textContent).toContain('不受名册筛选影响')
    expect(document.body.querySelector('[data-testid=export-columns]')).toBeNull()
    expect(document.body.querySelector('[data-testid=export-with-id]')).toBeNull()
    ;(el('export-with-phone').querySelector('input') as HTMLInputElement).click()
    await settle()
    await click('export-confirm')
    const call = calls.find((c) => c.cmd === 'group_lists_export')
    expect(call?.args.options).toEqual({ term_id: 't15', with_phone: true, pad_two_char_names: true })
    expect(calls.some((c) => c.cmd === 'roster_export')).toBe(false)
    expect(el('export-result').textContent).toContain('已导出联络组成员名单（278 名委员）')
    await click('export-open')
    expect(calls.find((c) => c.cmd === 'open_export')?.args).toEqual({ path: '/tmp/exports/联络组成员名单-1.xlsx' })
    w.unmount()
  })

  it('exports the contact list with the roster filters and order', async () => {
    const w = open()
    await settle()
    await choose('contacts')
    expect(el('export-contacts-lead').textContent).toContain('按当前筛选导出 12 人的通讯录，按联络组排序')
    await click('export-confirm')
    const call = calls.find((c) => c.cmd === 'contacts_export')
    expect(call?.args.options).toEqual({
      query: { ...query, offset: 0, limit: 0 },
      with_phone: false,
      pad_two_char_names: true,
    })
    expect(el('export-result').textContent).toContain('已导出 12 名委员的通讯录')
    w.unmount()
  })
})
