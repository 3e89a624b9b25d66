// 设置 → 数据备份: the backups of the folder listed, a backup now, the folder changed (a refusal shown at
// the field), and a restore that asks first, names the backup by its file name and reloads the window.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { BackupFile, BackupOverview } from '../bindings'
import BackupPanel from '../components/settings/BackupPanel.vue'

const file = (made_at: string, reason: BackupFile['reason']): BackupFile => ({
  path: `/data/backups/liaison-backup-${made_at.replace(/[ :]/g, '-')}-${reason}.db`,
  file_name: `liaison-backup-${made_at.replace(/[ :]/g, '-')}-${reason}.db`,
  reason,
  made_at,
  bytes: 3 * 1024 * 1024,
  encrypted: false,
})

let overview: BackupOverview

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

const mountIt = () => mount(BackupPanel, { global: { plugins: [ElementPlus] }, attachTo: document.body })
const lastCall = (cmd: string) => [...calls].reverse().find((c) => c.cmd === cmd)

beforeEach(() => {
  resetBackend()
  overview = {
    dir: '/data/backups',
    default_dir: '/data/backups',
    rotation: '自动备份保留最近 3 份',
    files: [file('2026-11-30 20:35:12', 'pre_import'), file('2026-11-29 09:00:00', 'start')],
  }
  handlers.backup_overview = () => overview
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('数据备份', () => {
  it('lists the backups of the folder with their kind and size', async () => {
    const w = mountIt()
    await settle()
    const rows = w.findAll('[data-testid="backup-table"] .el-table__body tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('2026-11-30 20:35:12')
    expect(rows[0].text()).toContain('导入前')
    expect(rows[0].text()).toContain('3.0 MB')
    expect(rows[1].text()).toContain('启动时')
    expect(w.text()).toContain('自动备份保留最近 3 份')
  })

  it('backs up now and shows the new backup', async () => {
    const made = file('2026-11-30 21:00:00', 'manual')
    handlers.backup_now = () => {
      overview = { ...overview, files: [made, ...overview.files] }
      return made
    }
    const w = mountIt()
    await settle()
    await w.find('[data-testid="backup-now"]').trigger('click')
    await settle()
    expect(lastCall('backup_now')).toBeTruthy()
    expect(w.findAll('[data-testid="backup-table"] .el-table__body tr')).toHaveLength(3)
    expect(document.body.textContent).toContain('已备份')
  })

  it('changes the folder, and shows a refusal at the field', async () => {
    handlers.backup_set_dir = (a) => {
      if (a.dir === 'usb') throw { code: 'validation', message: '请选择一个完整的文件夹路径', fields: [{ field: 'dir', message: '请选择一个完整的文件夹路径' }] }
      return { ...overview, dir: a.dir as string, files: [] }
    }
    const w = mountIt()
    await settle()
    const input = w.find('[data-testid="backup-dir"] input')
    await input.setValue('usb')
    await w.find('[data-testid="backup-dir-apply"]').trigger('click')
    await settle()
    expect(w.text()).toContain('请选择一个完整的文件夹路径')
    await input.setValue('/media/usb/备份')
    await w.find('[data-testid="backup-dir-apply"]').trigger('click')
    await settle()
    expect(lastCall('backup_set_dir')?.args).toEqual({ dir: '/media/usb/备份' })
    expect(w.findAll('[data-testid="backup-table"] .el-table__body tr')).toHaveLength(0)
    expect(w.text()).toContain('这个文件夹里还没有备份')
  })

  it('restores after asking, by the file name, then reloads the window', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const reload = vi.fn()
    vi.stubGlobal('location', { ...window.location, reload })
    handlers.backup_restore = (a) => ({
      restored: { path: `/data/backups/${a.fileName}`, schema_version: 3, office_name: '某县', members: 141, activities: 12 },
      previous: file('2026-11-30 21:05:00', 'pre_restore'),
    })
    const w = mountIt()
    await settle()
    const name = overview.files[1].file_name
    await w.find(`[data-testid="backup-restore-${name}"]`).trigger('click')
    await settle()
    expect(document.body.textContent).toContain('当前数据会先另存为一份“恢复前”备份')
    const confirm = [...document.querySelectorAll('.el-message-box button')].find((b) => b.textContent?.includes('恢复')) as HTMLElement
    confirm.click()
    await settle()
    expect(lastCall('backup_restore')?.args).toEqual({ fileName: name, passphrase: null })
    expect(document.body.textContent).toContain('委员 141 名')
    vi.advanceTimersByTime(1000)
    expect(reload).toHaveBeenCalled()
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })
})
