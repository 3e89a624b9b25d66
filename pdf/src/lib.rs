//! liaison-pdf: printable documents typeset with Typst, used as a library.
//!
//! A document is a Typst template (a file in `templates/`, compiled into the binary) and its data as
//! JSON; the template reads the data with `json("data.json")` and the shared page setup from
//! `common.typ`. Text is set in the system's CJK fonts, chosen by a preference list per platform
//! ([`FONT_PREFERENCE`]) and subset into the PDF. Nothing here knows the domain: the caller (crate
//! liaison-core) gathers the data and names the template.
//!
//! Why a crate of its own: Typst adds ~40 MB and minutes to a cold build; the domain's crate depends
//! on this one behind a feature, so its tests can build without it, and changes to the domain do not
//! rebuild it.

use std::fmt;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Array, Bytes, Datetime, Dict, IntoValue, Str, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

/// The templates, by name: the markup compiled into the binary.
const TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../templates/common.typ")),
    ("visit-checklist.typ", include_str!("../templates/visit-checklist.typ")),
    ("visit-summary.typ", include_str!("../templates/visit-summary.typ")),
    ("sign-in.typ", include_str!("../templates/sign-in.typ")),
    ("attendance.typ", include_str!("../templates/attendance.typ")),
    ("inspection-plan.typ", include_str!("../templates/inspection-plan.typ")),
    ("seating.typ", include_str!("../templates/seating.typ")),
    ("seat-tickets.typ", include_str!("../templates/seat-tickets.typ")),
    ("lists.typ", include_str!("../templates/lists.typ")),
    ("passes.typ", include_str!("../templates/passes.typ")),
    ("bulletin.typ", include_str!("../templates/bulletin.typ")),
    ("opinion-review.typ", include_str!("../templates/opinion-review.typ")),
    ("dossier.typ", include_str!("../templates/dossier.typ")),
];

/// CJK font families to set text in, best first: the official-document faces of Windows (仿宋, 宋体),
/// then macOS's, then what Linux distributions ship. The first one installed is used for body text;
/// the rest stay as fallbacks for characters it lacks.
pub const FONT_PREFERENCE: &[&str] = &[
    // Windows
    "SimSun",
    "FangSong",
    "Microsoft YaHei",
    "SimHei",
    // macOS
    "Songti SC",
    "STSong",
    "PingFang SC",
    "Heiti SC",
    // Linux and anywhere Noto / Source Han are installed
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "AR PL SungtiL GB",
    "Droid Sans Fallback",
];

/// Families for titles and headings (黑体-like faces, which have a visibly heavier stroke than 宋体,
/// since Typst does not embolden a face that has no bold). Unknown ones fall back to the body fonts.
pub const HEADING_PREFERENCE: &[&str] = &[
    "SimHei",
    "Microsoft YaHei",
    "Heiti SC",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
];

/// Why a document could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No font from [`FONT_PREFERENCE`] is installed.
    NoCjkFont,
    /// The template is not one of ours (a programming error).
    UnknownTemplate(String),
    /// Typst refused the template or the data (a programming error: the message is for developers).
    Typeset(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NoCjkFont => write!(
                f,
                "未找到可用的中文字体，无法生成 PDF。请安装宋体、仿宋或微软雅黑（Windows）、宋体-简（macOS），\
                 或 Noto CJK / 文泉驿字体（Linux：sudo apt install fonts-noto-cjk 或 fonts-wqy-microhei）；\
                 也可以改为导出 Excel。"
            ),
            PdfError::UnknownTemplate(t) => write!(f, "没有名为 {t} 的打印模板"),
            PdfError::Typeset(m) => write!(f, "排版 PDF 时出错：{m}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The system's fonts, scanned once per process (a few hundred ms on a machine with many fonts).
struct Fonts {
    store: FontStore,
    /// The installed families of [`FONT_PREFERENCE`], in its order.
    cjk: Vec<String>,
    /// The installed families of [`HEADING_PREFERENCE`], then the body fonts.
    heading: Vec<String>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::system());
        // Extra fonts for machines where the user cannot install any (a folder of .ttf/.otf/.ttc).
        if let Some(dir) = std::env::var_os("LIAISON_FONT_DIR") {
            store.extend(typst_kit::fonts::scan(std::path::Path::new(&dir)));
        }
        let book = store.book();
        let installed = |list: &[&str]| -> Vec<String> {
            list.iter().filter(|f| book.contains_family(&f.to_lowercase())).map(|f| f.to_string()).collect()
        };
        let cjk = installed(FONT_PREFERENCE);
        let mut heading = installed(HEADING_PREFERENCE);
        heading.extend(cjk.iter().filter(|f| !heading.contains(f)).cloned().collect::<Vec<_>>());
        Fonts { store, cjk, heading }
    })
}

