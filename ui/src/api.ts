// Typed wrappers around the Tauri commands. Argument keys are snake_case,
// exactly as the commands declare them (rename_all = "snake_case").
import { Channel, invoke } from '@tauri-apps/api/core'
import type {
  DocumentExport,
  ActivityDetail,
  ActivityInput,
  ActivityQuery,
  ActivityRow,
  ActivityStatus,
  AgendaMonth,
  Attachment,
  AttachmentInput,
  ReflectionCounts,
  AttendanceSummary,
  FollowUp,
  FollowUpInput,
  InviteInput,
  InviteOutcome,
  LeaveDecision,
  LeaveInput,
  LeaveRequest,
  MemberHistory,
  OutcomeInput,
  Participant,
  ParticipantRole,
  PersonInput,
  Reflection,
  ReflectionInput,
  SignInInput,
  SignInOutcome,
  Stop,
  StopInput,
  Visit,
  VisitOutcomeInput,
  VisitRound,
  VisitRoundInput,
  VisitRoundSummary,
  AppError,
  AppInfo,
  AuditEntry,
  ContactsExport,
  DemoSummary,
  ExportSummary,
  GroupDetail,
  GroupListExport,
  GroupInput,
  GroupRole,
  GroupSummary,
  ImportOptions,
  ImportPreview,
  ImportProgress,
  MemberDetail,
  MemberInput,
  MemberValidation,
  RefInput,
  RefItem,
  RefKind,
  RosterColumnInfo,
  RosterExport,
  RosterPage,
  RosterQuery,
  Term,
  TermInput,
  AllocationInput,
  Attendee,
  AttendeeQuery,
  AutoGroupInput,
  CheckInCounts,
  CheckInInput,
  DiscussionGroup,
  DiscussionGroupInput,
  DocumentFormat,
  HallLayout,
  HallLayoutInput,
  MealTable,
  MealTableInput,
  PersonAttendeeInput,
  Room,
  RoomInput,
  SeatingChart,
  SeatingOutcome,
  SeatMoveInput,
  SessionDetail,
  SessionDocument,
  SessionExport,
  SessionInput,
  SessionLeave,
  SessionLeaveDecision,
  SessionLeaveInput,
  SessionRow,
  SessionStats,
  Sitting,
  SittingInput,
  SittingOutcome,
  SittingOutcomeInput,
  SittingSignInInput,
  SittingSignInOutcome,
  StatLine,
  Vehicle,
  VehicleInput,
} from './bindings'

/** A session's document: the generated names, and 座位票 (PDF only), which core is adding. */
export type SessionDocumentName = SessionDocument | 'seat_tickets'
/** What session_export takes: the generated request with its document and format (xlsx or pdf). */
export type SessionExportRequest = Omit<SessionExport, 'document'> & { document: SessionDocumentName; format: DocumentFormat }

