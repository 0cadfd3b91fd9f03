//! Every listing in listings/*/fail/ must fail to compile with exactly the
//! error recorded beside it (<name>.stderr), which the book shows.
//! `cargo xtask bless` rewrites the .stderr files with TRYBUILD=overwrite.

mod common;

#[test]
fn rejected_listings_fail_with_the_error_the_book_shows() {
    if let Err(refused) = common::refuse_overwrite_in_ci("TRYBUILD") {
        panic!("{refused}");
    }
    let failing = common::failing_listings();
    assert!(!failing.is_empty(), "no compile-fail listings found");
    let cases = trybuild::TestCases::new();
    for path in failing {
        cases.compile_fail(path);
    }
}
