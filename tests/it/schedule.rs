//! `brief schedule`: generated units and lines that the real tools accept.

use std::path::{Path, PathBuf};

use crate::common::{brief, brief_ok, command, Pdf};

/// `brief schedule --weekly "mon 07:00" --systemd --install` for a project,
/// with the user's config folder at `config`: the folder of the units.
fn install_weekly_units(project: &Path, config: &Path) -> PathBuf {
    let out = command(project)
        .env("XDG_CONFIG_HOME", config)
        .args([
            "schedule",
            "--weekly",
            "mon 07:00",
            "--systemd",
            "--install",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    config.join("systemd/user")
}

/// systemd-analyze accepts the weekly units (where it is installed).
fn verify_units(units: &Path) {
    match std::process::Command::new("systemd-analyze")
        .current_dir(units)
        .args(["verify", "./brief-weekly.service", "./brief-weekly.timer"])
        .output()
    {
        Ok(v) => assert!(
            v.status.success(),
            "systemd-analyze: {}",
            String::from_utf8_lossy(&v.stderr)
        ),
        Err(_) => {
            eprintln!("note: systemd-analyze not installed; unit syntax checked by content only")
        }
    }
}

#[test]
fn installed_systemd_units_pass_systemd_analyze_verify() {
    let project = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let units = install_weekly_units(project.path(), config.path());
    let timer = std::fs::read_to_string(units.join("brief-weekly.timer")).unwrap();
    assert!(
        timer.contains("OnCalendar=Mon *-*-* 07:00:00\nPersistent=true"),
        "{timer}"
    );
    let service = std::fs::read_to_string(units.join("brief-weekly.service")).unwrap();
    assert!(service.contains("build --audience all"), "{service}");
    verify_units(&units);
}

#[test]
fn cron_and_github_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let cron = brief_ok(dir.path(), &["schedule", "--weekly", "fri 16:30", "--cron"]);
    assert!(cron.starts_with("30 16 * * 5 cd "), "{cron}");
    let gh = brief_ok(
        dir.path(),
        &["schedule", "--weekly", "sun 06:05", "--github"],
    );
    assert!(gh.contains("- cron: \"5 6 * * 0\""), "{gh}");
}

#[test]
fn bad_schedules_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for spec in ["monday 07:00", "mon 7:00", "mon 24:00", "mon 07:60"] {
        let out = brief(dir.path(), &["schedule", "--weekly", spec]);
        assert_eq!(out.status.code(), Some(2), "{spec}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("schedule"),
            "{spec}"
        );
    }
}

#[test]
fn systemd_units_of_a_project_path_with_percent_dollar_and_quotes_verify() {
    let parent = tempfile::tempdir().unwrap();
    // `%z` is no systemd specifier: unescaped, systemd-analyze refuses it.
    let project = parent.path().join("p 100%z $HOME \"q\"");
    std::fs::create_dir_all(&project).unwrap();
    let config = tempfile::tempdir().unwrap();
    let units = install_weekly_units(&project, config.path());
    let service = std::fs::read_to_string(units.join("brief-weekly.service")).unwrap();
    let shown = project.display().to_string();
    let exec = format!(
        "-C \"{}\" build",
        shown
            .replace('%', "%%")
            .replace('$', "$$")
            .replace('"', "\\\"")
    );
    assert!(service.contains(&exec), "{service}");
    assert!(
        service.contains(&format!("WorkingDirectory={}\n", shown.replace('%', "%%"))),
        "{service}"
    );
    verify_units(&units);
}

