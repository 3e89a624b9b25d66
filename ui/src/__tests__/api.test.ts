import { beforeEach, describe, expect, it, vi } from 'vitest'
import { calls, handlers, invokeMock, resetBackend } from './mockInvoke'

vi.mock('@tauri-apps/api/core', () => ({ invoke: invokeMock }))

import { api, errorMessage, fieldErrors, isAppError } from '../api'
import { emptyMemberInput } from '../utils'

beforeEach(() => {
  resetBackend()
})

describe('generated commands', () => {
  it('call each command with its argument names in camelCase, as Tauri reads them', async () => {
    const input = emptyMemberInput()
    const query = {
      term_id: null, sector_id: null, party_id: null, group_id: null, committee_id: null, status: null,
      search: 'zs', sort: 'strokes' as const, deleted: false, offset: 0, limit: 0,
    }
    const expected: Array<[string, () => Promise<unknown>, Record<string, unknown>]> = [
      ['app_info', () => api.appInfo(), {}],
      ['set_office_name', () => api.setOfficeName('某县政协'), { name: '某县政协' }],
      ['refs_list', () => api.refsList('sector'), { kind: 'sector' }],
      ['ref_save', () => api.refSave({ id: null, kind: 'party', name: '群众', sort: null }), { input: { id: null, kind: 'party', name: '群众', sort: null } }],
      ['ref_delete', () => api.refDelete('role', 'r1'), { kind: 'role', id: 'r1' }],
      ['terms_list', () => api.termsList(), {}],
      ['term_save', () => api.termSave({ id: null, name: '第十五届', start_year: 2022, end_year: 2027, is_current: true }), { input: { id: null, name: '第十五届', start_year: 2022, end_year: 2027, is_current: true } }],
      ['roster_query', () => api.rosterQuery(query), { query }],
      ['member_get', () => api.memberGet('m1'), { id: 'm1' }],
      ['member_validate', () => api.memberValidate(input), { input }],
      ['member_save', () => api.memberSave(input), { input }],
      ['member_delete', () => api.memberDelete('m1'), { id: 'm1' }],
      ['member_restore', () => api.memberRestore('m1'), { id: 'm1' }],
      ['member_audit', () => api.memberAudit('m1'), { id: 'm1' }],
      ['groups_list', () => api.groupsList(null), { termId: null }],
      ['group_get', () => api.groupGet('g1'), { id: 'g1' }],
      ['group_save', () => api.groupSave({ id: null, updated_at: null, term_id: null, name: '城关', township_id: null, contact_person: '', contact_phone: '', notes: '' }), { input: { id: null, updated_at: null, term_id: null, name: '城关', township_id: null, contact_person: '', contact_phone: '', notes: '' } }],
      ['group_delete', () => api.groupDelete('g1'), { id: 'g1' }],
      ['group_add_members', () => api.groupAddMembers('g1', ['m1', 'm2'], 'member', true), { groupId: 'g1', memberIds: ['m1', 'm2'], role: 'member', moveFromOther: true }],
      ['group_set_role', () => api.groupSetRole('g1', 'm1', 'leader'), { groupId: 'g1', memberId: 'm1', role: 'leader' }],
      ['group_remove_member', () => api.groupRemoveMember('g1', 'm1'), { groupId: 'g1', memberId: 'm1' }],
      ['demo_load', () => api.demoLoad(300), { members: 300 }],
    ]
    for (const [cmd, call, args] of expected) {
      handlers[cmd] = () => null
      await call()
      const last = calls[calls.length - 1]
      expect(last.cmd).toBe(cmd)
      expect(last.args).toEqual(args)
    }
    expect(invokeMock).toHaveBeenCalledTimes(expected.length)
  })

  it('passes AppError through unchanged', async () => {
    handlers.member_save = () => {
      throw { code: 'validation', message: '请填写姓名', fields: [{ field: 'name', message: '请填写姓名' }] }
    }
    const err = await api.memberSave(emptyMemberInput()).catch((e) => e)
    expect(isAppError(err)).toBe(true)
    expect(errorMessage(err)).toBe('请填写姓名')
    expect(fieldErrors(err)).toEqual({ name: '请填写姓名' })
  })

  it('makes a Chinese message from anything thrown', () => {
    expect(errorMessage('出错了')).toBe('出错了')
    expect(errorMessage(new Error('x'))).toBe('操作失败：x')
    expect(errorMessage(undefined)).toBe('操作失败，请重试')
  })
})
