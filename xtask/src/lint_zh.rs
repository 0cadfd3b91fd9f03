//! `cargo xtask lint-zh`: the typography of each edition whose registry
//! entry names a `typography` allowance (the Simplified Chinese one; the
//! Traditional edition is converted from it), held to one written standard. autocorrect (PyPI's `autocorrect-py`, pinned and hashed
//! in xtask/requirements.txt) applies 中文文案排版指北: a space between Chinese
//! and Latin letters, digits or code, full-width punctuation in Chinese text,
//! and no space beside it. Every translated message must be what autocorrect
//! would make of it, or be listed in the allowance (po/zh-CN.typography-allow.toml)
//! with the reason it keeps its form (the notes' own words, kept as the notes wrote
//! them).

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::{root, tools};

/// The allowance file `allowance`: (msgid, why), each with its reason.
fn allowed(allowance: &str) -> Result<Vec<(String, String)>> {
    let path = root().join(allowance);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {allowance}"))?;
    let table: toml::Table = text
        .parse()
        .with_context(|| format!("{allowance} is no TOML"))?;
    let mut allowed = Vec::new();
    for entry in table
        .get("allow")
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
    {
        let field = |name: &str| entry.get(name).and_then(|v| v.as_str()).unwrap_or_default();
        if field("why").trim().is_empty() || field("msgid").is_empty() {
            bail!("{allowance}: every [[allow]] needs a msgid and a why");
        }
        allowed.push((field("msgid").to_string(), field("why").to_string()));
    }
    Ok(allowed)
}

/// Formats `messages` with autocorrect, in one Python process.
fn autocorrect(messages: &[&str]) -> Result<Vec<String>> {
    let mut child = Command::new(tools::venv_python())
        .arg(root().join("xtask/lint_zh.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("starting xtask/lint_zh.py in target/tools/venv")?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(messages.join("\0").as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("xtask/lint_zh.py failed");
    }
    let text = String::from_utf8(out.stdout).context("autocorrect's output is not UTF-8")?;
    Ok(text.split('\0').map(str::to_string).collect())
}

pub fn lint() -> Result<()> {
    tools::install_python_tools(Some("autocorrect-py"))?;
    let editions = book_pipeline::editions(&root())?;
    for edition in &editions {
        if let (Some(po), Some(allowance)) = (&edition.po, &edition.typography) {
            lint_one(po, allowance)?;
        }
    }
    Ok(())
}

fn lint_one(po_name: &str, allowance: &str) -> Result<()> {
    let po_path = root().join(po_name);
    let po = polib::po_file::parse(&po_path).map_err(|e| anyhow::anyhow!("{e}"))?;
    let allowed = allowed(allowance)?;
    let mut checked = Vec::new();
    let mut used = vec![false; allowed.len()];
    for message in po.messages() {
        let (msgid, msgstr) = (message.msgid(), message.msgstr().unwrap_or_default());
        // A message kept as it is (code, a string literal, an English cell)
        // is the English text's, not the translation's.
        if msgstr.is_empty() || msgstr == msgid {
            continue;
        }
        if let Some(i) = allowed.iter().position(|(id, _)| id == msgid) {
            used[i] = true;
            continue;
        }
        checked.push((message.source().to_string(), msgstr));
    }
    let texts: Vec<&str> = checked.iter().map(|(_, m)| *m).collect();
    let formatted = autocorrect(&texts)?;
    let mut findings = Vec::new();
    for ((source, msgstr), wanted) in checked.iter().zip(&formatted) {
        if msgstr != wanted {
            let at = source.split_whitespace().next().unwrap_or("?");
            findings.push(format!("{at}:\n    is   {msgstr:?}\n    want {wanted:?}"));
        }
    }
    for (i, (msgid, _)) in allowed.iter().enumerate() {
        if !used[i] {
            findings.push(format!(
                "{allowance}: allows a message the catalog no longer has: {msgid:?}"
            ));
        }
    }
    println!(
        "autocorrect read {} messages of {po_name} ({} allowed as they are): {} findings",
        checked.len(),
        allowed.len(),
        findings.len()
    );
    if !findings.is_empty() {
        bail!("{}", findings.join("\n"));
    }
    Ok(())
}
