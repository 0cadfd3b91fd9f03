//! The listings/ folder, Cargo.toml and the chapters agree with each other.

mod common;

use std::collections::BTreeMap;

use common::*;

/// name → path of each [[example]] in Cargo.toml.
fn examples() -> BTreeMap<String, String> {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    manifest
        .get("example")
        .and_then(|e| e.as_array())
        .map(|list| {
            list.iter()
                .map(|e| {
                    (
                        e["name"].as_str().unwrap().to_string(),
                        e["path"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_listing_is_a_cargo_example_and_nothing_else_is() {
    let declared = examples();
    let mut faults = Vec::new();
    for listing in listings() {
        match declared.get(&listing.example) {
            Some(path) if *path == listing.shown() => {}
            _ => faults.push(format!(
                "add to Cargo.toml:\n[[example]]\nname = \"{}\"\npath = \"{}\"",
                listing.example,
                listing.shown()
            )),
        }
    }
    let known: Vec<String> = listings().iter().map(|l| l.example.clone()).collect();
    for (name, path) in &declared {
        if !known.contains(name) {
            faults.push(format!(
                "Cargo.toml declares example {name} ({path}), which is no listing"
            ));
        }
    }
    assert!(faults.is_empty(), "\n{}\n", faults.join("\n\n"));
}

#[test]
fn every_program_has_its_recorded_output() {
    let mut faults = Vec::new();
    for listing in listings() {
        if !recorded(&listing.path, "stdout").exists() {
            faults.push(format!(
                "{} has no .stdout: run `cargo xtask bless`",
                listing.shown()
            ));
        }
    }
    for python in python_files() {
        if !recorded(&python, "stdout").exists() {
            faults.push(format!(
                "{} has no .py.stdout: run `cargo xtask bless`",
                relative(&python)
            ));
        }
    }
    for failing in failing_listings() {
        if !failing.with_extension("stderr").exists() {
            faults.push(format!(
                "{} has no .stderr: run `cargo xtask bless`",
                relative(&failing)
            ));
        }
    }
    assert!(faults.is_empty(), "\n{}\n", faults.join("\n"));
}

#[test]
fn every_listing_file_is_shown_in_a_chapter() {
    let mut chapters = String::new();
    for entry in std::fs::read_dir(root().join("src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            chapters.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    let mut shown = Vec::new();
    for listing in listings() {
        shown.push(listing.path.clone());
        shown.push(recorded(&listing.path, "stdout"));
    }
    for python in python_files() {
        shown.push(python.clone());
        shown.push(recorded(&python, "stdout"));
    }
    for failing in failing_listings() {
        shown.push(failing.clone());
        shown.push(failing.with_extension("stderr"));
    }
    let missing: Vec<String> = shown
        .iter()
        .map(|p| relative(p))
        .filter(|p| !chapters.contains(&format!("../{p}")))
        .collect();
    assert!(missing.is_empty(), "no chapter includes: {missing:#?}");
}
