//! The translation gate: a translation cannot fall behind the English source.
//!
//! [`faults`] compares the English edition's messages, exactly as
//! mdbook-xgettext extracts them, with a translation's catalog, and reports
//! every message without a finished translation, every obsolete entry, a
//! translated string literal (string literals are code, the same in both
//! editions), and emphasis markers that CommonMark would show next to Chinese.

use polib::catalog::Catalog;
use std::collections::BTreeMap;

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

/// Emphasis markers that a reader would see as they are: a `*` or `_` next
/// to a Chinese character that CommonMark does not take as emphasis. The
/// catalog is parsed as mdBook parses it, and only the markers left in its
/// text are looked at: `**加粗**：` is bold, and passes; `“**引号**”中` and
/// `_强调_` between Chinese characters are not, and fail. (mdbook-i18n-helpers
/// writes single emphasis back as `_..._`, which CommonMark never takes
/// between two Chinese characters, so only `**` works next to Chinese.)
fn emphasis_against_chinese(text: &str) -> bool {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    // A marker shown as it is, next to Chinese, in one run of text (the
    // parser may cut a run into several text events).
    let shown = |run: &str| {
        let chars: Vec<char> = run.chars().collect();
        chars.iter().enumerate().any(|(i, &c)| {
            (c == '*' || c == '_')
                && (i.checked_sub(1).is_some_and(|j| is_chinese(chars[j]))
                    || chars.get(i + 1).copied().is_some_and(is_chinese))
        })
    };
    let mut single = false;
    let mut run = String::new();
    for event in Parser::new(text) {
        match event {
            Event::Text(words) => {
                if single && words.chars().any(is_chinese) {
                    return true;
                }
                run.push_str(&words);
            }
            other => {
                if shown(&run) {
                    return true;
                }
                run.clear();
                match other {
                    Event::Start(Tag::Emphasis) => single = true,
                    Event::End(TagEnd::Emphasis) => single = false,
                    _ => {}
                }
            }
        }
    }
    shown(&run)
}

/// One edition's rules for words and script: the variants its terms file
/// refuses (each with the glossary's word), where a variant is part of a
/// right word, and the characters of the other Han script.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// (variant, the glossary's word).
    pub refuse: Vec<(String, String)>,
    /// (variant, a word it is right in).
    pub right_in: Vec<(String, String)>,
    /// The other script's characters (po/scripts.toml), refused everywhere
    /// but in a message kept as the English one.
    pub foreign: std::collections::BTreeSet<char>,
    /// Where the rules come from, for the messages: `po/zh-CN.terms.toml`.
    pub terms: String,
}

impl Rules {
    /// The rules of `edition`: its terms file and its script's foreign
    /// characters; none for an edition that names neither.
    pub fn of(root: &std::path::Path, edition: &crate::editions::Edition) -> anyhow::Result<Rules> {
        use anyhow::Context;
        let mut rules = Rules::default();
        if let Some(terms) = &edition.terms {
            let text = std::fs::read_to_string(root.join(terms))
                .with_context(|| format!("reading {terms}"))?;
            rules = Rules::parse(&text).with_context(|| format!("{terms} does not parse"))?;
            rules.terms = terms.clone();
        }
        if let Some(script) = &edition.script {
            let path = root.join(SCRIPTS);
            let table: toml::Table = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {SCRIPTS}"))?
                .parse()
                .with_context(|| format!("{SCRIPTS} does not parse"))?;
            let foreign = table
                .get(script)
                .and_then(|v| v.as_str())
                .with_context(|| format!("{SCRIPTS} has no {script}"))?;
            rules.foreign = foreign.chars().filter(|c| !c.is_whitespace()).collect();
        }
        Ok(rules)
    }

