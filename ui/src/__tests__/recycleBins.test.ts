// The 回收站 of the 联络组 screen and of the reference lists in 设置: listed, restored with one click, the
// backend's refusal shown as it says it, and an empty bin that says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { AppInfo, DeletedGroup, DeletedRef, GroupSummary, RefItem, Term } from '../bindings'
import GroupsView from '../views/GroupsView.vue'
// Loaded by the screen when first opened: here at once, so that a settle finds it mounted.
import '../components/groups/GroupsRecycleBin.vue'
import SettingsView from '../views/SettingsView.vue'
import RefsRecycleBin from '../components/settings/RefsRecycleBin.vue'
import { loadAll, store } from '../store'

const term: Term = { id: 't15', name: '第十五届', start_year: 2022, end_year: 2027, is_current: true, member_count: 0 }

function group(id: string, name: string): GroupSummary {
  return { id, term_id: 't15', name, township_id: null, township: '城关镇', leaders: [], contact_person: '', contact_phone: '', notes: '', member_count: 0, activity_count: 0, updated_at: '' }
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

const mountIt = <T,>(c: T, props: Record<string, unknown> = {}) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mount(c as any, { props, global: { plugins: [ElementPlus] }, attachTo: document.body })

const lastCall = (cmd: string) => [...calls].reverse().find((c) => c.cmd === cmd)

beforeEach(async () => {
  resetBackend()
  const info: AppInfo = { office_name: '某县政协联络办公室', current_term: term, db_path: '/tmp/x.db', schema_version: 3, member_count: 0, group_count: 1 }
  handlers.app_info = () => info
  handlers.terms_list = () => [term]
  handlers.refs_list = () => []
  await loadAll()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('回收站 of the 联络组 screen', () => {
  const gone: DeletedGroup = { id: 'g0', name: '东城街道联络组', township: '东城街道', deleted_at: '2026-11-27T02:30:00.000Z' }

  it('lists the deleted groups in place of the list and restores one, which is then selected', async () => {
    let live = [group('g1', '城关镇联络组')]
    let deleted = [gone]
    handlers.groups_list = () => live
    handlers.group_get = (a) => ({ group: live.find((g) => g.id === a.id)!, members: [] })
    handlers.groups_deleted = () => deleted
    handlers.group_restore = (a) => {
      const back = group(a.id as string, gone.name)
      live = [...live, back]
      deleted = []
      return back
    }
    const w = mountIt(GroupsView)
    await settle()
    expect(w.findAll('[data-testid=group-item]')).toHaveLength(1)

    await w.get('[data-testid=group-trash-toggle]').trigger('click')
    await settle()
    expect(lastCall('groups_deleted')?.args).toEqual({ termId: 't15' })
    expect(w.get('[data-testid=group-trash-toggle]').text()).toBe('返回联络组列表')
    expect(w.find('[data-testid=group-item]').exists()).toBe(false)
    const items = w.findAll('[data-testid=group-trash-item]')
    expect(items).toHaveLength(1)
    expect(items[0].text()).toContain('东城街道联络组')
    expect(items[0].text()).toContain('东城街道 · 删除于 2026-11-27')

    await items[0].get('[data-testid=group-restore]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'group_restore').map((c) => c.args)).toEqual([{ id: 'g0' }])
    expect(w.find('[data-testid=group-trash]').exists()).toBe(false)
    expect(w.findAll('[data-testid=group-item]').map((x) => x.find('.gi-name').text())).toEqual(['城关镇联络组', '东城街道联络组'])
    expect(w.get('[data-testid=group-name]').text()).toBe('东城街道联络组')
    expect(document.body.textContent).toContain('已恢复“东城街道联络组”')
    w.unmount()
  })

  it('shows why a group cannot be restored, and keeps it in the bin', async () => {
    handlers.groups_list = () => [group('g1', '东城街道联络组')]
    handlers.group_get = () => ({ group: group('g1', '东城街道联络组'), members: [] })
    handlers.groups_deleted = () => [gone]
    const refusal = '联络组「东城街道联络组」已存在，无法恢复：请先改名或删除现有的同名项'
    handlers.group_restore = () => {
      throw { code: 'conflict', message: refusal, fields: [] }
    }
    const w = mountIt(GroupsView)
    await settle()
    await w.get('[data-testid=group-trash-toggle]').trigger('click')
    await settle()
    await w.get('[data-testid=group-restore]').trigger('click')
    await settle()
    expect(document.body.textContent).toContain(refusal)
    expect(w.findAll('[data-testid=group-trash-item]')).toHaveLength(1)
    w.unmount()
  })

  it('an empty 回收站 says so, and the toggle goes back to the list', async () => {
    handlers.groups_list = () => []
    handlers.groups_deleted = () => []
    const w = mountIt(GroupsView)
    await settle()
    await w.get('[data-testid=group-trash-toggle]').trigger('click')
    await settle()
    expect(w.get('[data-testid=group-trash-empty]').text()).toBe('回收站是空的。')
    await w.get('[data-testid=group-trash-toggle]').trigger('click')
    await settle()
    expect(w.find('[data-testid=group-trash]').exists()).toBe(false)
    expect(w.get('[data-testid=group-trash-toggle]').text()).toBe('回收站')
  })
})

describe('回收站 of the reference lists', () => {
  const edu: DeletedRef = { id: 's9', kind: 'sector', name: '教育界', deleted_at: '2026-11-27T02:30:00.000Z' }

  it('opens for the list on show, restores an item and reloads the list', async () => {
    let live: RefItem[] = []
    let deleted = [edu]
    handlers.refs_list = (a) => (a.kind === 'sector' ? live : [])
    handlers.refs_deleted = () => deleted
    handlers.ref_restore = (a) => {
      const back: RefItem = { id: a.id as string, kind: 'sector', name: '教育界', sort: 240, used_by: 0 }
      live = [back]
      deleted = []
      return back
    }
    const w = mountIt(SettingsView)
    await settle()
    await w.get('[data-testid=ref-trash-toggle-sector]').trigger('click')
    await settle()
    // Only the list on show asks for its bin.
    expect(calls.filter((c) => c.cmd === 'refs_deleted').map((c) => c.args)).toEqual([{ kind: 'sector' }])
    const bin = w.get('[data-testid=ref-trash-sector]')
    expect(bin.text()).toContain('教育界')
    expect(bin.text()).toContain('2026-11-27')
    expect(w.get('[data-testid=ref-trash-toggle-sector]').text()).toBe('返回列表')

    await bin.get('[data-testid=ref-restore]').trigger('click')
    await settle()
    expect(lastCall('ref_restore')?.args).toEqual({ kind: 'sector', id: 's9' })
    expect(lastCall('refs_list')?.args).toEqual({ kind: 'sector' })
    expect(store.refs.sector.map((r) => r.name)).toEqual(['教育界'])
    expect(document.body.textContent).toContain('已恢复界别“教育界”')
    expect(w.get('[data-testid=ref-trash-sector]').text()).toContain('回收站是空的')
    w.unmount()
  })

  it('shows the refusal naming the item, and keeps it in the bin', async () => {
    handlers.refs_deleted = () => [edu]
    const refusal = '界别「教育界」已存在，无法恢复：请先改名或删除现有的同名项'
    handlers.ref_restore = () => {
      throw { code: 'conflict', message: refusal, fields: [] }
    }
    const w = mountIt(RefsRecycleBin, { kind: 'sector' })
    await settle()
    await w.get('[data-testid=ref-restore]').trigger('click')
    await settle()
    expect(document.body.textContent).toContain(refusal)
    expect(w.text()).toContain('教育界')
    expect(w.emitted('restored')).toBeUndefined()
    w.unmount()
  })
})
