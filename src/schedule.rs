//! Scheduling with the tools users already run: systemd user timers,
//! crontab lines, GitHub Actions workflows. No daemon of our own.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::util::fs::write_atomic;

/// A weekly slot: ISO weekday (0 = Monday) and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekly {
    pub weekday: u8,
    pub hour: u8,
    pub minute: u8,
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const SYSTEMD_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl Weekly {
    /// Parses `"mon 07:00"` strictly: a three-letter weekday and HH:MM.
    pub fn parse(spec: &str) -> Result<Self> {
        let mut parts = spec.split_whitespace();
        let (Some(day), Some(time), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(usage(
                spec,
                "expected \"<weekday> <HH:MM>\", e.g. \"mon 07:00\"",
            ));
        };
        let weekday = DAYS
            .iter()
            .position(|d| d.eq_ignore_ascii_case(day))
            .ok_or_else(|| {
                usage(
                    spec,
                    "weekday must be one of mon, tue, wed, thu, fri, sat, sun",
                )
            })?;
        let (h, m) = time
            .split_once(':')
            .ok_or_else(|| usage(spec, "time must be HH:MM, e.g. 07:00"))?;
        let hour = two_digits(h, 23).ok_or_else(|| usage(spec, "hour must be 00-23"))?;
        let minute = two_digits(m, 59).ok_or_else(|| usage(spec, "minute must be 00-59"))?;
        Ok(Weekly {
            weekday: weekday as u8,
            hour,
            minute,
        })
    }

    /// systemd `OnCalendar=` value, e.g. `Mon *-*-* 07:00:00`.
    pub(crate) fn on_calendar(&self) -> String {
        format!(
            "{} *-*-* {:02}:{:02}:00",
            SYSTEMD_DAYS[self.weekday as usize], self.hour, self.minute
        )
    }

    /// The five cron fields, e.g. `0 7 * * 1`.
    pub(crate) fn cron_fields(&self) -> String {
        format!(
            "{} {} * * {}",
            self.minute,
            self.hour,
            (self.weekday + 1) % 7
        )
    }
}

fn two_digits(s: &str, max: u8) -> Option<u8> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse::<u8>().ok())
        .flatten()
        .filter(|v| *v <= max)
}

fn usage(spec: &str, why: &str) -> Error {
    Error::Usage(format!("invalid schedule {spec:?}: {why}"))
}

/// Unit name stem for the systemd units.
pub const UNIT: &str = "brief-weekly";

/// The systemd service unit that builds every audience of the project.
/// Paths are escaped as systemd reads them: `%` (a specifier) as `%%`
/// everywhere, and in `ExecStart=` double-quoted with `\` and `"`
/// escaped and `$` (a variable) as `$$`. A path systemd cannot hold (a
/// control character such as a line break, or a trailing space or
/// backslash, which the unit parser strips or reads as a continuation) is
/// an error.
pub fn systemd_service(exe: &Path, project: &Path) -> Result<String> {
    let p = systemd_value(project)?;
    Ok(format!(
        "[Unit]\nDescription=Build the weekly briefs in {p}\n\n[Service]\nType=oneshot\nWorkingDirectory={p}\nExecStart={e} -C {q} build --audience all\n",
        q = systemd_exec_word(project)?,
        e = systemd_exec_word(exe)?
    ))
}

/// A path as the value of a unit setting that resolves specifiers but does
/// not unquote (`WorkingDirectory=`, `Description=`).
fn systemd_value(path: &Path) -> Result<String> {
    let text = path.to_str().ok_or_else(|| {
        Error::Usage(format!(
            "{}: a systemd unit cannot hold a path that is not UTF-8",
            path.display()
        ))
    })?;
    if text.chars().any(char::is_control) || text.ends_with([' ', '\\', '\t']) {
        return Err(Error::Usage(format!(
            "{text:?}: a systemd unit cannot hold this path (control character, or a trailing \
             space or backslash); move the project, or use --cron"
        )));
    }
    Ok(text.replace('%', "%%"))
}

/// Quotes a path as one word of an `ExecStart=` line: `%` as `%%`, `$` as
/// `$$`, and double quotes (with `\` and `"` escaped) unless it is plain.
fn systemd_exec_word(path: &Path) -> Result<String> {
    let text = systemd_value(path)?.replace('$', "$$");
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._+:-%$".contains(c));
    Ok(if plain {
        text
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    })
}

/// Quotes a word for a POSIX shell (cron runs lines through `sh`); `%` is
/// special to cron and is escaped too.
fn shell_quote(word: &str) -> String {
    let safe = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c));
    let quoted = if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    };
    quoted.replace('%', "\\%")
}

