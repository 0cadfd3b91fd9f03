//! Whether two rust blocks are the same program apart from their comments.
//!
//! A translated edition's block is the English block with its comments
//! translated. When its tokens, comments left out, are the English block's,
//! it is the same program, which the gate has compiled and run already; the
//! gate then compares it instead of compiling and running it again. A
//! translated comment that swallowed a line break, opened a block comment or
//! lost its `//` changes the tokens, and the block is compiled and run.

/// The tokens of `code` without its comments: words, literals (kept whole,
/// spaces and all), and one token per punctuation character. A doc comment
/// (`///`, `//!`, `/** */`, `/*! */`) is an attribute to the compiler, so it
/// stays as a token of its kind, without its words.
pub fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let text = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            let doc = match chars.get(i + 2) {
                Some('!') => Some("//!"),
                Some('/') if chars.get(i + 3) != Some(&'/') => Some("///"),
                _ => None,
            };
            tokens.extend(doc.map(str::to_string));
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let doc = match chars.get(i + 2) {
                Some('!') => Some("/*!"),
                Some('*') if !matches!(chars.get(i + 3), Some('*') | Some('/')) => Some("/**"),
                _ => None,
            };
            tokens.extend(doc.map(str::to_string));
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' || (c == 'b' && next == Some('"')) {
            let start = i;
            i += if c == 'b' { 2 } else { 1 };
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            tokens.push(text(start, i));
        } else if let Some(hashes) = raw_string_start(&chars, i) {
            let start = i;
            while i < chars.len() && chars[i] != '"' {
                i += 1;
            }
            i += 1;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !text(i, (i + close.len()).min(chars.len())).eq(&close) {
                i += 1;
            }
            i = (i + close.len()).min(chars.len());
            tokens.push(text(start, i));
        } else if c == '\'' {
            // A char literal ('a', '\n', '\'') or a lifetime ('a, 'static).
            let start = i;
            let escaped = next == Some('\\');
            let closes_at = if escaped {
                (i + 2..chars.len()).find(|&j| chars[j] == '\'' && chars[j - 1] != '\\')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match closes_at {
                Some(end) => i = end + 1,
                None => {
                    i += 1;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                }
            }
            tokens.push(text(start, i));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(text(start, i));
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
    }
    tokens
}

/// `r"…"`, `r#"…"#`, `br"…"`: the number of `#` when one starts at `i`.
fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    // Not the end of a longer word (`bar"`).
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some(hashes)
}

/// Whether `a` and `b` are the same program apart from their comments.
pub fn same_apart_from_comments(a: &str, b: &str) -> bool {
    tokens(a) == tokens(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_do_not_count_and_code_does() {
        let english = "fn main() {\n    // Start a thread.\n    let s = \"// not a comment\";\n    /* a /* nested */ one */\n    println!(\"{s}\");\n}\n";
        let chinese = "fn main() {\n    // 创建一个线程。\n    let s = \"// not a comment\";\n    /* 一个 /* 嵌套的 */ 注释 */\n    println!(\"{s}\");\n}\n";
        assert!(same_apart_from_comments(english, chinese));
        // A translation that swallowed the line break hides code in the comment.
        let swallowed = "fn main() {\n    // 创建一个线程。    let s = \"// not a comment\";\n    println!(\"{s}\");\n}\n";
        assert!(!same_apart_from_comments(english, swallowed));
        // A string literal is code.
        let literal = english.replace("not a comment", "不是注释");
        assert!(!same_apart_from_comments(english, &literal));
    }

    #[test]
    fn literals_lifetimes_and_doc_comments_are_tokens() {
        assert_eq!(
            tokens("fn f<'a>(x: &'a str) -> char { '\\'' }"),
            [
                "fn", "f", "<", "'a", ">", "(", "x", ":", "&", "'a", "str", ")", "-", ">", "char",
                "{", "'\\''", "}"
            ]
        );
        assert_eq!(tokens("r#\"a \" // b\"# c"), ["r#\"a \" // b\"#", "c"]);
        assert_eq!(
            tokens("/// Doc.\nfn f() {}"),
            ["///", "fn", "f", "(", ")", "{", "}"]
        );
        assert!(!same_apart_from_comments(
            "/// Doc.\nfn f() {}",
            "// Doc.\nfn f() {}"
        ));
        assert_eq!(tokens("'x' '\\n' b\"y\""), ["'x'", "'\\n'", "b\"y\""]);
    }
}
