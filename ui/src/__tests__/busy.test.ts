import { afterEach, describe, expect, it, vi } from 'vitest'
import { busyBar, coreBusyMs, track, tracked } from '../composables/useBusy'

describe('the progress line', () => {
  afterEach(() => vi.useRealTimers())

  it('shows only for a call still running after half a second, until every slow call has answered', async () => {
    vi.useFakeTimers()
    let endQuick!: () => void
    let endSlow!: () => void
    let endSlow2!: (v: number) => void
    const quick = track(new Promise<void>((r) => (endQuick = r)))
    vi.advanceTimersByTime(300)
    endQuick()
    await quick
    vi.advanceTimersByTime(1000)
    expect(busyBar.value).toBe(false)

    const slow = track(new Promise<void>((r) => (endSlow = r)))
    const api = tracked({ work: () => new Promise<number>((r) => (endSlow2 = r)), name: 'x' })
    const slow2 = api.work()
    expect(api.name).toBe('x')
    vi.advanceTimersByTime(499)
    expect(busyBar.value).toBe(false)
    vi.advanceTimersByTime(1)
    expect(busyBar.value).toBe(true)
    endSlow()
    await slow
    expect(busyBar.value).toBe(true)
    endSlow2(7)
    expect(await slow2).toBe(7)
    expect(busyBar.value).toBe(false)
  })

  it('counts a failed call as answered', async () => {
    vi.useFakeTimers()
    let fail!: (e: unknown) => void
    const p = track(new Promise((_, r) => (fail = r)))
    vi.advanceTimersByTime(600)
    expect(busyBar.value).toBe(true)
    fail({ code: 'x' })
    await expect(p).rejects.toEqual({ code: 'x' })
    expect(busyBar.value).toBe(false)
  })

  it('adds up the time calls were under way, overlapping calls once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    const before = coreBusyMs()
    let endA!: () => void
    let endB!: () => void
    const a = track(new Promise<void>((r) => (endA = r)))
    vi.advanceTimersByTime(100)
    const b = track(new Promise<void>((r) => (endB = r)))
    vi.advanceTimersByTime(100)
    endA()
    await a
    vi.advanceTimersByTime(50)
    endB()
    await b
    // 250 ms with at least one call under way; then nothing runs and nothing is added.
    expect(coreBusyMs() - before).toBeCloseTo(250, 0)
    vi.advanceTimersByTime(1000)
    expect(coreBusyMs() - before).toBeCloseTo(250, 0)
  })
})
