//! `brief schedule`: a weekly build as a systemd timer, crontab line or CI workflow.

use brief::project::Project;
use brief::schedule::{self, Weekly, UNIT};
use brief::Error;

use super::Outcome;
use crate::cli::ScheduleArgs;

pub fn run(project: &Project, args: ScheduleArgs) -> brief::Result<Outcome> {
    let when = Weekly::parse(&args.weekly)?;
    let exe = std::env::current_exe().map_err(|e| Error::io("brief", e))?;
    let dir = std::path::absolute(&project.root).map_err(|e| Error::io(&project.root, e))?;
    if args.cron {
        super::out(&schedule::cron_line(&when, &exe, &dir))?;
    } else if args.github {
        let repo = args
            .tool_repo
            .as_deref()
            .unwrap_or(schedule::TOOL_REPO_PLACEHOLDER);
        super::out(&schedule::github_workflow(&when, repo)?)?;
        if args.tool_repo.is_none() {
            super::errln(&format!(
                "note: the workflow installs brief from {repo}: replace it (BRIEF_REPO), \
                 or pass --tool-repo URL"
            ));
        }
    } else if args.install {
        let units = schedule::install_systemd(&when, &exe, &dir)?;
        super::outln(&format!(
            "wrote {}/{UNIT}.service and {UNIT}.timer",
            units.display()
        ))?;
        super::outln(&format!(
            "now run: systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer"
        ))?;
    } else {
        let service = schedule::systemd_service(&exe, &dir)?;
        let timer = schedule::systemd_timer(&when);
        super::outln(&format!("# ~/.config/systemd/user/{UNIT}.service\n{service}\n# ~/.config/systemd/user/{UNIT}.timer\n{timer}"))?;
    }
    Ok(Outcome::Clean)
}
