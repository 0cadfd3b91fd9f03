//! The editions: the English source, and one translation for each catalog
//! `po/<language>.po`, found there and described by its entry in the root
//! manifest's `[workspace.metadata.book.editions.<language>]`.
//!
//! Nothing else in the tooling names a language: serve, build, update-po,
//! the gate, the theme's scripts (through the data each page carries) and the
//! browser test all read this registry. A catalog without an entry, or an
//! entry without its catalog, is an error that names both.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// How a translation's catalog is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// The English source itself.
    Source,
    /// Translated by hand, merged by `cargo xtask update-po`.
    ByHand,
    /// Converted from another edition's catalog by `cargo xtask derive-editions`:
    /// OpenCC's `conversion` (for example `s2twp`), then the `overrides` table.
    Derived {
        from: String,
        conversion: String,
        overrides: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The language code, as in `<html lang>` and the site's folders: `zh-TW`.
    pub language: String,
    /// Browser languages this edition answers besides its own, for the
    /// site's front door: `zh-HK` for zh-TW.
    pub also: Vec<String>,
    /// The edition's name in its own language, for the language menu.
    pub name: String,
    /// The book's title in this edition (the English one is book.toml's).
    pub title: String,
    /// `cargo xtask serve --lang <language>`'s port unless one is given.
    pub port: u16,
    /// The catalog, from the book's root; None for the source.
    pub po: Option<String>,
    pub made: Made,
    /// The Han script of a Chinese edition, `Hans` or `Hant`: the gate
    /// refuses the other script's characters (po/scripts.toml).
    pub script: Option<String>,
    /// The terms file: the glossary's words and the variants the gate refuses.
    pub terms: Option<String>,
    /// autocorrect's allowance file; an edition with one is linted by
    /// `cargo xtask lint-zh`.
    pub typography: Option<String>,
    /// Whether the translation gate fails `cargo test` (true) or only reports
    /// (false: an edition still being translated).
    pub strict: bool,
}

impl Edition {
    pub fn is_source(&self) -> bool {
        self.made == Made::Source
    }
}

/// The editions of the book in `root`: English first, then each catalog of
/// po/ in the order of its language code.
pub fn editions(root: &Path) -> Result<Vec<Edition>> {
    let manifest = crate::workspace_manifest(root)?;
    let entries = manifest
        .get("workspace")
        .and_then(|w| w.get("metadata"))
        .and_then(|m| m.get("book"))
        .and_then(|b| b.get("editions"))
        .and_then(|e| e.as_table())
        .context("Cargo.toml: there is no [workspace.metadata.book.editions] table")?;
    let mut catalogs: Vec<String> = match fs::read_dir(root.join("po")) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".po").map(str::to_string)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    // A derived edition's catalog is written by `cargo xtask derive-editions`,
    // which needs the edition before its catalog exists.
    for (language, table) in entries {
        if table.get("made").and_then(|m| m.as_str()) == Some("derived")
            && !catalogs.contains(language)
        {
            catalogs.push(language.clone());
        }
    }
    catalogs.sort();
    let english_title = book_title(root)?;
    let mut found = Vec::new();
    let source = entries
        .get("en")
        .context("Cargo.toml: [workspace.metadata.book.editions.en], the source, is missing")?;
    found.push(entry("en", source, english_title, None)?);
    for language in &catalogs {
        let Some(table) = entries.get(language) else {
            bail!(
                "po/{language}.po has no entry [workspace.metadata.book.editions.{language}] \
                 in Cargo.toml (MAINTAINING.md, \"Add a language\", says what it holds)"
            );
        };
        let title = string(table, language, "title")?;
        found.push(entry(
            language,
            table,
            title,
            Some(format!("po/{language}.po")),
        )?);
    }
    for language in entries.keys() {
        if language != "en" && !catalogs.contains(language) {
            bail!(
                "Cargo.toml: [workspace.metadata.book.editions.{language}] has no catalog \
                 po/{language}.po (for a derived edition, `cargo xtask derive-editions` writes it)"
            );
        }
    }
    let mut ports: Vec<u16> = found.iter().map(|e| e.port).collect();
    ports.sort();
    ports.dedup();
    if ports.len() != found.len() {
        bail!("Cargo.toml: two editions have the same port");
    }
    for edition in &found {
        if let Made::Derived { from, .. } = &edition.made
            && !found
                .iter()
                .any(|e| &e.language == from && e.made == Made::ByHand)
        {
            bail!(
                "Cargo.toml: the {} edition is derived from {from}, which is not an edition \
                 translated by hand",
                edition.language
            );
        }
    }
    Ok(found)
}

