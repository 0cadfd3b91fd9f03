//! The Chinese edition cannot fall behind the English one.
//!
//! build.rs writes the English edition's messages, exactly as mdbook-xgettext
//! extracts them, to OUT_DIR/messages.pot. This test reads that and
//! po/zh-CN.po with polib and fails on any message without a finished
//! translation, on any obsolete entry, and on a translated string literal
//! (string literals are code, and stay the same in both editions).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

fn catalog(path: &Path) -> polib::catalog::Catalog {
    polib::po_file::parse(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn where_from(source: &str) -> String {
    source.split_whitespace().next().unwrap_or("?").to_string()
}

/// Is `msgid` a string literal that xgettext took out of a code block?
fn is_string_literal(msgid: &str) -> bool {
    let quoted = |q: char| msgid.len() >= 2 && msgid.starts_with(q) && msgid.ends_with(q);
    quoted('"') || quoted('\'')
}

/// A comment that xgettext took out of a code block: no markdown applies.
fn is_code_comment(msgid: &str) -> bool {
    let line = msgid.trim_start();
    line.starts_with("//") || line.starts_with("# ")
}

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)
}

/// Emphasis markers next to Chinese characters: mdbook-i18n-helpers writes
/// emphasis back as `_..._`, and CommonMark does not treat `_` between two
/// Chinese characters as emphasis, so readers would see the underscores.
fn emphasis_against_chinese(text: &str) -> bool {
    let mut in_code = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && (c == '*' || c == '_') {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            if before.is_some_and(is_chinese) || after.is_some_and(is_chinese) {
                return true;
            }
        }
    }
    false
}

#[test]
fn emphasis_next_to_chinese_is_found() {
    assert!(emphasis_against_chinese("它*中毒*了"));
    assert!(emphasis_against_chinese("要么共享，_要么_可变"));
    assert!(!emphasis_against_chinese(
        "调用 `*guard += 1` 与 `parking_lot`"
    ));
    assert!(!emphasis_against_chinese("the *poisoned* state"));
}

#[test]
fn every_english_message_has_a_finished_chinese_translation() {
    let pot = catalog(&Path::new(env!("OUT_DIR")).join("messages.pot"));
    let po_path = common::root().join("po/zh-CN.po");
    let po = catalog(&po_path);
    let translations: BTreeMap<&str, _> = po.messages().map(|m| (m.msgid(), m)).collect();

    let mut faults = Vec::new();
    for message in pot.messages() {
        let msgid = message.msgid();
        let at = where_from(message.source());
        match translations.get(msgid) {
            None => faults.push(format!("untranslated ({at}):\n    {msgid:?}")),
            Some(m) if m.is_fuzzy() => faults.push(format!("fuzzy ({at}):\n    {msgid:?}")),
            Some(m) if m.msgstr().map_or(true, str::is_empty) => {
                faults.push(format!("empty translation ({at}):\n    {msgid:?}"))
            }
            Some(m) if is_string_literal(msgid) && m.msgstr().ok() != Some(msgid) => faults.push(
                format!("a string literal must stay as it is ({at}):\n    {msgid:?}"),
            ),
            Some(m)
                if !is_code_comment(msgid)
                    && emphasis_against_chinese(m.msgstr().unwrap_or_default()) =>
            {
                faults.push(format!(
                    "`*` or `_` touches a Chinese character, where markdown shows it as it is; \
                     drop the emphasis ({at}):\n    {:?}",
                    m.msgstr().unwrap_or_default()
                ))
            }
            Some(_) => {}
        }
    }
    let current: Vec<&str> = pot.messages().map(|m| m.msgid()).collect();
    for message in po.messages() {
        if !current.contains(&message.msgid()) {
            faults.push(format!(
                "obsolete: no longer in the English source:\n    {:?}",
                message.msgid()
            ));
        }
    }
    let text = std::fs::read_to_string(&po_path).unwrap();
    let kept = text.lines().filter(|l| l.starts_with("#~")).count();
    if kept > 0 {
        faults.push(format!("{kept} obsolete `#~` lines: delete them"));
    }
    assert!(
        faults.is_empty(),
        "\npo/zh-CN.po is behind the English source ({} faults). \
         Run `cargo xtask update-po`, translate, and run the tests again.\n\n{}\n",
        faults.len(),
        faults.join("\n")
    );
}
