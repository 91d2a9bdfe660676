//! General helpers below the model: files, text, digests.

pub(crate) mod digest;
pub mod fs;
pub mod text;
