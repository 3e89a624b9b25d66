// Keyboard shortcuts for the frequent actions: 新增, 查找, 保存, 导出 and 帮助. Ctrl on Linux and
// Windows, ⌘ on macOS. One listener on the window (installShortcuts, from App.vue) decides which
// action a key means (shortcutFor) and hands it to the screen.
//
// A screen registers in one of two ways:
//  - declaratively: the button or box that does the action carries data-shortcut="new" | "find" |
//    "save" | "export"; the shortcut clicks that button (so it does exactly what the button does, and
//    nothing while the button is disabled) or focuses that box;
//  - with useShortcuts({ new: () => …, … }) while it is mounted, for an action without a button.
// An open dialog or drawer is the scope: the shortcut acts inside it and never on the screen behind.
// 保存 in a dialog without a data-shortcut="save" button clicks its footer's primary 保存 button.
// 查找 without a screen box of its own goes to the top bar's 查找委员.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export type ShortcutAction = 'new' | 'find' | 'save' | 'export' | 'help'

export type Platform = 'mac' | 'other'

export interface ShortcutInfo {
  action: ShortcutAction
  label: string
  /** What the keys are, as shown in the help panel (e.g. Ctrl + N). */
  keys: string[]
  hint: string
}

/** The platform the window runs on (⌘ instead of Ctrl on macOS). */
export function detectPlatform(nav: { platform?: string; userAgent?: string } = navigator): Platform {
  return /Mac|iPhone|iPad/i.test(`${nav.platform ?? ''} ${nav.userAgent ?? ''}`) ? 'mac' : 'other'
}

const LETTERS: Record<string, Exclude<ShortcutAction, 'help'>> = { n: 'new', f: 'find', s: 'save', e: 'export' }

/** The shortcuts as the help panel lists them. */
export function shortcutList(platform: Platform = detectPlatform()): ShortcutInfo[] {
  const mod = platform === 'mac' ? '⌘' : 'Ctrl'
  return [
    { action: 'new', label: '新增', keys: [`${mod} + N`], hint: '当前页面的“新增”（委员、联络组、活动……）' },
    { action: 'find', label: '查找', keys: [`${mod} + F`], hint: '光标移到当前页面的查找框；没有时到顶栏的“查找委员”' },
    { action: 'save', label: '保存', keys: [`${mod} + S`], hint: '保存打开的表单（与点“保存”相同）' },
    { action: 'export', label: '导出', keys: [`${mod} + E`], hint: '当前页面的“导出”' },
    { action: 'help', label: '帮助', keys: ['F1', '?'], hint: '打开本帮助（? 在输入框外）' },
  ]
}

interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
  isComposing?: boolean
  keyCode?: number
  target: EventTarget | null
}

/** True for an element where typing a character puts it in: an input of text, a textarea, an editable. */
export function isTextField(el: EventTarget | null): boolean {
  if (!el || typeof (el as Element).tagName !== 'string') return false
  const e = el as HTMLElement
  if (e.isContentEditable) return true
  const tag = e.tagName.toLowerCase()
  if (tag === 'textarea' || tag === 'select') return true
  if (tag !== 'input') return false
  const type = ((e as HTMLInputElement).type || 'text').toLowerCase()
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color', 'image'].includes(type)
}

/**
 * The action a key press means, or null. Nothing while an input method composes (Chinese input: the
 * keys belong to the candidate window); `?` only outside a text field (there it types a question mark);
 * the Ctrl/⌘ combinations also in a text field (they type nothing there: Ctrl+S in a form's field saves).
 */
export function shortcutFor(e: KeyLike, platform: Platform = detectPlatform()): ShortcutAction | null {
  if (e.isComposing || e.keyCode === 229 || e.key === 'Process') return null
  if (e.key === 'F1' && !e.ctrlKey && !e.metaKey && !e.altKey) return 'help'
  const mod = platform === 'mac' ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey
  if (mod) {
    if (e.altKey || e.shiftKey) return null
    return LETTERS[e.key.toLowerCase()] ?? null
  }
  if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextField(e.target)) return 'help'
  return null
}

