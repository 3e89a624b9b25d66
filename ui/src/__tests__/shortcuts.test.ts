import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { detectPlatform, helpOpen, installShortcuts, isTextField, shortcutFor, shortcutList, useShortcuts } from '../composables/useShortcuts'

function key(k: string, o: Partial<KeyboardEventInit> & { target?: EventTarget | null; keyCode?: number } = {}) {
  return {
    key: k,
    ctrlKey: !!o.ctrlKey,
    metaKey: !!o.metaKey,
    altKey: !!o.altKey,
    shiftKey: !!o.shiftKey,
    isComposing: !!o.isComposing,
    keyCode: o.keyCode,
    target: o.target ?? document.body,
  }
}

describe('shortcutFor', () => {
  it('uses Ctrl on Linux and Windows, ⌘ on macOS', () => {
    expect(shortcutFor(key('n', { ctrlKey: true }), 'other')).toBe('new')
    expect(shortcutFor(key('f', { ctrlKey: true }), 'other')).toBe('find')
    expect(shortcutFor(key('s', { ctrlKey: true }), 'other')).toBe('save')
    expect(shortcutFor(key('e', { ctrlKey: true }), 'other')).toBe('export')
    expect(shortcutFor(key('N', { ctrlKey: true }), 'other')).toBe('new') // Caps Lock on
    expect(shortcutFor(key('n', { metaKey: true }), 'other')).toBeNull()
    expect(shortcutFor(key('n', { metaKey: true }), 'mac')).toBe('new')
    expect(shortcutFor(key('s', { ctrlKey: true }), 'mac')).toBeNull()
    expect(shortcutFor(key('x', { ctrlKey: true }), 'other')).toBeNull()
    // Other combinations are left alone (Ctrl+Shift+N, Ctrl+Alt+S).
    expect(shortcutFor(key('n', { ctrlKey: true, shiftKey: true }), 'other')).toBeNull()
    expect(shortcutFor(key('s', { ctrlKey: true, altKey: true }), 'other')).toBeNull()
    expect(shortcutFor(key('n'), 'other')).toBeNull()
  })

  it('does nothing while an input method composes (Chinese input)', () => {
    expect(shortcutFor(key('s', { ctrlKey: true, isComposing: true }), 'other')).toBeNull()
    expect(shortcutFor(key('Process', { keyCode: 229 }), 'other')).toBeNull()
    expect(shortcutFor(key('?', { keyCode: 229 }), 'other')).toBeNull()
    expect(shortcutFor(key('F1', { isComposing: true }), 'other')).toBeNull()
  })

  it('lets ? type in a text field, and opens help outside one; F1 and Ctrl+S work in fields too', () => {
    const input = document.createElement('input')
    const area = document.createElement('textarea')
    const box = document.createElement('input')
    box.type = 'checkbox'
    const editable = document.createElement('div')
    editable.contentEditable = 'true'
    Object.defineProperty(editable, 'isContentEditable', { value: true })
    expect(shortcutFor(key('?', { shiftKey: true, target: input }), 'other')).toBeNull()
    expect(shortcutFor(key('?', { shiftKey: true, target: area }), 'other')).toBeNull()
    expect(shortcutFor(key('?', { shiftKey: true, target: editable }), 'other')).toBeNull()
    expect(shortcutFor(key('?', { shiftKey: true, target: box }), 'other')).toBe('help')
    expect(shortcutFor(key('?', { shiftKey: true }), 'other')).toBe('help')
    expect(shortcutFor(key('F1', { target: input }), 'other')).toBe('help')
    expect(shortcutFor(key('s', { ctrlKey: true, target: input }), 'other')).toBe('save')
    expect(isTextField(input)).toBe(true)
    expect(isTextField(box)).toBe(false)
    expect(isTextField(null)).toBe(false)
  })

  it('knows macOS from the navigator and lists ⌘ there', () => {
    expect(detectPlatform({ platform: 'MacIntel', userAgent: '' })).toBe('mac')
    expect(detectPlatform({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('other')
    expect(detectPlatform({ platform: 'Win32', userAgent: '' })).toBe('other')
    expect(shortcutList('mac').find((s) => s.action === 'save')!.keys).toEqual(['⌘ + S'])
    expect(shortcutList('other').find((s) => s.action === 'save')!.keys).toEqual(['Ctrl + S'])
    expect(shortcutList('other').map((s) => s.label)).toEqual(['新增', '查找', '保存', '导出', '帮助'])
  })
})

describe('installShortcuts', () => {
  let remove: () => void
  // jsdom lays nothing out: an element counts as shown unless it or a parent has display: none.
  const rects = vi.spyOn(Element.prototype, 'getClientRects')
  beforeEach(() => {
    rects.mockImplementation(function (this: Element) {
      let e: Element | null = this
      while (e) {
        if ((e as HTMLElement).style?.display === 'none') return [] as unknown as DOMRectList
        e = e.parentElement
      }
      return [{}] as unknown as DOMRectList
    })
    remove = installShortcuts(window, 'other')
    helpOpen.value = false
  })
  afterEach(() => {
    remove()
    document.body.innerHTML = ''
  })

  function press(k: string, o: KeyboardEventInit = {}, target: Element = document.body) {
    const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...o })
    target.dispatchEvent(e)
    return e
  }

  it('clicks the screen’s marked button, not one behind an open dialog, and not a disabled one', () => {
    document.body.innerHTML = `
      <div class="content">
        <button data-shortcut="new" id="add">新增</button>
        <button data-shortcut="export" id="exp" disabled>导出</button>
        <div style="display:none"><button data-shortcut="new" id="hidden-tab">新增</button></div>
      </div>`
    const clicks: string[] = []
    document.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => clicks.push(b.id)))
    const e = press('n', { ctrlKey: true })
    expect(e.defaultPrevented).toBe(true)
    press('e', { ctrlKey: true })
    expect(clicks).toEqual(['add'])

    // A dialog is open: Ctrl+N does not reach the screen behind it; Ctrl+S saves the dialog.
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div class="el-overlay"><div class="el-dialog"><input id="field"><div class="el-dialog__footer">
        <button class="el-button" id="cancel">取消</button><button class="el-button el-button--primary" id="save">保存</button></div></div></div>`,
    )
    document.querySelectorAll('.el-overlay button').forEach((b) => b.addEventListener('click', () => clicks.push(b.id)))
    press('n', { ctrlKey: true })
    press('s', { ctrlKey: true }, document.getElementById('field')!)
    expect(clicks).toEqual(['add', 'save'])
    // While composing Chinese, Ctrl+S is the input method's.
    press('s', { ctrlKey: true, isComposing: true }, document.getElementById('field')!)
    expect(clicks).toEqual(['add', 'save'])
  })

  it('focuses the screen’s filter, else the top search', () => {
    document.body.innerHTML = `<header><input data-testid="global-search" id="top"></header><div class="content"><input data-shortcut="find" id="filter"></div>`
    press('f', { ctrlKey: true })
    expect(document.activeElement?.id).toBe('filter')
    document.getElementById('filter')!.remove()
    press('f', { ctrlKey: true })
    expect(document.activeElement?.id).toBe('top')
  })

  it('opens help with F1 and ?, but ? typed in a field stays there', () => {
    document.body.innerHTML = `<input id="name">`
    const typed = press('?', { shiftKey: true }, document.getElementById('name')!)
    expect(typed.defaultPrevented).toBe(false)
    expect(helpOpen.value).toBe(false)
    press('?', { shiftKey: true })
    expect(helpOpen.value).toBe(true)
    press('F1')
    expect(helpOpen.value).toBe(false)
  })

  it('hands the action to a registered screen first', async () => {
    const done: string[] = []
    const Screen = defineComponent({
      setup() {
        useShortcuts({ export: () => done.push('export') })
        return () => h('button', { 'data-shortcut': 'export', onClick: () => done.push('button') })
      },
    })
    const w = mount(Screen, { attachTo: document.body })
    await nextTick()
    press('e', { ctrlKey: true })
    expect(done).toEqual(['export'])
    w.unmount()
    press('e', { ctrlKey: true })
    expect(done).toEqual(['export'])
  })
})

describe('关于', () => {
  it('shows the version, the database path and its size with the -wal', async () => {
    const { handlers, invokeMock, resetBackend } = await import('./mockInvoke')
    vi.doMock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))
    resetBackend()
    handlers.about_info = () => ({
      version: '0.1.0',
      db_path: '/home/办公室/liaison.db',
      db_bytes: 3 * 1024 * 1024,
      wal_bytes: 512 * 1024,
      schema_version: 12,
      encrypted: false,
      export_dir: '/home/办公室/文档/委员联络工作台',
      backup_dir: '/home/办公室/backups',
    })
    const ElementPlus = (await import('element-plus')).default
    const AboutPanel = (await import('../components/help/AboutPanel.vue')).default
    const { flushPromises } = await import('@vue/test-utils')
    const w = mount(AboutPanel, { global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(w.find('[data-testid=about-version]').text()).toBe('版本 0.1.0')
    expect(w.find('[data-testid=about-db-path]').text()).toBe('/home/办公室/liaison.db')
    expect(w.find('[data-testid=about-db-size]').text()).toContain('3.5 MB（数据库文件 3.0 MB，预写日志 -wal 512 KB）')
    expect(w.find('[data-testid=about-schema]').text()).toBe('12')
  })
})
