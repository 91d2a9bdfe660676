//! `brief watch` on the real binary: an edit to the brief rewrites the PDF,
//! a broken edit is reported and the watch goes on, a templates/ folder
//! created while watching is watched.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{brief_ok, command, escape_project, Pdf};

/// A running `brief watch`, killed when dropped (also when a test fails).
struct Watch {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Watch {
        let mut child = command(dir)
            .env("NO_COLOR", "1")
            .arg("watch")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the brief binary starts");
        let stdout = collect(child.stdout.take().expect("piped stdout"));
        let stderr = collect(child.stderr.take().expect("piped stderr"));
        Watch {
            child,
            stdout,
            stderr,
        }
    }

    fn output(&self) -> String {
        let out = self.stdout.lock().unwrap().clone();
        let err = self.stderr.lock().unwrap().clone();
        format!("stdout:\n{out}\nstderr:\n{err}")
    }

    /// Polls `done` until it holds; fails after a generous bound with what
    /// the watcher printed. The bound only stops a hung test, it measures nothing.
    fn wait_for(&mut self, what: &str, done: impl Fn(&Watch) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !done(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "brief watch exited ({status}) while waiting for {what}\n{}",
                    self.output()
                );
            }
            assert!(
                Instant::now() < deadline,
                "no {what} after 20 s\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Watch {
    /// Waits until the watcher has printed nothing new for a second (bounded).
    fn settle(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = self.output();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_secs(1));
            let now = self.output();
            if now == seen {
                return;
            }
            seen = now;
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe into a shared string on a thread.
fn collect(mut pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    text
}

fn lines_with(w: &Watch, needle: &str) -> usize {
    w.stdout.lock().unwrap().matches(needle).count()
}

#[test]
fn an_edit_rebuilds_the_pdf_and_a_broken_edit_does_not_stop_the_watch() {
    let project = escape_project();
    let dir = project.path();
    let pdf = dir.join("out/escape/2026-W28/policy.pdf");
    let brief = dir.join("briefs/escape.toml");
    let mut w = Watch::start(dir, &["--date", "2026-07-06"]);
    w.wait_for("first build", |w| lines_with(w, "watching ") == 1);
    assert!(pdf.is_file(), "{}", w.output());
    let first = std::fs::read(&pdf).unwrap();

    // A broken brief: reported, the PDF is kept, the watch goes on.
    let text = std::fs::read_to_string(&brief).unwrap();
    std::fs::write(&brief, format!("{text}\n[[findings]\n")).unwrap();
    w.wait_for("failed rebuild", |w| lines_with(w, "rebuild failed") == 1);
    assert!(
        w.output().contains("escape.toml"),
        "the error names the file\n{}",
        w.output()
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), first);

    // Fixed and changed: the PDF is rewritten with the new title.
    std::fs::write(
        &brief,
        text.replace("Headline with", "Watched headline with"),
    )
    .unwrap();
    w.wait_for("rewritten PDF", |w| {
        lines_with(w, "rebuilt (briefs/escape.toml changed)") == 1
    });
    assert_ne!(std::fs::read(&pdf).unwrap(), first);
    assert!(
        Pdf::open(&pdf).text().contains("Watched headline with"),
        "{}",
        w.output()
    );

    // templates/ created while watching (eject) is watched from then on.
    brief_ok(dir, &["templates", "eject"]);
    // The new folder, or its files, as one batch of events or several.
    w.wait_for("rebuild for the new folder", |w| {
        lines_with(w, "rebuilt (templates") >= 1
    });
    // The eject's files may arrive as a second batch of events on a busy
    // machine: let them pass, so the edit below is a batch of its own.
    w.settle();
    edit_theme_and_see_one_rebuild(dir, &mut w);
}

/// An edit of the ejected theme is seen as one rebuild.
fn edit_theme_and_see_one_rebuild(dir: &Path, w: &mut Watch) {
    let theme = dir.join("templates/theme.typ");
    let text = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(&theme, format!("{text}\n// edited\n")).unwrap();
    w.wait_for("rebuild for the template", |w| {
        lines_with(w, "rebuilt (templates/theme.typ changed)") == 1
    });
}

#[test]
fn a_folder_removed_and_created_again_is_watched_again() {
    let project = escape_project();
    let dir = project.path();
    brief_ok(dir, &["templates", "eject"]);
    let mut w = Watch::start(dir, &["--date", "2026-07-06"]);
    w.wait_for("first build", |w| lines_with(w, "watching ") == 1);
    w.settle();
    // Removed and ejected again at once: another folder at the same path.
    std::fs::remove_dir_all(dir.join("templates")).unwrap();
    brief_ok(dir, &["templates", "eject"]);
    w.wait_for("the folder watched again", |w| {
        w.stdout.lock().unwrap().lines().any(|l| {
            l.starts_with("watching ") && l.ends_with("templates") && !l.contains("Ctrl-C")
        })
    });
    w.settle();
    edit_theme_and_see_one_rebuild(dir, &mut w);
}
