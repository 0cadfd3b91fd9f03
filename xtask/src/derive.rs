//! `cargo xtask derive-editions`: make every derived edition's catalog and
//! terms file again from the edition it comes from, with OpenCC (PyPI
//! `opencc`, pinned and hashed in xtask/requirements.txt) and the edition's
//! overrides table; and po/scripts.toml, each Han script's foreign
//! characters. `--check` writes nothing and fails when a committed file
//! differs from what the conversion makes.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow, bail};
use book_pipeline::derive::{STAMP, opencc_version, stamp};
use book_pipeline::translation::{Rules, SCRIPTS};
use book_pipeline::{Edition, Made};

use crate::root;
use crate::tools::{install_python_tools, venv_python};

/// Converts each text with OpenCC's `conversion`.
fn convert(conversion: &str, texts: &[String]) -> Result<Vec<String>> {
    let mut child = Command::new(venv_python())
        .arg(root().join("xtask/opencc_convert.py"))
        .arg(conversion)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("running xtask/opencc_convert.py")?;
    let list = format!(
        "[{}]",
        texts
            .iter()
            .map(|t| json_string(t))
            .collect::<Vec<_>>()
            .join(",")
    );
    child
        .stdin
        .take()
        .context("opencc_convert.py's input")?
        .write_all(list.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("xtask/opencc_convert.py {conversion} failed");
    }
    let converted: Vec<String> =
        parse_json_strings(&String::from_utf8(out.stdout).context("OpenCC's output")?)?;
    if converted.len() != texts.len() {
        bail!(
            "OpenCC returned {} texts for {}",
            converted.len(),
            texts.len()
        );
    }
    Ok(converted)
}

pub fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON list of strings, as Python's json.dump writes it.
fn parse_json_strings(text: &str) -> Result<Vec<String>> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut strings = Vec::new();
    let mut i = 0;
    let mut current: Option<String> = None;
    while i < chars.len() {
        let c = chars[i];
        match (&mut current, c) {
            (None, '"') => current = Some(String::new()),
            (None, _) => {}
            (Some(s), '\\') => {
                i += 1;
                match chars.get(i) {
                    Some('n') => s.push('\n'),
                    Some('r') => s.push('\r'),
                    Some('t') => s.push('\t'),
                    Some('u') => {
                        let hex: String = chars[i + 1..i + 5].iter().collect();
                        let mut code = u32::from_str_radix(&hex, 16)?;
                        i += 4;
                        // A surrogate pair.
                        if (0xd800..0xdc00).contains(&code) && chars.get(i + 1) == Some(&'\\') {
                            let low: String = chars[i + 3..i + 7].iter().collect();
                            let low = u32::from_str_radix(&low, 16)?;
                            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                            i += 6;
                        }
                        s.push(char::from_u32(code).ok_or_else(|| anyhow!("bad \\u{hex}"))?);
                    }
                    Some(&other) => s.push(other),
                    None => bail!("a JSON string ends in \\"),
                }
            }
            (Some(_), '"') => strings.push(current.take().unwrap_or_default()),
            (Some(s), c) => s.push(c),
        }
        i += 1;
    }
    Ok(strings)
}

/// An edition's overrides table: `replace`, pairs applied in order to each
/// converted text, and `messages`, whole translations by English message.
struct Overrides {
    replace: Vec<(String, String)>,
    messages: Vec<(String, String)>,
}