/// The `run:` scripts of a printed workflow, with their step names (a
/// small reader of the one shape `schedule --github` prints: `- name:` or
/// `- uses:` starts a step, `run: |` takes the more indented lines after it).
fn run_steps(workflow: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = workflow.lines().collect();
    let mut steps = Vec::new();
    let mut name = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start();
        if let Some(n) = line.strip_prefix("- name: ") {
            name = n.to_string();
        } else if line.starts_with("- ") {
            name.clear();
        }
        if let Some(run) = line.strip_prefix("run: ") {
            if run == "|" {
                let indent = |l: &str| l.len() - l.trim_start().len();
                let block = indent(lines[i]) + 2;
                let mut script = String::new();
                while i + 1 < lines.len()
                    && (lines[i + 1].trim().is_empty() || indent(lines[i + 1]) >= block)
                {
                    i += 1;
                    script.push_str(lines[i].get(block..).unwrap_or(""));
                    script.push('\n');
                }
                steps.push((name.clone(), script));
            } else {
                steps.push((name.clone(), run.to_string()));
            }
        }
        i += 1;
    }
    steps
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the workflow's scripts in a fresh clone of `origin`, as a runner
/// would after `actions/checkout`: `brief` on PATH is the built binary
/// with `--date` added, and the tool's installation is left out (the
/// binary is built already). Returns the clone.
fn run_workflow(
    steps: &[(String, String)],
    origin: &std::path::Path,
    date: &str,
) -> tempfile::TempDir {
    let runner = tempfile::tempdir().unwrap();
    git(
        runner.path(),
        &["clone", "-q", &origin.display().to_string(), "repo"],
    );
    let repo = runner.path().join("repo");
    let bin = runner.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let wrapper = bin.join("brief");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec '{}' \"$@\" --date {date}\n",
            env!("CARGO_BIN_EXE_brief")
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (name, script) in steps {
        if script.contains("cargo ") || script.contains("GITHUB_OUTPUT") {
            continue;
        }
        let out = std::process::Command::new("bash")
            .current_dir(&repo)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "step {name:?} on {date}:\n{script}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    runner
}

#[test]
fn github_workflow_installs_checks_builds_and_keeps_editions() {
    let dir = tempfile::tempdir().unwrap();
    let gh = brief_ok(
        dir.path(),
        &[
            "schedule",
            "--weekly",
            "mon 07:00",
            "--github",
            "--tool-repo",
            "https://example.org/brief.git",
        ],
    );
    assert!(gh.contains("contents: write"), "{gh}");
    assert!(
        gh.contains("uses: actions/cache@v4") && gh.contains("~/.cargo/bin/brief"),
        "{gh}"
    );
    let steps = run_steps(&gh);
    let names: Vec<&str> = steps.iter().map(|(n, _)| n.as_str()).collect();
    let script = |name: &str| &steps.iter().find(|(n, _)| n == name).unwrap().1;
    assert_eq!(
        script("Install brief"),
        "cargo install --git \"$BRIEF_REPO\" --rev \"$TOOL_REV\" --locked brief"
    );
    assert!(
        gh.contains("BRIEF_REPO: https://example.org/brief.git"),
        "{gh}"
    );
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(at("Restore earlier editions") < at("Check the briefs"));
    assert_eq!(script("Check the briefs"), "brief check");
    assert_eq!(script("Build every audience"), "brief build --audience all");
    assert!(
        at("Build every audience") < at("Keep the editions"),
        "{names:?}"
    );
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: git not installed; the workflow's scripts were not run");
        return;
    }
    // The user's repository: seeds and briefs on main, pushed to a bare origin.
    let root = tempfile::tempdir().unwrap();
    let origin = root.path().join("origin.git");
    git(
        root.path(),
        &["init", "-q", "--bare", "-b", "main", "origin.git"],
    );
    let work = root.path().join("work");
    git(root.path(), &["clone", "-q", "origin.git", "work"]);
    crate::common::copy_dir(&crate::common::repo().join("seeds"), &work.join("seeds"));
    crate::common::copy_dir(&crate::common::repo().join("briefs"), &work.join("briefs"));
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "briefs"]);
    git(&work, &["push", "-q", "origin", "HEAD:main"]);
    let first = run_workflow(&steps, &origin, "2026-07-06");
    let week1 = first.path().join("repo/out/longcat/2026-W28/policy.pdf");
    assert!(!Pdf::open(&week1).text().contains("Since last edition"));
    // Week two: the analyst edits a claim; a new runner starts from scratch.
    let brief = work.join("briefs/longcat.toml");
    let text = std::fs::read_to_string(&brief).unwrap();
    let edited = text.replace("at the end of June 2026.", "on 30 June 2026.");
    assert_ne!(text, edited);
    std::fs::write(&brief, edited).unwrap();
    git(&work, &["commit", "-q", "-am", "edit a claim"]);
    git(&work, &["push", "-q", "origin", "HEAD:main"]);
    let second = run_workflow(&steps, &origin, "2026-07-13");
    let week2 = Pdf::open(&second.path().join("repo/out/longcat/2026-W29/policy.pdf")).text();
    assert!(week2.contains("Since last edition"), "{week2}");
    assert!(week2.contains("Compared with edition 2026-W28"), "{week2}");
    let kept = git(&origin, &["ls-tree", "-r", "--name-only", "editions"]);
    for file in [
        "longcat/2026-W28/manifest.json",
        "longcat/2026-W28/executive.pdf",
        "longcat/2026-W29/manifest.json",
        "longcat/2026-W29/policy.pdf",
        "longcat/latest/policy.pdf",
    ] {
        assert!(kept.lines().any(|l| l == file), "{file} not kept:\n{kept}");
    }
    assert!(!kept.contains(".brief.lock"), "{kept}");
    // A third run the same week with nothing changed adds no commit.
    let before = git(&origin, &["rev-parse", "editions"]);
    run_workflow(&steps, &origin, "2026-07-13");
    assert_eq!(git(&origin, &["rev-parse", "editions"]), before);
}