fn string(table: &toml::Value, language: &str, key: &str) -> Result<String> {
    table
        .get(key)
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .with_context(|| format!("Cargo.toml: the {language} edition has no {key}"))
}

fn optional(table: &toml::Value, key: &str) -> Option<String> {
    table.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

fn entry(
    language: &str,
    table: &toml::Value,
    title: String,
    po: Option<String>,
) -> Result<Edition> {
    let port = table
        .get("port")
        .and_then(|p| p.as_integer())
        .and_then(|p| u16::try_from(p).ok())
        .with_context(|| format!("Cargo.toml: the {language} edition has no port"))?;
    let made = match (po.is_some(), optional(table, "made").as_deref()) {
        (false, None) => Made::Source,
        (true, Some("by hand")) => Made::ByHand,
        (true, Some("derived")) => Made::Derived {
            from: string(table, language, "from")?,
            conversion: string(table, language, "conversion")?,
            overrides: string(table, language, "overrides")?,
        },
        (_, other) => bail!(
            "Cargo.toml: the {language} edition's `made` is {other:?}; a translation is \
             \"by hand\" or \"derived\", and the source says nothing"
        ),
    };
    let script = optional(table, "script");
    if let Some(script) = &script
        && script != "Hans"
        && script != "Hant"
    {
        bail!("Cargo.toml: the {language} edition's script is {script:?}, not Hans or Hant");
    }
    let also = table
        .get("also")
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok(Edition {
        language: language.to_string(),
        also,
        name: string(table, language, "name")?,
        title,
        port,
        po,
        made,
        script,
        terms: optional(table, "terms"),
        typography: optional(table, "typography"),
        strict: table
            .get("strict")
            .and_then(|s| s.as_bool())
            .unwrap_or(true),
    })
}

/// book.toml's title: the English edition's.
fn book_title(root: &Path) -> Result<String> {
    let path = root.join("book.toml");
    let book: toml::Table = fs::read_to_string(&path)
        .with_context(|| format!("reading {}", path.display()))?
        .parse()
        .context("book.toml does not parse")?;
    book.get("book")
        .and_then(|b| b.get("title"))
        .and_then(|t| t.as_str())
        .map(str::to_string)
        .context("book.toml has no [book] title")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, manifest: &str, catalogs: &[&str]) -> std::path::PathBuf {
        let root =
            std::env::temp_dir().join(format!("book-editions-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("po")).unwrap();
        fs::write(root.join("Cargo.toml"), manifest).unwrap();
        fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\n").unwrap();
        for language in catalogs {
            fs::write(root.join(format!("po/{language}.po")), "").unwrap();
        }
        root
    }

    const TWO: &str = "[workspace.metadata.book.editions.en]\nname = \"English\"\nport = 3000\n\
        [workspace.metadata.book.editions.xx]\nname = \"X\"\ntitle = \"TX\"\nport = 3001\n\
        made = \"by hand\"\n";

    #[test]
    fn editions_come_from_the_catalogs_and_their_entries() {
        let root = scratch("ok", TWO, &["xx"]);
        let found = editions(&root).unwrap();
        let languages: Vec<&str> = found.iter().map(|e| e.language.as_str()).collect();
        assert_eq!(languages, ["en", "xx"]);
        assert_eq!(found[0].title, "T");
        assert_eq!(found[1].po.as_deref(), Some("po/xx.po"));
        assert!(found[1].strict);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_catalog_without_an_entry_and_an_entry_without_a_catalog_are_named() {
        let root = scratch("stray", TWO, &["xx", "yy"]);
        let error = format!("{:#}", editions(&root).unwrap_err());
        assert!(error.contains("po/yy.po has no entry"), "{error}");
        fs::remove_dir_all(&root).unwrap();
        let root = scratch("missing", TWO, &[]);
        let error = format!("{:#}", editions(&root).unwrap_err());
        assert!(
            error.contains("editions.xx] has no catalog po/xx.po"),
            "{error}"
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_derived_edition_needs_an_edition_by_hand_to_come_from() {
        let manifest = TWO.to_string()
            + "[workspace.metadata.book.editions.zz]\nname = \"Z\"\ntitle = \"TZ\"\nport = 3002\n\
               made = \"derived\"\nfrom = \"en\"\nconversion = \"s2t\"\noverrides = \"o.toml\"\n";
        let root = scratch("derived", &manifest, &["xx", "zz"]);
        let error = format!("{:#}", editions(&root).unwrap_err());
        assert!(error.contains("derived from en"), "{error}");
        fs::remove_dir_all(&root).unwrap();
    }
}