/// The systemd timer unit that starts the service weekly.
pub fn systemd_timer(when: &Weekly) -> String {
    format!(
        "[Unit]\nDescription=Weekly brief build\n\n[Timer]\nOnCalendar={}\nPersistent=true\nUnit={UNIT}.service\n\n[Install]\nWantedBy=timers.target\n",
        when.on_calendar()
    )
}

/// A crontab line (cron has no catch-up for missed runs).
pub fn cron_line(when: &Weekly, exe: &Path, project: &Path) -> String {
    format!(
        "{} cd {p} && {e} -C {p} build --audience all\n",
        when.cron_fields(),
        p = shell_quote(&project.display().to_string()),
        e = shell_quote(&exe.display().to_string())
    )
}

/// Where `schedule --github` installs brief from when no `--tool-repo` is
/// given: a placeholder to replace (the README says so).
pub const TOOL_REPO_PLACEHOLDER: &str = "https://github.com/OWNER/brief";

/// The branch the GitHub workflow keeps `out/` on between runs.
pub(crate) const EDITIONS_BRANCH: &str = "editions";

/// The GitHub Actions workflow. `@CRON@`, `@TOOL_REPO@` and `@BRANCH@` are
/// filled in; `${{ }}` are GitHub's expressions, used only outside `run:`
/// scripts (which read them from `env:`), so the scripts run as they stand.
const GITHUB_WORKFLOW: &str = r#"# Weekly briefs, printed by `brief schedule --github`.
# Installs brief (cached), checks every brief, builds every audience and
# keeps out/ (manifests and PDFs) on the `@BRANCH@` branch, so each week's
# edition is compared with the last ("Since last edition").
# Needs `contents: write` (Settings > Actions > General > Workflow
# permissions must allow it) to push that branch.
name: Weekly briefs
on:
  schedule:
    - cron: "@CRON@" # UTC
  workflow_dispatch:
permissions:
  contents: write
concurrency:
  group: weekly-briefs
  cancel-in-progress: false
env:
  # The git repository brief is installed from.
  BRIEF_REPO: @TOOL_REPO@
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Find the tool's revision
        id: tool
        run: echo "rev=$(git ls-remote "$BRIEF_REPO" HEAD | cut -f1)" >> "$GITHUB_OUTPUT"
      - name: Cache the installed tool
        id: cache
        uses: actions/cache@v4
        with:
          path: |
            ~/.cargo/bin/brief
            ~/.cargo/.crates.toml
            ~/.cargo/.crates2.json
          key: brief-${{ runner.os }}-${{ steps.tool.outputs.rev }}
      - uses: dtolnay/rust-toolchain@stable
        if: steps.cache.outputs.cache-hit != 'true'
      - name: Install brief
        if: steps.cache.outputs.cache-hit != 'true'
        env:
          TOOL_REV: ${{ steps.tool.outputs.rev }}
        run: cargo install --git "$BRIEF_REPO" --rev "$TOOL_REV" --locked brief
      - name: Restore earlier editions
        run: |
          mkdir -p out
          if git fetch --depth=1 origin "+refs/heads/@BRANCH@:refs/remotes/origin/@BRANCH@"; then
            git archive "refs/remotes/origin/@BRANCH@" | tar -x -C out
          else
            echo "no @BRANCH@ branch yet: this is the first edition"
          fi
      - name: Check the briefs
        run: brief check
      - name: Build every audience
        run: brief build --audience all
      - name: Keep the editions
        run: |
          export GIT_INDEX_FILE="$(mktemp -d)/index"
          git -C out --git-dir=../.git --work-tree=. add --all --force -- . ':!.brief.lock'
          tree=$(git write-tree)
          parent=$(git rev-parse --quiet --verify "refs/remotes/origin/@BRANCH@" || true)
          if [ -n "$parent" ] && [ "$(git rev-parse "$parent^{tree}")" = "$tree" ]; then
            echo "no new edition"
            exit 0
          fi
          commit=$(git -c user.name="github-actions[bot]"             -c user.email="41898282+github-actions[bot]@users.noreply.github.com"             commit-tree "$tree" ${parent:+-p "$parent"} -m "Editions built $(date -u +%Y-%m-%d)")
          git push origin "$commit:refs/heads/@BRANCH@"
      - uses: actions/upload-artifact@v4
        with:
          name: briefs
          path: out/
"#;

