// The idle lock: with an encrypted database and 自动锁定 set (设置 → 数据安全, minutes; 0 = never), the
// window notices when nobody has used it for that long and asks the shell to lock (it closes the
// database); the unlock screen then takes the whole window. Any key, click, wheel or pointer movement
// counts as use.
import { onBeforeUnmount, onMounted } from 'vue'
import { lockNow, store } from '../store'

const EVENTS = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/** Whether the window has been idle long enough to lock, `now - last` in milliseconds. */
export function idleExpired(last: number, now: number, minutes: number, encrypted: boolean, locked: boolean): boolean {
  return encrypted && !locked && minutes > 0 && now - last >= minutes * 60_000
}

export function useIdleLock(checkEveryMs = 10_000) {
  let last = Date.now()
  let timer: ReturnType<typeof setInterval> | undefined
  const touch = () => (last = Date.now())

  function check() {
    const s = store.security
    if (!s) return
    if (idleExpired(last, Date.now(), s.idle_lock_minutes, s.encrypted, store.locked)) {
      last = Date.now()
      void lockNow()
    }
  }

  onMounted(() => {
    for (const e of EVENTS) window.addEventListener(e, touch, { passive: true, capture: true })
    timer = setInterval(check, checkEveryMs)
  })
  onBeforeUnmount(() => {
    for (const e of EVENTS) window.removeEventListener(e, touch, { capture: true })
    if (timer) clearInterval(timer)
  })
  return { touch, check }
}
