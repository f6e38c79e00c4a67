//! SVG plots of a [`Report`]: a cactus plot (solved runs against time, one line per
//! solver) and a log-log scatter plot for each pair of solvers.

use std::io;
use std::path::{Path, PathBuf};

use itertools::Itertools;
use plotters::prelude::*;

use super::report::Report;

const COLOURS: [RGBColor; 6] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
];

/// Fastest time on a log axis.
const FLOOR: f64 = 0.001;

fn other<E: std::error::Error + Send + Sync + 'static>(e: E) -> io::Error {
    io::Error::other(e.to_string())
}

fn limit(report: &Report) -> f64 {
    report.records.iter().map(|r| r.timeout_s).fold(1.0, f64::max)
}

fn file_name(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// Writes `cactus.svg` (every task), one `cactus-TASK.svg` per task when there are
/// several, and `scatter-A-vs-B.svg` per solver pair into `dir`; returns the files.
///
/// # Errors
/// I/O errors creating `dir` or writing a plot.
pub fn write_plots(report: &Report, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let path = dir.join("cactus.svg");
    cactus(report, None, &path)?;
    written.push(path);
    let tasks = report.tasks();
    if tasks.len() > 1 {
        for t in tasks {
            let path = dir.join(format!("cactus-{}.svg", file_name(t)));
            cactus(report, Some(t), &path)?;
            written.push(path);
        }
    }
    for [a, b] in report.solvers().into_iter().array_combinations() {
        let path = dir.join(format!("scatter-{}-vs-{}.svg", file_name(a), file_name(b)));
        scatter(report, a, b, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// A cactus plot: for each solver, its n-th fastest solved run at x = n.
fn cactus(report: &Report, task: Option<&str>, path: &Path) -> io::Result<()> {
    let top = limit(report);
    let lines: Vec<(&str, Vec<f64>)> =
        report.solvers().into_iter().map(|s| (s, report.cactus(s, task))).collect();
    let most = lines.iter().map(|(_, v)| v.len()).max().unwrap_or(0).max(1);
    let root = SVGBackend::new(path, (800, 560)).into_drawing_area();
    root.fill(&WHITE).map_err(other)?;
    let title = format!("solved runs by time: {}", task.unwrap_or("all tasks"));
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 22))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0..most, (FLOOR..top * 1.05).log_scale())
        .map_err(other)?;
    chart.configure_mesh().x_desc("runs solved").y_desc("wall time (s)").draw().map_err(other)?;
    for (k, (solver, times)) in lines.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let points = times.iter().enumerate().map(|(i, &t)| (i + 1, t.max(FLOOR)));
        chart
            .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
            .map_err(other)?
            .label(format!("{solver} ({})", times.len()))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
            });
        chart.draw_series(points.map(|p| Circle::new(p, 2, colour.filled()))).map_err(other)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .border_style(BLACK)
        .background_style(WHITE.mix(0.8))
        .draw()
        .map_err(other)?;
    root.present().map_err(other)
}

/// A log-log scatter plot of two solvers' times; unsolved runs sit on the limit line.
fn scatter(report: &Report, a: &str, b: &str, path: &Path) -> io::Result<()> {
    let top = limit(report) * 1.05;
    let root = SVGBackend::new(path, (640, 640)).into_drawing_area();
    root.fill(&WHITE).map_err(other)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("{a} vs {b} (s; unsolved at the limit)"), ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d((FLOOR..top).log_scale(), (FLOOR..top).log_scale())
        .map_err(other)?;
    chart.configure_mesh().x_desc(a).y_desc(b).draw().map_err(other)?;
    chart
        .draw_series(LineSeries::new([(FLOOR, FLOOR), (top, top)], BLACK.mix(0.4)))
        .map_err(other)?;
    let at = |t: Option<f64>| t.unwrap_or(top / 1.05).clamp(FLOOR, top);
    let points = report.pairs(a, b).into_iter().map(|(x, y)| (at(x), at(y)));
    chart
        .draw_series(points.map(|p| Cross::new(p, 4, COLOURS[0].stroke_width(1))))
        .map_err(other)?;
    root.present().map_err(other)
}
