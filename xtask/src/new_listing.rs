//! `cargo xtask new-listing <chapter> <name>`: a new program for the book,
//! with its Python original and its binary, and the lines that show them.

use std::fs;

use anyhow::{Context, Result, bail};

use crate::{root, shown};

const RUST: &str = "// TODO: say what this program shows.
fn main() {
    // ANCHOR: main
    println!(\"hello from the new listing\");
    // ANCHOR_END: main
}
";

const PYTHON: &str = "# TODO: the notes' Python, brought up to Python 3.
print(\"hello from the new listing\")
";

pub fn new_listing(chapter: &str, name: &str, python: bool) -> Result<()> {
    let snake = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    if !snake(name) {
        bail!("{name:?}: a listing's name is snake_case (a-z, 0-9 and _)");
    }
    let folder = root().join("listings").join(chapter);
    let number = chapter
        .split('-')
        .next()
        .filter(|n| n.len() == 4 && n.starts_with("ch"))
        .with_context(|| format!("{chapter:?}: a chapter folder is named chNN-<slug>"))?;
    if !folder.is_dir() {
        let chapters: Vec<String> = fs::read_dir(root().join("listings"))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("ch"))
            .collect();
        bail!(
            "listings/{chapter} does not exist; the chapters are {}. \
             For a new chapter, create its folder first.",
            chapters.join(", ")
        );
    }
    let program = folder.join(format!("{name}.rs"));
    let original = folder.join(format!("{name}.py"));
    for path in std::iter::once(&program).chain(python.then_some(&original)) {
        if path.exists() {
            bail!("{} exists already", shown(path));
        }
    }
    let bin = format!("{number}-{}", name.replace('_', "-"));
    let manifest = root().join("listings/Cargo.toml");
    let text =
        fs::read_to_string(&manifest).with_context(|| format!("reading {}", manifest.display()))?;
    if text.contains(&format!("name = \"{bin}\"")) {
        bail!("listings/Cargo.toml has a binary {bin} already");
    }
    fs::write(&program, RUST).with_context(|| format!("writing {}", shown(&program)))?;
    if python {
        fs::write(&original, PYTHON).with_context(|| format!("writing {}", shown(&original)))?;
    }
    let stanza =
        format!("\n[[bin]]\nname = \"{bin}\"\npath = \"{chapter}/{name}.rs\"\ntest = false\n");
    fs::write(&manifest, text + &stanza).context("writing listings/Cargo.toml")?;

    println!("created {}", shown(&program));
    if python {
        println!("created {}", shown(&original));
    }
    println!("added the binary {bin} to listings/Cargo.toml (cargo run -p listings --bin {bin})");
    let base = format!("../listings/{chapter}/{name}");
    println!("\nShow them in src/{chapter}.md:\n");
    if python {
        println!("```python\n{{{{#include {base}.py}}}}\n```\n");
        println!("<!-- i18n:skip -->\n```text\n{{{{#include {base}.py.stdout}}}}\n```\n");
    }
    println!("```rust\n{{{{#rustdoc_include {base}.rs:main}}}}\n```\n");
    println!("<!-- i18n:skip -->\n```text\n{{{{#include {base}.stdout}}}}\n```\n");
    println!("Then: cargo xtask bless (records the outputs), cargo xtask update-po, translate.");
    Ok(())
}
