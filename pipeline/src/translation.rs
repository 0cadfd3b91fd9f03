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

/// Renderings that src/glossary.md does not use, each with the one it does.
/// One idea has one word in the Chinese edition; these are the variants
/// that crept in before the rule was checked.
pub const REFUSED_VARIANTS: &[(&str, &str)] = &[
    ("拥有者", "所有者"),
    ("钥匙", "键"),
    ("panic hook", "panic 钩子"),
    ("ID", "id"),
    ("单元类型", "Cell 类型"),
    ("睡眠", "休眠"),
    ("睡下", "休眠"),
    ("原书", "cookbook 第 12.7 节"),
    ("自由线程版", "自由线程构建"),
    ("线程局部值", "线程局部数据"),
    ("公开名字", "公开名称"),
    ("计时器", "节拍线程"),
    ("竞争", "竞态条件"),
    ("worker", "工作线程"),
    ("drop", "丢弃"),
    ("join", "等待线程结束（join）"),
    ("叉子 0", "0 号叉子"),
    ("叉子 1", "1 号叉子"),
    ("叉子 2", "2 号叉子"),
    ("叉子 3", "3 号叉子"),
    ("叉子 4", "4 号叉子"),
];

/// Where a refused variant is part of a right word: (variant, the words
/// around it that make it right). 竞争 stands in 数据竞争, the glossary's
/// data race; join in 等待线程结束（join）, the glossary's first use.
const RIGHT_IN: &[(&str, &[&str])] = &[("竞争", &["数据竞争"]), ("join", &["（join）"])];

/// Whether the `variant` found at byte `at` of `prose` stands inside one of
/// the words that RIGHT_IN allows it in.
fn inside_right_word(prose: &str, at: usize, variant: &str) -> bool {
    RIGHT_IN
        .iter()
        .filter(|(v, _)| *v == variant)
        .flat_map(|(_, words)| words.iter())
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
fn glossary_variants(translation: &str) -> Vec<(&'static str, &'static str)> {
    let prose: String = translation
        .split('`')
        .step_by(2) // Between backticks is code, the same in both editions.
        .collect::<Vec<_>>()
        .join(" ");
    let prose = without_link_targets(&prose);
    REFUSED_VARIANTS
        .iter()
        .copied()
        .filter(|(variant, _)| {
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
                word && !inside_right_word(&prose, at, variant)
            })
        })
        .collect()
}

/// Everything that keeps `po` (whose file text is `po_text`) from being a
/// finished translation of `messages`; empty when there is nothing.
pub fn faults(messages: &Catalog, po: &Catalog, po_text: &str) -> Vec<String> {
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
            // A cell kept in English on purpose, such as the glossary's
            // English column, is the English word itself.
            Some(m) if m.msgstr().ok() == Some(msgid) => {}
            Some(m) => {
                let variants = glossary_variants(m.msgstr().unwrap_or_default());
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
                        "`{variant}` where src/glossary.md uses `{word}` ({at}):\n    {:?}",
                        m.msgstr().unwrap_or_default()
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
        assert_eq!(glossary_variants("锁的拥有者"), [("拥有者", "所有者")]);
        assert_eq!(glossary_variants("线程的 ID 不会重用"), [("ID", "id")]);
        assert!(glossary_variants("线程的 id 不会重用").is_empty());
        assert!(glossary_variants("调用 `thread.ID()` 与 VALID").is_empty());
        assert!(glossary_variants("默认的 panic 钩子").is_empty());
    }

    #[test]
    fn one_word_for_one_idea_with_its_right_words_allowed() {
        assert_eq!(glossary_variants("线程睡眠一秒"), [("睡眠", "休眠")]);
        assert_eq!(
            glossary_variants("两个线程竞争同一个值"),
            [("竞争", "竞态条件")]
        );
        assert!(glossary_variants("这是数据竞争").is_empty());
        assert_eq!(
            glossary_variants("线程被 join 之后"),
            [("join", "等待线程结束（join）")]
        );
        assert!(glossary_variants("等待线程结束（join）之后再调用 `join`").is_empty());
        assert_eq!(
            glossary_variants("每个 worker 都"),
            [("worker", "工作线程")]
        );
        assert!(glossary_variants("`worker.join()` 与 `drop(guard)`").is_empty());
        assert!(glossary_variants("joined 与 dropped").is_empty());
        assert!(glossary_variants("见 Handle::join_timeout 与 worker_count").is_empty());
        assert!(glossary_variants("见 pool.join 与 worker.rs").is_empty());
        assert_eq!(glossary_variants("线程的 ID."), [("ID", "id")]);
        assert_eq!(
            glossary_variants("然后 join: 等待"),
            [("join", "等待线程结束（join）")]
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
        let found = faults(&english, &po, "#~ msgid \"old\"\n");
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
        let untranslated = faults(&catalog(&[("New", "", false)]), &catalog(&[]), "");
        assert!(untranslated[0].starts_with("untranslated (src/ch01.md:1)"));
    }
}
