// Generated from the Rust types in core/src/model.rs by core/src/bindings.rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p liaison-core --test bindings

export type AppError = { code: string, message: string, fields: Array<FieldError>, };

export type FieldError = { 
/**
 * The field's identifier, as in the input type (e.g. `id_number`).
 */
field: string, message: string, };

export type RefKind = "sector" | "party" | "committee" | "role" | "township";

export type RefItem = { id: string, kind: RefKind, name: string, sort: number, 
/**
 * Members (or groups, for townships) that use this item.
 */
used_by: number, };

export type RefInput = { id: string | null, kind: RefKind, name: string, sort: number | null, };

export type Term = { id: string, name: string, start_year: number, end_year: number, is_current: boolean, member_count: number, };

export type TermInput = { id: string | null, name: string, start_year: number, end_year: number, is_current: boolean, };

export type MemberStatus = "active" | "left";

export type MemberInput = { 
/**
 * None to create a member, Some to update one.
 */
id: string | null, name: string, 
/**
 * "男" or "女"; may be left empty when the ID number gives it.
 */
gender: string, ethnicity: string, 
/**
 * YYYY-MM-DD; may be left empty when the ID number gives it.
 */
birth_date: string, native_place: string, id_number: string, party_id: string | null, sector_id: string | null, committee_id: string | null, role_ids: Array<string>, term_ids: Array<string>, work_unit: string, job_title: string, professional_title: string, education: string, mobile: string, phone: string, address: string, postcode: string, 
/**
 * The liaison group in the current term, if any.
 */
group_id: string | null, status: MemberStatus | null, notes: string, 
/**
 * A data URL (image/png or image/jpeg), at most 2 MB.
 */
photo: string | null, };

export type MemberDetail = { id: string, name: string, gender: string, ethnicity: string, birth_date: string, native_place: string, id_number: string, party_id: string | null, party: string, sector_id: string | null, sector: string, committee_id: string | null, committee: string, role_ids: Array<string>, roles: Array<string>, term_ids: Array<string>, terms: Array<string>, work_unit: string, job_title: string, professional_title: string, education: string, mobile: string, phone: string, address: string, postcode: string, group_id: string | null, group: string, status: MemberStatus, notes: string, photo: string | null, name_pinyin: string, name_initials: string, created_at: string, updated_at: string, deleted_at: string | null, };

export type MemberRow = { id: string, name: string, gender: string, birth_date: string, ethnicity: string, party: string, sector: string, committee: string, roles: string, group: string, work_unit: string, job_title: string, mobile: string, id_number: string, status: MemberStatus, deleted: boolean, };

export type RosterSort = "strokes" | "pinyin" | "sector" | "group";

export type RosterQuery = { term_id: string | null, sector_id: string | null, party_id: string | null, group_id: string | null, committee_id: string | null, status: MemberStatus | null, 
/**
 * Name, full pinyin, pinyin initials, phone number or the tail of an ID number.
 */
search: string, sort: RosterSort, 
/**
 * Show the deleted members (the recycle bin) instead of the live ones.
 */
deleted: boolean, offset: number, 
/**
 * 0 means 50.
 */
limit: number, };

export type RosterPage = { total: number, rows: Array<MemberRow>, };

export type GroupRole = "leader" | "deputy" | "member";

export type GroupSummary = { id: string, term_id: string, name: string, township_id: string | null, township: string, 
/**
 * Names of the leader and deputies, leader first.
 */
leaders: Array<string>, contact_person: string, contact_phone: string, notes: string, member_count: number, };

export type GroupInput = { id: string | null, 
/**
 * None: the current term.
 */
term_id: string | null, name: string, township_id: string | null, contact_person: string, contact_phone: string, notes: string, };

export type GroupMember = { member_id: string, name: string, role: GroupRole, gender: string, sector: string, party: string, work_unit: string, mobile: string, };

export type GroupDetail = { group: GroupSummary, members: Array<GroupMember>, };

export type AuditEntry = { id: string, at: string, actor: string, entity: string, entity_id: string, action: string, 
/**
 * JSON: { field: [old, new] }; ID and phone numbers are masked.
 */
changes: string, };

export type AppInfo = { office_name: string, current_term: Term | null, db_path: string, schema_version: number, member_count: number, group_count: number, };

