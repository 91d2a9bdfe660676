//! `brief schedule`: generated units and lines that the real tools accept.

use crate::common::{brief, brief_ok, command};

#[test]
fn installed_systemd_units_pass_systemd_analyze_verify() {
    let project = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let out = command(project.path())
        .env("XDG_CONFIG_HOME", config.path())
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
    let units = config.path().join("systemd/user");
    let timer = std::fs::read_to_string(units.join("brief-weekly.timer")).unwrap();
    assert!(
        timer.contains("OnCalendar=Mon *-*-* 07:00:00\nPersistent=true"),
        "{timer}"
    );
    let service = std::fs::read_to_string(units.join("brief-weekly.service")).unwrap();
    assert!(service.contains("build --audience all"), "{service}");
    match std::process::Command::new("systemd-analyze")
        .current_dir(&units)
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
    let out = command(&project)
        .env("XDG_CONFIG_HOME", config.path())
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
    let units = config.path().join("systemd/user");
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
    match std::process::Command::new("systemd-analyze")
        .current_dir(&units)
        .args(["verify", "./brief-weekly.service", "./brief-weekly.timer"])
        .output()
    {
        Ok(v) => assert!(
            v.status.success(),
            "systemd-analyze: {}",
            String::from_utf8_lossy(&v.stderr)
        ),
        Err(_) => eprintln!("note: systemd-analyze not installed; checked by content only"),
    }
}
