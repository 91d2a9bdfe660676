//! `brief`: turn a folder of source articles into evidence-backed PDF briefs.
//!
//! The data flows through one module per stage:
//! [`sources`] (seed articles) -> [`model`] (the brief TOML) -> [`check`]
//! (quotes verified) -> [`view`] + [`render`] (minijinja -> Typst markup) ->
//! [`typeset`] (Typst -> PDF, in process). [`project`] ties a project folder
//! together for the CLI.

pub mod audience;
pub mod build;
pub mod check;
pub mod diagnostics;
pub mod diff;
pub mod digest;
pub mod draft;
pub mod edition;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod numbers;
pub mod project;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub mod schema;
pub mod sources;
pub mod typeset;
pub mod view;
pub mod watch;

pub use error::{Error, Result};
