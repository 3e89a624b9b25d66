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

export type DemoSummary = { members: number, groups: number, };

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
