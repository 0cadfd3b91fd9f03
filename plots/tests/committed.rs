//! Every committed plot is exactly what the renderer draws from its
//! committed data: a plot cannot be edited by hand, or go stale when
//! `cargo xtask measure` writes new data without drawing it again.

use std::path::Path;

#[test]
fn every_committed_plot_is_drawn_from_its_committed_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut stale = Vec::new();
    for plot in plots::PLOTS {
        let drawn = plots::render(root, plot).unwrap();
        let committed = std::fs::read_to_string(root.join(plot.svg))
            .unwrap_or_else(|e| panic!("{}: {e}", plot.svg));
        if drawn != committed {
            stale.push(format!("{} is not what {} draws", plot.svg, plot.data));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n(`cargo xtask plots` draws them again from the data; \
         `cargo xtask measure` measures and draws)",
        stale.join("\n")
    );
}

/// Chapter 10 says, in prose, whether the recorded run met the goals set
/// for the book's code. The prose is written once; the data is written by
/// each `cargo xtask measure`. This keeps the two from disagreeing: a new
/// run that misses a goal fails here until the chapter says by how much
/// and why.
#[test]
fn the_chapter_says_what_the_goals_file_records() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let goals = std::fs::read_to_string(root.join("data/ch10/goals.txt")).unwrap();
    let table = plots::Table::parse(&goals).unwrap();
    let met = table.columns.iter().position(|c| c == "met").unwrap();
    let missed: Vec<&str> = table
        .rows
        .iter()
        .filter(|r| r[met] != "yes")
        .map(|r| r[0].as_str())
        .collect();
    let chapter = std::fs::read_to_string(root.join("src/ch10-gil.md")).unwrap();
    let claims_all = chapter.contains("all three goals were met");
    assert_eq!(
        claims_all,
        missed.is_empty(),
        "src/ch10-gil.md {} that all three goals were met, but data/ch10/goals.txt \
         records these as missed: {missed:?}",
        if claims_all { "says" } else { "does not say" }
    );
    assert_eq!(table.rows.len(), 3, "the chapter speaks of three goals");
}
