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

export type RosterSort = "strokes" | "pinyin" | "sector";

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

export type ExportSummary = { rows: number, path: string, };
