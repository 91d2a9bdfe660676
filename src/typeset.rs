//! Typesetting: Typst markup becomes a PDF, in process.
//!
//! [`BriefWorld`] is our implementation of [`typst::World`]: the generated
//! markup is `/main.typ`; every other file (`/style.typ`, `/theme.typ`, ...)
//! comes from the template set, and nothing else can be read: no system
//! files, no packages, no network. Fonts are compiled into the binary and
//! parsed once per process.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{FileRef, Problem, ProblemCode};
use crate::error::{Error, Result};
use crate::render::TemplateSet;

/// Fonts bundled with the binary besides Typst's own (which have no sans face).
const BUNDLED_FONTS: &[(&str, &[u8])] = &[
    (
        "Inter-Regular.otf",
        include_bytes!("../assets/fonts/Inter-Regular.otf"),
    ),
    (
        "Inter-Medium.otf",
        include_bytes!("../assets/fonts/Inter-Medium.otf"),
    ),
    (
        "Inter-SemiBold.otf",
        include_bytes!("../assets/fonts/Inter-SemiBold.otf"),
    ),
    (
        "Inter-Bold.otf",
        include_bytes!("../assets/fonts/Inter-Bold.otf"),
    ),
    (
        "Inter-Italic.otf",
        include_bytes!("../assets/fonts/Inter-Italic.otf"),
    ),
];

/// The bundled font files (name, bytes), e.g. for `--emit typ`.
pub(crate) fn bundled_font_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    BUNDLED_FONTS.iter().copied()
}

/// All fonts, parsed once per process and shared by every compilation.
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    store.extend(typst_kit::fonts::embedded());
    for (_, data) in BUNDLED_FONTS {
        for font in Font::iter(Bytes::new(*data)) {
            let info = font.info().clone();
            store.push((font, info));
        }
    }
    store
});

/// Template sources parsed so far, by file: the documents of a build share
/// `style.typ` and the rest instead of parsing them once per document (and
/// per `source` call). A file whose text differs (another template folder,
/// an edit in `brief watch`) is parsed and kept next to the others.
static PARSED: LazyLock<Mutex<HashMap<FileId, Vec<Source>>>> = LazyLock::new(Mutex::default);

fn parsed_template(id: FileId, text: &str) -> Source {
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    let versions = parsed.entry(id).or_default();
    if let Some(source) = versions.iter().find(|s| s.text() == text) {
        return source.clone();
    }
    let source = Source::new(id, text.to_string());
    versions.push(source.clone());
    source
}

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The fixed path of the generated markup.
pub(crate) const MAIN_FILE: &str = "/main.typ";

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The Typst world of one document.
pub struct BriefWorld {
    main: Source,
    templates: TemplateSet,
    today: NaiveDate,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl BriefWorld {
    pub fn new(markup: String, templates: TemplateSet, today: NaiveDate) -> Self {
        let id = file_id(MAIN_FILE).expect("main path is valid");
        BriefWorld {
            main: Source::new(id, markup),
            templates,
            today,
            files: Mutex::new(HashMap::new()),
        }
    }

    /// Which file a file id is: the generated markup, or a template (on
    /// disk or built in).
    pub(crate) fn file_ref(&self, id: FileId) -> FileRef {
        if id == self.main.id() {
            return FileRef::Generated;
        }
        let path = id.vpath().get_without_slash();
        self.templates
            .lookup(path)
            .map(|f| f.file_ref())
            .unwrap_or_else(|| FileRef::Disk(PathBuf::from(path)))
    }

    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if id.root() != &VirtualRoot::Project {
            return Err(FileError::Other(Some(
                "packages are not available offline: brief builds without network access; copy the package's files into templates/ and import them by path".into(),
            )));
        }
        let name = id.vpath().get_without_slash();
        match self.templates.read(name) {
            Ok(Some((_, text))) => Ok(Bytes::from_string(text)),
            Ok(None) => Err(FileError::Other(Some(
                format!(
                    "`/{name}` is not a template file; Typst can read only files in the templates folders"
                )
                .into(),
            ))),
            Err(e) => Err(FileError::Other(Some(e.to_string().into()))),
        }
    }
}