export type IdInfo = { 
/**
 * The number normalised to 18 characters (upper-case X).
 */
normalized: string, birth_date: string, gender: string, };

export type DemoSummary = { members: number, groups: number, 
/**
 * A year of activities with participation (see `activities::demo`).
 */
activities: number, };

export type MemberValidation = { input: MemberInput, errors: Array<FieldError>, };

export type RosterColumn = "name" | "gender" | "ethnicity" | "birth_date" | "native_place" | "party" | "sector" | "committee" | "role" | "group" | "work_unit" | "job_title" | "professional_title" | "education" | "mobile" | "phone" | "address" | "postcode" | "id_number" | "status" | "notes";

export type RosterColumnInfo = { column: RosterColumn, label: string, 
/**
 * In the default set (what an official roster usually shows).
 */
default: boolean, };

export type RosterExport = { query: RosterQuery, columns: Array<RosterColumn>, with_id: boolean, with_phone: boolean, 
/**
 * 王伟 → 王　伟 (U+3000 between the characters), as official rosters print them.
 */
pad_two_char_names: boolean, };

export type ExportSummary = { 
/**
 * Data rows written (for the group lists: the members on all the groups' sheets).
 */
rows: number, path: string, };

export type ContactsExport = { query: RosterQuery, with_phone: boolean, 
/**
 * 王伟 → 王　伟, as in the roster.
 */
pad_two_char_names: boolean, };

export type GroupListExport = { 
/**
 * None: the current term.
 */
term_id: string | null, with_phone: boolean, 
/**
 * 王伟 → 王　伟, as in the roster.
 */
pad_two_char_names: boolean, };

export type DocumentKind = "visit-checklist" | "sign-in" | "attendance" | "inspection-plan";

export type DocumentFormat = "pdf" | "xlsx";

export type DocumentExport = { kind: DocumentKind, 
/**
 * The visit round's id (visit checklist) or the activity's id (the others).
 */
id: string, format: DocumentFormat, 
/**
 * Phone numbers in full (the visitors need them to call ahead); masked otherwise.
 */
with_phone: boolean, };

export type ImportOutcome = "new" | "update" | "unchanged" | "skipped" | "error";

export type RowIssue = { 
/**
 * Stable: id_checksum, id_precision_lost, id_format, id_birth_date, duplicate_in_file, missing_name,
 * missing_sector, birth_mismatch, gender_mismatch, date_format, date_ambiguous, phone_format,
 * unknown_sector, unknown_party, unknown_committee, unknown_role, unknown_group, invalid_value.
 */
code: string, message: string, 
/**
 * The column letter (D), when the problem is in one cell.
 */
column: string | null, };

export type ImportRow = { sheet: string, 
/**
 * 1-based, as Excel shows it.
 */
row: number, outcome: ImportOutcome, 
/**
 * For errors: the first issue's code; for skipped rows: why (blank, title, header, totals, note).
 */
code: string | null, 
/**
 * Chinese: the reason (errors, skipped) or what changes (updates: 更新：手机、工作单位).
 */
message: string, 
/**
 * For errors: the first issue's column letter.
 */
column: string | null, issues: Array<RowIssue>, 
/**
 * The member's name as read (cleaned).
 */
name: string, 
/**
 * The existing member updated or left unchanged.
 */
member_id: string | null, 
/**
 * The labels of the fields an update changes.
 */
changes: Array<string>, 
/**
 * For errors: the row's cells as the sheet shows them (for the error report).
 */
values: Array<string>, };

export type ImportSummary = { new: number, update: number, unchanged: number, skipped: number, error: number, };

export type SheetColumn = { index: number, letter: string, header: string, field: RosterColumn | null, 
/**
 * How the field was chosen: "auto" (a known header), "remembered" (the user's earlier choice),
 * "chosen" (this import's choice), "none".
 */
source: string, };

export type ImportSheet = { name: string, 
/**
 * 1-based; None when no header row was found.
 */
header_row: number | null, columns: Array<SheetColumn>, data_rows: number, 
/**
 * Why the sheet is not imported, if it is not.
 */
note: string, };

export type UnknownValue = { 
/**
 * sector, party, committee, role or group.
 */
kind: string, 
/**
 * 界别, 政治面貌 …
 */
label: string, value: string, rows: number, };

export type ColumnChoice = { sheet: string, index: number, field: RosterColumn | null, };

