// A list's layout remembered on this laptop: the columns shown, the sort, the page size. Kept in the
// database's local_settings (`layout.<list>`, core/src/layout.rs) rather than the webview's
// localStorage: local settings never travel in an exchange (a layout is this laptop's), they are on
// disk the moment they change (WebKit writes localStorage later, and an app closed hard loses it), and
// they stay with the database they were made for.
import { onBeforeUnmount, watch, type Ref } from 'vue'
import { api } from '../api'

/** One remembered part of a layout: its ref, and the check a saved value must pass to be taken. */
export interface LayoutPart<T> {
  ref: Ref<T>
  valid: (v: unknown) => v is T
}

export type LayoutParts = Record<string, LayoutPart<any>>

/** The saved values that pass their checks (a layout from an older version keeps what still fits). */
export function pickValid(parts: LayoutParts, saved: string | null | undefined): Record<string, unknown> {
  if (!saved) return {}
  let v: unknown
  try {
    v = JSON.parse(saved)
  } catch {
    return {}
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {}
  const out: Record<string, unknown> = {}
  for (const [k, part] of Object.entries(parts)) {
    const x = (v as Record<string, unknown>)[k]
    if (x !== undefined && part.valid(x)) out[k] = x
  }
  return out
}

export function layoutValue(parts: LayoutParts): string {
  return JSON.stringify(Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.ref.value])))
}

/** Checks for the usual parts. */
export const oneOf =
  <T extends string | number>(...allowed: T[]) =>
  (v: unknown): v is T =>
    allowed.includes(v as T)
export const subsetOf =
  (allowed: readonly string[]) =>
  (v: unknown): v is string[] =>
    Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && allowed.includes(x))

/**
 * Remember `parts` of list `list`. `restore()` puts the saved layout back (call it before the list's
 * first load; true when it changed something); every later change is saved.
 */
export function useTableLayout(list: string, parts: LayoutParts) {
  let restored = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let last = ''

  async function save() {
    const value = layoutValue(parts)
    if (value === last) return
    last = value
    try {
      await api.layoutSet(list, value)
    } catch {
      // A layout not saved is no reason to interrupt the work (the database may be locked).
    }
  }

  async function restore(): Promise<boolean> {
    let changed = false
    try {
      const saved = pickValid(parts, await api.layoutGet(list))
      for (const [k, v] of Object.entries(saved)) {
        if (JSON.stringify(parts[k].ref.value) !== JSON.stringify(v)) {
          parts[k].ref.value = v
          changed = true
        }
      }
    } catch {
      // Nothing saved can be read: the defaults stay.
    }
    last = layoutValue(parts)
    restored = true
    return changed
  }

  watch(
    Object.values(parts).map((p) => p.ref),
    () => {
      if (!restored) return
      clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        void save()
      }, 300)
    },
    { deep: true },
  )

  // Leaving the screen within the pause: save now.
  onBeforeUnmount(() => {
    if (timer !== undefined) {
      clearTimeout(timer)
      void save()
    }
  })

  return { restore, save }
}
