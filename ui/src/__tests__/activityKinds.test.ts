// Issue 14's activity helpers: the new kinds offered, joint organisers shown, the invitation's input
// (members, a group, sectors, upper-level members), upper-level members' labels and form round trip.
import { describe, expect, it } from 'vitest'
import { LABELS } from '../bindings'
import { emptyUpperInput, inviteInput, KINDS, NEW_KINDS, organiserText, upperLabel, upperToInput } from '../activities'

describe('activity kinds and joint organisers', () => {
  it('offers the five kinds the work plans name, with their labels', () => {
    for (const k of ['appraisal', 'study_tour', 'exchange', 'fellowship', 'service'] as const) {
      expect(KINDS).toContain(k)
      expect(NEW_KINDS).toContain(k)
    }
    expect(NEW_KINDS).not.toContain('visit')
    expect(LABELS.ActivityKind.study_tour).toBe('学习考察')
    expect(LABELS.ActivityKind.service).toBe('服务民生')
  })

  it('shows the joint organisers after the organiser, and nothing more when there are none', () => {
    expect(organiserText({ organiser_name: '城关镇联络组', joint_groups: '东城街道联络组、西乡镇联络组' })).toBe(
      '城关镇联络组（联合：东城街道联络组、西乡镇联络组）',
    )
    expect(organiserText({ organiser_name: '联络办', joint_groups: '' })).toBe('联络办')
  })
})

describe('invitations', () => {
  it('builds one input for members, a group, sectors and upper-level members', () => {
    expect(inviteInput('a1', { sectorIds: ['s1', 's2'] })).toEqual({
      activity_id: 'a1',
      member_ids: [],
      group_id: null,
      sector_ids: ['s1', 's2'],
      upper_member_ids: [],
      role: 'attendee',
      team: '',
    })
    const i = inviteInput('a1', { memberIds: ['m1'], groupId: 'g1', upperIds: ['u1'] })
    expect([i.member_ids, i.group_id, i.upper_member_ids]).toEqual([['m1'], 'g1', ['u1']])
  })

  it('labels an upper-level member by level and sector, leaving out what is blank', () => {
    expect(upperLabel({ name: '高振东', level: 'national', sector: '经济界' })).toBe('高振东（全国政协 · 经济界）')
    expect(upperLabel({ name: '吴建华', level: 'city', sector: '' })).toBe('吴建华（市政协）')
  })

  it('turns a listed upper-level member back into its form', () => {
    const f = upperToInput({
      id: 'u1',
      name: '林淑芬',
      level: 'province',
      term: '第十三届',
      sector: '医药卫生界',
      unit: '省人民医院',
      mobile: '13812345678',
      group_id: 'g1',
      group: '城关镇联络组',
      member_id: null,
      member: '',
      notes: '',
      activities: 2,
      updated_at: 't',
      deleted: false,
    })
    expect(f).toEqual({ ...emptyUpperInput(), id: 'u1', updated_at: 't', name: '林淑芬', level: 'province', term: '第十三届', sector: '医药卫生界', unit: '省人民医院', mobile: '13812345678', group_id: 'g1' })
  })
})
