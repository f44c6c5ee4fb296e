//! The digest's picture: supervisees down the side, the ten areas across (domains, a gap, then
//! themes), and in each cell the number of entries in the last eight weeks, shaded from pale
//! (none) to NHS blue (three or more). The number is written in every cell, so the picture
//! reads without colour, and it grows by rows: one supervisee or fifteen, each row is the same
//! height and the text the same size.

use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, FONT, render_png};
use crate::domain::curriculum::{Area, AreaKind};
use crate::domain::digest::CoverageGrid;
use crate::domain::evidence::excerpt;

const NAME_WIDTH: i32 = 250;
const CELL_WIDTH: i32 = 86;
const ROW_HEIGHT: i32 = 44;
const GROUP_GAP: i32 = 16;
const TOP: i32 = 70;
const HEADER_HEIGHT: i32 = 58;
const FOOTER: i32 = 44;
const MARGIN: i32 = 20;

const INK: RGBColor = RGBColor(35, 31, 32);
const PALE: RGBColor = RGBColor(240, 244, 245);
const SHADES: [RGBColor; 3] = [
    RGBColor(198, 222, 244),
    RGBColor(109, 164, 220),
    RGBColor(0, 94, 184), // NHS Blue
];

/// Short two-line column heads, so ten areas fit across.
fn head(area: Area) -> [&'static str; 2] {
    match area {
        Area::PersonCentredPractice => ["Person-", "centred"],
        Area::SystemWorking => ["System", "working"],
        Area::ComplexMultimorbidity => ["Multi-", "morbidity"],
        Area::SocialJusticeAndHealthEquity => ["Social", "justice"],
        Area::PopulationHealth => ["Population", "health"],
        Area::EnvironmentalSustainability => ["Sustain-", "ability"],
        Area::Wellbeing => ["Wellbeing", ""],
        Area::Digital => ["Digital", ""],
        Area::Leadership => ["Leadership", ""],
        Area::TransformativeReflection => ["Reflection", ""],
    }
}

fn column_x(index: usize) -> i32 {
    let index = i32::try_from(index).unwrap_or(0);
    let gap = if index >= 6 { GROUP_GAP } else { 0 };
    MARGIN + NAME_WIDTH + index * CELL_WIDTH + gap
}

fn size(rows: usize) -> (u32, u32) {
    let rows = i32::try_from(rows.max(1)).unwrap_or(1);
    let width = column_x(Area::ALL.len()) + MARGIN;
    let height = TOP + HEADER_HEIGHT + rows * ROW_HEIGHT + FOOTER;
    (width.unsigned_abs(), height.unsigned_abs())
}

/// The grid as PNG bytes, headed by `title`.
pub fn coverage_heatmap_png(grid: &CoverageGrid, title: &str) -> Result<Vec<u8>, ChartError> {
    let title = excerpt(title, 70);
    render_png(size(grid.rows.len()), |root| {
        let bold = (FONT, 24, FontStyle::Bold).into_font().color(&INK);
        root.draw_text(&title, &bold, (MARGIN, 22))?;
        let small = (FONT, 15).into_font().color(&INK);
        let centred = small.pos(Pos::new(HPos::Center, VPos::Center));
        let group = (FONT, 15, FontStyle::Bold).into_font().color(&INK);
        let group_left = group.pos(Pos::new(HPos::Left, VPos::Center));
        root.draw_text("Domains", &group_left, (column_x(0), TOP - 8))?;
        root.draw_text("Themes", &group_left, (column_x(6), TOP - 8))?;
        for (index, area) in Area::ALL.into_iter().enumerate() {
            let x = column_x(index) + CELL_WIDTH / 2;
            let [first, second] = head(area);
            root.draw_text(first, &centred, (x, TOP + 16))?;
            root.draw_text(second, &centred, (x, TOP + 36))?;
            debug_assert_eq!(area.kind() == AreaKind::Domain, index < 6);
        }
        let name_style = (FONT, 17).into_font().color(&INK);
        let name_left = name_style.pos(Pos::new(HPos::Left, VPos::Center));
        for (row, (name, cells)) in grid.rows.iter().enumerate() {
            let top = TOP + HEADER_HEIGHT + i32::try_from(row).unwrap_or(0) * ROW_HEIGHT;
            root.draw_text(
                &excerpt(name, 24),
                &name_left,
                (MARGIN, top + ROW_HEIGHT / 2),
            )?;
            for (index, count) in cells.iter().enumerate() {
                let x = column_x(index);
                let fill = match *count {
                    0 => PALE,
                    n => SHADES[usize::try_from(n.min(3)).unwrap_or(3) - 1],
                };
                root.draw(&Rectangle::new(
                    [(x + 2, top + 2), (x + CELL_WIDTH - 2, top + ROW_HEIGHT - 2)],
                    fill.filled(),
                ))?;
                let ink = if *count >= 3 { WHITE } else { INK };
                let number = (FONT, 17, FontStyle::Bold).into_font().color(&ink);
                let number = number.pos(Pos::new(HPos::Center, VPos::Center));
                let text = if *count == 0 {
                    "·".to_owned()
                } else {
                    count.to_string()
                };
                root.draw_text(&text, &number, (x + CELL_WIDTH / 2, top + ROW_HEIGHT / 2))?;
            }
        }
        let rows = i32::try_from(grid.rows.len().max(1)).unwrap_or(1);
        let footer = TOP + HEADER_HEIGHT + rows * ROW_HEIGHT + FOOTER / 2;
        let note = (FONT, 14).into_font().color(&INK);
        let note = note.pos(Pos::new(HPos::Left, VPos::Center));
        root.draw_text(
            "Entries per area in the last 8 weeks (· = none). Counts only: no text, no ranking.",
            &note,
            (MARGIN, footer),
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: usize) -> CoverageGrid {
        CoverageGrid {
            rows: (0..rows)
                .map(|r| {
                    let mut cells = [0u32; 10];
                    for (i, cell) in cells.iter_mut().enumerate() {
                        *cell = u32::try_from((r + i) % 5).unwrap_or(0);
                    }
                    (format!("Supervisee number {r}"), cells)
                })
                .collect(),
        }
    }

    #[test]
    fn the_picture_grows_by_rows_and_keeps_its_width() {
        for rows in [1, 15] {
            let png = coverage_heatmap_png(&grid(rows), "Entries per area").unwrap();
            assert_eq!(&png[1..4], b"PNG");
            let (width, height) = size(rows);
            // The PNG header holds the width and height (big-endian, bytes 16..24).
            let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
            assert_eq!((w, h), (width, height));
        }
        assert_eq!(size(1).0, size(15).0);
        assert!(size(15).1 > size(1).1 + 13 * ROW_HEIGHT.unsigned_abs());
    }

    #[test]
    fn the_pictures_can_be_looked_at() {
        // Writes both sizes where a person can open them: `MINDLINES_CHART_DIR=/tmp/charts`.
        let Some(dir) = std::env::var_os("MINDLINES_CHART_DIR") else {
            return;
        };
        std::fs::create_dir_all(&dir).unwrap();
        for rows in [1, 15] {
            let png =
                coverage_heatmap_png(&grid(rows), "Your supervisees · to 7 Dec 2026").unwrap();
            std::fs::write(
                std::path::Path::new(&dir).join(format!("heatmap-{rows}.png")),
                png,
            )
            .unwrap();
        }
    }
}