/// The CJK font families found on this machine, best first (empty: PDFs cannot be made).
pub fn cjk_fonts() -> &'static [String] {
    &fonts().cjk
}

/// One compilation: the template as the main file, its data, the shared fonts.
struct Job {
    library: LazyHash<Library>,
    main: FileId,
    data: Bytes,
    today: Datetime,
}

fn file_id(name: &str) -> FileId {
    let vpath = VirtualPath::new(format!("/{name}")).expect("template names are plain file names");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

fn file_name(id: FileId) -> String {
    id.vpath().get_without_slash().to_string()
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        fonts().store.book()
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        let name = file_name(id);
        TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Source::new(id, text.to_string()))
            .ok_or_else(|| FileError::NotFound(name.into()))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let name = file_name(id);
        if name == "data.json" {
            return Ok(self.data.clone());
        }
        self.source(id).map(|s| Bytes::from_string(s.text().to_string()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().store.font(index)
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Typeset `template` (e.g. `"visit-checklist"`) with `data_json` (what the template reads as
/// `json("data.json")`) and return the PDF's bytes. The template also gets `sys.inputs.fonts`, the
/// CJK families for text and `sys.inputs.heading-fonts` for titles.
pub fn render(template: &str, data_json: &str) -> Result<Vec<u8>, PdfError> {
    let main_name = format!("{template}.typ");
    if !TEMPLATES.iter().any(|(n, _)| *n == main_name) || template == "common" {
        return Err(PdfError::UnknownTemplate(template.to_string()));
    }
    let cjk = cjk_fonts();
    if cjk.is_empty() {
        return Err(PdfError::NoCjkFont);
    }
    let mut inputs = Dict::new();
    let list = |fs: &[String]| Value::Array(fs.iter().map(|f| Str::from(f.as_str()).into_value()).collect::<Array>());
    inputs.insert("fonts".into(), list(cjk));
    inputs.insert("heading-fonts".into(), list(&fonts().heading));
    let now = chrono::Local::now().date_naive();
    let today = {
        use chrono::Datelike;
        Datetime::from_ymd(now.year(), now.month() as u8, now.day() as u8).expect("a real date")
    };
    let job = Job {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main: file_id(&main_name),
        data: Bytes::from_string(data_json.to_string()),
        today,
    };
    let warned = typst::compile::<PagedDocument>(&job);
    let doc = warned.output.map_err(|errs| PdfError::Typeset(describe(&job, &errs[..])))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|errs| PdfError::Typeset(describe(&job, &errs[..])))
}

/// Drop what Typst memoised for documents typeset a while ago (its cache is process-wide and grows with
/// every document of different data: about 0.8 MB a performance file). A long batch calls it as it goes;
/// what every document shares (the templates, the fonts) is used again at once and stays.
pub fn trim_cache() {
    typst::comemo::evict(4);
}

/// Typst's errors with where they are (template:line), for the developer who broke a template.
fn describe(job: &Job, diags: &[typst::diag::SourceDiagnostic]) -> String {
    use typst::WorldExt;
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let at = d.span.id().and_then(|id| {
                let src = job.source(id).ok()?;
                let line = src.lines().byte_to_line(job.range(d.span)?.start)?;
                Some(format!("{}:{}: ", file_name(id), line + 1))
            });
            format!("{}{}", at.unwrap_or_default(), d.message)
        })
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_template_is_refused() {
        assert_eq!(render("nope", "{}"), Err(PdfError::UnknownTemplate("nope".into())));
        assert_eq!(render("common", "{}"), Err(PdfError::UnknownTemplate("common".into())));
    }

    #[test]
    fn the_missing_font_message_says_what_to_install() {
        let m = PdfError::NoCjkFont.to_string();
        assert!(m.contains("fonts-noto-cjk") && m.contains("Excel"), "{m}");
    }
}
