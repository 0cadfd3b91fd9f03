//! The rules the workflows keep, beyond what actionlint checks: CI runs in
//! stages, one job per stage of .ci/run, each with the Rust cache; the site is
//! published only after every stage passed on that commit, with the least
//! permissions, pinned actions and bounded jobs. `cargo xtask
//! lint-workflows` checks them, and so do xtask's tests.

use std::collections::BTreeMap;

/// One job of a workflow: its name and its lines (indented as in the file).
fn jobs(text: &str) -> BTreeMap<String, Vec<&str>> {
    let mut jobs = BTreeMap::new();
    let mut in_jobs = false;
    let mut current: Option<String> = None;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_jobs = line.trim_end() == "jobs:";
            current = None;
            continue;
        }
        if !in_jobs {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent == 2 && line.trim_end().ends_with(':') && !line.trim_start().starts_with('#') {
            let name = line.trim().trim_end_matches(':').to_string();
            jobs.insert(name.clone(), Vec::new());
            current = Some(name);
        } else if let Some(job) = &current {
            jobs.get_mut(job).expect("inserted above").push(line);
        }
    }
    jobs
}

/// The value of `key:` in a job's own lines (4 spaces in), if any.
fn field<'a>(lines: &[&'a str], key: &str) -> Option<&'a str> {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&format!("    {key}:")))
        .map(str::trim)
}

/// Everything in `text`, a workflow named `name`, that breaks the rules.
pub fn faults(name: &str, text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let mut fault = |message: String| faults.push(format!("{name}: {message}"));
    if !text.lines().any(|l| l.trim_end() == "permissions: {}") {
        fault("no top-level `permissions: {}`; give each job only what it needs".into());
    }
    for (number, line) in text.lines().enumerate() {
        let Some((_, action)) = line.split_once("uses:") else {
            continue;
        };
        let action = action.split('#').next().unwrap_or_default().trim();
        let pinned = action
            .rsplit_once('@')
            .is_some_and(|(_, rev)| rev.len() == 40 && rev.chars().all(|c| c.is_ascii_hexdigit()));
        if !pinned {
            fault(format!(
                "line {}: `{action}` is not pinned by a commit",
                number + 1
            ));
        }
        if action.starts_with("actions/checkout@") {
            let next: Vec<&str> = text.lines().skip(number + 1).take(3).collect();
            if !next
                .iter()
                .any(|l| l.trim() == "persist-credentials: false")
            {
                fault(format!(
                    "line {}: a checkout without `persist-credentials: false`",
                    number + 1
                ));
            }
        }
    }
    let jobs = jobs(text);
    let tests = jobs
        .iter()
        .filter(|(_, lines)| lines.iter().any(|l| l.contains("bash .ci/run")))
        .map(|(name, _)| name.clone())
        .collect::<Vec<_>>();
    for (job, lines) in &jobs {
        if field(lines, "timeout-minutes").is_none() {
            fault(format!("job `{job}` has no timeout-minutes"));
        }
        let writes_pages = lines
            .iter()
            .any(|l| l.trim() == "pages: write" || l.trim() == "id-token: write");
        let deploys = lines.iter().any(|l| l.contains("actions/deploy-pages@"));
        if writes_pages && !deploys {
            fault(format!("job `{job}` may write Pages but does not deploy"));
        }
        if deploys {
            if lines
                .iter()
                .any(|l| l.contains("actions/checkout@") || l.contains("run:"))
            {
                fault(format!(
                    "job `{job}` deploys and also runs the repository's code"
                ));
            }
            // Follow `needs:` back: every job that runs .ci/run must come first.
            let mut before: Vec<String> = Vec::new();
            let mut queue = vec![job.clone()];
            while let Some(next) = queue.pop() {
                let Some(needs) = jobs.get(&next).and_then(|l| field(l, "needs")) else {
                    continue;
                };
                for need in needs.trim_matches(['[', ']']).split(',') {
                    let need = need.trim().to_string();
                    if !need.is_empty() && !before.contains(&need) {
                        before.push(need.clone());
                        queue.push(need);
                    }
                }
            }
            let untested: Vec<&String> = tests.iter().filter(|t| !before.contains(t)).collect();
            if tests.is_empty() || !untested.is_empty() {
                fault(format!(
                    "job `{job}` deploys without needing every job that runs .ci/run \
                     (not {untested:?})"
                ));
            }
        }
    }
    // CI runs in stages: each of .ci/run's stages is a job of its own, which
    // restores the Rust build cache.
    let stages: Vec<&str> = ["fast", "heavy", "site"]
        .into_iter()
        .filter(|stage| {
            !jobs.values().any(|lines| {
                lines
                    .iter()
                    .any(|l| l.trim_end().ends_with(&format!("bash .ci/run {stage}")))
            })
        })
        .collect();
    if !tests.is_empty() && !stages.is_empty() {
        fault(format!("no job runs the .ci/run stage(s) {stages:?}"));
    }
    for job in &tests {
        if !jobs[job].iter().any(|l| l.contains("Swatinem/rust-cache@")) {
            fault(format!("job `{job}` runs .ci/run without the Rust cache"));
        }
    }
    if text.contains("pull_request") && !text.contains("cancel-in-progress: true") {
        fault("no concurrency group cancels superseded runs".into());
    }
    faults
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflows_of_the_repository_keep_the_rules() {
        let dir = crate::root().join(".github/workflows");
        let files = crate::links::files_under(&dir, &["yml", "yaml"]);
        assert!(!files.is_empty());
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let found = faults(&crate::shown(&file), &text);
            assert!(found.is_empty(), "{found:#?}");
        }
    }

    #[test]
    fn each_broken_rule_is_named() {
        let bad = "\
on:
  pull_request:
permissions:
  contents: write
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: bash .ci/run
  deploy:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      pages: write
    steps:
      - run: ls
      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e
";
        let found = faults("bad.yml", bad).join("\n");
        for expected in [
            "no top-level `permissions: {}`",
            "`actions/checkout@v4` is not pinned",
            "a checkout without `persist-credentials: false`",
            "job `test` has no timeout-minutes",
            "job `deploy` deploys and also runs",
            "deploys without needing every job that runs .ci/run",
            "no job runs the .ci/run stage(s) [\"fast\", \"heavy\", \"site\"]",
            "job `test` runs .ci/run without the Rust cache",
            "no concurrency group cancels",
        ] {
            assert!(
                found.contains(expected),
                "missing {expected:?} in:\n{found}"
            );
        }
    }

    #[test]
    fn deploy_needs_every_stage() {
        let workflow = crate::root().join(".github/workflows/ci.yml");
        let good = std::fs::read_to_string(workflow).unwrap();
        assert!(faults("ci.yml", &good).is_empty());
        let early = good.replace("needs: [fast, heavy, site]", "needs: [site]");
        let found = faults("ci.yml", &early).join("\n");
        assert!(
            found.contains("deploys without needing every job that runs .ci/run")
                && found.contains("\"fast\"")
                && found.contains("\"heavy\""),
            "{found}"
        );
        let uncached = good.replacen(
            "      - uses: Swatinem/rust-cache@6323deb102c322ba6fcbdcafc7e3dddab59af2b6 # v2.9.2\n",
            "",
            1,
        );
        assert!(
            faults("ci.yml", &uncached)
                .join("\n")
                .contains("job `fast` runs .ci/run without the Rust cache")
        );
    }
}