export type ImportOptions = { 
/**
 * Column mapping chosen in the wizard (overrides the automatic one; remembered on commit).
 */
columns: Array<ColumnChoice>, 
/**
 * Add the unknown sectors, parties, committees, roles and groups to the lists on commit.
 */
add_unknown: boolean, 
/**
 * The sector of new members whose row gives none.
 */
default_sector_id: string | null, 
/**
 * Sheets not to import.
 */
skip_sheets: Array<string>, };

export type ImportPreview = { file: string, 
/**
 * The term new members join (the current one).
 */
term: string, sheets: Array<ImportSheet>, summary: ImportSummary, rows: Array<ImportRow>, unknown: Array<UnknownValue>, 
/**
 * Whether this is the result of a commit that wrote the rows.
 */
committed: boolean, };

export type ImportProgress = { stage: string, done: number, total: number, };

export type ActivityKind = "visit" | "inspection" | "research" | "forum" | "group" | "study" | "standing" | "chair" | "plenary";

export type ActivityStatus = "planned" | "notified" | "ongoing" | "done" | "cancelled";

export type Organiser = "office" | "group" | "committee";

export type SignupMode = "required" | "signup";

export type InspectionMethod = "briefing" | "site_visit" | "discussion";

export type FourFixed = "time" | "place" | "content" | "responsible";

export type PersonKind = "member" | "staff" | "leader";

export type ParticipantRole = "attendee" | "lead" | "host" | "speaker";

export type Attendance = "present" | "leave" | "absent" | "late";

export type LeaveStatus = "pending" | "approved" | "refused";

export type VisitTarget = "member" | "party_office" | "county_cppcc" | "unit" | "workplace";

export type VisitPurpose = "work" | "duties" | "sector_views" | "difficulties";

export type FollowUpStatus = "open" | "done";

export type Relation = "participant" | "visited";

export type ActivityInput = { 
/**
 * None to create, Some to update.
 */
id: string | null, kind: ActivityKind, title: string, 
/**
 * YYYY-MM-DD
 */
date: string, 
/**
 * HH:MM
 */
time: string, 
/**
 * YYYY-MM-DD, for an activity over several days.
 */
end_date: string, end_time: string, place: string, content: string, responsible: string, 
/**
 * 联系人及电话, printed in the notice.
 */
contact: string, organiser: Organiser, 
/**
 * The organising liaison group (organiser `group`).
 */
group_id: string | null, 
/**
 * The organising committee (organiser `committee`).
 */
committee_id: string | null, 
/**
 * 总结, or the report of an inspection or research trip.
 */
summary: string, suggestions: string, methods: Array<InspectionMethod>, vehicles: string, meals: string, signup_mode: SignupMode, 
/**
 * YYYY-MM-DD or YYYY-MM-DD HH:MM
 */
signup_deadline: string, 
/**
 * The material studied (学习会).
 */
material: string, };

export type ActivityRow = { id: string, kind: ActivityKind, title: string, 
/**
 * YYYY-MM-DD; None while not fixed.
 */
date: string | null, time: string, end_date: string | null, end_time: string, place: string, responsible: string, status: ActivityStatus, organiser: Organiser, 
/**
 * 联络办, or the group's or committee's name.
 */
organiser_name: string, group_id: string | null, committee_id: string | null, 
/**
 * Visits: the round they belong to.
 */
round_id: string | null, 
/**
 * Visits: the round's title.
 */
round: string | null, 
/**
 * Visits: whom (the member's name, or the office or unit).
 */
target: string, 
/**
 * Members invited (not counting walk-ins).
 */
invited: number, 
/**
 * Present or late.
 */
attended: number, 
/**
 * The 四落实 fields not fixed yet (empty: complete).
 */
missing: Array<FourFixed>, deleted: boolean, };

export type ActivityQuery = { kind: ActivityKind | null, status: ActivityStatus | null, 
/**
 * YYYY-MM-DD: activities ending on or after this day.
 */
from: string, 
/**
 * YYYY-MM-DD: activities starting on or before this day.
 */
to: string, organiser: Organiser | null, group_id: string | null, committee_id: string | null, 
/**
 * Activities this member takes part in or is visited in.
 */
member_id: string | null, round_id: string | null, 
/**
 * Words in the title, place or content.
 */
search: string, 
/**
 * Only activities missing a 四落实 field.
 */
incomplete: boolean, 
/**
 * The deleted ones (recycle bin) instead of the live ones.
 */
deleted: boolean, };

