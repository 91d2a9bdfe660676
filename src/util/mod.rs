//! General helpers below the model: files, text, digests.

pub mod digest;
pub mod fs;
pub mod text;
