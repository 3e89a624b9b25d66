// Encryption at rest in the window: the unlock screen (a wrong passphrase said at the field, the right
// one unlocks), 设置 → 数据安全 (set a passphrase twice with its strength and the warning; the choice for
// the old backups goes along), the idle lock's rule, and the strength hint.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import type { SecurityStatus } from '../bindings'
import UnlockScreen from '../components/security/UnlockScreen.vue'
import SecurityPanel from '../components/settings/SecurityPanel.vue'
import { idleExpired } from '../composables/useIdleLock'
import { loadAll, store } from '../store'
import { passphraseStrength } from '../utils'

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}
const lastCall = (cmd: string) => [...calls].reverse().find((c) => c.cmd === cmd)
const status = (s: Partial<SecurityStatus>): SecurityStatus => ({
  encrypted: false,
  locked: false,
  idle_lock_minutes: 0,
  plain_backups: 0,
  db_path: '/data/liaison.db',
  ...s,
})

beforeEach(() => {
  resetBackend()
  store.locked = false
  store.security = null
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('解锁', () => {
  it('starts locked when the shell says so, and loads nothing else', async () => {
    handlers.security_status = () => status({ encrypted: true, locked: true })
    await loadAll()
    expect(store.locked).toBe(true)
    expect(calls.map((c) => c.cmd)).toEqual(['security_status'])
  })

  it('says a wrong passphrase at the field, and unlocks with the right one', async () => {
    store.locked = true
    store.security = status({ encrypted: true, locked: true })
    handlers.security_unlock = (a) => {
      if (a.passphrase !== '春风又绿江南岸') throw { code: 'wrong_passphrase', message: '口令不正确', fields: [] }
      return status({ encrypted: true, idle_lock_minutes: 10 })
    }
    const w = mount(UnlockScreen, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.find('input[data-testid="unlock-passphrase"]').setValue('错的')
    await w.find('form').trigger('submit')
    await settle()
    expect(w.find('[data-testid="unlock-error"]').text()).toContain('口令不正确')
    expect(store.locked).toBe(true)
    // The field is emptied for the next try.
    expect((w.find('input[data-testid="unlock-passphrase"]').element as HTMLInputElement).value).toBe('')

    await w.find('input[data-testid="unlock-passphrase"]').setValue('春风又绿江南岸')
    await w.find('form').trigger('submit')
    await settle()
    expect(store.locked).toBe(false)
    expect(store.security?.idle_lock_minutes).toBe(10)
    expect(w.emitted('unlocked')).toHaveLength(1)
  })

  it('tells what to do when the passphrase is forgotten', async () => {
    store.security = status({ encrypted: true, locked: true })
    const w = mount(UnlockScreen, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(w.find('[data-testid="unlock-forgot-text"]').exists()).toBe(false)
    await w.find('[data-testid="unlock-forgot"]').trigger('click')
    const text = w.find('[data-testid="unlock-forgot-text"]').text()
    expect(text).toContain('口令无法找回')
    expect(text).toContain('/data/liaison.db')
  })
})

describe('数据安全', () => {
  it('sets a passphrase typed twice, with the warning and the choice for old backups', async () => {
    store.security = status({})
    handlers.security_status = () => store.security
    handlers.security_set_passphrase = () => ({
      encrypted: true,
      backup: { path: '/b', file_name: 'b', reason: 'pre_encryption', made_at: '', bytes: 1, encrypted: true },
      converted: 3,
      deleted: 0,
      left: [],
    })
    const w = mount(SecurityPanel, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(w.find('[data-testid="security-state"]').text()).toBe('未加密')
    await w.find('[data-testid="security-set"]').trigger('click')
    await settle()
    expect(document.body.textContent).toContain('口令忘记后无法找回')
    const submit = () => document.querySelector('[data-testid="security-submit"]') as HTMLButtonElement
    const input = (id: string) => document.querySelector(`input[data-testid="${id}"]`) as HTMLInputElement
    const type = async (id: string, v: string) => {
      input(id).value = v
      input(id).dispatchEvent(new Event('input'))
      await settle()
    }
    await type('security-new', 'abc')
    expect(document.querySelector('[data-testid="security-strength"]')?.textContent).toContain('太短')
    await type('security-new', 'Liaison-2026-desk')
    await type('security-again', 'Liaison-2026-desk!')
    expect(submit().disabled).toBe(true) // not yet ticked: 我已记下口令
    ;(document.querySelector('[data-testid="security-understood"] input') as HTMLInputElement).click()
    await settle()
    // The second entry differs: said at once under it, and 加密 stays off.
    expect(document.querySelector('[data-testid="security-mismatch"]')?.textContent).toBe('两次输入的口令不一致')
    expect(submit().disabled).toBe(true)
    expect(lastCall('security_set_passphrase')).toBeUndefined()

    await type('security-again', 'Liaison-2026-desk')
    expect(document.querySelector('[data-testid="security-mismatch"]')).toBeNull()
    expect(submit().disabled).toBe(false)
    store.security = status({ encrypted: true })
    submit().click()
    await settle()
    expect(lastCall('security_set_passphrase')?.args).toEqual({ current: null, newPassphrase: 'Liaison-2026-desk', oldBackups: 'convert' })
    expect(document.body.textContent).toContain('数据库已加密；转换备份 3 份')
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('offers change, remove and lock when encrypted, and warns of plain backups', async () => {
    store.security = status({ encrypted: true, plain_backups: 2 })
    const w = mount(SecurityPanel, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(w.find('[data-testid="security-state"]').text()).toBe('已加密')
    expect(w.find('[data-testid="security-set"]').exists()).toBe(false)
    for (const id of ['security-change', 'security-remove', 'security-lock']) expect(w.find(`[data-testid="${id}"]`).exists()).toBe(true)
    expect(w.find('[data-testid="security-plain-backups"]').text()).toContain('2 份未加密的备份')
  })
})

describe('自动锁定', () => {
  it('locks after the idle minutes, only when encrypted and set', () => {
    const min = 60_000
    expect(idleExpired(0, 5 * min, 5, true, false)).toBe(true)
    expect(idleExpired(0, 5 * min - 1, 5, true, false)).toBe(false)
    expect(idleExpired(0, 99 * min, 0, true, false)).toBe(false) // 0: never
    expect(idleExpired(0, 99 * min, 5, false, false)).toBe(false) // not encrypted
    expect(idleExpired(0, 99 * min, 5, true, true)).toBe(false) // already locked
  })
})

describe('口令强度', () => {
  it('grades by length and kinds of characters', () => {
    expect(passphraseStrength('1234567').level).toBe(0)
    expect(passphraseStrength('12345678').level).toBe(1)
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaa').level).toBeLessThan(2)
    expect(passphraseStrength('Liaison2026').level).toBe(2)
    expect(passphraseStrength('Liaison-2026-desk').level).toBe(3)
    expect(passphraseStrength('春风又绿江南岸二〇二六').level).toBe(3)
  })
})