export type AttendanceSummary = { 
/**
 * Members on the notice.
 */
invited: number, 
/**
 * Members added at sign-in.
 */
walk_ins: number, signed_up: number, declined: number, present: number, late: number, leave: number, absent: number, 
/**
 * Members with no outcome yet.
 */
unrecorded: number, pending_leave: number, 
/**
 * The attendance has been confirmed.
 */
finalised: boolean, };

export type ActivityDetail = { activity: ActivityRow, content: string, contact: string, summary: string, suggestions: string, methods: Array<InspectionMethod>, vehicles: string, meals: string, signup_mode: SignupMode, signup_deadline: string | null, material: string, attendance_final_at: string | null, created_at: string, updated_at: string, deleted_at: string | null, 
/**
 * Visits: whom, why, and the outcome.
 */
visit: Visit | null, stops: Array<Stop>, attachments: Array<Attachment>, follow_ups: Array<FollowUp>, attendance: AttendanceSummary, };

export type Participant = { id: string, activity_id: string, member_id: string | null, name: string, person_kind: PersonKind, role: ParticipantRole, team: string, 
/**
 * On the notice (false: added at sign-in).
 */
invited: boolean, 
/**
 * Some(true) signed up, Some(false) declined, None no answer.
 */
signup: boolean | null, attendance: Attendance | null, 
/**
 * YYYY-MM-DD HH:MM, local time.
 */
signed_in_at: string | null, proxy: string, 
/**
 * The latest leave request's status.
 */
leave: LeaveStatus | null, 
/**
 * The member's liaison group (current term) and sector.
 */
group: string, sector: string, };

export type InviteInput = { activity_id: string, member_ids: Array<string>, group_id: string | null, role: ParticipantRole, team: string, };

export type InviteOutcome = { added: number, 
/**
 * Already on the list (left as they were).
 */
already: number, };

export type PersonInput = { activity_id: string, name: string, person_kind: PersonKind, role: ParticipantRole, team: string, };

export type SignInInput = { activity_id: string, member_ids: Array<string>, 
/**
 * Mark them 迟到 instead of 出席.
 */
late: boolean, 
/**
 * Add members not on the list (现场增加) instead of refusing them.
 */
walk_in: boolean, 
/**
 * Who signed in on their behalf (代签).
 */
proxy: string, 
/**
 * HH:MM on the activity's day; empty: now.
 */
time: string, };

export type SignInOutcome = { signed_in: number, 
/**
 * Already signed in (left as they were).
 */
already: number, 
/**
 * Added at the door.
 */
walk_ins: number, };

export type LeaveInput = { activity_id: string, member_id: string, reason: string, 
/**
 * Who is to approve it (may be left for the decision).
 */
approver: string, };

export type LeaveDecision = { leave_id: string, approve: boolean, approver: string, note: string, };

export type LeaveRequest = { id: string, activity_id: string, participant_id: string, member_id: string | null, name: string, reason: string, approver: string, status: LeaveStatus, requested_at: string, decided_at: string | null, decision_note: string, };

export type OutcomeInput = { participant_id: string, attendance: Attendance | null, };

export type VisitInput = { 
/**
 * The visit's activity id: None to add a visit, Some to edit one.
 */
id: string | null, target_kind: VisitTarget, 
/**
 * The member visited (targets `member` and `workplace`).
 */
member_id: string | null, 
/**
 * The office or unit visited (other targets); for `workplace`, empty means the member's work unit.
 */
target_name: string, address: string, phone: string, 
/**
 * Planned date, YYYY-MM-DD.
 */
date: string, time: string, purposes: Array<VisitPurpose>, 
/**
 * More about the purpose, in words.
 */
purpose_note: string, 
/**
 * Who visits (leaders, staff), e.g. 张主席、办公室李明.
 */
visitors: string, 
/**
 * Empty: the first of the visitors.
 */
responsible: string, };

export type VisitRoundInput = { id: string | null, title: string, notes: string, visits: Array<VisitInput>, };

