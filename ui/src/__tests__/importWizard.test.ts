import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

// The wizard's progress comes through a Tauri Channel: a stand-in the test can feed.
const channels: Array<{ onmessage: (m: unknown) => void }> = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: invokeMock,
  Channel: class {
    onmessage: (m: unknown) => void = () => {}
    constructor() {
      channels.push(this)
    }
  },
}))

import type { ImportOptions, ImportOutcome, ImportPreview, ImportRow } from '../bindings'
import ImportWizard from '../components/import/ImportWizard.vue'

function row(r: number, outcome: ImportOutcome, name: string, extra: Partial<ImportRow> = {}): ImportRow {
  return {
    sheet: '名单',
    row: r,
    outcome,
    code: null,
    message: outcome === 'new' ? '新委员' : outcome === 'skipped' ? '表头' : '',
    column: null,
    issues: [],
    name,
    member_id: null,
    changes: [],
    values: [name, '男', '教育界'],
    ...extra,
  }
}

/** A preview as core plans it: the name column chosen or not, errors or not. */
function plan(opts: ImportOptions, errors: boolean): ImportPreview {
  const chosen = opts.columns.find((c) => c.index === 0)?.field
  const rows: ImportRow[] = [
    row(1, 'skipped', '', { code: 'header', values: ['委员名称', '性别', '界别'] }),
    row(2, 'new', '张三'),
    row(3, 'new', '李四'),
  ]
  if (errors) {
    rows.push(
      row(4, 'error', '王五', {
        code: 'id_checksum',
        column: 'D',
        message: '身份证号校验位不正确',
        issues: [{ code: 'id_checksum', message: '身份证号校验位不正确，请核对最后一位', column: 'D' }],
      }),
    )
  }
  const count = (o: ImportOutcome) => rows.filter((r) => r.outcome === o).length
  return {
    file: 'x.xlsx',
    term: '第十五届',
    sheets: [
      {
        name: '名单',
        header_row: 1,
        data_rows: rows.length - 1,
        note: chosen ? '' : '未找到“姓名”列：请在列对应中指定哪一列是姓名',
        columns: [
          { index: 0, letter: 'A', header: '委员名称', field: chosen ?? null, source: chosen ? 'chosen' : 'none' },
          { index: 1, letter: 'B', header: '性别', field: 'gender', source: 'auto' },
          { index: 2, letter: 'C', header: '界别', field: 'sector', source: 'auto' },
        ],
      },
    ],
    summary: { new: count('new'), update: 0, unchanged: 0, skipped: count('skipped'), error: count('error') },
    rows,
    unknown: [],
    committed: false,
    run_id: null,
  }
}

