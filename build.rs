//! The gate reads the book when its test runs, not here: a build script that
//! watched src/, listings/ and po/ would make Cargo recompile this package's
//! tests after every edit. This one only tells skeptic what it compiles for.
fn main() {
    let target = std::env::var("TARGET").expect("Cargo sets TARGET for build scripts");
    println!("cargo::rustc-env=BOOK_TARGET={target}");
    println!("cargo::rerun-if-changed=build.rs");
}
