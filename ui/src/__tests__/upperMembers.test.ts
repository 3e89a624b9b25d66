// 驻地上级政协委员: the list by level, a new one through the form (core's field messages at the fields),
// an edit loads the number in full, a deletion asks first.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { UpperMember } from '../bindings'
import UpperMembersPanel from '../components/activities/UpperMembersPanel.vue'

function upper(id: string, name: string, over: Partial<UpperMember> = {}): UpperMember {
  return {
    id,
    name,
    level: 'city',
    term: '第十三届',
    sector: '教育界',
    unit: '市第一中学校长',
    mobile: '138****5678',
    group_id: null,
    group: '',
    member_id: null,
    member: '',
    notes: '',
    activities: 0,
    updated_at: 't1',
    deleted: false,
    ...over,
  }
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

describe('UpperMembersPanel', () => {
  beforeEach(() => {
    resetBackend()
    handlers.groups_list = () => []
  })

  it('lists them, saves a new one and shows core’s message at its field', async () => {
    let live = [upper('u1', '高振东', { level: 'national', activities: 2 })]
    handlers.upper_members_list = (a) => (a.deleted ? [] : a.reveal ? live.map((u) => ({ ...u, mobile: '13812345678' })) : live)
    handlers.upper_member_save = (a) => {
      const input = a.input as { name: string }
      if (input.name === '高振东') throw { code: 'invalid', message: '全国政协中已有高振东，请勿重复登记', fields: [{ field: 'name', message: '全国政协中已有高振东，请勿重复登记' }] }
      live = [...live, upper('u2', input.name)]
      return live[1]
    }
    const w = mount(UpperMembersPanel, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(w.find('[data-testid=upper-table]').text()).toContain('高振东')
    expect(w.find('[data-testid=upper-table]').text()).toContain('全国政协')
    await w.find('[data-testid=upper-add]').trigger('click')
    await settle()
    const name = document.querySelector('[data-testid=upper-form] input') as HTMLInputElement
    name.value = '高振东'
    name.dispatchEvent(new Event('input'))
    await settle()
    ;(document.querySelector('[data-testid=upper-save]') as HTMLElement).click()
    await settle()
    // Element Plus shows a form item's message after its transition.
    await new Promise((r) => setTimeout(r, 200))
    await settle()
    const shown = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
    expect(shown).toContain('全国政协中已有高振东，请勿重复登记')
    name.value = '郑卫国'
    name.dispatchEvent(new Event('input'))
    await settle()
    ;(document.querySelector('[data-testid=upper-save]') as HTMLElement).click()
    await settle()
    const saved = calls.filter((c) => c.cmd === 'upper_member_save').pop()?.args.input as { name: string; level: string; id: string | null }
    expect([saved.name, saved.level, saved.id]).toEqual(['郑卫国', 'city', null])
    expect(w.find('[data-testid=upper-table]').text()).toContain('郑卫国')
    // 编辑 loads the full number into the form.
    await w.find('[data-testid=upper-edit]').trigger('click')
    await settle()
    const inputs = [...document.querySelectorAll('[data-testid=upper-form] input')] as HTMLInputElement[]
    expect(inputs.map((i) => i.value)).toContain('13812345678')
    w.unmount()
    document.body.innerHTML = ''
  })
})
