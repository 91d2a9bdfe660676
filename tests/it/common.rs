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
    /// spaces. Glyphs are mapped back through each font's ToUnicode map. A
    /// space goes between two text runs unless the second starts where the
    /// first ends, on its line (Typst places the lines and runs of a page by
    /// position, not with space glyphs between them; the boxed pieces of a
    /// URL touch).
    pub fn text(&self) -> String {
        let mut text = String::new();
        for page in self.doc.get_pages().into_values() {
            text.push_str(&join_runs(&self.page_runs(page)));
            text.push(' ');
        }
        fold(&text)
    }

    /// Every page's lines of text, top to bottom: runs whose baselines lie
    /// within 3 pt of each other make one line, read left to right. Positions
    /// come from the text matrix (`Tm`, as Typst writes every run) under the
    /// current transformation (`cm`, `q`, `Q`).
    pub fn page_lines(&self) -> Vec<Vec<Line>> {
        self.doc
            .get_pages()
            .into_values()
            .map(|page| lines_of(self.page_runs(page)))
            .collect()
    }

    /// Each page's body lines (`page_lines` without the running header, the
    /// page's first line, and the footer, from the line that reads "Page N of
    /// M" down), as text.
    pub fn body_lines(&self) -> Vec<Vec<Line>> {
        self.page_lines()
            .into_iter()
            .map(|mut lines| {
                if let Some(foot) = lines.iter().rposition(|l| is_page_number(&l.text)) {
                    let foot_y = lines[foot].y;
                    lines.retain(|l| l.y < foot_y - 3.0);
                }
                if !lines.is_empty() {
                    lines.remove(0);
                }
                lines
            })
            .collect()
    }

    /// One page's text runs with their positions (from the top of the page).
    fn page_runs(&self, page: lopdf::ObjectId) -> Vec<Run> {
        let fonts = self.doc.get_page_fonts(page).expect("page fonts");
        let maps: Vec<(Vec<u8>, ToUnicode, String, Widths)> = fonts
            .into_iter()
            .map(|(name, font)| {
                let base = font
                    .get(b"BaseFont")
                    .and_then(|o| o.as_name())
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                (name, self.to_unicode(font), base, self.widths(font))
            })
            .collect();
        let height = self.page_height(page);
        let content = self.doc.get_page_content(page).expect("page content");
        let content = Content::decode(&content).expect("decodable page content");
        let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut stack = Vec::new();
        let (mut font, mut size, mut at, mut scale) = (None, 0.0, (0.0, 0.0), 1.0);
        let mut runs = Vec::new();
        for op in &content.operations {
            let n = |i: usize| number(&op.operands[i]);
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" => ctm = multiply([n(0), n(1), n(2), n(3), n(4), n(5)], ctm),
                "Tf" => {
                    let name = op.operands[0].as_name().expect("a font name");
                    font = maps.iter().find(|(f, ..)| f == name);
                    size = n(1);
                }
                "Tm" => {
                    let m = multiply([n(0), n(1), n(2), n(3), n(4), n(5)], ctm);
                    at = (m[4], height - m[5]);
                    scale = m[0];
                }
                "Tj" | "TJ" => {
                    let (_, map, base, widths) = font.expect("text shown after a font is set");
                    let text: String = strings(&op.operands)
                        .iter()
                        .map(|s| map.decode(s))
                        .collect();
                    let width = widths.advance(&op.operands) * size * scale;
                    runs.push(Run {
                        x: at.0,
                        end: at.0 + width,
                        y: at.1,
                        size,
                        font: base.clone(),
                        text,
                    });
                }
                _ => {}
            }
        }
        runs
    }

    fn page_height(&self, page: lopdf::ObjectId) -> f32 {
        let media = self
            .doc
            .get_dictionary(page)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(|o| o.as_array())
            .expect("a MediaBox");
        number(&media[3]) - number(&media[1])
    }

    /// A Type0 font's glyph widths (its descendant font's `W` and `DW`).
    fn widths(&self, font: &lopdf::Dictionary) -> Widths {
        let deref = |o: &Object| self.doc.dereference(o).map(|(_, o)| o.clone()).ok();
        let cid = font
            .get(b"DescendantFonts")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_array().ok()?.first().cloned())
            .and_then(|o| deref(&o))
            .and_then(|o| o.as_dict().ok().cloned());
        let Some(cid) = cid else {
            return Widths::default();
        };
        let default = cid.get(b"DW").map(number).unwrap_or(1000.0);
        let mut widths = HashMap::new();
        let w = cid.get(b"W").ok().and_then(deref);
        let items = w
            .as_ref()
            .and_then(|w| w.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let mut i = 0;
        while i + 1 < items.len() {
            let first = number(&items[i]) as u16;
            match deref(&items[i + 1]) {
                Some(Object::Array(list)) => {
                    for (k, w) in list.iter().enumerate() {
                        widths.insert(first + k as u16, number(w));
                    }
                    i += 2;
                }
                _ => {
                    let last = number(&items[i + 1]) as u16;
                    for code in first..=last {
                        widths.insert(code, number(&items[i + 2]));
                    }
                    i += 3;
                }
            }
        }
        Widths { widths, default }
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

/// A font's glyph widths, in thousandths of the font size.
#[derive(Default)]
struct Widths {
    widths: HashMap<u16, f32>,
    default: f32,
}

impl Widths {
    /// How far a text-showing operator moves, in units of the font size:
    /// its glyphs' widths less the `TJ` array's adjustments.
    fn advance(&self, operands: &[Object]) -> f32 {
        let mut total = 0.0;
        for operand in operands {
            match operand {
                Object::String(bytes, _) => {
                    for pair in bytes.chunks(2) {
                        let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                        total += self.widths.get(&code).copied().unwrap_or(self.default);
                    }
                }
                Object::Array(items) => total += self.advance(items) * 1000.0,
                Object::Integer(_) | Object::Real(_) => total -= number(operand),
                _ => {}
            }
        }
        total / 1000.0
    }
}

/// A run of text as a page shows it: where its baseline starts and ends
/// (pt from the page's left and top edges), its font and size.
#[derive(Debug, Clone)]
pub struct Run {
    pub x: f32,
    pub end: f32,
    pub y: f32,
    pub size: f32,
    /// The font's PostScript name, with its subset tag (`ABCDEF+Inter-Bold`).
    pub font: String,
    pub text: String,
}

/// One line of a page: its runs, left to right, and their text.
#[derive(Debug, Clone)]
pub struct Line {
    /// The first run's baseline, pt from the top of the page.
    pub y: f32,
    pub runs: Vec<Run>,
    pub text: String,
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:7.1}: {}", self.y, self.text)
    }
}