export const api = {
  appInfo: () => invoke<AppInfo>('app_info'),
  setOfficeName: (name: string) => invoke<AppInfo>('set_office_name', { name }),

  refsList: (kind: RefKind) => invoke<RefItem[]>('refs_list', { kind }),
  refSave: (input: RefInput) => invoke<RefItem>('ref_save', { input }),
  refDelete: (kind: RefKind, id: string) => invoke<null>('ref_delete', { kind, id }),

  termsList: () => invoke<Term[]>('terms_list'),
  termSave: (input: TermInput) => invoke<Term>('term_save', { input }),

  rosterQuery: (query: RosterQuery) => invoke<RosterPage>('roster_query', { query }),
  memberGet: (id: string) => invoke<MemberDetail>('member_get', { id }),
  memberValidate: (input: MemberInput) => invoke<MemberValidation>('member_validate', { input }),
  memberSave: (input: MemberInput) => invoke<MemberDetail>('member_save', { input }),
  memberDelete: (id: string) => invoke<null>('member_delete', { id }),
  memberRestore: (id: string) => invoke<null>('member_restore', { id }),
  memberAudit: (id: string) => invoke<AuditEntry[]>('member_audit', { id }),

  groupsList: (termId: string | null) => invoke<GroupSummary[]>('groups_list', { term_id: termId }),
  groupGet: (id: string) => invoke<GroupDetail>('group_get', { id }),
  groupSave: (input: GroupInput) => invoke<GroupSummary>('group_save', { input }),
  groupDelete: (id: string) => invoke<null>('group_delete', { id }),
  groupAddMembers: (groupId: string, memberIds: string[], role: GroupRole, moveFromOther: boolean) =>
    invoke<GroupDetail>('group_add_members', {
      group_id: groupId,
      member_ids: memberIds,
      role,
      move_from_other: moveFromOther,
    }),
  groupSetRole: (groupId: string, memberId: string, role: GroupRole) =>
    invoke<GroupDetail>('group_set_role', { group_id: groupId, member_id: memberId, role }),
  groupRemoveMember: (groupId: string, memberId: string) =>
    invoke<GroupDetail>('group_remove_member', { group_id: groupId, member_id: memberId }),

  demoLoad: (members: number) => invoke<DemoSummary>('demo_load', { members }),

  groupListsExport: (options: GroupListExport) => invoke<ExportSummary>('group_lists_export', { options }),
  contactsExport: (options: ContactsExport) => invoke<ExportSummary>('contacts_export', { options }),
  rosterColumns: () => invoke<RosterColumnInfo[]>('roster_columns'),
  rosterExport: (options: RosterExport) => invoke<ExportSummary>('roster_export', { options }),
  openExport: (path: string) => invoke<null>('open_export', { path }),
  /** A printable document (走访安排表, 签到表, 出勤情况表, 活动方案) as PDF or .xlsx in the export folder. */
  documentExport: (request: DocumentExport) => invoke<ExportSummary>('document_export', { request }),

  // Import wizard: the file's bytes go once, as the raw request body (its name URL-encoded in a
  // header); the commands after that work on the file the app kept.
  importLoad: (name: string, bytes: Uint8Array) =>
    invoke<ImportPreview>('import_load', bytes, { headers: { 'x-file-name': encodeURIComponent(name) } }),
  importPreview: (options: ImportOptions) => invoke<ImportPreview>('import_preview', { options }),
  importCommit: (options: ImportOptions, allOrNothing: boolean, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>()
    channel.onmessage = onProgress
    return invoke<ImportPreview>('import_commit', { options, all_or_nothing: allOrNothing, on_progress: channel })
  },
  importErrorReport: (options: ImportOptions) => invoke<ExportSummary>('import_error_report', { options }),
  importClose: () => invoke<null>('import_close'),
  // Activities: 走访, 视察, 调研, meetings.
  activitiesQuery: (query: ActivityQuery) => invoke<ActivityRow[]>('activities_query', { query }),
  activityGet: (id: string) => invoke<ActivityDetail>('activity_get', { id }),
  activitySave: (input: ActivityInput) => invoke<ActivityDetail>('activity_save', { input }),
  activitySetStatus: (id: string, status: ActivityStatus) =>
    invoke<ActivityRow>('activity_set_status', { id, status }),
  activityDelete: (id: string) => invoke<null>('activity_delete', { id }),
  activityRestore: (id: string) => invoke<null>('activity_restore', { id }),
  activityNotice: (id: string) => invoke<string>('activity_notice', { id }),
  agendaMonth: (year: number, month: number) => invoke<AgendaMonth>('agenda_month', { year, month }),
  memberHistory: (memberId: string) => invoke<MemberHistory>('member_history', { member_id: memberId }),
  participantsList: (activityId: string, search: string) =>
    invoke<Participant[]>('participants_list', { activity_id: activityId, search }),
  participantsInvite: (input: InviteInput) => invoke<InviteOutcome>('participants_invite', { input }),
  participantAddPerson: (input: PersonInput) => invoke<Participant>('participant_add_person', { input }),
  participantUpdate: (participantId: string, role: ParticipantRole, team: string) =>
    invoke<Participant>('participant_update', { participant_id: participantId, role, team }),
  participantRemove: (participantId: string) => invoke<null>('participant_remove', { participant_id: participantId }),
  activitySignUp: (activityId: string, memberId: string, attending: boolean) =>
    invoke<Participant>('activity_sign_up', { activity_id: activityId, member_id: memberId, attending }),
  leaveRequest: (input: LeaveInput) => invoke<LeaveRequest>('leave_request', { input }),
  leaveDecide: (decision: LeaveDecision) => invoke<LeaveRequest>('leave_decide', { decision }),
  leaveRequests: (activityId: string) => invoke<LeaveRequest[]>('leave_requests', { activity_id: activityId }),
  activitySignIn: (input: SignInInput) => invoke<SignInOutcome>('activity_sign_in', { input }),
  attendanceSet: (activityId: string, outcomes: OutcomeInput[]) =>
    invoke<AttendanceSummary>('attendance_set', { activity_id: activityId, outcomes }),
  attendanceFinalise: (activityId: string) =>
    invoke<AttendanceSummary>('attendance_finalise', { activity_id: activityId }),
  stopsSave: (activityId: string, stops: StopInput[]) =>
    invoke<Stop[]>('stops_save', { activity_id: activityId, stops }),
  reflectionsList: (activityId: string | null, memberId: string | null) =>
    invoke<Reflection[]>('reflections_list', { activity_id: activityId, member_id: memberId }),
  reflectionSave: (input: ReflectionInput) => invoke<Reflection>('reflection_save', { input }),
  reflectionDelete: (id: string) => invoke<null>('reflection_delete', { id }),
  /** 心得体会 counted per member and per group; year null: every year. */
  reflectionCounts: (year: number | null) => invoke<ReflectionCounts>('reflection_counts', { year }),
  attachmentAdd: (input: AttachmentInput) => invoke<Attachment>('attachment_add', { input }),
  attachmentRemove: (id: string) => invoke<null>('attachment_remove', { id }),
  visitRounds: () => invoke<VisitRoundSummary[]>('visit_rounds'),
  visitRoundGet: (id: string) => invoke<VisitRound>('visit_round_get', { id }),
  visitRoundSave: (input: VisitRoundInput) => invoke<VisitRound>('visit_round_save', { input }),
  visitRoundDelete: (id: string) => invoke<null>('visit_round_delete', { id }),
  visitRoundRestore: (id: string) => invoke<null>('visit_round_restore', { id }),
  /** The deleted rounds (回收站). */
  visitRoundsDeleted: () => invoke<VisitRoundSummary[]>('visit_rounds_deleted'),
  visitOutcomeRecord: (input: VisitOutcomeInput) => invoke<Visit>('visit_outcome_record', { input }),
  followUpSave: (input: FollowUpInput) => invoke<FollowUp>('follow_up_save', { input }),
  followUpComplete: (id: string, doneDate: string, result: string) =>
    invoke<FollowUp>('follow_up_complete', { id, done_date: doneDate, result }),
  followUpsOverdue: (asOf: string) => invoke<FollowUp[]>('follow_ups_overdue', { as_of: asOf }),

  // The plenary session (全会).
  sessionsList: (deleted = false) => invoke<SessionRow[]>('sessions_list', { deleted }),
  sessionGet: (id: string) => invoke<SessionDetail>('session_get', { id }),
  sessionSave: (input: SessionInput) => invoke<SessionDetail>('session_save', { input }),
  sessionDelete: (id: string) => invoke<null>('session_delete', { id }),
  sessionRestore: (id: string) => invoke<null>('session_restore', { id }),
  sittingSave: (input: SittingInput) => invoke<Sitting>('sitting_save', { input }),
  sittingDelete: (sittingId: string) => invoke<null>('sitting_delete', { sitting_id: sittingId }),
  sessionAttendees: (sessionId: string, query: AttendeeQuery) =>
    invoke<Attendee[]>('session_attendees', { session_id: sessionId, query }),
  /** No ids: every active member of the session's term. Returns how many were added. */
  sessionAddMembers: (sessionId: string, memberIds: string[]) =>
    invoke<number>('session_add_members', { session_id: sessionId, member_ids: memberIds }),
  sessionAddPerson: (input: PersonAttendeeInput) => invoke<Attendee>('session_add_person', { input }),
  sessionRemoveAttendee: (attendeeId: string) => invoke<null>('session_remove_attendee', { attendee_id: attendeeId }),
  sessionSetRostrum: (attendeeId: string, rostrum: boolean, protocolRank: number | null) =>
    invoke<Attendee>('session_set_rostrum', { attendee_id: attendeeId, rostrum, protocol_rank: protocolRank }),
  sessionCheckIn: (input: CheckInInput) => invoke<Attendee>('session_check_in', { input }),
  sessionCheckInItems: (attendeeId: string, items: string[]) =>
    invoke<Attendee>('session_check_in_items', { attendee_id: attendeeId, items }),
  sessionUndoCheckIn: (attendeeId: string) => invoke<Attendee>('session_undo_check_in', { attendee_id: attendeeId }),
  sessionCheckInCounts: (sessionId: string) => invoke<CheckInCounts>('session_check_in_counts', { session_id: sessionId }),
  sittingSignIn: (input: SittingSignInInput) => invoke<SittingSignInOutcome>('sitting_sign_in', { input }),
  sittingOutcomesSet: (sittingId: string, outcomes: SittingOutcomeInput[]) =>
    invoke<StatLine>('sitting_outcomes_set', { sitting_id: sittingId, outcomes }),
  sittingOutcomes: (sittingId: string) => invoke<SittingOutcome[]>('sitting_outcomes', { sitting_id: sittingId }),
  sittingFinalise: (sittingId: string) => invoke<StatLine>('sitting_finalise', { sitting_id: sittingId }),
  sittingMissing: (sittingId: string) => invoke<Attendee[]>('sitting_missing', { sitting_id: sittingId }),
  sessionLeaves: (sessionId: string, sittingId: string | null) =>
    invoke<SessionLeave[]>('session_leaves', { session_id: sessionId, sitting_id: sittingId }),
  sessionLeaveRequest: (input: SessionLeaveInput) => invoke<SessionLeave>('session_leave_request', { input }),
  sessionLeaveDecide: (decision: SessionLeaveDecision) => invoke<SessionLeave>('session_leave_decide', { decision }),
  sessionGroups: (sessionId: string) => invoke<DiscussionGroup[]>('session_groups', { session_id: sessionId }),
  sessionAutoGroup: (input: AutoGroupInput) => invoke<DiscussionGroup[]>('session_auto_group', { input }),
  sessionGroupAdd: (sessionId: string, name: string, room: string) =>
    invoke<DiscussionGroup>('session_group_add', { session_id: sessionId, name, room }),
  sessionGroupSave: (input: DiscussionGroupInput) => invoke<DiscussionGroup>('session_group_save', { input }),
  sessionMoveToGroup: (attendeeIds: string[], groupId: string | null) =>
    invoke<DiscussionGroup[]>('session_move_to_group', { attendee_ids: attendeeIds, group_id: groupId }),
  sessionSetConvenor: (attendeeId: string, convenor: boolean) =>
    invoke<DiscussionGroup[]>('session_set_convenor', { attendee_id: attendeeId, convenor }),
  hallLayouts: () => invoke<HallLayout[]>('hall_layouts'),
  hallLayoutSave: (input: HallLayoutInput) => invoke<HallLayout>('hall_layout_save', { input }),
  seatingChart: (sessionId: string) => invoke<SeatingChart>('seating_chart', { session_id: sessionId }),
  seatingAuto: (sessionId: string) => invoke<SeatingOutcome>('seating_auto', { session_id: sessionId }),
  seatMove: (input: SeatMoveInput) => invoke<SeatingChart>('seat_move', { input }),
  seatsSwap: (aId: string, bId: string) => invoke<SeatingChart>('seats_swap', { a_id: aId, b_id: bId }),
  sessionStats: (sessionId: string) => invoke<SessionStats>('session_stats', { session_id: sessionId }),
  sessionRooms: (sessionId: string) => invoke<Room[]>('session_rooms', { session_id: sessionId }),
  sessionRoomAdd: (input: RoomInput) => invoke<Room>('session_room_add', { input }),
  sessionRoomAssign: (input: AllocationInput) => invoke<null>('session_room_assign', { input }),
  sessionMealTables: (sessionId: string) => invoke<MealTable[]>('session_meal_tables', { session_id: sessionId }),
  sessionMealTableAdd: (input: MealTableInput) => invoke<MealTable>('session_meal_table_add', { input }),
  sessionTableAssign: (input: AllocationInput) => invoke<null>('session_table_assign', { input }),
  sessionVehicles: (sessionId: string, withPhone = false) =>
    invoke<Vehicle[]>('session_vehicles', { session_id: sessionId, with_phone: withPhone }),
  sessionVehicleAdd: (input: VehicleInput) => invoke<Vehicle>('session_vehicle_add', { input }),
  sessionVehicleAssign: (input: AllocationInput) => invoke<null>('session_vehicle_assign', { input }),
  /** One of a session's documents (.xlsx, or PDF for 座次表 and 座位票) in the export folder. */
  sessionExport: (request: SessionExportRequest) => invoke<ExportSummary>('session_export', { request }),
}

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
