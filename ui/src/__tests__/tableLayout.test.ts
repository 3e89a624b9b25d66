import { describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import { oneOf, pickValid, subsetOf, useTableLayout } from '../composables/useTableLayout'

describe('useTableLayout', () => {
  const parts = () => ({
    columns: { ref: ref(['name', 'gender']), valid: subsetOf(['name', 'gender', 'mobile']) },
    pageSize: { ref: ref(50), valid: oneOf(50, 100, 200) },
  })

  it('takes only the saved values that still fit', () => {
    expect(pickValid(parts(), '{"columns":["name","mobile"],"pageSize":100}')).toEqual({ columns: ['name', 'mobile'], pageSize: 100 })
    // A column this version no longer has, a page size it does not offer, junk: the defaults stay.
    expect(pickValid(parts(), '{"columns":["name","fax"],"pageSize":30}')).toEqual({})
    expect(pickValid(parts(), '{"columns":[]}')).toEqual({})
    expect(pickValid(parts(), 'not json')).toEqual({})
    expect(pickValid(parts(), '[1,2]')).toEqual({})
    expect(pickValid(parts(), null)).toEqual({})
  })

  it('restores, then saves each change under the list’s name', async () => {
    resetBackend()
    const store: Record<string, string> = { roster: '{"pageSize":200}' }
    handlers.layout_get = (a) => store[a.list as string] ?? null
    handlers.layout_set = (a) => {
      store[a.list as string] = a.value as string
      return null
    }
    const p = parts()
    let restored: boolean | undefined
    const C = defineComponent({
      setup() {
        const l = useTableLayout('roster', p)
        l.restore().then((r) => (restored = r))
        return () => null
      },
    })
    const w = mount(C)
    await flushPromises()
    expect(restored).toBe(true)
    expect(p.pageSize.ref.value).toBe(200)
    // Restoring wrote nothing back.
    expect(calls.filter((c) => c.cmd === 'layout_set')).toHaveLength(0)
    p.columns.ref.value = ['mobile']
    await nextTick()
    // Leaving the screen before the pause is over still saves.
    w.unmount()
    await flushPromises()
    expect(JSON.parse(store.roster)).toEqual({ columns: ['mobile'], pageSize: 200 })
  })
})