export type Visit = { activity_id: string, round_id: string | null, round: string | null, status: ActivityStatus, target_kind: VisitTarget, member_id: string | null, 
/**
 * Whom: the member's name (with the workplace for `workplace`), or the office or unit.
 */
target: string, target_name: string, address: string, phone: string, date: string | null, time: string, purposes: Array<VisitPurpose>, purpose_note: string, visitors: string, responsible: string, done_date: string | null, findings: string, opinions: string, difficulties: string, follow_ups: Array<FollowUp>, missing: Array<FourFixed>, };

export type VisitRoundSummary = { id: string, title: string, notes: string, total: number, done: number, cancelled: number, 
/**
 * Distinct members visited (targets `member` and `workplace`, visits done).
 */
members_visited: number, first_date: string | null, last_date: string | null, };

export type VisitRound = { round: VisitRoundSummary, 
/**
 * In planned-date order.
 */
visits: Array<Visit>, };

export type VisitOutcomeInput = { activity_id: string, 
/**
 * YYYY-MM-DD, not after today.
 */
done_date: string, findings: string, opinions: string, difficulties: string, 
/**
 * Follow-ups to add.
 */
follow_ups: Array<FollowUpInput>, };

export type FollowUpInput = { id: string | null, activity_id: string, content: string, owner: string, 
/**
 * YYYY-MM-DD
 */
due_date: string, };

export type FollowUp = { id: string, activity_id: string, activity_title: string, kind: ActivityKind, 
/**
 * Visits: whom.
 */
target: string, content: string, owner: string, due_date: string, status: FollowUpStatus, done_at: string | null, result: string, 
/**
 * Days past the due date (as of the day asked, else today); 0 when not overdue.
 */
days_overdue: number, };

export type StopInput = { 
/**
 * YYYY-MM-DD; empty: the activity's day.
 */
date: string, 
/**
 * HH:MM
 */
time: string, place: string, host_unit: string, 
/**
 * 接待联系人及电话
 */
host_contact: string, note: string, };

export type Stop = { id: string, 
/**
 * 1, 2, 3 … in schedule order.
 */
seq: number, date: string | null, time: string, place: string, host_unit: string, host_contact: string, note: string, };

export type ReflectionInput = { id: string | null, activity_id: string, member_id: string, title: string, body: string, file_path: string, };

export type Reflection = { id: string, activity_id: string, activity_title: string, member_id: string, member_name: string, group: string, title: string, body: string, file_path: string, created_at: string, };

export type ReflectionCount = { 
/**
 * The member's or group's id; None for members in no group.
 */
id: string | null, name: string, count: number, };

export type ReflectionCounts = { total: number, 
/**
 * Most first, then stroke order.
 */
by_member: Array<ReflectionCount>, 
/**
 * In the groups' display order; members in no group last.
 */
by_group: Array<ReflectionCount>, };

export type AttachmentInput = { activity_id: string, path: string, label: string, };

export type Attachment = { id: string, path: string, 
/**
 * Empty: the file's name.
 */
label: string, created_at: string, };

export type MemberActivity = { activity_id: string, kind: ActivityKind, title: string, date: string | null, status: ActivityStatus, relation: Relation, role: ParticipantRole | null, attendance: Attendance | null, };

export type YearKindCount = { year: number, kind: ActivityKind, 
/**
 * Activities the member was on the list of (or visited in).
 */
records: number, 
/**
 * Present or late.
 */
attended: number, leave: number, absent: number, 
/**
 * Visits the member received (done).
 */
visited: number, };

export type MemberHistory = { member_id: string, name: string, 
/**
 * Newest first; activities with no date last.
 */
activities: Array<MemberActivity>, 
/**
 * Newest year first, kinds in their order.
 */
counts: Array<YearKindCount>, };

export type AgendaDay = { 
/**
 * YYYY-MM-DD
 */
date: string, 
/**
 * 1 Monday … 7 Sunday.
 */
weekday: number, 
/**
 * Every activity on that day (those over several days on each of them), by time.
 */
activities: Array<ActivityRow>, };

export type AgendaMonth = { year: number, month: number, days: Array<AgendaDay>, };

export type SittingKind = "preparatory" | "opening" | "group" | "speech" | "plenary" | "closing" | "other";

export type HalfDay = "am" | "pm" | "eve";

export type AttendeeKind = "member" | "observer" | "staff";

export type DiscussionRole = "convenor" | "member";

export type ApproverLevel = "convenor" | "secretariat";

export type SeatArea = "hall" | "rostrum";

