import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import YearSelect from '../components/common/YearSelect.vue'

describe('YearSelect', () => {
  it('offers next year first and seven years back, and gives null when cleared', async () => {
    const next = new Date().getFullYear() + 1
    const w = mount(YearSelect, {
      props: { modelValue: next - 1, testid: 'y', clearable: true, 'onUpdate:modelValue': (v: number | null) => w.setProps({ modelValue: v }) },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    ;(document.querySelector('[data-testid=y] .el-select__wrapper') as HTMLElement).click()
    await flushPromises()
    const options = Array.from(document.querySelectorAll('[data-testid^=y-]')).map((e) => e.textContent?.trim())
    expect(options).toEqual(Array.from({ length: 7 }, (_, i) => `${next - i}年`))
    ;(document.querySelector(`[data-testid=y-${next}]`) as HTMLElement).click()
    await flushPromises()
    expect(w.props('modelValue')).toBe(next)
    w.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', undefined)
    await flushPromises()
    expect(w.props('modelValue')).toBeNull()
    w.unmount()
  })
})
