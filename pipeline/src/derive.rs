//! Derived editions: a catalog converted from another edition's by
//! `cargo xtask derive-editions` (OpenCC, then the overrides table) carries
//! a stamp of everything it was made from. [`stale`] recomputes the stamp
//! from the files as they are now, so the gate fails when one of them has
//! changed and the derived catalog was not made again.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::editions::{Edition, Made};

/// The first line of a derived catalog, before the stamp.
pub const STAMP: &str =
    "# Derived by `cargo xtask derive-editions`; do not edit. Inputs' SHA-256: ";

/// The files a derived `edition` is made from, from the book's root: the
/// catalog and terms file it is converted from, and its overrides.
pub fn inputs(editions: &[Edition], edition: &Edition) -> Vec<String> {
    let Made::Derived {
        from, overrides, ..
    } = &edition.made
    else {
        return Vec::new();
    };
    let source = editions.iter().find(|e| &e.language == from);
    let mut files: Vec<String> = source
        .into_iter()
        .flat_map(|e| e.po.iter().chain(e.terms.iter()).cloned())
        .collect();
    files.push(overrides.clone());
    files
}

/// The stamp of `edition`'s inputs as they are now, with the OpenCC
/// version (`opencc`) and the conversion.
pub fn stamp(root: &Path, editions: &[Edition], edition: &Edition, opencc: &str) -> Result<String> {
    let mut hash = Sha256::new();
    if let Made::Derived { conversion, .. } = &edition.made {
        hash.update(format!("opencc {opencc} {conversion}\n"));
    }
    for file in inputs(editions, edition) {
        let bytes = fs::read(root.join(&file)).with_context(|| format!("reading {file}"))?;
        hash.update(format!("{file} {}\n", bytes.len()));
        hash.update(&bytes);
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The opencc pin of the root manifest's python-tools.
pub fn opencc_version(root: &Path) -> Result<String> {
    crate::workspace_manifest(root)?
        .get("workspace")
        .and_then(|w| w.get("metadata"))
        .and_then(|m| m.get("python-tools"))
        .and_then(|t| t.get("opencc"))
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .context("Cargo.toml: [workspace.metadata.python-tools] pins no opencc")
}

/// Why `edition`'s catalog is stale, or None when its stamp is its inputs'.
pub fn stale(root: &Path, editions: &[Edition], edition: &Edition) -> Result<Option<String>> {
    let Some(po) = &edition.po else {
        return Ok(None);
    };
    let text = fs::read_to_string(root.join(po)).with_context(|| format!("reading {po}"))?;
    let wanted = stamp(root, editions, edition, &opencc_version(root)?)?;
    let found = text
        .lines()
        .next()
        .and_then(|line| line.strip_prefix(STAMP))
        .unwrap_or("(none)");
    Ok((found != wanted).then(|| {
        format!(
            "{po} was derived from other inputs than today's {} (its stamp is {found}, \
             theirs {wanted}): run `cargo xtask derive-editions`",
            inputs(editions, edition).join(", ")
        )
    }))
}