export type SessionDocument = "check_in" | "sign_in" | "groups" | "seating" | "leave" | "rooms" | "meals" | "vehicles" | "attendance" | "seat_tickets";

export type SessionInput = { id: string | null, 
/**
 * 政协第十五届第三次会议
 */
name: string, start_date: string, end_date: string, place: string, 
/**
 * None: the current term (used when creating only).
 */
term_id: string | null, 
/**
 * The leave rule: requests of at most this many half-days may be decided by the group's convenor
 * (longer ones by the secretariat). None: 1 (half a day).
 */
convenor_max_half_days: number | null, 
/**
 * What the check-in desk hands out (出席证, 会议材料, 餐券 …). Empty: those three.
 */
check_in_items: Array<string>, layout_id: string | null, };

export type SessionRow = { id: string, activity_id: string, name: string, term: string, start_date: string, end_date: string, place: string, sittings: number, 
/**
 * Attendees by kind.
 */
members: number, observers: number, staff: number, checked_in: number, groups: number, seated: number, deleted: boolean, };

export type SessionDetail = { session: SessionRow, term_id: string, convenor_max_half_days: number, check_in_items: Array<string>, layout_id: string | null, sittings: Array<Sitting>, groups: Array<DiscussionGroup>, };

export type SittingInput = { id: string | null, session_id: string, kind: SittingKind, 
/**
 * Empty: the kind's label (开幕会 …).
 */
title: string, date: string, half: HalfDay, start_time: string, end_time: string, 
/**
 * Empty: the session's place.
 */
place: string, };

export type Sitting = { id: string, session_id: string, kind: SittingKind, title: string, date: string, half: HalfDay, start_time: string, end_time: string, place: string, 
/**
 * Its attendance has been confirmed.
 */
finalised: boolean, };

export type Attendee = { id: string, session_id: string, kind: AttendeeKind, member_id: string | null, name: string, gender: string, sector: string, 
/**
 * 政协职务, joined (副主席、常委).
 */
roles: string, unit: string, 
/**
 * The mobile number masked (138****5678); the desk matches the tail.
 */
mobile: string, group_id: string | null, group: string, group_role: DiscussionRole, rostrum: boolean, protocol_rank: number | null, 
/**
 * 报到: when (YYYY-MM-DD HH:MM), by whom on their behalf, what was handed out.
 */
checked_in_at: string | null, proxy: string, items: Array<string>, };

export type AttendeeQuery = { search: string, kind: AttendeeKind | null, group_id: string | null, 
/**
 * Some(true): only those checked in; Some(false): only those not yet.
 */
checked_in: boolean | null, 
/**
 * At most this many (0: all).
 */
limit: number, };

export type PersonAttendeeInput = { session_id: string, kind: AttendeeKind, name: string, unit: string, mobile: string, };

export type CheckInInput = { attendee_id: string, 
/**
 * Who checked in on the attendee's behalf (代报到); empty: in person.
 */
proxy: string, 
/**
 * What was handed out (of the session's check-in items).
 */
items: Array<string>, 
/**
 * YYYY-MM-DD HH:MM or HH:MM (today); empty: now.
 */
time: string, };

export type ItemCount = { item: string, handed: number, };

export type CheckInCounts = { 
/**
 * Everyone on the list, and of them the members.
 */
expected: number, checked_in: number, members_expected: number, members_checked_in: number, by_proxy: number, items: Array<ItemCount>, };

export type SessionLeaveInput = { attendee_id: string, 
/**
 * None: the whole session.
 */
sitting_id: string | null, reason: string, };

export type SessionLeaveDecision = { leave_id: string, approve: boolean, 
/**
 * In what capacity the approver decides.
 */
level: ApproverLevel, 
/**
 * The approver's name (for a convenor: a convenor of the member's group).
 */
approver: string, note: string, };

export type SessionLeave = { id: string, attendee_id: string, name: string, group: string, sitting_id: string | null, 
/**
 * The sitting's label, or 全程.
 */
period: string, half_days: number, reason: string, 
/**
 * Who must decide it under the session's rule.
 */
approver_level: ApproverLevel, approver: string, decided_by: ApproverLevel | null, status: LeaveStatus, requested_at: string, decided_at: string | null, decision_note: string, };

