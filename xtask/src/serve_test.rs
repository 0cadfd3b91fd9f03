//! `cargo xtask serve-test`: the served book follows every edit.
//!
//! Copies the book's inputs into a scratch folder (under the system's
//! temporary folder: mdBook's watcher skips what a .gitignore above it
//! names, and the checkout's names target/), serves its
//! Simplified Chinese edition there (`cargo xtask serve`, as a child process
//! with `BOOK_ROOT` set), and edits one input of each kind in turn: a listing,
//! a recorded output, a figure, a measured data file and the catalog. For
//! each it waits until the page that shows the input, fetched over HTTP from
//! the server, shows the edit; until search has been indexed again; and until
//! the server says the book's checks ran again. It prints the seconds each
//! took, and fails when one does not happen within a minute.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, bail};

use crate::root;

const LIMIT: Duration = Duration::from_secs(60);

/// The inputs the book is made from, copied into the scratch root.
const COPIED: [&str; 11] = [
    "book.toml",
    "Cargo.toml",
    "Cargo.lock",
    "src",
    "listings",
    "po",
    "figures",
    "data",
    "theme",
    "xtask/requirements.txt",
    "xtask/opencc_convert.py",
];

fn copy(from: &Path, to: &Path) -> Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    }
    Ok(())
}

/// The body of `page` as the server at `port` sends it (chunks joined).
fn fetch(port: u16, page: &str) -> Result<String> {
    let mut stream = std::net::TcpStream::connect(("localhost", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET /{page} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    if !head.to_lowercase().contains("transfer-encoding: chunked") {
        return Ok(body.to_string());
    }
    let mut joined = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || after.len() < size {
            break;
        }
        joined.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    Ok(joined)
}

/// Waits until `done` says yes, or `LIMIT` after `start`; the seconds from
/// `start`.
fn wait(start: Instant, mut done: impl FnMut() -> bool) -> Option<f64> {
    while start.elapsed() < LIMIT {
        if done() {
            return Some(start.elapsed().as_secs_f64());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

pub fn serve_test() -> Result<()> {
    let repo = root();
    // Outside the checkout: mdBook's watcher ignores what .gitignore names,
    // and the checkout's ignores target/.
    let scratch = std::env::temp_dir().join("threading-book-serve-test");
    let _ = std::fs::remove_dir_all(&scratch);
    for item in COPIED {
        copy(&repo.join(item), &scratch.join(item))?;
    }
    // The pinned tools are the checkout's own.
    std::fs::create_dir_all(scratch.join("target"))?;
    std::os::unix::fs::symlink(repo.join("target/tools"), scratch.join("target/tools"))
        .context("linking target/tools into the scratch copy")?;

    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut server = Command::new(std::env::current_exe()?)
        .args(["serve", "--lang", "zh-CN", "--port", &port.to_string()])
        .env("BOOK_ROOT", &scratch)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting cargo xtask serve on the scratch copy")?;
    let said = Arc::new(Mutex::new(Vec::<String>::new()));
    let lines = Arc::clone(&said);
    let output = server.stdout.take().context("the server's output")?;
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines().map_while(Result::ok) {
            lines.lock().unwrap().push(line);
        }
    });
    let result = edits(&scratch, port, &said);
    let _ = server.kill();
    let _ = server.wait();
    result
}

fn edits(scratch: &Path, port: u16, said: &Mutex<Vec<String>>) -> Result<()> {
    let site = scratch.join("target/serve/zh-CN");
    let index = site.join("pagefind/pagefind-entry.json");
    // The first build and index (the server checks the book first).
    let started = Instant::now();
    while !index.exists() {
        if started.elapsed() > Duration::from_secs(300) {
            bail!("cargo xtask serve built and indexed nothing within five minutes");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("serving the scratch copy's zh-CN edition on port {port}");
    // (kind, file, what it holds, what it gets, the page that shows it)
    let kinds: [(&str, &str, &str, &str, &str); 5] = [
        (
            "listing",
            "listings/ch10-gil/primes.py",
            "\nif __name__",
            "\n# serve-test-listing\nif __name__",
            "ch10-gil.html",
        ),
        (
            "recording",
            "listings/ch10-gil/primes.py.stdout",
            "",
            "serve-test-recording\n",
            "ch10-gil.html",
        ),
        (
            "figure",
            "figures/ch04-lost-update.svg",
            "</title>",
            " serve-test-figure</title>",
            "ch04-lock.html",
        ),
        (
            "data",
            "data/ch10/primes.txt",
            "# Measured by",
            "# serve-test-data Measured by",
            "ch10-gil.html",
        ),
        (
            "catalog",
            "po/zh-CN.po",
            "msgstr \"一种解法\"",
            "msgstr \"一种解法 serve-test-catalog\"",
            "ch04-lock.html",
        ),
    ];
    let mut failures = Vec::new();
    for (kind, file, from, to, page) in kinds {
        let marker = to
            .split_whitespace()
            .find(|w| w.contains("serve-test-"))
            .unwrap_or_default()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_string();
        let path = scratch.join(file);
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {file}"))?;
        let edited = if from.is_empty() {
            format!("{text}{to}")
        } else if text.contains(from) {
            text.replacen(from, to, 1)
        } else {
            bail!("{file} no longer holds {from:?}: update the serve test");
        };
        let checks_before = said
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with("checks after an edit"))
            .count();
        let edited_at = SystemTime::now();
        let start = Instant::now();
        std::fs::write(&path, edited).with_context(|| format!("writing {file}"))?;
        // Each time is from the edit.
        let shown = wait(start, || {
            fetch(port, page).is_ok_and(|body| body.contains(&marker))
        });
        let indexed = wait(start, || {
            std::fs::metadata(&index)
                .and_then(|m| m.modified())
                .is_ok_and(|m| m > edited_at)
        });
        let checked = wait(start, || {
            said.lock()
                .unwrap()
                .iter()
                .filter(|l| l.starts_with("checks after an edit"))
                .count()
                > checks_before
        });
        let seconds =
            |s: Option<f64>| s.map_or("not within 60 s".to_string(), |s| format!("{s:.1} s"));
        println!(
            "{kind:>9} ({file}): on {page} after {}; search indexed again after {}; \
             the book's checks ran again after {}",
            seconds(shown),
            seconds(indexed),
            seconds(checked)
        );
        if shown.is_none() || indexed.is_none() || checked.is_none() {
            failures.push(kind);
        }
        // The next edit starts from a settled build.
        std::thread::sleep(Duration::from_secs(2));
    }
    let verdicts: Vec<String> = said
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.starts_with("checks after an edit"))
        .cloned()
        .collect();
    println!("the server said:\n  {}", verdicts.join("\n  "));
    if !failures.is_empty() {
        bail!("the served book did not follow the edit of: {failures:?}");
    }
    Ok(())
}