/// Runs grouped into lines, top to bottom; a line's text is its runs'
/// texts joined as [`join_runs`] does, whitespace folded: the boxed pieces
/// of a URL read as one word, a citation after its quote as another.
fn lines_of(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (run.y - line[0].y).abs() <= 3.0 => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    lines
        .into_iter()
        .map(|mut runs| {
            runs.sort_by(|a, b| a.x.total_cmp(&b.x));
            Line {
                y: runs[0].y,
                text: fold(&join_runs(&runs)),
                runs,
            }
        })
        .collect()
}

/// The runs' texts, with a space between two runs that do not touch: the
/// second starts on another line, before the first, or more than a tenth of
/// its font size after the first ends.
fn join_runs(runs: &[Run]) -> String {
    let mut text = String::new();
    for (i, run) in runs.iter().enumerate() {
        if i > 0 {
            let prev = &runs[i - 1];
            let gap = run.x - prev.end;
            if (run.y - prev.y).abs() > 3.0 || !(-0.5..=run.size * 0.1).contains(&gap) {
                text.push(' ');
            }
        }
        text.push_str(&run.text);
    }
    text
}

fn is_page_number(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(4).any(|w| {
        w[0] == "Page" && w[2] == "of" && [w[1], w[3]].iter().all(|n| n.parse::<u32>().is_ok())
    })
}

/// `a` then `b`: the product of two PDF matrices `[a b c d e f]`.
fn multiply(a: [f32; 6], b: [f32; 6]) -> [f32; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("a number, not {other:?}"),
    }
}
