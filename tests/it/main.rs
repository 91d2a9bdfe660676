//! The integration tests, one binary (so typst is linked once, not per
//! file): each module tests one part on the real binary or the library;
//! `common` holds the helpers they share. `cargo test --test it MODULE`
//! runs one module. `external` cross-checks the PDFs with tools outside
//! cargo and is ignored unless asked for (`-- --ignored`, as `.ci/run` does).

mod common;

mod audiences;
mod bad;
mod build;
mod diff;
mod editions;
mod eval;
mod external;
mod extract;
mod extract_props;
mod ingest;
mod init;
mod layout;
mod nothing_lost;
mod props;
mod safety;
mod schedule;
mod sections;
mod watch;
