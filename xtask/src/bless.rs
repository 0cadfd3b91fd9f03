//! `cargo xtask bless`: rerun every program and rewrite the outputs the book
//! shows from real runs, then print what changed, as diffs to review.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::links::files_under;
use crate::{cargo, root, run, shown};

/// Every recorded output: the .stdout and .stderr files under listings/.
fn recorded_outputs() -> BTreeMap<PathBuf, String> {
    files_under(&root().join("listings"), &["stdout", "stderr"])
        .into_iter()
        .filter(|path| !path.components().any(|c| c.as_os_str() == "target"))
        .filter_map(|path| Some((path.clone(), fs::read_to_string(&path).ok()?)))
        .collect()
}

pub fn bless() -> Result<()> {
    if std::env::var_os("CI").is_some() {
        bail!("bless rewrites what CI must check; it does not run with CI set");
    }
    let before = recorded_outputs();
    // trybuild and snapbox each rewrite their files when told to overwrite.
    for (test, variable) in [("compile_fail", "TRYBUILD"), ("outputs", "SNAPSHOTS")] {
        let mut command = cargo();
        command
            .current_dir(root())
            .args([
                "test",
                "--quiet",
                "--locked",
                "--package",
                "listings",
                "--test",
                test,
            ])
            .env(variable, "overwrite");
        run(command)?;
    }
    let after = recorded_outputs();
    let mut changed = 0;
    for (path, text) in &after {
        let old = before.get(path).map(String::as_str).unwrap_or_default();
        if before.contains_key(path) && old == text {
            continue;
        }
        changed += 1;
        print_diff(&shown(path), old, text);
    }
    for (path, old) in before.iter().filter(|(p, _)| !after.contains_key(*p)) {
        changed += 1;
        print_diff(&shown(path), old, "");
    }
    println!(
        "{changed} of {} recorded outputs changed{}",
        after.len(),
        if changed > 0 {
            "; the diffs are above, and `git diff listings/` shows them again"
        } else {
            ""
        }
    );
    Ok(())
}

fn print_diff(name: &str, old: &str, new: &str) {
    let diff = similar::TextDiff::from_lines(old, new);
    print!(
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    );
    if !new.ends_with('\n') && !new.is_empty() {
        println!("\n\\ No newline at end of file");
    }
}