impl Overrides {
    fn read(path: &str) -> Result<Overrides> {
        let text =
            fs::read_to_string(root().join(path)).with_context(|| format!("reading {path}"))?;
        let table: toml::Table = text
            .parse()
            .with_context(|| format!("{path} does not parse"))?;
        let replace = Rules::parse(&format!(
            "refuse = {}",
            table.get("replace").map_or("[]".into(), |v| v.to_string())
        ))
        .with_context(|| format!("{path}: replace is a list of [from, to] pairs"))?
        .refuse;
        let messages = table
            .get("messages")
            .and_then(|m| m.as_table())
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Overrides { replace, messages })
    }

    fn apply(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (from, to) in &self.replace {
            text = text.replace(from.as_str(), to);
        }
        text
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// What derive-editions writes: (file from the root, text).
fn derived_files() -> Result<Vec<(String, String)>> {
    let editions = book_pipeline::editions(&root())?;
    let opencc = opencc_version(&root())?;
    let mut files = Vec::new();
    let mut scripts: Vec<(String, BTreeSet<char>)> = Vec::new();
    for edition in &editions {
        let Made::Derived {
            from,
            conversion,
            overrides,
        } = &edition.made
        else {
            continue;
        };
        let source: &Edition = editions
            .iter()
            .find(|e| &e.language == from)
            .context("the edition it comes from")?;
        let source_po = source.po.as_deref().unwrap_or_default();
        let catalog = polib::po_file::parse(&root().join(source_po))
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("{source_po} does not parse"))?;
        let overrides = Overrides::read(overrides)?;
        // Every translation is converted; a message kept as the English one
        // is left as it is below unless it is Chinese.
        let texts: Vec<String> = catalog
            .messages()
            .filter_map(|m| m.msgstr().ok())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let converted = convert(conversion, &texts)?;
        let mut by_text = std::collections::HashMap::new();
        for (text, new) in texts.iter().zip(&converted) {
            by_text.insert(text.clone(), overrides.apply(new));
        }
        let mut metadata = polib::po_file::parse(&root().join(source_po))
            .map_err(|e| anyhow!("{e}"))?
            .metadata;
        metadata.language = edition.language.clone();
        let mut out = polib::catalog::Catalog::new(metadata);
        let mut unused: Vec<&str> = overrides.messages.iter().map(|(k, _)| k.as_str()).collect();
        let mut characters = BTreeSet::new();
        for message in catalog.messages() {
            let msgid = message.msgid();
            let msgstr = message.msgstr().unwrap_or_default();
            let translated =
                if let Some((_, whole)) = overrides.messages.iter().find(|(k, _)| k == msgid) {
                    unused.retain(|k| *k != msgid);
                    whole.clone()
                } else if msgstr.is_empty() || (msgstr == msgid && !msgid.chars().any(is_han)) {
                    // Code, a string literal or an English cell. (A Chinese cell
                    // of the English source, such as the glossary's 中文 column,
                    // is converted.)
                    msgstr.to_string()
                } else {
                    by_text[msgstr].clone()
                };
            if msgstr != msgid {
                characters.extend(msgstr.chars().filter(|&c| is_han(c)));
            }
            let mut builder = polib::message::Message::build_singular();
            builder
                .with_msgid(msgid.to_string())
                .with_source(message.source().to_string())
                .with_comments(message.comments().to_string())
                .with_msgstr(translated);
            if message.is_fuzzy() {
                builder.with_flags(message.flags().clone());
            }
            out.append_or_update(builder.done());
        }
        if !unused.is_empty() {
            bail!(
                "the overrides of the {} edition replace messages the catalog does not have: {unused:?}",
                edition.language
            );
        }
        let scratch = root().join("target/derive.po");
        fs::create_dir_all(root().join("target"))?;
        polib::po_file::write(&out, &scratch).context("writing the derived catalog")?;
        let po_text = fs::read_to_string(&scratch)?;
        let derived_chars: BTreeSet<char> = out
            .messages()
            .filter(|m| m.msgstr().ok() != Some(m.msgid()))
            .flat_map(|m| m.msgstr().unwrap_or_default().chars().collect::<Vec<_>>())
            .collect();

        // The terms file, converted the same way.
        let terms_text = match (&source.terms, &edition.terms) {
            (Some(from_terms), Some(_)) => {
                let text = fs::read_to_string(root().join(from_terms))?;
                let rules = Rules::parse(&text)?;
                let words: Vec<String> = rules
                    .refuse
                    .iter()
                    .chain(&rules.right_in)
                    .flat_map(|(a, b)| [a.clone(), b.clone()])
                    .collect();
                let new: Vec<String> = convert(conversion, &words)?
                    .iter()
                    .map(|w| overrides.apply(w))
                    .collect();
                let mut pairs = new.chunks(2).map(|p| (p[0].clone(), p[1].clone()));
                let refuse: Vec<(String, String)> =
                    pairs.by_ref().take(rules.refuse.len()).collect();
                let right_in: Vec<(String, String)> = pairs.collect();
                if let Some((v, _)) = refuse.iter().find(|(v, w)| v == w) {
                    bail!(
                        "in the {} edition the variant {v:?} converts to the word itself; \
                         give it an override",
                        edition.language
                    );
                }
                let list = |pairs: &[(String, String)]| {
                    pairs
                        .iter()
                        .map(|(a, b)| format!("    [{}, {}],\n", json_string(a), json_string(b)))
                        .collect::<String>()
                };
                Some(format!(
                    "# Converted from {from_terms} by `cargo xtask derive-editions`; do not edit.\n\
                     # The {} edition's words: each variant the gate refuses, and the word used.\n\
                     refuse = [\n{}]\n\nright-in = [\n{}]\n",
                    edition.language,
                    list(&refuse),
                    list(&right_in)
                ))
            }
            _ => None,
        };

        // Each character of the source that the script conversion changes
        // is foreign to the derived edition, unless the derived text keeps it;
        // its converted form is foreign to the source, unless the source uses it.
        if source.script.is_some() && edition.script.is_some() {
            let list: Vec<String> = characters.iter().map(char::to_string).collect();
            let single = convert("s2t", &list)?;
            let mut simplified = BTreeSet::new();
            let mut traditional = BTreeSet::new();
            for (c, t) in characters.iter().zip(&single) {
                if t != &c.to_string() {
                    if !derived_chars.contains(c) {
                        simplified.insert(*c);
                    }
                    traditional.extend(t.chars().filter(|t| !characters.contains(t)));
                }
            }
            scripts.push((edition.script.clone().unwrap_or_default(), simplified));
            scripts.push((source.script.clone().unwrap_or_default(), traditional));
        }

        // Written last, the stamp covers the terms file too.
        let po = edition.po.clone().unwrap_or_default();
        if let (Some(text), Some(path)) = (terms_text, &edition.terms) {
            files.push((path.clone(), text));
        }
        files.push((po, po_text));
        let _ = fs::remove_file(&scratch);
        let stamp = stamp(&root(), &editions, edition, &opencc)?;
        let last = files.len() - 1;
        files[last].1 = format!("{STAMP}{stamp}\n{}", files[last].1);
    }
    if !scripts.is_empty() {
        let mut text = String::from(
            "# Written by `cargo xtask derive-editions`; do not edit. For each Han\n\
             # script, the characters of the other one that the translation gate\n\
             # refuses in an edition written in it: those of the book's Simplified\n\
             # catalog that OpenCC's s2t changes (foreign to Hant), and what it\n\
             # changes them into (foreign to Hans), each less the characters the\n\
             # edition itself rightly uses.\n",
        );
        scripts.sort();
        for (script, characters) in scripts {
            let line: String = characters.iter().collect();
            text.push_str(&format!("{script} = {}\n", json_string(&line)));
        }
        files.push((SCRIPTS.to_string(), text));
    }
    Ok(files)
}

pub fn derive_editions(check: bool) -> Result<()> {
    install_python_tools(Some("opencc"))?;
    let files = derived_files()?;
    let mut differ = Vec::new();
    for (path, text) in &files {
        let full = root().join(path);
        let now = fs::read_to_string(&full).unwrap_or_default();
        if &now == text {
            continue;
        }
        if check {
            differ.push(path.clone());
        } else {
            fs::write(&full, text).with_context(|| format!("writing {path}"))?;
            println!("wrote {path}");
        }
    }
    if check && !differ.is_empty() {
        bail!(
            "not what the conversion makes: {}; run `cargo xtask derive-editions`",
            differ.join(", ")
        );
    }
    println!(
        "{} derived files {}",
        files.len(),
        if check { "checked" } else { "up to date" }
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lists_go_both_ways() {
        let texts = ["a \"b\" \\ c\n", "執行緒", "tab\t"];
        let list = format!(
            "[{}]",
            texts
                .iter()
                .map(|t| json_string(t))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert_eq!(parse_json_strings(&list).unwrap(), texts);
        assert_eq!(
            parse_json_strings("[\"\\u57f7\", \"\\ud83d\\ude00\"]").unwrap(),
            ["執", "😀"]
        );
    }
}
