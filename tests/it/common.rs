//! Helpers shared by the integration tests: run the real binary, make temp
//! projects, find our temp files, open the real PDF with a Rust reader.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::content::Content;
use std::collections::HashMap;

use lopdf::{Document, Object};

/// The repository root (fixtures, seeds, briefs).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bad-input corpus: one small project per folder, shared seeds in `_seeds/`.
pub fn bad_inputs() -> PathBuf {
    repo().join("tests/bad")
}

/// A command for the `brief` binary, run in `dir`.
pub fn command(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.current_dir(dir);
    cmd
}

/// Runs `brief` with `args` in `dir`, without colour.
pub fn brief(dir: &Path, args: &[&str]) -> Output {
    command(dir)
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

/// A temp folder holding copies of `(from, to)` folders (a fixture project,
/// or the repo's own seeds and briefs).
pub fn project_from(parts: &[(&Path, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (from, to) in parts {
        copy_dir(from, &tmp.path().join(to));
    }
    tmp
}

/// The repo's own seeds and briefs in a temp project.
pub fn repo_project() -> tempfile::TempDir {
    let root = repo();
    project_from(&[
        (&root.join("seeds"), "seeds"),
        (&root.join("briefs"), "briefs"),
    ])
}

/// The escape fixture (hostile text in every field) in a temp project.
pub fn escape_project() -> tempfile::TempDir {
    project_from(&[(&repo().join("tests/fixtures/escape"), ".")])
}

/// Copies a folder recursively, following symlinks.
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

/// Our temp files (`.brief-XXXXXX.tmp`) anywhere under `dir`; none when
/// `dir` does not exist.
pub fn temp_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            out.extend(temp_files(&entry.path()));
        } else if name.starts_with(".brief-") {
            out.push(entry.path().display().to_string());
        }
    }
    out
}

/// A PDF opened with a Rust PDF reader (lopdf): no tool outside cargo.
pub struct Pdf {
    pub doc: Document,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Pdf {
            doc: Document::load_mem(&bytes).expect("a readable PDF"),
        }
    }

    pub fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The text of every page in content order, whitespace folded to single
    /// spaces.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for page in self.doc.get_pages().into_values() {
            self.page_text(page, &mut text);
        }
        fold(&text)
    }

    /// Appends one page's text. Glyphs are mapped back through each font's
    /// ToUnicode map; a space goes after every text run, since Typst places
    /// the lines and runs of a page by position, not with space glyphs
    /// between them.
    fn page_text(&self, page: lopdf::ObjectId, out: &mut String) {
        let fonts = self.doc.get_page_fonts(page).expect("page fonts");
        let maps: Vec<(Vec<u8>, ToUnicode)> = fonts
            .into_iter()
            .map(|(name, font)| (name, self.to_unicode(font)))
            .collect();
        let content = self.doc.get_page_content(page).expect("page content");
        let content = Content::decode(&content).expect("decodable page content");
        let mut map = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("a font name");
                    map = maps.iter().find(|(n, _)| n == name).map(|(_, m)| m);
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    let map = map.expect("text shown after a font is set");
                    for string in strings(&op.operands) {
                        out.push_str(&map.decode(string));
                    }
                    out.push(' ');
                }
                _ => {}
            }
        }
    }

    /// A font's ToUnicode map (empty if it has none).
    fn to_unicode(&self, font: &lopdf::Dictionary) -> ToUnicode {
        let stream = font
            .get(b"ToUnicode")
            .and_then(|o| self.doc.dereference(o))
            .and_then(|(_, o)| o.as_stream());
        match stream {
            Ok(stream) => {
                let bytes = stream
                    .get_plain_content()
                    .expect("a readable ToUnicode map");
                ToUnicode::parse(&String::from_utf8_lossy(&bytes))
            }
            Err(_) => ToUnicode::default(),
        }
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

/// A font's ToUnicode CMap: two-byte glyph codes (Typst's Identity-H
/// fonts) to the text they show. lopdf's own CMap parser rejects the maps
/// Typst writes, so this reads their `bfchar` and `bfrange` sections.
#[derive(Default)]
struct ToUnicode(HashMap<u16, String>);

impl ToUnicode {
    fn parse(cmap: &str) -> ToUnicode {
        let mut map = HashMap::new();
        let mut section = "";
        for line in cmap.lines().map(str::trim) {
            if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
                section = line.rsplit(' ').next().unwrap_or("");
                continue;
            }
            if line.starts_with("end") {
                section = "";
                continue;
            }
            let hex: Vec<&str> = line
                .split(['<', '>'])
                .map(str::trim)
                .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit()))
                .collect();
            match (section, hex.as_slice()) {
                ("beginbfchar", [code, text]) => {
                    map.insert(code16(code), utf16(text));
                }
                ("beginbfrange", [lo, hi, first]) => {
                    let first = utf16_units(first);
                    for (i, code) in (code16(lo)..=code16(hi)).enumerate() {
                        let mut units = first.clone();
                        if let Some(last) = units.last_mut() {
                            *last += i as u16;
                        }
                        map.insert(code, String::from_utf16_lossy(&units));
                    }
                }
                _ => {}
            }
        }
        ToUnicode(map)
    }

    fn decode(&self, bytes: &[u8]) -> String {
        bytes
            .chunks(2)
            .map(|pair| {
                let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                self.0.get(&code).map_or("\u{fffd}", String::as_str)
            })
            .collect()
    }
}

fn code16(hex: &str) -> u16 {
    u16::from_str_radix(hex, 16).expect("a hex glyph code")
}

fn utf16_units(hex: &str) -> Vec<u16> {
    (0..hex.len())
        .step_by(4)
        .map(|i| code16(&hex[i..(i + 4).min(hex.len())]))
        .collect()
}

fn utf16(hex: &str) -> String {
    String::from_utf16_lossy(&utf16_units(hex))
}

/// The string operands of a text-showing operator, also inside `TJ` arrays
/// (whose numbers are kerning and justification, not text).
fn strings(operands: &[Object]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    for operand in operands {
        match operand {
            Object::String(bytes, _) => out.push(bytes.as_slice()),
            Object::Array(items) => out.extend(strings(items)),
            _ => {}
        }
    }
    out
}

/// Folds runs of whitespace into one space.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
