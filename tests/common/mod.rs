//! Helpers shared by the integration tests: run the real binary, open the
//! real PDF.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use lopdf::{Document, Object};

/// Runs `brief` with `args` in `dir`, without colour.
pub fn brief(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the brief binary runs")
}

/// Like [`brief`] but panics with the output unless it succeeds.
pub fn brief_ok(dir: &Path, args: &[&str]) -> String {
    let out = brief(dir, args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "brief {args:?} failed:\n{stdout}\n{stderr}"
    );
    stdout
}

/// Copies a fixture project (or the repo's own files) into a temp folder.
pub fn project_from(parts: &[(&Path, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (from, to) in parts {
        copy_dir(from, &tmp.path().join(to));
    }
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A PDF opened with a PDF reader.
pub struct Pdf {
    pub doc: Document,
    pub path: PathBuf,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Pdf {
            doc: Document::load_mem(&bytes).expect("a readable PDF"),
            path: path.to_path_buf(),
        }
    }

    pub fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The text of every page, whitespace folded to single spaces.
    /// lopdf cannot map Typst's CID fonts back to text, so this uses
    /// poppler's `pdftotext`, which `.ci/run` installs.
    pub fn text(&self) -> String {
        let out = std::process::Command::new("pdftotext")
            .args([self.path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils) is needed by the PDF tests: apt-get install poppler-utils");
        assert!(
            out.status.success(),
            "pdftotext failed on {}",
            self.path.display()
        );
        fold(&String::from_utf8_lossy(&out.stdout))
    }

    /// A string from the document information dictionary (Title, Author...).
    pub fn info(&self, key: &str) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let dict = match info {
            Object::Reference(id) => self.doc.get_dictionary(*id).ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        lopdf::decode_text_string(dict.get(key.as_bytes()).ok()?).ok()
    }

    /// (font name, embedded?) of every font descriptor.
    pub fn fonts(&self) -> Vec<(String, bool)> {
        self.doc
            .objects
            .values()
            .filter_map(|obj| {
                let dict = obj.as_dict().ok()?;
                let is_descriptor = dict.get(b"Type").ok()?.as_name().ok()? == b"FontDescriptor";
                if !is_descriptor {
                    return None;
                }
                let name = String::from_utf8_lossy(dict.get(b"FontName").ok()?.as_name().ok()?)
                    .into_owned();
                let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| dict.get(k).is_ok());
                Some((name, embedded))
            })
            .collect()
    }
}

/// Folds runs of whitespace into one space.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