function backend(errors: boolean) {
  handlers.roster_columns = () => [
    { column: 'name', label: '姓名', default: true },
    { column: 'gender', label: '性别', default: true },
    { column: 'sector', label: '界别', default: true },
  ]
  handlers.import_load = () => plan({ columns: [], add_unknown: false, default_sector_id: null, skip_sheets: [], fixes: [], skip_rows: [] }, errors)
  handlers.import_preview = (a) => plan(a.options as ImportOptions, errors)
  handlers.import_close = () => null
  handlers.app_info = () => ({ office_name: '', current_term: null, db_path: '', schema_version: 1, member_count: 0, group_count: 0 })
  handlers.terms_list = () => []
  handlers.refs_list = () => []
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

async function openWithFile(): Promise<VueWrapper> {
  const w = mount(ImportWizard, { props: { visible: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
  await settle()
  const input = document.querySelector('[data-testid=import-file]') as HTMLInputElement
  const bytes = new Uint8Array([0x50, 0x4b, 3, 4])
  const file = new File([bytes], '委员 名单.xlsx')
  // jsdom's File has no arrayBuffer(); the webview's has.
  Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.buffer })
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await settle()
  return w
}

function click(testid: string) {
  const el = document.querySelector(`[data-testid=${testid}]`) as HTMLElement | null
  if (!el) throw new Error(`no ${testid}`)
  el.click()
}

function button(testid: string): HTMLButtonElement {
  const el = document.querySelector(`[data-testid=${testid}]`) as HTMLButtonElement | null
  if (!el) throw new Error(`no ${testid}`)
  return el
}

beforeEach(() => {
  resetBackend()
  channels.length = 0
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('ImportWizard', () => {
  it('sends the file once as raw bytes, then re-plans with the column the user chose', async () => {
    backend(false)
    const w = await openWithFile()
    const load = calls.find((c) => c.cmd === 'import_load')
    expect(load).toBeTruthy()
    const [, body, opts] = invokeMock.mock.calls.find((c) => c[0] === 'import_load') as unknown as [string, Uint8Array, { headers: Record<string, string> }]
    expect(body).toBeInstanceOf(Uint8Array)
    expect(Array.from(body)).toEqual([0x50, 0x4b, 3, 4])
    expect(decodeURIComponent(opts.headers['x-file-name'])).toBe('委员 名单.xlsx')

    // ② 核对列: the sheet's note says the name column is missing.
    const dialog = document.querySelector('[data-testid=import-dialog]') as HTMLElement
    expect(dialog.textContent).toContain('表头在第 1 行')
    expect(dialog.textContent).toContain('未找到“姓名”列')
    const selects = w.findAllComponents({ name: 'ElSelect' })
    expect(selects.length).toBe(3)
    selects[0].vm.$emit('update:modelValue', 'name')
    await settle()
    const last = [...calls].reverse().find((c) => c.cmd === 'import_preview')
    expect((last?.args.options as ImportOptions).columns).toEqual([{ sheet: '名单', index: 0, field: 'name' }])
    expect(dialog.textContent).not.toContain('未找到“姓名”列')
    expect(dialog.textContent).toContain('本次选择')

    // Skipping the sheet re-plans too.
    const skip = w.findAllComponents({ name: 'ElCheckbox' })[0]
    skip.vm.$emit('update:modelValue', true)
    await settle()
    const again = [...calls].reverse().find((c) => c.cmd === 'import_preview')
    expect((again?.args.options as ImportOptions).skip_sheets).toEqual(['名单'])
    expect((again?.args.options as ImportOptions).columns).toHaveLength(1)
    w.unmount()
  })

  it('names the values missing from the lists first, with their rows and pages, and adds them all in one click', async () => {
    backend(false)
    const waiting = (r: number, name: string, group: string): ImportRow =>
      row(r, 'error', name, {
        code: 'unknown_group',
        column: 'E',
        message: '',
        issues: [{ code: 'unknown_group', message: `联络组“${group}”不在联络组列表中`, column: 'E' }],
      })
    const missing: ImportPreview = {
      ...plan({ columns: [], add_unknown: false, default_sector_id: null, skip_sheets: [], fixes: [], skip_rows: [] }, false),
      rows: [waiting(2, '张三', '城关联络组'), waiting(3, '李四', '城关联络组'), waiting(4, '王五', '东城联络组')],
      summary: { new: 0, update: 0, unchanged: 0, skipped: 0, error: 3 },
      unknown: [
        { kind: 'group', label: '联络组', value: '城关联络组', rows: 2, place: '“联络组”页' },
        { kind: 'group', label: '联络组', value: '东城联络组', rows: 1, place: '“联络组”页' },
        { kind: 'sector', label: '界别', value: '外星界', rows: 1, place: '“设置 → 界别”' },
      ],
    }
    handlers.import_load = () => missing
    handlers.import_add_unknown = () => plan({ columns: [], add_unknown: false, default_sector_id: null, skip_sheets: [], fixes: [], skip_rows: [] }, false)
    handlers.groups_list = () => []
    const w = await openWithFile()
    click('import-next')
    await settle()
    const prompt = document.querySelector('[data-testid=import-unknown]') as HTMLElement
    // One place, before the rows: every value with its count of rows, and the page of its list.
    const preview = document.querySelector('[data-testid=import-preview]') as HTMLElement
    expect(preview.firstElementChild).toBe(prompt)
    expect(prompt.textContent).toContain('文件中有 3 个值不在列表中')
    expect(prompt.textContent).toContain('3 行因此暂时不能导入')
    const groups = document.querySelector('[data-testid=import-unknown-group]') as HTMLElement
    expect(groups.textContent).toContain('列表在“联络组”页')
    expect(groups.textContent).toContain('城关联络组（2 行）')
    expect(groups.textContent).toContain('东城联络组（1 行）')
    expect(document.querySelector('[data-testid=import-unknown-sector]')?.textContent).toContain('列表在“设置 → 界别”')
    click('import-add-unknown')
    await settle()
    expect(calls.filter((c) => c.cmd === 'import_add_unknown')).toHaveLength(1)
    expect(document.querySelector('[data-testid=import-unknown]')).toBeNull()
    expect(document.querySelector('[data-testid=import-tag-new]')?.textContent).toContain('新增 2')
    expect(document.querySelector('[data-testid=import-tag-error]')?.textContent).toContain('出错 0')
    w.unmount()
  })

  it('shows a file that cannot be read with core’s message', async () => {
    backend(false)
    handlers.import_load = () => {
      throw { code: 'import', message: '无法读取“委员 名单.xlsx”：文件已损坏或不是 Excel 文件', fields: [] }
    }
    const w = await openWithFile()
    expect(document.querySelector('[data-testid=import-load-error]')?.textContent).toContain('文件已损坏或不是 Excel 文件')
    expect(document.querySelector('[data-testid=import-columns]')).toBeNull()
    w.unmount()
  })

  it('filters the preview by outcome and names the column of each error', async () => {
    backend(true)
    const w = await openWithFile()
    click('import-next')
    await settle()
    const rowsText = () => (document.querySelector('[data-testid=import-rows] .el-table__body') as HTMLElement).textContent ?? ''
    expect(document.querySelector('[data-testid=import-tag-new]')?.textContent).toContain('新增 2')
    expect(document.querySelector('[data-testid=import-tag-error]')?.textContent).toContain('出错 1')
    expect(rowsText()).toContain('张三')
    expect(rowsText()).toContain('王五')
    click('import-tag-error')
    await settle()
    expect(rowsText()).toContain('王五')
    expect(rowsText()).toContain('D列：身份证号校验位不正确，请核对最后一位')
    expect(rowsText()).not.toContain('张三')
    // Clicking again shows every row.
    click('import-tag-error')
    await settle()
    expect(rowsText()).toContain('张三')
    click('import-tag-new')
    await settle()
    expect(rowsText()).toContain('李四')
    expect(rowsText()).not.toContain('王五')
    w.unmount()
  })

  it('keeps the preview’s filter over a step back to the columns, and sends the options for the error report', async () => {
    backend(true)
    handlers.import_error_report = () => ({ rows: 1, path: '/tmp/exports/导入错误报告.xlsx' })
    const w = await openWithFile()
    click('import-next')
    await settle()
    click('import-tag-error')
    await settle()
    click('import-prev')
    await settle()
    expect(document.querySelector('[data-testid=import-columns]')).not.toBeNull()
    click('import-next')
    await settle()
    const rowsText = (document.querySelector('[data-testid=import-rows] .el-table__body') as HTMLElement).textContent ?? ''
    expect(rowsText).toContain('王五')
    expect(rowsText).not.toContain('张三')
    click('import-report')
    await settle()
    const report = calls.find((c) => c.cmd === 'import_error_report')
    expect(report?.args.options).toEqual({ columns: [], add_unknown: false, default_sector_id: null, skip_sheets: [], fixes: [], skip_rows: [] })
    expect(report?.args.personal).toBe(false)
    // Ticked, the report carries the whole numbers (the user asked for them).
    ;(document.querySelector('[data-testid=import-report-personal] input') as HTMLInputElement).click()
    await settle()
    click('import-report')
    await settle()
    const again = calls.filter((c) => c.cmd === 'import_error_report')
    expect(again[again.length - 1].args.personal).toBe(true)
    expect(document.querySelector('[data-testid=import-report-path]')?.textContent).toContain('导入错误报告.xlsx')
    w.unmount()
  })

  it('offers only the valid rows while there are errors, and all rows once there are none', async () => {
    backend(true)
    let w = await openWithFile()
    click('import-next')
    await settle()
    click('import-next')
    await settle()
    expect(button('import-commit-valid').disabled).toBe(false)
    expect(button('import-commit-valid').textContent).toContain('导入无误的 2 行')
    expect(button('import-commit-all').disabled).toBe(true)
    expect(document.querySelector('[data-testid=import-commit]')).toBeNull()
    expect(document.querySelector('[data-testid=import-commit-step]')?.textContent).toContain('不会只写一半')
    w.unmount()
    document.body.innerHTML = ''

    resetBackend()
    backend(false)
    let resolveCommit: (p: ImportPreview) => void = () => {}
    handlers.import_commit = () => new Promise<ImportPreview>((r) => (resolveCommit = r))
    w = await openWithFile()
    click('import-next')
    await settle()
    click('import-next')
    await settle()
    expect(document.querySelector('[data-testid=import-commit-valid]')).toBeNull()
    expect(button('import-commit').disabled).toBe(false)
    expect(button('import-commit').textContent).toContain('导入 2 行')
    click('import-commit')
    await settle()
    const commit = calls.find((c) => c.cmd === 'import_commit')
    expect(commit?.args.allOrNothing).toBe(true)
    expect(commit?.args.onProgress).toBe(channels[0])
    // Progress from the channel drives the bar.
    channels[0].onmessage({ stage: '写入', done: 1, total: 2 })
    await settle()
    expect(document.querySelector('[data-testid=import-progress]')?.textContent).toContain('正在写入')
    expect(document.querySelector('[data-testid=import-progress]')?.textContent).toContain('50%')
    resolveCommit({ ...plan({ columns: [], add_unknown: false, default_sector_id: null, skip_sheets: [], fixes: [], skip_rows: [] }, false), committed: true })
    await settle()
    expect(document.querySelector('[data-testid=import-result]')?.textContent).toContain('新增 2 人')
    w.unmount()
  })

  it('disables importing when nothing would change', async () => {
    backend(false)
    handlers.import_load = () => {
      const p = plan({ columns: [], add_unknown: false, default_sector_id: null, skip_sheets: [], fixes: [], skip_rows: [] }, false)
      p.rows = p.rows.map((r) => (r.outcome === 'new' ? { ...r, outcome: 'unchanged' as const, message: '无变化' } : r))
      p.summary = { new: 0, update: 0, unchanged: 2, skipped: 1, error: 0 }
      return p
    }
    const w = await openWithFile()
    click('import-next')
    await settle()
    click('import-next')
    await settle()
    expect(button('import-commit').disabled).toBe(true)
    expect(document.querySelector('[data-testid=import-nothing]')?.textContent).toContain('没有需要导入的行')
    w.unmount()
  })

  it('fixes a flagged row in place: the typed value goes to core as a fix, 不导入此行 as a row left out', async () => {
    backend(false)
    // Core's answer: row 4's 界别 (C) is unknown until a fix gives another; row 5 repeats row 2.
    handlers.import_preview = (a) => {
      const o = (a.options ?? { columns: [], add_unknown: false, default_sector_id: null, skip_sheets: [], fixes: [], skip_rows: [] }) as ImportOptions
      const p = plan(o, false)
      const fixed = o.fixes.find((f) => f.row === 4 && f.column === 2)
      p.rows.push(
        fixed
          ? row(4, 'new', '王五', { values: [] })
          : row(4, 'error', '王五', {
              code: 'unknown_sector',
              column: 'C',
              message: '界别“外星界”不在列表中',
              issues: [{ code: 'unknown_sector', message: '界别“外星界”不在列表中', column: 'C' }],
              values: ['王五', '男', '外星界'],
            }),
      )
      const out = o.skip_rows.some((r) => r.row === 5)
      p.rows.push(
        out
          ? row(5, 'skipped', '张三', { code: 'by_user', message: '已选择不导入此行' })
          : row(5, 'error', '张三', {
              code: 'duplicate_in_file',
              column: null,
              message: '与第 2 行重复（身份证号相同），本行不再导入',
              issues: [{ code: 'duplicate_in_file', message: '与第 2 行重复（身份证号相同），本行不再导入', column: null }],
              values: ['张三', '男', '教育界'],
            }),
      )
      p.summary.error = p.rows.filter((r) => r.outcome === 'error').length
      return p
    }
    handlers.import_load = handlers.import_preview
    const w = await openWithFile()
    click('import-next')
    await settle()
    click('import-tag-error')
    await settle()
    const fixButtons = () => Array.from(document.querySelectorAll('[data-testid=import-fix]')) as HTMLElement[]
    expect(fixButtons()).toHaveLength(2)
    // 逐行改正: the first row with an error opens; a fix opens the next one by itself.
    click('import-fix-next')
    await settle()
    const dialog = () => document.querySelector('[data-testid=import-fix-dialog]') as HTMLElement
    expect(dialog().textContent).toContain('改正“名单”表第 4 行（王五）')
    expect(dialog().textContent).toContain('C列 · 界别')
    expect(dialog().textContent).toContain('界别“外星界”不在列表中')
    expect(dialog().textContent).toContain('还有 1 行')
    const input = document.querySelector('input[data-testid=import-fix-input-C], [data-testid=import-fix-input-C] input') as HTMLInputElement
    expect(input.value).toBe('外星界')
    expect(button('import-fix-save').disabled).toBe(true)
    input.value = '教育界'
    input.dispatchEvent(new Event('input'))
    await settle()
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await settle()
    const last = calls.filter((c) => c.cmd === 'import_preview').at(-1)
    expect((last?.args.options as ImportOptions).fixes).toEqual([{ sheet: '名单', row: 4, column: 2, value: '教育界' }])
    expect(document.querySelector('[data-testid=import-tag-error]')?.textContent).toContain('出错 1')
    // The person listed twice is next: 不导入此行, and nothing is left to open.
    expect(dialog().textContent).toContain('改正“名单”表第 5 行（张三）')
    expect(dialog().textContent).toContain('与第 2 行重复')
    click('import-fix-skip')
    await settle()
    const skipped = calls.filter((c) => c.cmd === 'import_preview').at(-1)
    expect((skipped?.args.options as ImportOptions).skip_rows).toEqual([{ sheet: '名单', row: 5 }])
    expect(document.querySelector('[data-testid=import-tag-error]')?.textContent).toContain('出错 0')
    expect(dialog().textContent).not.toContain('改正“名单”表')
    // 仍要导入 takes it back.
    click('import-tag-skipped')
    await settle()
    click('import-unskip')
    await settle()
    expect((calls.filter((c) => c.cmd === 'import_preview').at(-1)?.args.options as ImportOptions).skip_rows).toEqual([])
    w.unmount()
  })
})
