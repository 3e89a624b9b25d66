import { describe, expect, it, vi } from 'vitest'
import { debounce, formatDate, readableAudit } from '../utils'

describe('formatDate', () => {
  it('shows dates as YYYY-MM-DD', () => {
    expect(formatDate('2026-11-27')).toBe('2026-11-27')
    expect(formatDate('2026-11-27T08:00:00.000Z')).toBe('2026-11-27')
    expect(formatDate('')).toBe('')
    expect(formatDate(null)).toBe('')
  })
})

describe('readableAudit', () => {
  it('labels fields in Chinese and shows old → new', () => {
    const rows = readableAudit([
      {
        id: 'a1',
        at: '2026-11-27T08:00:00.000Z',
        actor: 'staff',
        entity: 'member',
        entity_id: 'm1',
        action: 'update',
        changes: JSON.stringify({ mobile: ['138****0000', '139****1111'], roles: [[], ['常委', '委员']], status: ['active', 'left'] }),
      },
      {
        id: 'a2',
        at: '2026-11-27T09:00:00.000Z',
        actor: 'staff',
        entity: 'member',
        entity_id: 'm1',
        action: 'delete',
        changes: JSON.stringify({ deleted_at: [null, '2026-11-27T09:00:00.000Z'], name: ['张三', '张三'] }),
      },
      { id: 'a3', at: 'bad', actor: '', entity: 'member', entity_id: 'm1', action: 'group_join', changes: 'not json' },
    ])
    expect(rows[0].action).toBe('编辑')
    expect(rows[0].changes).toEqual([
      { field: 'mobile', label: '手机', old: '138****0000', new: '139****1111' },
      { field: 'roles', label: '政协职务', old: '（空）', new: '常委、委员' },
      { field: 'status', label: '状态', old: '在任', new: '离任' },
    ])
    expect(rows[1].action).toBe('删除')
    // The unchanged name is context, not a change.
    expect(rows[1].changes.map((c) => c.field)).toEqual(['deleted_at'])
    expect(rows[1].at).toMatch(/^2026-11-27 \d\d:\d\d$/)
    expect(rows[2].action).toBe('加入联络组')
    expect(rows[2].changes).toEqual([])
  })
})

describe('debounce', () => {
  it('runs once after the pause', () => {
    vi.useFakeTimers()
    const f = vi.fn()
    const d = debounce(f, 200)
    d()
    d()
    vi.advanceTimersByTime(199)
    expect(f).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(f).toHaveBeenCalledTimes(1)
    d()
    d.cancel()
    vi.advanceTimersByTime(500)
    expect(f).toHaveBeenCalledTimes(1)
    vi.useRealTimers()
  })
})
