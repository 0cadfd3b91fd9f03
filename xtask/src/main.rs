//! The book's tasks: `cargo xtask <task>`.
//!
//! install-tools        cargo install the pinned mdbook and mdbook-i18n-helpers when missing
//! serve [--lang zh-CN] [--port N]
//!                      serve one edition with live reload (installs the tools first)
//! build                build both editions into book/en and book/zh-CN, plus book/index.html
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
    manifest()["workspace"]["metadata"]["tools"]
        .as_table()
        .expect("[workspace.metadata.tools]")
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
    Ok(())
}

/// The environment that makes mdBook build one edition.
fn edition_env(command: &mut Command, language: &str) {
    if language != "en" {
        let title = manifest()["workspace"]["metadata"]["book"][&format!("title-{language}")]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no title-{language} in [workspace.metadata.book]"));
        command
            .env("MDBOOK_BOOK__LANGUAGE", language)
            .env("MDBOOK_BOOK__TITLE", title);
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
    Ok(())
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
    fn walk(dir: &Path, found: &mut BTreeMap<PathBuf, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path
                .extension()
                .is_some_and(|e| e == "stdout" || e == "stderr")
            {
                found.insert(path.clone(), fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(&root().join("listings"), &mut found);
    found
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