/// A GitHub Actions workflow (cron in UTC) that installs brief from
/// `tool_repo` with `cargo install` (the binary cached by
/// `actions/cache`, keyed by the tool's revision), runs `brief check` and
/// `brief build --audience all`, and keeps `out/` between runs on the
/// [`EDITIONS_BRANCH`] branch.
pub fn github_workflow(when: &Weekly, tool_repo: &str) -> Result<String> {
    let plain = tool_repo
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@~".contains(c));
    if tool_repo.is_empty() || !plain {
        return Err(Error::Usage(format!(
            "--tool-repo {tool_repo:?}: expected a git URL such as {TOOL_REPO_PLACEHOLDER}"
        )));
    }
    Ok(GITHUB_WORKFLOW
        .replace("@CRON@", &when.cron_fields())
        .replace("@TOOL_REPO@", tool_repo)
        .replace("@BRANCH@", EDITIONS_BRANCH))
}

/// Writes the systemd user units to `$XDG_CONFIG_HOME/systemd/user` (else
/// `~/.config/systemd/user`); returns that folder.
pub fn install_systemd(when: &Weekly, exe: &Path, project: &Path) -> Result<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .ok_or_else(|| Error::Usage("neither XDG_CONFIG_HOME nor HOME is set".into()))?;
    let units = base.join("systemd/user");
    write_atomic(
        &units.join(format!("{UNIT}.service")),
        systemd_service(exe, project)?.as_bytes(),
    )?;
    write_atomic(
        &units.join(format!("{UNIT}.timer")),
        systemd_timer(when).as_bytes(),
    )?;
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_are_quoted() {
        let w = Weekly::parse("mon 07:00").unwrap();
        let line = cron_line(&w, Path::new("/usr/bin/brief"), Path::new("/srv/my briefs"));
        assert_eq!(line, "0 7 * * 1 cd '/srv/my briefs' && /usr/bin/brief -C '/srv/my briefs' build --audience all\n");
        let unit =
            systemd_service(Path::new("/usr/bin/brief"), Path::new("/srv/my briefs")).unwrap();
        assert!(
            unit.contains("ExecStart=/usr/bin/brief -C \"/srv/my briefs\" build"),
            "{unit}"
        );
    }

    #[test]
    fn systemd_units_escape_specifiers_variables_and_quotes() {
        let unit = systemd_service(
            Path::new("/opt/b 1%/brief"),
            Path::new("/srv/100%h $HOME \"q\" a\\b"),
        )
        .unwrap();
        assert!(
            unit.contains("WorkingDirectory=/srv/100%%h $HOME \"q\" a\\b\n"),
            "{unit}"
        );
        assert!(
            unit.contains("Description=Build the weekly briefs in /srv/100%%h $HOME"),
            "{unit}"
        );
        assert!(
            unit.contains(
                "ExecStart=\"/opt/b 1%%/brief\" -C \"/srv/100%%h $$HOME \\\"q\\\" a\\\\b\" build"
            ),
            "{unit}"
        );
        // A plain path with `$` or `%` still has them escaped.
        let unit = systemd_service(Path::new("/usr/bin/brief"), Path::new("/srv/a$b%c")).unwrap();
        assert!(unit.contains("-C /srv/a$$b%%c build"), "{unit}");
        for bad in ["/srv/a\nb", "/srv/a ", "/srv/a\\"] {
            assert!(
                systemd_service(Path::new("/usr/bin/brief"), Path::new(bad)).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn github_workflow_takes_only_a_plain_tool_url() {
        let w = Weekly::parse("mon 07:00").unwrap();
        let flow = github_workflow(&w, "https://example.org/brief.git").unwrap();
        assert!(
            flow.contains("BRIEF_REPO: https://example.org/brief.git\n"),
            "{flow}"
        );
        assert!(flow.contains("- cron: \"0 7 * * 1\""), "{flow}");
        for placeholder in ["@CRON@", "@TOOL_REPO@", "@BRANCH@"] {
            assert!(!flow.contains(placeholder), "{placeholder} left: {flow}");
        }
        // Nothing that could end the YAML value or start a shell word.
        for bad in ["", "https://x y", "https://x\n  run: rm", "$(id)", "'a'"] {
            assert!(github_workflow(&w, bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn parses_strictly() {
        let w = Weekly::parse("mon 07:00").unwrap();
        assert_eq!(w.on_calendar(), "Mon *-*-* 07:00:00");
        assert_eq!(w.cron_fields(), "0 7 * * 1");
        assert_eq!(
            Weekly::parse("SUN 23:59").unwrap().cron_fields(),
            "59 23 * * 0"
        );
        for bad in [
            "mon",
            "monday 07:00",
            "mon 7:00",
            "mon 24:00",
            "mon 07:60",
            "mon 07:00 x",
        ] {
            assert!(Weekly::parse(bad).is_err(), "{bad}");
        }
    }
}
