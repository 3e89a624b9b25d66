// 全体委员履职档案: the batch dialog shows the progress core sends, the result's path, and 取消 (core
// refuses the batch, nothing written) as 已取消 rather than an error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

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

import DossierBatchDialog from '../components/members/DossierBatchDialog.vue'

function mountDialog() {
  return mount(DossierBatchDialog, { props: { visible: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
}

describe('DossierBatchDialog', () => {
  beforeEach(() => {
    resetBackend()
    channels.length = 0
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the progress, then the zip written', async () => {
    let finish: (v: unknown) => void = () => {}
    handlers.dossiers_export = () => new Promise((r) => (finish = r))
    const w = mountDialog()
    await flushPromises()
    ;(document.querySelector('[data-testid=dossier-start]') as HTMLElement).click()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('dossiers_export')
    channels[0].onmessage({ done: 3, total: 12 })
    await flushPromises()
    expect(document.body.textContent).toContain('已生成 3 / 12 份')
    expect(document.querySelector('[data-testid=dossier-cancel]')).not.toBeNull()
    finish({ rows: 12, path: '/导出/第十五届全体委员履职档案.zip' })
    await flushPromises()
    expect(document.querySelector('[data-testid=dossier-path]')?.textContent).toContain('全体委员履职档案.zip')
    expect(document.body.textContent).toContain('已导出 12 份履职档案')
    w.unmount()
  })

  it('a cancel asks core to stop and says nothing was written', async () => {
    let fail: (e: unknown) => void = () => {}
    handlers.dossiers_export = () => new Promise((_, reject) => (fail = reject))
    handlers.dossiers_cancel = () => {
      fail({ code: 'conflict', message: '已取消导出，未写入文件', fields: [] })
      return null
    }
    const w = mountDialog()
    await flushPromises()
    ;(document.querySelector('[data-testid=dossier-start]') as HTMLElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid=dossier-cancel]') as HTMLElement).click()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('dossiers_cancel')
    expect(document.querySelector('[data-testid=dossier-cancelled]')?.textContent).toContain('已取消，未写入文件')
    expect(document.querySelector('[data-testid=dossier-path]')).toBeNull()
    w.unmount()
  })
})
