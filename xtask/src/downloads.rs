//! The book to take away, the last step of `cargo xtask build`: an EPUB and
//! a PDF of every edition (xtask/ebook.py, from the edition's print page), a
//! service worker that keeps each edition readable offline after a first
//! visit, and the data that lets every page link both downloads and
//! register the worker (theme/downloads.js, theme/offline.js).

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use book_pipeline::Edition;
use book_pipeline::interface::json;
use sha2::{Digest, Sha256};

use crate::links::files_under;
use crate::site::write_page_data;
use crate::tools::{install_python_tools, venv_python};
use crate::{root, run};

/// The downloads' file name, without its extension: the same in every edition
/// but for the language.
pub fn stem(edition: &Edition) -> String {
    format!("python-threading-to-rust-{}", edition.language)
}

/// The time of the last commit, for the EPUB's `dcterms:modified`, so that
/// the same commit makes the same file.
fn modified() -> String {
    let out = Command::new("git")
        .args([
            "log",
            "-1",
            "--format=%cd",
            "--date=format-local:%Y-%m-%dT%H:%M:%SZ",
        ])
        .env("TZ", "UTC")
        .current_dir(root())
        .output();
    match out {
        Ok(out) if out.status.success() && !out.stdout.is_empty() => {
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        }
        _ => "2026-01-01T00:00:00Z".to_string(),
    }
}

pub fn publish(site: &Path, editions: &[Edition]) -> Result<()> {
    install_python_tools(None)?; // lxml, Pygments and Playwright
    let modified = modified();
    for edition in editions {
        let folder = site.join(&edition.language);
        let downloads = folder.join("downloads");
        fs::create_dir_all(&downloads)?;
        let epub = downloads.join(format!("{}.epub", stem(edition)));
        let pdf = downloads.join(format!("{}.pdf", stem(edition)));
        let mut make = Command::new(venv_python());
        make.arg(root().join("xtask/ebook.py"))
            .arg("epub")
            .arg(&folder)
            .arg(&edition.language)
            .arg(&edition.title)
            .arg(&edition.name)
            .arg(&modified)
            .arg(&epub);
        run(make).with_context(|| format!("making the {} EPUB", edition.language))?;
        let mut make = Command::new(venv_python());
        make.arg(root().join("xtask/ebook.py"))
            .arg("pdf")
            .arg(site)
            .arg(&edition.language)
            .arg(&pdf);
        run(make).with_context(|| format!("making the {} PDF", edition.language))?;
        let size = |file: &Path| fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        println!(
            "downloads of the {} edition: EPUB {:.0} KiB, PDF {:.1} MiB",
            edition.language,
            size(&epub) as f64 / 1024.0,
            size(&pdf) as f64 / 1024.0 / 1024.0
        );
        let listed = [("EPUB", &epub), ("PDF", &pdf)]
            .iter()
            .map(|(kind, file)| {
                format!(
                    "{{\"kind\":{},\"href\":{},\"bytes\":{}}}",
                    json(kind),
                    json(&format!(
                        "downloads/{}",
                        file.file_name().unwrap_or_default().to_string_lossy()
                    )),
                    size(file)
                )
            })
            .collect::<Vec<_>>()
            .join(",");
        write_service_worker(site, edition)?;
        write_page_data(
            &folder,
            edition,
            editions,
            &format!(",\"downloads\":[{listed}],\"offline\":true"),
        )?;
    }
    Ok(())
}

/// What the service worker of an edition keeps: every file of the edition
/// but its downloads, and the search index's files for its language (the
/// generic ones, and those Pagefind names after the language), as paths
/// relative to the edition's folder.
fn offline_files(site: &Path, edition: &Edition) -> Vec<String> {
    let folder = site.join(&edition.language);
    let mut files = vec!["./".to_string()];
    for file in files_under(&folder, &[]) {
        let relative = file
            .strip_prefix(&folder)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        if relative.starts_with("downloads/") || relative == "sw.js" {
            continue;
        }
        files.push(relative);
    }
    let language = edition.language.to_lowercase();
    let search = site.join("pagefind");
    for file in files_under(&search, &[]) {
        let relative = file
            .strip_prefix(&search)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let name = relative.rsplit('/').next().unwrap_or_default();
        // Pagefind names a language's files `<language>_…`, its metadata
        // `pagefind.<language>_….pf_meta` and its WebAssembly
        // `wasm.<language>.pagefind` (`wasm.unknown` serves a language
        // without stemming, such as Chinese).
        let mine = name.starts_with(&format!("{language}_"))
            || name.starts_with(&format!("pagefind.{language}_"))
            || name == format!("wasm.{language}.pagefind")
            || name == "wasm.unknown.pagefind";
        let theirs = name.contains('_')
            || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
            || name.ends_with(".pf_meta");
        if mine || !theirs {
            files.push(format!("../pagefind/{relative}"));
        }
    }
    files.sort();
    files
}

/// `sw.js` in the edition's folder (its scope): it keeps `offline_files` in a
/// cache named after the edition and a hash of their contents, answers from
/// that cache first, and, once a new deploy has installed it, deletes the
/// edition's older caches.
fn write_service_worker(site: &Path, edition: &Edition) -> Result<()> {
    let folder = site.join(&edition.language);
    let files = offline_files(site, edition);
    let mut hash = Sha256::new();
    for file in &files {
        hash.update(file.as_bytes());
        if let Ok(bytes) = fs::read(folder.join(file)) {
            hash.update(&bytes);
        }
    }
    let version: String = hash.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = files
        .iter()
        .map(|f| format!("  {},", json(f)))
        .collect::<Vec<_>>()
        .join("\n");
    let language = &edition.language;
    let script = format!(
        r#"// Written by `cargo xtask build`: the {language} edition, readable offline.
// After a first visit this worker answers from its cache; a new deploy brings
// a new version, which replaces the edition's older caches (and only this
// edition's: each edition has a worker and caches of its own).
"use strict";
const PREFIX = "book-{language}-";
const CACHE = PREFIX + "{version}";
const FILES = [
{list}
];

self.addEventListener("install", (event) => {{
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting())
  );
}});

self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))
      ))
      .then(() => self.clients.claim())
  );
}});

self.addEventListener("fetch", (event) => {{
  // Only the site's own files: the playground's answers are never kept.
  if (event.request.method !== "GET" || new URL(event.request.url).origin !== location.origin) return;
  // Pagefind asks for its files with a query that only defeats caches.
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(event.request, {{ ignoreSearch: true }}))
      .then((found) => found || fetch(event.request))
  );
}});
"#
    );
    let path = folder.join("sw.js");
    fs::write(&path, script).with_context(|| format!("writing {}", path.display()))?;
    println!(
        "the {language} edition's service worker keeps {} files (cache {version})",
        files.len()
    );
    Ok(())
}
