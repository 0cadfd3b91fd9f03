//! The pinned versions live in Cargo.toml and rust-toolchain.toml; README.md
//! and CONTRIBUTING.md quote them, and the mdBook command-line tool must match
//! the mdbook-driver library that the pipeline (book-pipeline) uses.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn toml_file(name: &str) -> toml::Table {
    std::fs::read_to_string(root().join(name))
        .unwrap()
        .parse()
        .unwrap()
}

fn dependency_version(manifest: &toml::Table, name: &str) -> String {
    let entry = &manifest["workspace"]["dependencies"][name];
    let version = entry
        .as_str()
        .or_else(|| entry["version"].as_str())
        .unwrap();
    version.trim_start_matches('=').to_string()
}

#[test]
fn pins_agree_everywhere() {
    let manifest = toml_file("Cargo.toml");
    let tools = &manifest["workspace"]["metadata"]["tools"];
    let toolchain = toml_file("rust-toolchain.toml");
    let rust = toolchain["toolchain"]["channel"]
        .as_str()
        .unwrap()
        .to_string();

    let mdbook = tools["mdbook"].as_str().unwrap().to_string();
    let i18n = tools["mdbook-i18n-helpers"].as_str().unwrap().to_string();
    assert_eq!(
        mdbook,
        dependency_version(&manifest, "mdbook-driver"),
        "mdbook CLI vs mdbook-driver"
    );
    assert_eq!(
        i18n,
        dependency_version(&manifest, "mdbook-i18n-helpers"),
        "CLI vs library"
    );

    let quoted = [
        format!("Rust {rust}"),
        format!("mdbook {mdbook}"),
        format!("mdbook-i18n-helpers {i18n}"),
        format!("skeptic {}", dependency_version(&manifest, "skeptic")),
        format!(
            "parking_lot {}",
            dependency_version(&manifest, "parking_lot")
        ),
    ];
    let mut quoted = quoted.to_vec();
    for table in ["python-tools", "npm-tools"] {
        for (name, version) in manifest["workspace"]["metadata"][table].as_table().unwrap() {
            quoted.push(format!("{name} {}", version.as_str().unwrap()));
        }
    }
    for document in ["README.md", "CONTRIBUTING.md"] {
        let text = std::fs::read_to_string(root().join(document))
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for pin in &quoted {
            assert!(text.contains(pin.as_str()), "{document} does not say {pin}");
        }
    }
}

/// The tools' locks install exactly the pinned versions.
#[test]
fn the_tool_locks_hold_the_pins() {
    let manifest = toml_file("Cargo.toml");
    let metadata = &manifest["workspace"]["metadata"];
    let lock = std::fs::read_to_string(root().join("xtask/requirements.txt")).unwrap();
    for (name, version) in metadata["python-tools"].as_table().unwrap() {
        let pin = format!("{name}=={} \\", version.as_str().unwrap());
        assert!(
            lock.lines().any(|l| l == pin),
            "xtask/requirements.txt does not pin {pin}: run pip-compile as its header says"
        );
    }
    assert!(
        lock.lines()
            .filter(|l| l.contains("=="))
            .all(|l| l.ends_with(" \\")),
        "every requirement of xtask/requirements.txt carries hashes"
    );
    let npm = std::fs::read_to_string(root().join("xtask/npm/package-lock.json")).unwrap();
    for (name, version) in metadata["npm-tools"].as_table().unwrap() {
        let entry = format!(
            "\"node_modules/{name}\": {{\n      \"version\": {}",
            version
        );
        assert!(
            npm.contains(&entry),
            "xtask/npm/package-lock.json does not lock {name} {version}"
        );
    }
}

/// Cargo resolves only from Cargo.lock: every cargo command of CI that
/// resolves says `--locked`, and so does the xtask alias.
#[test]
fn cargo_resolves_only_from_the_lock() {
    let config = std::fs::read_to_string(root().join(".cargo/config.toml")).unwrap();
    assert!(
        config.contains("xtask = \"run --locked"),
        ".cargo/config.toml: the xtask alias must pass --locked"
    );
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    for line in ci.lines().map(str::trim) {
        let resolves = [
            "cargo test",
            "cargo clippy",
            "cargo build",
            "cargo install",
            "cargo run",
        ]
        .iter()
        .any(|command| line.contains(command));
        if resolves && !line.starts_with('#') {
            assert!(
                line.contains("--locked"),
                ".ci/run: `{line}` must pass --locked"
            );
        }
    }
}