impl World for BriefWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(parsed_template(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(id).or_insert_with(|| self.load(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            self.today.month() as u8,
            self.today.day() as u8,
        )
    }
}

/// How to produce the PDF.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// The edition date: document date and timestamp, for reproducible output.
    pub date: NaiveDate,
    /// A stable identifier (brief id + audience + date).
    pub ident: String,
    pub standards: Vec<Standard>,
}

/// A successful compilation: the PDF and any warnings.
pub(crate) struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Problem>,
}

/// Compiles markup to a PDF: [`compile`], then [`export`].
pub(crate) fn typeset(
    markup: String,
    templates: &TemplateSet,
    settings: &PdfSettings,
) -> Result<Typeset> {
    let compiled = compile(markup, templates, settings.date)?;
    let pdf = export(&compiled, settings)?;
    Ok(Typeset {
        pdf,
        pages: compiled.pages(),
        warnings: compiled.warnings,
    })
}

/// A laid-out document, ready for [`export`].
pub struct Compiled {
    world: BriefWorld,
    document: PagedDocument,
    /// Typst's warnings, as problems.
    pub warnings: Vec<Problem>,
}

impl Compiled {
    pub fn pages(&self) -> usize {
        self.document.pages().len()
    }
}

/// Evaluates and lays out markup (the Typst stage before PDF export).
pub fn compile(markup: String, templates: &TemplateSet, date: NaiveDate) -> Result<Compiled> {
    let world = BriefWorld::new(markup, templates.clone(), date);
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|d| to_problem(&world, d))
        .collect();
    let document = warned
        .output
        .map_err(|errs| Error::Check(errs.iter().map(|d| to_problem(&world, d)).collect()))?;
    Ok(Compiled {
        world,
        document,
        warnings,
    })
}

/// Writes a laid-out document as PDF bytes.
pub fn export(compiled: &Compiled, settings: &PdfSettings) -> Result<Vec<u8>> {
    let standards = PdfStandards::new(
        &settings
            .standards
            .iter()
            .map(|s| s.typst())
            .collect::<Vec<_>>(),
    )
    .map_err(|e| Error::Usage(format!("PDF standard: {}", e.message())))?;
    let date = Datetime::from_ymd(
        settings.date.year(),
        settings.date.month() as u8,
        settings.date.day() as u8,
    )
    .and_then(|d| Datetime::from_ymd_hms(d.year()?, d.month()?, d.day()?, 0, 0, 0))
    .ok_or_else(|| Error::Usage(format!("date out of range: {}", settings.date)))?;
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(format!("brief {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(date)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&compiled.document, &options).map_err(|errs| {
        Error::Check(
            errs.iter()
                .map(|d| to_problem(&compiled.world, d))
                .collect(),
        )
    })
}

/// A Typst diagnostic as a problem, located in the template file (on disk
/// or built in) or in the generated markup ([`FileRef::Generated`], which
/// [`crate::project::trace_generated`] traces back to the template).
pub(crate) fn to_problem(world: &BriefWorld, diag: &SourceDiagnostic) -> Problem {
    let severity = match diag.severity {
        Severity::Error => crate::diag::Severity::Error,
        Severity::Warning => crate::diag::Severity::Warning,
    };
    let located = diag.span.id().and_then(|id| {
        let source = world.source(id).ok()?;
        let range = world.range(diag.span)?;
        Some((world.file_ref(id), source.text().to_string(), range))
    });
    let (file, text, span) = match located {
        Some((f, t, r)) => (f, t, Some(r)),
        None => (FileRef::Disk(PathBuf::from("brief")), String::new(), None),
    };
    let mut p = Problem::at(
        severity,
        ProblemCode::Typst,
        file,
        &text,
        span,
        diag.message.to_string(),
    );
    let hints: Vec<String> = diag
        .hints
        .iter()
        .map(|h| {
            if h.v.contains("--root") {
                "templates can read only files inside the templates folders".to_string()
            } else {
                h.v.to_string()
            }
        })
        .collect();
    if !hints.is_empty() {
        p.hint = Some(hints.join("; "));
    }
    for point in &diag.trace {
        if let Some(id) = point.span.id() {
            if let (Ok(src), Some(range)) = (world.source(id), world.range(point.span)) {
                p = p.related(world.file_ref(id), src.text(), range, &point.v.to_string());
            }
        }
    }
    p
}

