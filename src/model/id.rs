//! Identifiers. Those that become file names ([`BriefId`],
//! [`AudienceName`]) are slugs, checked by [`is_slug`], so no name can lead out of its
//! folder.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Whether `name` is safe as a file name: ASCII letters, digits, `-` and
/// `_`, not empty, not starting with `.` (which none of them can).
pub(crate) fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `id` is safe as a seed's file name (`seeds/<id>.md`): letters
/// (of any script, as `brief ingest` makes ids from titles), digits, `-`
/// and `_`; no dot, separator, space or control character.
pub(crate) fn is_seed_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The hint for a name that cannot be a file name.
pub(crate) const SLUG_HINT: &str =
    "names that become file names use only ASCII letters, digits, `-` and `_` (e.g. `policy-2`)";

/// Identifier of a seed article (the file stem of `seeds/<id>.md`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourceId(pub String);

impl SourceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SourceId {
    fn from(s: &str) -> Self {
        SourceId(s.to_string())
    }
}

/// The name of a brief: the file stem of `briefs/<id>.toml`, and the name
/// of its folder in `out/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct BriefId(String);

impl BriefId {
    /// A brief id, if `name` is a slug.
    pub(crate) fn new(name: &str) -> Result<Self, String> {
        if is_slug(name) {
            Ok(BriefId(name.to_string()))
        } else {
            Err(format!(
                "`{name}` cannot name a brief: use ASCII letters, digits, `-` and `_`"
            ))
        }
    }

    /// The id of the brief file at `path` (its file stem).
    pub(crate) fn of_path(path: &Path) -> Result<Self, String> {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        BriefId::new(&stem)
    }
}

impl Deref for BriefId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BriefId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name of an audience (`[audiences.NAME]`, `--audience NAME`): a slug,
/// as it becomes the file name of its PDF (`<NAME>.pdf`). Deserialising
/// checks it, so a name read from a brief, `audiences.toml` or a manifest
/// can always name a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AudienceName(String);

impl AudienceName {
    /// An audience name, if `name` is a slug.
    pub(crate) fn new(name: &str) -> Result<Self, String> {
        if is_slug(name) {
            Ok(AudienceName(name.to_string()))
        } else {
            Err(format!(
                "`{name}` cannot name an audience: it becomes the file name of its PDF"
            ))
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AudienceName {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        if is_slug(&name) {
            Ok(AudienceName(name))
        } else {
            AudienceName::new(&name)
        }
    }
}

impl From<AudienceName> for String {
    fn from(name: AudienceName) -> String {
        name.0
    }
}

impl Deref for AudienceName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// Maps keyed by name can be looked up with a `&str` (ordering and hashing
/// are those of the string).
impl Borrow<str> for AudienceName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AudienceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id of a finding, unique within its brief (`[[findings]] id = "..."`).
/// Any text is accepted as written (`brief check` reports duplicates); it
/// names the finding in diffs, manifests and the build's notes, never a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FindingId(String);

impl FindingId {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for FindingId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FindingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for FindingId {
    fn from(s: &str) -> Self {
        FindingId(s.to_string())
    }
}

impl From<String> for FindingId {
    fn from(s: String) -> Self {
        FindingId(s)
    }
}

impl PartialEq<str> for FindingId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FindingId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_ids_are_file_names() {
        assert!(is_seed_id("dw-quake_2"));
        assert!(is_seed_id("caf\u{e9}-soci\u{e9}t\u{e9}"));
        for bad in [
            "", "..", "../x", "a/b", "a\\b", ".x", "a.b", "a b", "a\u{1b}b",
        ] {
            assert!(!is_seed_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn only_slugs_name_briefs() {
        assert!(BriefId::new("long-cat_2").is_ok());
        for bad in ["", ".hidden", "../x", "a/b", "a b", "caf\u{e9}", "x\u{1b}"] {
            assert!(BriefId::new(bad).is_err(), "{bad:?}");
        }
        assert!(BriefId::of_path(Path::new("briefs/...toml")).is_err());
        assert!(AudienceName::new("policy-2").is_ok());
        for bad in ["", "../x", "a b", "a/b"] {
            assert!(AudienceName::new(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_str::<AudienceName>(&format!("{bad:?}")).is_err());
        }
        let name: AudienceName = serde_json::from_str("\"policy\"").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"policy\"");
        assert_eq!(
            &*BriefId::of_path(Path::new("briefs/story.toml")).unwrap(),
            "story"
        );
    }
}