    /// A terms file's text: `refuse` and `right-in`, lists of pairs.
    pub fn parse(text: &str) -> anyhow::Result<Rules> {
        let table: toml::Table = text.parse()?;
        let pairs = |key: &str| -> anyhow::Result<Vec<(String, String)>> {
            let Some(list) = table.get(key) else {
                return Ok(Vec::new());
            };
            list.as_array()
                .ok_or_else(|| anyhow::anyhow!("{key} is not a list"))?
                .iter()
                .map(|pair| match pair.as_array().map(Vec::as_slice) {
                    Some([a, b]) => match (a.as_str(), b.as_str()) {
                        (Some(a), Some(b)) => Ok((a.to_string(), b.to_string())),
                        _ => anyhow::bail!("{key}: {pair} is not a pair of strings"),
                    },
                    _ => anyhow::bail!("{key}: {pair} is not a pair of strings"),
                })
                .collect()
        };
        Ok(Rules {
            refuse: pairs("refuse")?,
            right_in: pairs("right-in")?,
            foreign: Default::default(),
            terms: String::new(),
        })
    }
}

/// Each Han script's foreign characters: written by `cargo xtask
/// derive-editions` from the characters the conversion changes.
pub const SCRIPTS: &str = "po/scripts.toml";

/// Whether the `variant` found at byte `at` of `prose` stands inside one of
/// the words that RIGHT_IN allows it in.
fn inside_right_word(rules: &Rules, prose: &str, at: usize, variant: &str) -> bool {
    rules
        .right_in
        .iter()
        .filter(|(v, _)| v == variant)
        .map(|(_, word)| word)
        .any(|word| {
            word.match_indices(variant).any(|(offset, _)| {
                at >= offset
                    && prose
                        .get(at - offset..)
                        .is_some_and(|rest| rest.starts_with(word))
            })
        })
}

