// The window's own progress line: whenever a call to the app's core has been under way for more than
// half a second (an export, an import, a backup, an exchange, the demo data, a big list), a thin moving
// bar shows along the top of the window until every such call has answered. Buttons show their own spinner
// (useAction's busy flag); this line makes sure no slow task, wherever it starts, looks like nothing happens.
import { computed, ref } from 'vue'

/** After this long a call counts as slow and the bar shows. */
export const SLOW_MS = 500

const slow = ref(0)

// The time at least one call was under way (overlapping calls counted once): what the app's core took
// of the user's day. Not shown; the headline-journey test reads it (window.__liaisonCoreMs()).
let inFlight = 0
let busySince = 0
let busyTotal = 0
export function coreBusyMs(): number {
  return busyTotal + (inFlight ? performance.now() - busySince : 0)
}
;(globalThis as unknown as { __liaisonCoreMs: () => number }).__liaisonCoreMs = coreBusyMs

/** Count `work` as one task: if it has not answered after SLOW_MS, the bar shows until it does. */
export function track<T>(work: Promise<T>, after = SLOW_MS): Promise<T> {
  if (inFlight++ === 0) busySince = performance.now()
  let counted = false
  const timer = setTimeout(() => {
    counted = true
    slow.value++
  }, after)
  const done = () => {
    clearTimeout(timer)
    if (counted) slow.value--
    if (--inFlight === 0) busyTotal += performance.now() - busySince
  }
  work.then(done, done)
  return work
}

// The last calls to core, name and times (ms on the page's clock): the figure test reads them
// (window.__liaisonCalls()) to say where a screen's time went. A short ring, never shown.
interface CallRecord {
  name: string
  start: number
  end: number
}
const calls: CallRecord[] = []
const CALLS_KEPT = 200
;(globalThis as unknown as { __liaisonCalls: () => CallRecord[] }).__liaisonCalls = () => calls.slice()

function record(name: string, work: Promise<unknown>) {
  const rec = { name, start: performance.now(), end: -1 }
  calls.push(rec)
  if (calls.length > CALLS_KEPT) calls.shift()
  const done = () => {
    rec.end = performance.now()
  }
  work.then(done, done)
}

/** Wrap every function of `o` (the commands) so that its promise is tracked. */
export function tracked<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) {
    out[k] =
      typeof v === 'function'
        ? (...args: unknown[]) => {
            const r = (v as (...a: unknown[]) => unknown)(...args)
            if (!(r instanceof Promise)) return r
            record(k, r)
            return track(r)
          }
        : v
  }
  return out as T
}

export const busyBar = computed(() => slow.value > 0)