type Handlers = Partial<Record<ShortcutAction, () => unknown>>
const layers: Handlers[] = []

/** A screen's handlers while it is mounted (the latest mounted first). */
export function useShortcuts(handlers: Handlers) {
  onMounted(() => layers.push(handlers))
  onBeforeUnmount(() => {
    const i = layers.lastIndexOf(handlers)
    if (i >= 0) layers.splice(i, 1)
  })
}

/** Whether the help panel is open (F1, ?, 帮助 in the nav foot). */
export const helpOpen = ref(false)
/** Whether 关于 is open as a dialog (from the help panel or the nav foot; it is also in 设置). */
export const aboutOpen = ref(false)

function visible(el: Element): boolean {
  const h = el as HTMLElement
  if (h.closest('[aria-hidden="true"]')) return false
  return h.getClientRects().length > 0 && getComputedStyle(h).visibility !== 'hidden'
}

/** The open dialog or drawer on top, if any: shortcuts act inside it. */
function openOverlay(root: ParentNode): Element | null {
  const open = [...root.querySelectorAll('.el-overlay')].filter((o) => (o as HTMLElement).style.display !== 'none' && visible(o))
  return open.length ? open[open.length - 1] : null
}

function firstVisible(scope: ParentNode, css: string): HTMLElement | null {
  for (const el of scope.querySelectorAll<HTMLElement>(css)) if (visible(el)) return el
  return null
}

function clickIfEnabled(el: HTMLElement | null): boolean {
  if (!el) return false
  const button = (el.closest('button') ?? el.querySelector('button') ?? el) as HTMLButtonElement
  if (button.disabled || button.classList.contains('is-disabled')) return true
  button.click()
  return true
}

function focusBox(el: HTMLElement | null): boolean {
  if (!el) return false
  const input = (el.matches('input, textarea') ? el : el.querySelector('input, textarea')) as HTMLInputElement | null
  if (!input) return false
  input.focus()
  input.select?.()
  return true
}

/** Carry out `action` in the page: true when something took it. */
export function perform(action: ShortcutAction, root: ParentNode = document): boolean {
  if (action === 'help') {
    helpOpen.value = !helpOpen.value
    return true
  }
  const overlay = openOverlay(root)
  if (!overlay) {
    for (let i = layers.length - 1; i >= 0; i--) {
      const h = layers[i][action]
      if (h) {
        h()
        return true
      }
    }
  }
  const scope = overlay ?? root.querySelector('.content') ?? root
  const marked = firstVisible(scope, `[data-shortcut="${action}"]`)
  if (action === 'find') {
    return focusBox(marked) || (!overlay && focusBox(firstVisible(root, '[data-testid=global-search]')))
  }
  if (marked) return clickIfEnabled(marked)
  if (action === 'save' && overlay) {
    const primary = [...overlay.querySelectorAll<HTMLElement>('.el-dialog__footer .el-button--primary, .el-drawer__footer .el-button--primary')]
      .filter(visible)
      .find((b) => /保存|确定/.test(b.textContent ?? ''))
    return clickIfEnabled(primary ?? null)
  }
  return false
}

/** The window's one listener (App.vue); returns the function that removes it. */
export function installShortcuts(target: Window = window, platform: Platform = detectPlatform()): () => void {
  const onKey = (e: KeyboardEvent) => {
    const action = shortcutFor(e, platform)
    if (!action) return
    // Ctrl+F / Ctrl+S / F1 are the webview's own otherwise (find in page, save page, …).
    e.preventDefault()
    perform(action, target.document)
  }
  target.addEventListener('keydown', onKey)
  return () => target.removeEventListener('keydown', onKey)
}