export type SittingSignInInput = { sitting_id: string, attendee_ids: Array<string>, 
/**
 * 迟到 instead of 出席.
 */
late: boolean, 
/**
 * Who signed in on their behalf (代签).
 */
proxy: string, 
/**
 * HH:MM on the sitting's day; empty: now.
 */
time: string, };

export type SittingSignInOutcome = { signed_in: number, 
/**
 * Already signed in (left as they were).
 */
already: number, };

export type SittingOutcomeInput = { attendee_id: string, outcome: Attendance | null, };

export type SittingOutcome = { attendee_id: string, outcome: Attendance | null, 
/**
 * When they signed in, local time YYYY-MM-DD HH:MM (None: not signed in, or set by hand without a time).
 */
signed_at: string | null, 
/**
 * Who signed in on their behalf (代签), or empty.
 */
proxy: string, };

export type DiscussionGroup = { id: string, session_id: string, seq: number, name: string, room: string, convenors: Array<string>, size: number, 
/**
 * The sectors in the group, largest first.
 */
sectors: Array<string>, };

export type AutoGroupInput = { session_id: string, groups: number, 
/**
 * Rooms of the groups in order; missing ones are left blank.
 */
rooms: Array<string>, 
/**
 * Convenors chosen per group (0: 1).
 */
convenors_per_group: number, };

export type DiscussionGroupInput = { id: string, name: string, room: string, };

export type HallLayoutInput = { id: string | null, name: string, rows: number, 
/**
 * Grid columns per row, aisles included.
 */
seat_columns: number, 
/**
 * Grid columns (1-based) that are aisles.
 */
aisle_columns: Array<number>, 
/**
 * Names of the blocks between aisles, left to right (左区, 中区, 右区).
 */
section_names: Array<string>, rostrum_rows: number, rostrum_seats: number, };

export type HallLayout = { id: string, name: string, rows: number, seat_columns: number, aisle_columns: Array<number>, section_names: Array<string>, rostrum_rows: number, rostrum_seats: number, 
/**
 * Seats in the hall (aisles left out) and on the rostrum.
 */
hall_capacity: number, rostrum_capacity: number, };

export type Seat = { attendee_id: string, name: string, group: string, area: SeatArea, 
/**
 * Grid row and column (1-based; hall: front row first; rostrum: row 1 is the front row).
 */
row: number, col: number, 
/**
 * The seat's number in its row, aisles not counted (the number on the seat ticket).
 */
number: number, section: string, };

export type SeatingChart = { session_id: string, layout: HallLayout | null, seats: Array<Seat>, 
/**
 * Members and observers with no seat.
 */
unseated: Array<string>, };

export type SeatingOutcome = { hall: number, rostrum: number, };

export type SeatMoveInput = { attendee_id: string, area: SeatArea, row: number, col: number, };

export type StatLine = { label: string, expected: number, present: number, late: number, leave: number, absent: number, unrecorded: number, 
/**
 * Percent, one decimal (0 when nothing is expected).
 */
rate: number, };

export type SessionStats = { sittings: Array<StatLine>, groups: Array<StatLine>, sectors: Array<StatLine>, total: StatLine, };

export type Guest = { attendee_id: string, name: string, gender: string, group: string, };

export type RoomInput = { session_id: string, hotel: string, room_no: string, beds: number, };

export type Room = { id: string, hotel: string, room_no: string, beds: number, guests: Array<Guest>, };

export type MealTableInput = { session_id: string, table_no: number, place: string, seats: number, };

export type MealTable = { id: string, table_no: number, place: string, seats: number, guests: Array<Guest>, };

export type VehicleInput = { session_id: string, 
/**
 * 1号车
 */
label: string, plate: string, driver: string, driver_phone: string, seats: number, route: string, };

export type Vehicle = { id: string, label: string, plate: string, driver: string, 
/**
 * Masked unless the caller asks for numbers.
 */
driver_phone: string, seats: number, route: string, passengers: Array<Guest>, };

export type AllocationInput = { target_id: string | null, attendee_ids: Array<string>, };

export type SessionExport = { session_id: string, document: SessionDocument, 
/**
 * 签到表: one sitting; None: every sitting, one sheet each.
 */
sitting_id: string | null, with_phone: boolean, 
/**
 * .xlsx (every document) or PDF (座次表 and 座位票, where the layout matters).
 */
format: DocumentFormat, };
