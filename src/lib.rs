//! `brief`: turn a folder of source articles into evidence-backed PDF briefs.
//!
//! The modules are layered: each uses only the layers below it (and,
//! within its layer, never in a cycle). `layers::tests` checks this over
//! the `use crate::` lines of the source.
//!
//! ```text
//!  cmd (the binary: src/main.rs, src/cmd/*)       one file per command
//!   │
//!  app      project, build, watch, scaffold, schedule
//!   │
//!  edition  manifests, editions on disk, changes between them
//!   │
//!  typeset  Typst world, fonts, PDF      diagnostics  problems rendered
//!   │
//!  render   templates, view, audiences (minijinja -> Typst markup)
//!   │
//!  analyse  check (rules, quote matching), extract, numbers, ingest,
//!   │       draft, diff
//!   │
//!  load     one lenient loader per file kind: brief, seed (+ schema)
//!   │
//!  model    Brief, Source, ids (BriefId, SourceId, FindingId, AudienceName),
//!   │       IsoWeek, audience specs (data only)
//!   │
//!  util     fs (bounded reads, listings, atomic writes), text, digest
//!   │
//!  diag     Problem, Report, positions and spans, FileRef; error (the Error type)
//! ```

pub mod build;
pub mod check;
pub mod diag;
pub mod diagnostics;
pub mod diff;
pub mod draft;
pub mod edition;
pub(crate) mod error;
pub mod extract;
pub mod ingest;
pub mod load;
pub mod model;
pub mod numbers;
pub mod project;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub mod typeset;
pub mod util;
pub mod watch;

#[cfg(test)]
mod layers;

pub use error::{Error, Result};
