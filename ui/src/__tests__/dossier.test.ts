// The performance files' progress bar.
import { describe, expect, it } from 'vitest'
import { progressPercent } from '../dossier'

describe('progressPercent', () => {
  it('is 0 before the count is known and 100 only when every file is done', () => {
    expect(progressPercent(null)).toBe(0)
    expect(progressPercent({ done: 0, total: 0 })).toBe(0)
    expect(progressPercent({ done: 1, total: 3 })).toBe(33)
    expect(progressPercent({ done: 9_999, total: 10_000 })).toBe(99)
    expect(progressPercent({ done: 10_000, total: 10_000 })).toBe(100)
  })
})
