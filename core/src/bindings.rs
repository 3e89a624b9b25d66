//! The TypeScript declarations of every type that crosses IPC, generated from the Rust types with ts-rs.
//! `ui/src/bindings.ts` is this text; `tests/bindings.rs` fails when the file is stale
//! (regenerate: `UPDATE_BINDINGS=1 cargo test -p liaison-core --test bindings`).

use crate::documents::{DocumentExport, DocumentFormat, DocumentKind};
use crate::error::{AppError, FieldError};
use crate::export::{ContactsExport, ExportSummary, RosterColumn, RosterColumnInfo, RosterExport};
use crate::export_lists::GroupListExport;
use crate::import::{
    ColumnChoice, ImportOptions, ImportOutcome, ImportPreview, ImportProgress, ImportRow, ImportSheet, ImportSummary,
    RowIssue, SheetColumn, UnknownValue,
};
use crate::model::*;
use ts_rs::{Config, TS};

macro_rules! decls {
    ($cfg:expr, $($t:ty),* $(,)?) => {{
        let mut out = String::new();
        $( out.push_str("export "); out.push_str(&<$t as TS>::decl($cfg)); out.push_str("\n\n"); )*
        out
    }};
}

pub fn typescript() -> String {
    let cfg = Config::default();
    let body = decls!(
        &cfg,
        AppError,
        FieldError,
        RefKind,
        RefItem,
        RefInput,
        Term,
        TermInput,
        MemberStatus,
        MemberInput,
        MemberDetail,
        MemberRow,
        RosterSort,
        RosterQuery,
        RosterPage,
        GroupRole,
        GroupSummary,
        GroupInput,
        GroupMember,
        GroupDetail,
        AuditEntry,
        AppInfo,
        IdInfo,
        DemoSummary,
        MemberValidation,
        RosterColumn,
        RosterColumnInfo,
        RosterExport,
        ExportSummary,
        ContactsExport,
        GroupListExport,
        DocumentKind,
        DocumentFormat,
        DocumentExport,
        ImportOutcome,
        RowIssue,
        ImportRow,
        ImportSummary,
        SheetColumn,
        ImportSheet,
        UnknownValue,
        ColumnChoice,
        ImportOptions,
        ImportPreview,
        ImportProgress,
        // Activities (活动)
        ActivityKind,
        ActivityStatus,
        Organiser,
        SignupMode,
        InspectionMethod,
        FourFixed,
        PersonKind,
        ParticipantRole,
        Attendance,
        LeaveStatus,
        VisitTarget,
        VisitPurpose,
        FollowUpStatus,
        Relation,
        ActivityInput,
        ActivityRow,
        ActivityQuery,
        AttendanceSummary,
        ActivityDetail,
        Participant,
        InviteInput,
        InviteOutcome,
        PersonInput,
        SignInInput,
        SignInOutcome,
        LeaveInput,
        LeaveDecision,
        LeaveRequest,
        OutcomeInput,
        VisitInput,
        VisitRoundInput,
        Visit,
        VisitRoundSummary,
        VisitRound,
        VisitOutcomeInput,
        FollowUpInput,
        FollowUp,
        StopInput,
        Stop,
        ReflectionInput,
        Reflection,
        ReflectionCount,
        ReflectionCounts,
        AttachmentInput,
        Attachment,
        MemberActivity,
        YearKindCount,
        MemberHistory,
        AgendaDay,
        AgendaMonth,
    );
    format!("// Generated from the Rust types in core/src/model.rs by core/src/bindings.rs. Do not edit.\n// Regenerate: UPDATE_BINDINGS=1 cargo test -p liaison-core --test bindings\n\n{}", body.trim_end())
        + "\n"
}
