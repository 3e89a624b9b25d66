//! The search's types that cross IPC (and `--json`).

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// What kind of text a search hit is. A new kind is one variant here and one `Source` in
    /// `search::SOURCES`.
    SearchKind {
        Proposal = "proposal", "提案";
        Speech = "speech", "大会发言";
        Opinion = "opinion", "社情民意";
    }
}

/// A search: the words (all of them must occur; 1 or 2 characters work too) and the filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct SearchQuery {
    pub text: String,
    /// Kinds to search (empty: every kind).
    pub kinds: Vec<SearchKind>,
    /// A state code of the kind (`accepted`, `delivered` …).
    pub state: Option<String>,
    pub year: Option<i32>,
    /// A sector's name (the lead submitter's 界别).
    pub sector: Option<String>,
    /// Part of a submitter's name.
    pub submitter: Option<String>,
    /// Hits per kind (default 20).
    pub limit: Option<u32>,
}

/// A piece of a snippet or a title: `hit` where the words matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TextPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    pub year: Option<i32>,
    pub state: String,
    /// The state's Chinese label.
    pub state_label: String,
    pub sector: String,
    pub submitter: String,
    pub title: String,
    pub title_parts: Vec<TextPart>,
    /// Around the first match in the text (or its beginning), the matches marked.
    pub snippet: Vec<TextPart>,
}

/// The hits of one kind, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SearchGroup {
    pub kind: SearchKind,
    pub total: u32,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SearchResult {
    pub total: u32,
    pub groups: Vec<SearchGroup>,
}
