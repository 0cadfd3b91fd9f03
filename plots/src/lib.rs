//! The plots of the measured chapter (chapter 10), drawn with plotters'
//! SVG backend from the data files that `cargo xtask measure` writes.
//!
//! Nothing here reads a font: plotters' SVG backend estimates the width of
//! a text from its length, so the same data gives the same SVG on every
//! machine, byte for byte. `cargo test` (tests/committed.rs) draws every plot
//! again from its committed data and compares it with the committed SVG, so
//! a plot cannot be edited by hand or fall behind its data.
//!
//! The plots are drawn with English words. Like every figure of the book,
//! their words are messages of the translation catalog, and the Chinese
//! edition's pages get them translated (book-pipeline's figures module);
//! numbers are not words, and stay as they are.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One plot: the data file it is drawn from and the SVG it becomes, both
/// relative to the repository.
pub struct Plot {
    pub data: &'static str,
    pub svg: &'static str,
    draw: fn(&Table) -> Result<String>,
}

pub const PLOTS: &[Plot] = &[
    Plot {
        data: "data/ch10/primes.txt",
        svg: "figures/ch10-primes.svg",
        draw: primes,
    },
    Plot {
        data: "data/ch10/pools.txt",
        svg: "figures/ch10-pools.svg",
        draw: pools,
    },
    Plot {
        data: "data/ch10/locks.txt",
        svg: "figures/ch10-locks.svg",
        draw: locks,
    },
    // Not a picture but a table, derived from the same run: one thread of
    // each language on the same count, the gap a Python reader asks about.
    Plot {
        data: "data/ch10/primes.txt",
        svg: "data/ch10/one-thread.txt",
        draw: one_thread,
    },
];

/// A data file: lines starting with `#` are comments, the first other line
/// names the columns, and columns are separated by two spaces or more.
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn parse(text: &str) -> Result<Table> {
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(split);
        let Some(columns) = lines.next() else {
            bail!("no header line");
        };
        let rows: Vec<Vec<String>> = lines.collect();
        if let Some(bad) = rows.iter().find(|r| r.len() != columns.len()) {
            bail!(
                "a row has {} columns, the header {}: {bad:?}",
                bad.len(),
                columns.len()
            );
        }
        Ok(Table { columns, rows })
    }

    /// Writes the rows under the header, in aligned columns.
    pub fn format(columns: &[&str], rows: &[Vec<String>]) -> String {
        let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
        for row in rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: Vec<&str>| {
            let mut out = String::new();
            for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
                if i + 1 == cells.len() {
                    out.push_str(cell);
                } else {
                    out.push_str(cell);
                    out.push_str(&" ".repeat(width - cell.chars().count() + 2));
                }
            }
            out.push('\n');
            out
        };
        let mut text = line(columns.to_vec());
        for row in rows {
            text.push_str(&line(row.iter().map(String::as_str).collect()));
        }
        text
    }

    fn column(&self, name: &str) -> Result<usize> {
        self.columns
            .iter()
            .position(|c| c == name)
            .with_context(|| format!("no column {name:?} in {:?}", self.columns))
    }

    fn number(&self, row: &[String], column: usize) -> Result<f64> {
        row[column]
            .parse()
            .with_context(|| format!("{:?} is not a number", row[column]))
    }
}

fn split(line: &str) -> Vec<String> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// Draws `plot` from the data file beside it in `root`.
pub fn render(root: &Path, plot: &Plot) -> Result<String> {
    let path = root.join(plot.data);
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", plot.data))?;
    let table = Table::parse(&text).with_context(|| format!("reading {}", plot.data))?;
    (plot.draw)(&table).with_context(|| format!("drawing {}", plot.svg))
}

/// Draws every plot and writes its SVG.
pub fn render_all(root: &Path) -> Result<()> {
    for plot in PLOTS {
        let svg = render(root, plot)?;
        fs::write(root.join(plot.svg), svg).with_context(|| format!("writing {}", plot.svg))?;
    }
    Ok(())
}

/// Colours that read on the light and the dark themes alike.
const COLOURS: [RGBColor; 6] = [
    RGBColor(0x2f, 0x7f, 0xd9),
    RGBColor(0xd9, 0x41, 0x3b),
    RGBColor(0x3a, 0xa8, 0x5b),
    RGBColor(0xe0, 0x8e, 0x1b),
    RGBColor(0x9a, 0x5f, 0xd0),
    RGBColor(0x8a, 0x8a, 0x8a),
];

const WIDTH: u32 = 640;
const FONT: (&str, u32) = ("sans-serif", 14);

