// The app's commands: generated from Rust into bindings.ts (`commands`, with their types and the
// `ErrorCode` union), plus the one command the generator cannot describe — import_load, whose
// argument is the file's bytes as the raw request body — and the error helpers every screen uses.
import { invoke } from '@tauri-apps/api/core'
import { commands, type AppError, type ExchangeInspection, type ImportPreview } from './bindings'
import { tracked } from './composables/useBusy'

// Every call is tracked: one running longer than half a second shows the window's progress line.
export const api = tracked({
  ...commands,
  /** Load a file into the import wizard: its bytes go once, as the raw request body (its name
   * URL-encoded in a header); the import commands after that work on the file the app kept. */
  importLoad: (name: string, bytes: Uint8Array) =>
    invoke<ImportPreview>('import_load', bytes, { headers: { 'x-file-name': encodeURIComponent(name) } }),
  /** An exchange file's bytes: what it holds, checked; kept for `exchangeImportLoaded` / `exchangeJoinLoaded`. */
  exchangeLoad: (bytes: Uint8Array) => invoke<ExchangeInspection>('exchange_load', bytes),
})

/** True when `e` looks like the AppError every command throws. */
export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  )
}

/** The Chinese message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (isAppError(e)) return e.message
  if (typeof e === 'string' && e) return e
  if (e instanceof Error && e.message) return `操作失败：${e.message}`
  return '操作失败，请重试'
}

/** The field errors of an AppError as a map field → message. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (isAppError(e) && Array.isArray(e.fields)) {
    for (const f of e.fields) if (!out[f.field]) out[f.field] = f.message
  }
  return out
}
