// App-wide state: the office info, the terms, the reference lists and the current screen.
import { reactive } from 'vue'
import { api, errorMessage, isAppError } from './api'
import type { AppInfo, RefItem, RefKind, SecurityStatus, SetupState, Term } from './bindings'
import { ElMessage, ElMessageBox } from 'element-plus'

export type Screen = 'roster' | 'groups' | 'activities' | 'sessions' | 'opinions' | 'proposals' | 'performance' | 'workplan' | 'search' | 'history' | 'settings'

export const store = reactive({
  screen: 'roster' as Screen,
  info: null as AppInfo | null,
  terms: [] as Term[],
  refs: { sector: [], party: [], committee: [], role: [], township: [] } as Record<RefKind, RefItem[]>,
  /** The roster's search term, its one source of truth: the roster's box and its 搜索 tag show it; the
   * top-bar search hands its text over (and empties itself), bumping the sequence. */
  rosterSearch: '',
  rosterSearchSeq: 0,
  /** Bumped whenever members change, so open lists refresh. */
  dataVersion: 0,
  /** A session for the 全会 screen to choose when it opens next (set from a 常委会 in the activities). */
  openSessionId: null as string | null,
  /** The proposal whose drawer is open on the 提案 screen (set from a search hit or the member drawer too). */
  openProposalId: null as string | null,
  /** A 社情民意 report to open in its drawer when the 社情民意 screen shows (from 全文检索). */
  openOpinionId: null as string | null,
  /** The full-text search's words, handed over from the top bar (bumping the sequence). */
  searchText: '',
  searchSeq: 0,
  /** Set when the database could not be opened: the whole window shows this instead. */
  fatal: null as string | null,
  /** The database is encrypted and locked: the whole window shows the unlock screen instead. */
  locked: false,
  /** Encryption and the idle lock (设置 → 数据安全), loaded at start and after each change. */
  security: null as SecurityStatus | null,
  /** The first-run wizard's state: when `needed`, the whole window shows the wizard. */
  setup: null as SetupState | null,
  /** Set to open the roster's import wizard (the first run's 导入名册); the roster takes it once. */
  openImport: false,
})

/** Ask the shell whether the database is encrypted and locked (answers while locked too). */
export async function loadSecurity() {
  try {
    store.security = await api.securityStatus()
    store.locked = store.security.locked
  } catch (e) {
    if (isAppError(e) && e.code === 'db_unavailable') store.fatal = e.message
  }
}

/** Lock now (by hand or after idle time): the shell closes the database; the window shows the unlock
 * screen, and every screen loads afresh after the unlock. */
export async function lockNow() {
  try {
    await api.securityLock()
    store.locked = true
  } catch (e) {
    showError(e)
  }
}

/** Ask once before a destructive action; true when the user confirms. */
export async function confirmAction(message: string, title: string, confirmText = '删除'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: confirmText, cancelButtonText: '取消', type: 'warning' })
    return true
  } catch {
    return false
  }
}

export function showError(e: unknown) {
  ElMessage.error({ message: errorMessage(e), grouping: true })
}

/** Open a file the app exported (打开文件) with the system's program; say why not if it cannot. */
export async function openExportFile(path: string) {
  try {
    await api.openExport(path)
  } catch (e) {
    showError(e)
  }
}

/** Show a file the app exported in the system's file manager (打开所在文件夹); say why not if it cannot. */
export async function revealExportFile(path: string) {
  try {
    await api.revealExport(path)
  } catch (e) {
    showError(e)
  }
}

export async function loadInfo() {
  try {
    store.info = await api.appInfo()
  } catch (e) {
    // The shell could not open the database: nothing else can work, so the window says why.
    if (isAppError(e) && e.code === 'db_unavailable') store.fatal = e.message
    // Encrypted and locked: the unlock screen.
    else if (isAppError(e) && e.code === 'locked') store.locked = true
    else showError(e)
  }
}

export async function loadTerms() {
  try {
    store.terms = await api.termsList()
  } catch (e) {
    showError(e)
  }
}

export async function loadRefs(kind?: RefKind) {
  const kinds: RefKind[] = kind ? [kind] : ['sector', 'party', 'committee', 'role', 'township']
  try {
    const lists = await Promise.all(kinds.map((k) => api.refsList(k)))
    kinds.forEach((k, i) => (store.refs[k] = lists[i]))
  } catch (e) {
    showError(e)
  }
}

export async function loadAll() {
  await loadSecurity()
  if (store.locked || store.fatal) return
  await Promise.all([loadInfo(), loadTerms(), loadRefs(), loadSetup()])
}

/** Whether the first-run wizard is due (a new database never set up). */
export async function loadSetup() {
  try {
    store.setup = await api.setupState()
  } catch (e) {
    showError(e)
  }
}

/** Members changed: reload counts and tell open lists. */
export async function membersChanged() {
  store.dataVersion++
  await Promise.all([loadInfo(), loadTerms(), loadRefs()])
}

export function currentTermId(): string | null {
  return store.info?.current_term?.id ?? store.terms.find((t) => t.is_current)?.id ?? null
}