/// Runs `draw` on a fresh SVG canvas, and turns plotters' SVG into one of
/// the book's figures: the class book-figure that the theme styles, no
/// fixed size (the page sets it), a title and a description for screen
/// readers, lines in the text's colour, and each text on one line.
fn figure(
    id: &str,
    title: &str,
    description: &str,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<()>,
) -> Result<String> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        draw(&area)?;
        area.present().map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut source = svg.lines();
    while let Some(line) = source.next() {
        if line.starts_with("<svg") {
            lines.push(format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"book-figure\" \
                 viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
                 aria-labelledby=\"{id}-title {id}-desc\">"
            ));
            lines.push(format!("<title id=\"{id}-title\">{title}</title>"));
            lines.push(format!("<desc id=\"{id}-desc\">{description}</desc>"));
        } else if line.starts_with("<text") {
            let word = source.next().unwrap_or_default();
            let close = source.next().unwrap_or_default();
            lines.push(format!("{line}{word}{close}"));
        } else {
            lines.push(line.to_string());
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    Ok(text
        .replace("stroke=\"#000000\"", "stroke=\"currentColor\"")
        .replace("fill=\"#000000\"", "fill=\"currentColor\""))
}

fn plotting<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow::anyhow!("{e:?}")
}

/// Speed-up over one thread, by thread count: one line per way of running.
/// The one-thread rows of primes.txt, and how many times as fast as each
/// the Rust threads' row is.
fn one_thread(table: &Table) -> Result<String> {
    let (what, threads, seconds) = (
        table.column("what")?,
        table.column("threads")?,
        table.column("seconds")?,
    );
    let alone: Vec<&Vec<String>> = table.rows.iter().filter(|r| r[threads] == "1").collect();
    let rust = alone
        .iter()
        .find(|r| r[what] == "Rust threads")
        .context("no one-thread row for Rust threads")?;
    let rust_seconds = table.number(rust, seconds)?;
    let mut rows = Vec::new();
    for row in alone {
        let time = table.number(row, seconds)?;
        rows.push(vec![
            row[what].clone(),
            row[seconds].clone(),
            format!("{:.1}", time / rust_seconds),
        ]);
    }
    Ok(format!(
        "# One thread each, from data/ch10/primes.txt (the same run): the time of\n\
         # each way, and how many times the Rust threads' time it is.\n{}",
        Table::format(&["what, on one thread", "seconds", "against Rust"], &rows)
    ))
}

fn primes(table: &Table) -> Result<String> {
    // The speed-up is the data file's own column, so the plot shows the
    // numbers the table under it prints.
    let (what, threads, speed_up) = (
        table.column("what")?,
        table.column("threads")?,
        table.column("speed-up")?,
    );
    let mut lines: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
    for row in &table.rows {
        let point = (table.number(row, threads)?, table.number(row, speed_up)?);
        match lines.iter_mut().find(|(name, _)| *name == row[what]) {
            Some((_, points)) => points.push(point),
            None => lines.push((row[what].clone(), vec![point])),
        }
    }
    let most_threads = lines
        .iter()
        .flat_map(|(_, points)| points.iter().map(|p| p.0))
        .fold(1.0, f64::max);
    let top = lines
        .iter()
        .flat_map(|(_, points)| points.iter().map(|p| p.1))
        .fold(2.0, f64::max)
        * 1.75;
    figure(
        "fig-primes",
        "Counting primes: speed-up over one thread",
        "For each way of running the same count, Python threads, Python processes, \
         Rust threads and rayon, how many times faster it ran on 2 and 4 threads \
         than on 1. The table under the figure has the values.",
        440,
        |area| {
            let mut chart = ChartBuilder::on(area)
                .margin(12)
                .x_label_area_size(44)
                .y_label_area_size(52)
                .build_cartesian_2d(0.8..most_threads + 0.2, 0.0..top)
                .map_err(plotting)?;
            chart
                .configure_mesh()
                .x_labels(most_threads as usize)
                .x_label_formatter(&|x| format!("{x:.0}"))
                .x_desc("threads")
                .y_desc("speed-up")
                .label_style(FONT)
                .axis_desc_style(FONT)
                .light_line_style(TRANSPARENT)
                .draw()
                .map_err(plotting)?;
            for (i, (name, points)) in lines.iter().enumerate() {
                let colour = COLOURS[i % COLOURS.len()];
                chart
                    .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
                    .map_err(plotting)?
                    .label(name.as_str())
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                    });
                chart
                    .draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))
                    .map_err(plotting)?;
            }
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font(FONT)
                .border_style(BLACK)
                .draw()
                .map_err(plotting)?;
            Ok(())
        },
    )
}

