//! The coverage chart: one horizontal bar per domain and theme, domains on top in NHS blue,
//! themes below in orange after a gap, each labelled with its name and count.
//!
//! Blue and orange stay distinguishable for the common colour-vision deficiencies, and the gap
//! and legend carry the same information for anyone who cannot tell them apart.

use plotters::coord::Shift;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, FONT, render_png};
use crate::domain::coverage::MemberCoverage;
use crate::domain::curriculum::{Area, AreaKind};
use crate::domain::evidence::excerpt;

const WIDTH: u32 = 1000;
const HEIGHT: u32 = 620;
/// Room on the left for the longest area name, "Social justice and health equity".
const LABEL_WIDTH: u32 = 310;
/// Every area plus one empty slot dividing the domains from the themes.
const SLOTS: usize = Area::ALL.len() + 1;
const BAR_INSET: f64 = 0.18;

const DOMAIN_COLOUR: RGBColor = RGBColor(0, 94, 184); // NHS Blue
const THEME_COLOUR: RGBColor = RGBColor(237, 139, 0); // NHS Orange
const INK: RGBColor = RGBColor(35, 31, 32); // NHS Black
const GRID: RGBColor = RGBColor(216, 221, 224); // NHS Pale Grey

type Canvas<'a> = DrawingArea<BitMapBackend<'a>, Shift>;
type BarChart<'a, 'b> =
    ChartContext<'a, BitMapBackend<'b>, Cartesian2d<RangedCoordu32, RangedCoordf64>>;

/// One bar, placed by its slot counted from the top.
struct Bar {
    slot: usize,
    label: &'static str,
    count: usize,
    kind: AreaKind,
}

impl Bar {
    fn colour(&self) -> RGBColor {
        match self.kind {
            AreaKind::Domain => DOMAIN_COLOUR,
            AreaKind::Theme => THEME_COLOUR,
        }
    }

    /// The bar's vertical centre in chart units (y grows upwards, slots count downwards).
    fn centre(&self) -> f64 {
        (SLOTS - self.slot) as f64 - 0.5
    }
}

/// Renders `coverage` as a PNG bar chart headed by `title` (shortened if very long).
pub fn coverage_chart_png(coverage: &MemberCoverage, title: &str) -> Result<Vec<u8>, ChartError> {
    let title = excerpt(title, 60);
    render_png((WIDTH, HEIGHT), |root| draw(root, coverage, &title))
}

fn bars(coverage: &MemberCoverage) -> Vec<Bar> {
    let domains = coverage.areas_of(AreaKind::Domain).count();
    coverage
        .areas
        .iter()
        .enumerate()
        .map(|(index, c)| Bar {
            // Themes skip one slot so the two groups are visibly apart.
            slot: if index < domains { index } else { index + 1 },
            label: c.area.name(),
            count: c.count,
            kind: c.area.kind(),
        })
        .collect()
}

fn draw(root: &Canvas<'_>, coverage: &MemberCoverage, title: &str) -> Result<(), ChartError> {
    let title_style = (FONT, 30, FontStyle::Bold).into_font().color(&INK);
    let body = root.margin(14, 0, 0, 0).titled(title, title_style)?;
    let (header, plot) = body.split_vertically(40);
    draw_legend(&header, coverage)?;
    draw_bars(root, &plot, &bars(coverage))
}

/// The key on the left and the total and date on the right.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    coverage: &MemberCoverage,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text = (FONT, 18).into_font().color(&INK);
    let middle = text.pos(Pos::new(HPos::Left, VPos::Center));
    for (x, colour, name) in [
        (40, DOMAIN_COLOUR, "Domains"),
        (190, THEME_COLOUR, "Themes"),
    ] {
        area.draw(&Rectangle::new([(x, 11), (x + 18, 29)], colour.filled()))?;
        area.draw_text(name, &middle, (x + 26, 20))?;
    }
    let total = coverage.total_entries;
    let summary = format!(
        "{total} {} · as of {}",
        if total == 1 {
            "reflection"
        } else {
            "reflections"
        },
        coverage.now.format("%-d %b %Y")
    );
    let right = text.pos(Pos::new(HPos::Right, VPos::Center));
    area.draw_text(&summary, &right, (WIDTH as i32 - 40, 20))
}

fn draw_bars(root: &Canvas<'_>, plot: &Canvas<'_>, bars: &[Bar]) -> Result<(), ChartError> {
    let mut chart = ChartBuilder::on(plot)
        .margin_left(20)
        .margin_right(40)
        .margin_bottom(10)
        .x_label_area_size(50)
        .y_label_area_size(LABEL_WIDTH)
        .build_cartesian_2d(0..x_max(bars), 0.0..SLOTS as f64)?;
    draw_mesh(&mut chart)?;
    chart.draw_series(bars.iter().map(|bar| {
        let top = bar.centre() + 0.5 - BAR_INSET;
        let bottom = bar.centre() - 0.5 + BAR_INSET;
        Rectangle::new([(0, top), (count_u32(bar), bottom)], bar.colour().filled())
    }))?;
    draw_counts(&mut chart, bars)?;
    draw_names(root, &chart, bars)
}

/// The x range: headroom past the longest bar for its count label, and never narrower than
/// 0..4 so an empty chart still has an axis.
fn x_max(bars: &[Bar]) -> u32 {
    let most = bars.iter().map(|b| b.count).max().unwrap_or(0);
    u32::try_from((most + most / 6 + 1).max(4)).unwrap_or(u32::MAX)
}

/// Vertical grid lines at the labelled counts only, and the count axis.
fn draw_mesh(chart: &mut BarChart<'_, '_>) -> Result<(), ChartError> {
    let ticks = chart.x_range().end.min(10) as usize + 1;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(ticks)
        .x_label_formatter(&|count| count.to_string())
        .x_desc("Reflections")
        .label_style((FONT, 16).into_font().color(&INK))
        .axis_desc_style((FONT, 16).into_font().color(&INK))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(INK)
        .draw()?;
    Ok(())
}

/// Each bar's count, just past its end (so a zero shows as "0" at the axis).
fn draw_counts(chart: &mut BarChart<'_, '_>, bars: &[Bar]) -> Result<(), ChartError> {
    let style = (FONT, 17, FontStyle::Bold)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    chart.draw_series(bars.iter().map(|bar| {
        EmptyElement::at((count_u32(bar), bar.centre()))
            + Text::new(bar.count.to_string(), (8, 0), style.clone())
    }))?;
    Ok(())
}

/// Area names in the label column, right-aligned against their bars. They are drawn on the
/// whole canvas, in pixels, because plotters' own labels sit on ticks rather than bar centres.
fn draw_names(root: &Canvas<'_>, chart: &BarChart<'_, '_>, bars: &[Bar]) -> Result<(), ChartError> {
    let style = (FONT, 18)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    for bar in bars {
        let (x, y) = chart.backend_coord(&(0, bar.centre()));
        root.draw_text(bar.label, &style, (x - 12, y))?;
    }
    Ok(())
}

fn count_u32(bar: &Bar) -> u32 {
    u32::try_from(bar.count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