/// `text` without the targets of its links (`](page.md#drop)`), which are
/// addresses, the same in both editions, and no prose.
fn without_link_targets(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        out.push_str(&rest[..start + 1]);
        match rest[start..].find(')') {
            Some(end) => rest = &rest[start + end + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The refused variants in a translation, outside inline code: each as
/// (variant, the glossary's word).
fn glossary_variants(rules: &Rules, translation: &str) -> Vec<(String, String)> {
    let prose: String = translation
        .split('`')
        .step_by(2) // Between backticks is code, the same in both editions.
        .collect::<Vec<_>>()
        .join(" ");
    let prose = without_link_targets(&prose);
    rules
        .refuse
        .iter()
        .filter(|(variant, _)| {
            let variant = variant.as_str();
            prose.match_indices(variant).any(|(at, _)| {
                // An ASCII variant counts only as a word of its own.
                let before = prose[..at].chars().next_back();
                let after = prose[at + variant.len()..].chars().next();
                // Letters, digits and `_` make it part of a longer name
                // (`joined`, `join_timeout`), and so does a `:` or `.` that
                // joins it to one (`Handle::join`, `worker.rs`); a `.` or `:`
                // that ends a sentence does not.
                let letter =
                    |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                let joined = |c: Option<char>, beyond: Option<char>| {
                    c.is_some_and(|c| c == ':' || c == '.') && letter(beyond)
                };
                let before2 = prose[..at].chars().rev().nth(1);
                let after2 = prose[at + variant.len()..].chars().nth(1);
                let word = !variant.is_ascii()
                    || (!letter(before)
                        && !letter(after)
                        && !joined(before, before2)
                        && !joined(after, after2));
                word && !inside_right_word(rules, &prose, at, variant)
            })
        })
        .cloned()
        .collect()
}

/// Whether `translation` leaves out a placeholder of `msgid`: an upper-case
/// name in brackets, `[SEARCH_TERM]`, that the theme's scripts fill in.
fn lost_placeholders(msgid: &str, translation: &str) -> bool {
    let mut rest = msgid;
    while let Some(start) = rest.find('[') {
        let Some(end) = rest[start..].find(']') else {
            break;
        };
        let name = &rest[start + 1..start + end];
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            && !translation.contains(&rest[start..=start + end])
        {
            return true;
        }
        rest = &rest[start + end + 1..];
    }
    false
}

/// Everything that keeps `po` (whose file text is `po_text`) from being a
/// finished translation of `messages`; empty when there is nothing.
pub fn faults(messages: &Catalog, po: &Catalog, po_text: &str, rules: &Rules) -> Vec<String> {
    let translations: BTreeMap<&str, _> = po.messages().map(|m| (m.msgid(), m)).collect();
    let mut faults = Vec::new();
    for message in messages.messages() {
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
            Some(m) if lost_placeholders(msgid, m.msgstr().unwrap_or_default()) => {
                faults.push(format!(
                    "a placeholder such as [COUNT] must stay as it is ({at}):\n    {:?}",
                    m.msgstr().unwrap_or_default()
                ))
            }
            // A cell kept in English on purpose, such as the glossary's
            // English column, is the English word itself.
            Some(m) if m.msgstr().ok() == Some(msgid) => {}
            Some(m) => {
                let msgstr = m.msgstr().unwrap_or_default();
                let foreign: String = msgstr
                    .chars()
                    .filter(|c| rules.foreign.contains(c))
                    .collect();
                if !foreign.is_empty() {
                    faults.push(format!(
                        "characters of the other Han script, {foreign} ({at}, see {SCRIPTS}):\n    {msgstr:?}"
                    ));
                }
                let variants = glossary_variants(rules, msgstr);
                // A comment in code names code: `join()`, a `worker` variable;
                // so does a figure's label, which cannot set code apart.
                let in_code = is_code_comment(msgid) || at.starts_with("figures/");
                // The glossary names the variants it refuses.
                if at.starts_with("src/glossary.md") {
                    continue;
                }
                for (variant, word) in variants
                    .into_iter()
                    .filter(|(v, _)| !(in_code && v.is_ascii()))
                {
                    faults.push(format!(
                        "`{variant}` where src/glossary.md uses `{word}` ({at}, see {}):\n    {msgstr:?}",
                        rules.terms
                    ));
                }
            }
        }
    }
    let current: Vec<&str> = messages.messages().map(|m| m.msgid()).collect();
    for message in po.messages() {
        if !current.contains(&message.msgid()) {
            faults.push(format!(
                "obsolete: no longer in the English source:\n    {:?}",
                message.msgid()
            ));
        }
    }
    let kept = po_text.lines().filter(|l| l.starts_with("#~")).count();
    if kept > 0 {
        faults.push(format!("{kept} obsolete `#~` lines: delete them"));
    }
    faults
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Simplified Chinese edition's terms file.
    fn zh() -> Rules {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../po/zh-CN.terms.toml");
        Rules::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn glossary_variants(text: &str) -> Vec<(String, String)> {
        super::glossary_variants(&zh(), text)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn placeholders_must_be_kept() {
        assert!(lost_placeholders("[COUNT] results", "个结果"));
        assert!(!lost_placeholders("[COUNT] results", "[COUNT] 个结果"));
        assert!(!lost_placeholders("a [link](x.md)", "一个链接"));
    }

    #[test]
    fn the_other_scripts_characters_are_refused() {
        let mut rules = zh();
        rules.foreign = "線鎖".chars().collect();
        let english = catalog(&[("Thread", "", false), ("Lock", "", false)]);
        let po = catalog(&[("Thread", "线程", false), ("Lock", "互斥鎖", false)]);
        let found = faults(&english, &po, "", &rules);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("other Han script, 鎖"), "{}", found[0]);
    }

    #[test]
    fn emphasis_next_to_chinese_is_found() {
        assert!(!emphasis_against_chinese("**加粗**：之后的话"));
        assert!(!emphasis_against_chinese("前面**加粗**后面"));
        assert!(emphasis_against_chinese("中**“引号”**中"));
        assert!(emphasis_against_chinese("它*中毒*了"));
        assert!(emphasis_against_chinese("要么共享，_要么_可变"));
        assert!(!emphasis_against_chinese(
            "调用 `*guard += 1` 与 `parking_lot`"
        ));
        assert!(!emphasis_against_chinese("the *poisoned* state"));
    }

    #[test]
    fn glossary_variants_are_found_outside_code() {
        assert_eq!(
            glossary_variants("锁的拥有者"),
            pairs(&[("拥有者", "所有者")])
        );
        assert_eq!(
            glossary_variants("线程的 ID 不会重用"),
            pairs(&[("ID", "id")])
        );
        assert!(glossary_variants("线程的 id 不会重用").is_empty());
        assert!(glossary_variants("调用 `thread.ID()` 与 VALID").is_empty());
        assert!(glossary_variants("默认的 panic 钩子").is_empty());
    }

    #[test]
    fn one_word_for_one_idea_with_its_right_words_allowed() {
        assert_eq!(
            glossary_variants("线程睡眠一秒"),
            pairs(&[("睡眠", "休眠")])
        );
        assert_eq!(
            glossary_variants("两个线程竞争同一个值"),
            pairs(&[("竞争", "竞态条件")])
        );
        assert!(glossary_variants("这是数据竞争").is_empty());
        assert_eq!(
            glossary_variants("线程被 join 之后"),
            pairs(&[("join", "等待线程结束（join）")])
        );
        assert!(glossary_variants("等待线程结束（join）之后再调用 `join`").is_empty());
        assert_eq!(
            glossary_variants("每个 worker 都"),
            pairs(&[("worker", "工作线程")])
        );
        assert!(glossary_variants("`worker.join()` 与 `drop(guard)`").is_empty());
        assert!(glossary_variants("joined 与 dropped").is_empty());
        assert!(glossary_variants("见 Handle::join_timeout 与 worker_count").is_empty());
        assert!(glossary_variants("见 pool.join 与 worker.rs").is_empty());
        assert_eq!(glossary_variants("线程的 ID."), pairs(&[("ID", "id")]));
        assert_eq!(
            glossary_variants("然后 join: 等待"),
            pairs(&[("join", "等待线程结束（join）")])
        );
        assert!(glossary_variants("见[你需要的 Rust](rust-you-need.md#drop)").is_empty());
    }

    fn catalog(entries: &[(&str, &str, bool)]) -> Catalog {
        let mut catalog = Catalog::new(Default::default());
        for (msgid, msgstr, fuzzy) in entries {
            let mut builder = polib::message::Message::build_singular();
            builder
                .with_msgid(msgid.to_string())
                .with_msgstr(msgstr.to_string())
                .with_source("src/ch01.md:1".to_string());
            if *fuzzy {
                builder.with_flags("fuzzy".parse().unwrap());
            }
            catalog.append_or_update(builder.done());
        }
        catalog
    }

    #[test]
    fn every_kind_of_fault_is_reported() {
        let english = catalog(&[
            ("Done", "", false),
            ("Fuzzy", "", false),
            ("Empty", "", false),
            ("\"literal\"", "", false),
            ("Emphasis", "", false),
        ]);
        let po = catalog(&[
            ("Done", "完成", false),
            ("Fuzzy", "模糊", true),
            ("Empty", "", false),
            ("\"literal\"", "\"字面\"", false),
            ("Emphasis", "它*中毒*了", false),
            ("Gone", "旧", false),
        ]);
        let found = faults(&english, &po, "#~ msgid \"old\"\n", &zh());
        let kinds = [
            "fuzzy",
            "empty translation",
            "string literal",
            "touches a Chinese character",
            "obsolete: no longer",
            "obsolete `#~`",
        ];
        assert_eq!(found.len(), kinds.len(), "{found:#?}");
        for (fault, kind) in found.iter().zip(kinds) {
            assert!(fault.contains(kind), "{fault} should say {kind}");
        }
        let untranslated = faults(&catalog(&[("New", "", false)]), &catalog(&[]), "", &zh());
        assert!(untranslated[0].starts_with("untranslated (src/ch01.md:1)"));
    }
}