/// A PDF standard to enforce (`--pdf-standard`); the default, PDF/UA-1,
/// makes the brief accessible (tagged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Standard {
    #[value(name = "1.4")]
    V1_4,
    #[value(name = "1.5")]
    V1_5,
    #[value(name = "1.6")]
    V1_6,
    #[value(name = "1.7")]
    V1_7,
    #[value(name = "2.0")]
    V2_0,
    #[value(name = "a-1b")]
    A1b,
    #[value(name = "a-1a")]
    A1a,
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "a-2u")]
    A2u,
    #[value(name = "a-2a")]
    A2a,
    #[value(name = "a-3b")]
    A3b,
    #[value(name = "a-3u")]
    A3u,
    #[value(name = "a-3a")]
    A3a,
    #[value(name = "a-4")]
    A4,
    #[value(name = "a-4f")]
    A4f,
    #[value(name = "a-4e")]
    A4e,
    #[default]
    #[value(name = "ua-1")]
    Ua1,
}

impl Standard {
    fn typst(self) -> PdfStandard {
        match self {
            Standard::V1_4 => PdfStandard::V_1_4,
            Standard::V1_5 => PdfStandard::V_1_5,
            Standard::V1_6 => PdfStandard::V_1_6,
            Standard::V1_7 => PdfStandard::V_1_7,
            Standard::V2_0 => PdfStandard::V_2_0,
            Standard::A1b => PdfStandard::A_1b,
            Standard::A1a => PdfStandard::A_1a,
            Standard::A2b => PdfStandard::A_2b,
            Standard::A2u => PdfStandard::A_2u,
            Standard::A2a => PdfStandard::A_2a,
            Standard::A3b => PdfStandard::A_3b,
            Standard::A3u => PdfStandard::A_3u,
            Standard::A3a => PdfStandard::A_3a,
            Standard::A4 => PdfStandard::A_4,
            Standard::A4f => PdfStandard::A_4f,
            Standard::A4e => PdfStandard::A_4e,
            Standard::Ua1 => PdfStandard::Ua_1,
        }
    }
}

/// The standards as an edition's inputs record them (a change rebuilds).
pub(crate) fn standards_key(standards: &[Standard]) -> String {
    let typst: Vec<PdfStandard> = standards.iter().map(|s| s.typst()).collect();
    format!("{typst:?}")
}

/// Releases old entries of Typst's memoisation cache and the parsed
/// templates; call once per build so a long-running process (`brief
/// watch`) stays bounded.
pub(crate) fn evict_caches() {
    typst::comemo::evict(10);
    PARSED.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two template folders with different `style.typ` at the same path:
    /// each document must see its own, though parsed sources are shared.
    #[test]
    fn documents_see_their_own_version_of_a_shared_template() {
        let date = NaiveDate::from_ymd_opt(2026, 7, 6).unwrap();
        let set_with = |x: u32| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("style.typ"), format!("#let x = {x}")).unwrap();
            (TemplateSet::new(vec![dir.path().to_path_buf()]), dir)
        };
        let (one, _keep_one) = set_with(1);
        let (two, _keep_two) = set_with(2);
        let markup = |x: u32| format!("#import \"style.typ\": x\n#assert.eq(x, {x})\nx");
        for _ in 0..2 {
            assert!(compile(markup(1), &one, date).is_ok());
            assert!(compile(markup(2), &two, date).is_ok());
            assert!(compile(markup(2), &one, date).is_err());
        }
    }
}
