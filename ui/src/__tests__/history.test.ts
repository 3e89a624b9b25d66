// 数据安全: the one 回收站 (every kind, restore, the backend's refusal as it says it), the log page (values
// as core masks them, 恢复此值, the filters sent), and the stale-form test.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { HistoryEntry, TrashItem } from '../bindings'
import RecycleBin from '../components/history/RecycleBin.vue'
import HistoryLog from '../components/history/HistoryLog.vue'
import { isStale } from '../components/history/stale'

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

const mountIt = <T,>(c: T, props: Record<string, unknown> = {}) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mount(c as any, { props, global: { plugins: [ElementPlus] }, attachTo: document.body })

const lastCall = (cmd: string) => [...calls].reverse().find((c) => c.cmd === cmd)

beforeEach(() => {
  resetBackend()
  handlers.app_info = () => ({ office_name: '', current_term: null, db_path: '', schema_version: 7, member_count: 0, group_count: 0 })
  handlers.terms_list = () => []
  handlers.refs_list = () => []
  handlers.roster_query = () => ({ rows: [], total: 0 })
})
afterEach(() => {
  document.body.innerHTML = ''
})

const item = (kind: string, kind_label: string, id: string, name: string): TrashItem => ({
  kind,
  kind_label,
  id,
  name,
  detail: '',
  deleted_at: '2026-11-27T02:30:00.000Z',
  deleted_by: '王秘书',
})

describe('回收站', () => {
  it('lists every kind, restores one, and says why when core refuses', async () => {
    let bin = [item('member', '委员', 'm1', '欧阳娜娜'), item('group', '联络组', 'g1', '城关镇联络组')]
    handlers.trash_list = () => bin
    handlers.trash_restore = (a) => {
      if (a.id === 'm1') throw { code: 'conflict', message: '身份证号已登记给委员“欧阳娜”，不能恢复：请先处理重复的记录', fields: [] }
      bin = bin.filter((b) => b.id !== a.id)
      return null
    }
    const w = mountIt(RecycleBin)
    await settle()
    expect(w.text()).toContain('欧阳娜娜')
    expect(w.text()).toContain('城关镇联络组')
    const buttons = w.findAll('[data-testid=bin-restore]')
    await buttons[1].trigger('click')
    await settle()
    expect(lastCall('trash_restore')?.args).toEqual({ kind: 'group', id: 'g1' })
    expect(w.text()).not.toContain('城关镇联络组')
    await w.find('[data-testid=bin-restore]').trigger('click')
    await settle()
    expect(document.body.textContent).toContain('身份证号已登记给委员“欧阳娜”')
    expect(w.text()).toContain('欧阳娜娜')
  })

  it('says what it is for when it is empty', async () => {
    handlers.trash_list = () => []
    const w = mountIt(RecycleBin)
    await settle()
    expect(w.text()).toContain('回收站是空的')
  })
})

describe('操作记录', () => {
  const entry: HistoryEntry = {
    id: 'a1',
    at: '2026-11-27T02:30:00.000Z',
    actor: '王秘书',
    entity: 'member',
    entity_label: '委员',
    entity_id: 'm1',
    record: '郑晓岚',
    action: 'update',
    action_label: '修改',
    changes: [{ field: 'mobile', label: '手机', old: '138****5678', new: '139****5432', restorable: true }],
    run_id: null,
  }

  it('shows old → new as core gives them and puts an old value back', async () => {
    handlers.history_kinds = () => [{ code: 'member', label: '委员' }]
    handlers.history_actors = () => ['王秘书']
    handlers.history_query = () => ({ entries: [entry], total: 1 })
    handlers.history_restore_value = () => ({})
    const w = mountIt(HistoryLog)
    await settle()
    expect(w.text()).toContain('138****5678')
    expect(w.text()).toContain('139****5432')
    expect(w.text()).toContain('郑晓岚')
    await w.find('input[data-testid=history-text]').setValue('郑晓岚')
    await w.find('[data-testid=history-search]').trigger('click')
    await settle()
    expect((lastCall('history_query')?.args.query as { text: string }).text).toBe('郑晓岚')
    await w.find('[data-testid=history-restore-value]').trigger('click')
    await settle()
    ;(document.querySelector('.el-message-box .el-button--primary') as HTMLElement).click()
    await settle()
    expect(lastCall('history_restore_value')?.args).toEqual({ entryId: 'a1', field: 'mobile', updatedAt: null })
  })
})

describe('stale forms', () => {
  it('knows the refusal of a save from a stale form', () => {
    expect(isStale({ code: 'conflict', message: '此记录已被修改：王秘书 于 2026-11-30 16:05 修改了委员“王伟”', fields: [] })).toBe(true)
    expect(isStale({ code: 'conflict', message: '身份证号已登记给委员“王伟”', fields: [] })).toBe(false)
    expect(isStale(new Error('x'))).toBe(false)
  })
})