/// Horizontal bars on a log scale, one per row: (name, value).
fn bars(
    id: &str,
    title: &str,
    description: &str,
    axis: &str,
    rows: &[(String, f64, usize)],
) -> Result<String> {
    let low = rows.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
    let high = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    if low.is_nan() || low <= 0.0 {
        bail!("{id}: a bar of {low} cannot be drawn on a log scale");
    }
    let from = 10f64.powf(low.log10().floor());
    let to = 10f64.powf(high.log10().ceil());
    let names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let longest = names.iter().map(|n| n.len()).max().unwrap_or(0) as u32;
    let height = 60 + 34 * rows.len() as u32;
    figure(id, title, description, height, |area| {
        let count = rows.len() as i32;
        let mut chart = ChartBuilder::on(area)
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(longest * 8 + 16)
            .build_cartesian_2d((from..to).log_scale(), (0..count - 1).into_segmented())
            .map_err(plotting)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .y_labels(rows.len())
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => usize::try_from(*i)
                    .ok()
                    .and_then(|i| (rows.len() - 1).checked_sub(i))
                    .and_then(|i| names.get(i))
                    .cloned()
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .x_label_formatter(&|x| {
                if *x >= 1.0 {
                    format!("{x:.0}")
                } else {
                    format!("{x}")
                }
            })
            .x_desc(axis)
            .label_style(FONT)
            .axis_desc_style(FONT)
            .draw()
            .map_err(plotting)?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, value, colour))| {
                let at = count - 1 - i as i32;
                let mut bar = Rectangle::new(
                    [
                        (from, SegmentValue::Exact(at)),
                        (*value, SegmentValue::Exact(at + 1)),
                    ],
                    COLOURS[*colour % COLOURS.len()].filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                bar
            }))
            .map_err(plotting)?;
        Ok(())
    })
}

/// The bars of the rows whose column `only.0` holds `only.1`: each row's
/// name, its `value`, and its colour: Python's red, a dropped step grey,
/// the rest blue.
fn bar_rows(table: &Table, only: (&str, &str), value: &str) -> Result<Vec<(String, f64, usize)>> {
    let (what, key, value) = (
        table.column("what")?,
        table.column(only.0)?,
        table.column(value)?,
    );
    let mut rows = Vec::new();
    for row in table.rows.iter().filter(|r| r[key] == only.1) {
        let colour = if row[what].starts_with("Python") {
            1
        } else if row[what].starts_with("dropped") {
            5
        } else {
            0
        };
        rows.push((row[what].clone(), table.number(row, value)?, colour));
    }
    Ok(rows)
}

/// Jobs per second of each pool, tiny jobs.
fn pools(table: &Table) -> Result<String> {
    let rows = bar_rows(table, ("jobs", "tiny"), "M jobs/s")?;
    bars(
        "fig-pools",
        "Tiny jobs: million jobs per second, on a log scale",
        "How many tiny jobs each pool ran per second, submitted one by one and \
         each result collected: the book's first pool, each step of its second \
         pool and the step that was dropped, rayon's scope, and Python's \
         ThreadPoolExecutor. The table under the figure has the values.",
        "million jobs per second",
        &rows,
    )
}

/// Nanoseconds per increase of a counter under each lock.
fn locks(table: &Table) -> Result<String> {
    let rows = bar_rows(table, ("threads", "1"), "ns")?;
    bars(
        "fig-locks",
        "One thread: nanoseconds per increase of a counter, on a log scale",
        "How long one increase of a counter took on one thread: with no lock, \
         under Python's Lock and RLock, under Rust's Mutex, parking_lot's Mutex \
         and ReentrantMutex, and as an AtomicU64. The table under the figure has \
         the values.",
        "nanoseconds per increase",
        &rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_read_as_it_is_written() {
        let rows = vec![vec![
            "Rust threads".to_string(),
            "2".into(),
            "0.0108".into(),
        ]];
        let text = Table::format(&["what", "threads", "seconds"], &rows);
        assert_eq!(
            text,
            "what          threads  seconds\nRust threads  2        0.0108\n"
        );
        let table = Table::parse(&format!("# a comment\n{text}")).unwrap();
        assert_eq!(table.columns, ["what", "threads", "seconds"]);
        assert_eq!(table.rows, rows);
    }

    #[test]
    fn the_same_data_gives_the_same_svg() {
        let table = Table::parse(
            "what  threads  speed-up\nA  1  1.00\nA  2  2.00\nB  1  1.00\nB  2  1.00\n",
        )
        .unwrap();
        let svg = primes(&table).unwrap();
        assert_eq!(svg, primes(&table).unwrap());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"book-figure\""));
        assert!(svg.contains("<title id=\"fig-primes-title\">"));
        assert!(
            !svg.contains("#000000"),
            "black would vanish on the dark themes"
        );
    }
}
