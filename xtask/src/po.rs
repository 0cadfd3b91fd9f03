//! `cargo xtask update-po`: merge the English source's messages into the
//! catalog of every edition translated by hand, keeping every translation
//! whose message is unchanged; then derive the derived editions again.

use anyhow::{Context, Result, anyhow};

use crate::root;

pub fn update_po() -> Result<()> {
    // The messages exactly as the translation gate sees them: the pipeline's
    // expansion, then mdbook-xgettext's extraction.
    let book = book_pipeline::read(&root())?;
    let pot = book.messages()?;
    for edition in &book.editions {
        if edition.made == book_pipeline::Made::ByHand {
            merge(&pot, edition)?;
        }
    }
    if book
        .editions
        .iter()
        .any(|e| matches!(e.made, book_pipeline::Made::Derived { .. }))
    {
        crate::derive::derive_editions(false)?;
    }
    Ok(())
}

fn merge(pot: &polib::catalog::Catalog, edition: &book_pipeline::Edition) -> Result<()> {
    let po = edition.po.as_deref().unwrap_or_default();
    let po_path = root().join(po);
    // A new edition starts from an empty file: its header comes first.
    let text = std::fs::read_to_string(&po_path).unwrap_or_default();
    if text.trim().is_empty() {
        std::fs::write(&po_path, new_header(edition)).with_context(|| format!("writing {po}"))?;
    }
    let parse = || {
        polib::po_file::parse(&po_path)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("{} does not parse", po_path.display()))
    };
    let old = parse()?;
    // The header stays as the translators left it.
    let header = parse()?.metadata;
    let mut merged = polib::catalog::Catalog::new(header);
    let mut kept = 0;
    let mut added = 0;
    for message in pot.messages() {
        let mut builder = polib::message::Message::build_singular();
        builder
            .with_msgid(message.msgid().to_string())
            .with_source(message.source().to_string())
            .with_comments(message.comments().to_string());
        match old.find_message(None, message.msgid(), None) {
            Some(existing) if !existing.msgstr().unwrap_or_default().is_empty() => {
                builder.with_msgstr(existing.msgstr().unwrap().to_string());
                if existing.is_fuzzy() {
                    builder.with_flags(existing.flags().clone());
                }
                kept += 1;
            }
            _ => {
                builder.with_msgstr(String::new());
                added += 1;
            }
        }
        merged.append_or_update(builder.done());
    }
    let current: Vec<&str> = pot.messages().map(|m| m.msgid()).collect();
    let dropped: Vec<String> = old
        .messages()
        .filter(|m| !current.contains(&m.msgid()))
        .map(|m| {
            format!(
                "  {:?}\n    was {:?}",
                m.msgid(),
                m.msgstr().unwrap_or_default()
            )
        })
        .collect();
    polib::po_file::write(&merged, &po_path)
        .with_context(|| format!("writing {}", po_path.display()))?;
    println!("{po}: {kept} translations kept, {added} new messages to translate");
    if !dropped.is_empty() {
        println!(
            "{} messages left the English source; their old translations, for reuse:\n{}",
            dropped.len(),
            dropped.join("\n")
        );
    }
    Ok(())
}

/// The header of a new edition's catalog (polib needs every field).
fn new_header(edition: &book_pipeline::Edition) -> String {
    let fields = [
        ("Project-Id-Version", edition.title.as_str()),
        ("POT-Creation-Date", ""),
        ("PO-Revision-Date", ""),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Language", edition.language.as_str()),
        ("Plural-Forms", "nplurals=1; plural=0;"),
    ];
    let mut header = String::from("msgid \"\"\nmsgstr \"\"\n");
    for (key, value) in fields {
        header.push_str(&format!("\"{key}: {}\\n\"\n", value.replace('"', "\\\"")));
    }
    header
}
