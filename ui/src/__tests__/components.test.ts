import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { AppInfo, MemberInput, RosterPage, Term } from '../bindings'
import RosterView from '../views/RosterView.vue'
import MemberForm from '../components/members/MemberForm.vue'
import { store, loadAll } from '../store'

const term: Term = { id: 't15', name: '第十五届', start_year: 2022, end_year: 2027, is_current: true, member_count: 0 }
let info: AppInfo

function backend() {
  info = { office_name: '某县政协联络办公室', current_term: term, db_path: '/tmp/x.db', schema_version: 1, member_count: 0, group_count: 0 }
  handlers.app_info = () => info
  handlers.terms_list = () => [term]
  handlers.refs_list = (a) => (a.kind === 'sector' ? [{ id: 's1', kind: 'sector', name: '教育界', sort: 1, used_by: 0 }] : [])
  handlers.groups_list = () => []
  handlers.roster_query = (): RosterPage => ({ total: 0, rows: [] })
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

beforeEach(async () => {
  resetBackend()
  backend()
  localStorage.clear()
  store.rosterSearch = ''
  await loadAll()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('RosterView', () => {
  it('shows the empty state and loads demo data', async () => {
    handlers.demo_load = (a) => {
      info = { ...info, member_count: a.members as number, group_count: 12 }
      return { members: a.members, groups: 12 }
    }
    const w = mount(RosterView, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(w.text()).toContain('还没有委员')
    await w.get('[data-testid=demo-load]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'demo_load')?.args).toEqual({ members: 300 })
    expect(store.info?.member_count).toBe(300)
    expect(w.find('[data-testid=roster-table]').exists()).toBe(true)
    w.unmount()
  })

  it('queries the backend with the search text, debounced', async () => {
    info.member_count = 2
    await loadAll()
    handlers.roster_query = (a) => {
      const q = a.query as { search: string }
      const rows = [
        { id: 'm1', name: '张三', gender: '男', birth_date: '1970-01-02', ethnicity: '汉族', party: '群众', sector: '教育界', committee: '', roles: '委员', group: '城关组', work_unit: '一中', job_title: '校长', mobile: '138****0000', id_number: '110***********123X', status: 'active', deleted: false },
        { id: 'm2', name: '李四', gender: '女', birth_date: '1980-03-04', ethnicity: '汉族', party: '', sector: '教育界', committee: '', roles: '', group: '', work_unit: '', job_title: '', mobile: '', id_number: '', status: 'active', deleted: false },
      ].filter((r) => !q.search || r.name.includes(q.search))
      return { total: rows.length, rows }
    }
    const w = mount(RosterView, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(w.get('[data-testid=roster-total]').text()).toBe('共 2 人')
    const input = w.get('[data-testid=roster-search] input')
    expect(input.attributes('placeholder')).toBe('姓名 / 拼音首字母 / 手机号 / 身份证尾号')
    await input.setValue('张')
    await new Promise((r) => setTimeout(r, 260))
    await settle()
    const last = [...calls].reverse().find((c) => c.cmd === 'roster_query')
    expect((last?.args.query as { search: string }).search).toBe('张')
    expect(w.get('[data-testid=roster-total]').text()).toBe('共 1 人')
    w.unmount()
  })
})

describe('RosterView filters', () => {
  it('shows every filter as a tag, the top-bar term included, and clears them together', async () => {
    info.member_count = 2
    await loadAll()
    handlers.roster_query = (a) => {
      const q = a.query as { search: string; sector_id: string | null }
      return { total: q.search || q.sector_id ? 1 : 2, rows: [] }
    }
    const w = mount(RosterView, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(w.find('[data-testid=roster-filters]').exists()).toBe(false)
    // The top bar hands its term over (App.vue's globalSearch).
    store.rosterSearch = '张'
    store.rosterSearchSeq++
    await settle()
    expect(w.get('[data-testid=roster-filter-search]').text()).toBe('搜索：张')
    expect((w.get('[data-testid=roster-search] input').element as HTMLInputElement).value).toBe('张')
    // A sector chosen in the filter bar.
    w.findAllComponents({ name: 'ElSelect' })[1].vm.$emit('update:modelValue', 's1')
    await settle()
    expect(w.get('[data-testid=roster-filter-sector_id]').text()).toBe('界别：教育界')
    expect(w.get('[data-testid=roster-total]').text()).toBe('共 1 人')
    // 清除筛选: every filter and the term, in the roster and at its source.
    await w.get('[data-testid=roster-filters-clear]').trigger('click')
    await new Promise((r) => setTimeout(r, 260))
    await settle()
    expect(w.find('[data-testid=roster-filters]').exists()).toBe(false)
    expect(store.rosterSearch).toBe('')
    expect((w.get('[data-testid=roster-search] input').element as HTMLInputElement).value).toBe('')
    const last = [...calls].reverse().find((c) => c.cmd === 'roster_query')?.args.query as { search: string; sector_id: string | null }
    expect([last.search, last.sector_id]).toEqual(['', null])
    expect(w.get('[data-testid=roster-total]').text()).toBe('共 2 人')
    w.unmount()
    // Opened again, the roster has no term left to bring back.
    const again = mount(RosterView, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(again.find('[data-testid=roster-filters]').exists()).toBe(false)
    again.unmount()
  })

  it('clears the search term alone from its tag, and the roster box clears it at its source', async () => {
    info.member_count = 2
    await loadAll()
    handlers.roster_query = () => ({ total: 2, rows: [] })
    const w = mount(RosterView, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    await w.get('[data-testid=roster-search] input').setValue('li')
    await new Promise((r) => setTimeout(r, 260))
    await settle()
    expect(store.rosterSearch).toBe('li')
    expect(w.get('[data-testid=roster-filter-search]').text()).toBe('搜索：li')
    await w.get('[data-testid=roster-search] input').setValue('')
    await new Promise((r) => setTimeout(r, 260))
    await settle()
    expect(store.rosterSearch).toBe('')
    expect(w.find('[data-testid=roster-filters]').exists()).toBe(false)
    w.unmount()
  })
})

describe('MemberForm', () => {
  it('refuses a file that is not a picture, or too large, with a Chinese message, and opens no crop', async () => {
    handlers.member_validate = (a) => ({ input: a.input, errors: [] })
    const w = mount(MemberForm, { props: { visible: true, memberId: null }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    const input = document.querySelector('[data-testid=f-photo]') as HTMLInputElement
    expect(input.accept).toBe('image/*')
    const choose = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true })
      input.dispatchEvent(new Event('change'))
      await settle()
    }
    await choose(new File(['not a picture'], '委员简历.docx', { type: 'application/msword' }))
    expect(document.body.textContent).toContain('“委员简历.docx”不是图片，请选择 JPG 或 PNG 格式的照片')
    const big = new File(['x'], '大照片.jpg', { type: 'image/jpeg' })
    Object.defineProperty(big, 'size', { value: 16 * 1024 * 1024 })
    await choose(big)
    expect(document.body.textContent).toContain('“大照片.jpg”太大（16.0 MB），照片请小于 15 MB')
    expect(document.querySelector('[data-testid=photo-crop-frame]')).toBeNull()
    w.unmount()
  })

  it('validates as the user types, fills gender and birth date, and shows save errors at the fields', async () => {
    handlers.member_validate = (a) => {
      const input = a.input as MemberInput
      const errors = []
      if (!input.name) errors.push({ field: 'name', message: '请填写姓名' })
      if (input.id_number && input.id_number.length !== 18) errors.push({ field: 'id_number', message: '身份证号应为 18 位' })
      const filled = input.id_number.length === 18 ? { ...input, gender: '男', birth_date: '1970-01-02' } : input
      return { input: filled, errors }
    }
    handlers.member_save = () => {
      throw { code: 'validation', message: '请选择界别', fields: [{ field: 'sector_id', message: '请选择界别' }] }
    }
    const w = mount(MemberForm, {
      props: { visible: true, memberId: null },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await settle()
    const dialog = document.querySelector('[data-testid=member-form]')
    expect(dialog).not.toBeNull()
    for (const id of ['f-name', 'f-id_number', 'f-mobile', 'f-birth_date', 'f-work_unit']) {
      expect(document.querySelector(`[data-testid=${id}] input`), id).not.toBeNull()
    }
    for (const id of ['f-sector_id', 'f-group_id', 'f-gender', 'member-save', 'member-cancel']) {
      expect(document.querySelector(`[data-testid=${id}]`), id).not.toBeNull()
    }
    // The current term is the default for a new member.
    const idInput = document.querySelector('[data-testid=f-id_number] input') as HTMLInputElement
    idInput.value = '11010519700102001X'
    idInput.dispatchEvent(new Event('input'))
    await new Promise((r) => setTimeout(r, 350))
    await settle()
    const v = calls.filter((c) => c.cmd === 'member_validate').pop()
    expect((v?.args.input as MemberInput).term_ids).toEqual(['t15'])
    const birth = document.querySelector('[data-testid=f-birth_date] input') as HTMLInputElement
    expect(birth.value).toBe('1970-01-02')
    const male = document.querySelector('[data-testid=f-gender] input[value="男"]') as HTMLInputElement
    expect(male.checked).toBe(true)
    // The untouched name field shows no error yet.
    expect(document.body.textContent).not.toContain('请填写姓名')

    ;(document.querySelector('[data-testid=member-save]') as HTMLElement).click()
    await settle()
    expect(document.body.textContent).toContain('请选择界别')
    expect(w.emitted('update:visible')).toBeUndefined()
    w.unmount()
  })
})
