//! A member's own check-in trend: their scores over time on the 1–5 scale, as a line with a dot
//! per answer. Notes are counted in the caption, never shown. Only its member ever sees it.

use chrono::{DateTime, Utc};
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::{ChartError, FONT, render_png};
use crate::domain::wellbeing::checkins::CheckinAnswer;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 420;
const LINE: RGBColor = RGBColor(0, 94, 184); // NHS Blue
const INK: RGBColor = RGBColor(35, 31, 32);

/// The trend of `answers` (any order) up to `now`, as PNG bytes.
pub fn wellbeing_trend_png(
    answers: &[CheckinAnswer],
    now: DateTime<Utc>,
) -> Result<Vec<u8>, ChartError> {
    let mut points: Vec<(DateTime<Utc>, u8)> =
        answers.iter().map(|a| (a.answered_at, a.score)).collect();
    points.sort();
    let notes = answers.iter().filter(|a| a.has_note).count();
    let start = points
        .first()
        .map_or(now - chrono::Duration::weeks(12), |(at, _)| *at)
        .min(now - chrono::Duration::weeks(4));
    render_png((WIDTH, HEIGHT), |root| {
        let title = (FONT, 26, FontStyle::Bold).into_font().color(&INK);
        let caption = format!(
            "Your check-ins: {} answer{}, {notes} with a note",
            points.len(),
            if points.len() == 1 { "" } else { "s" }
        );
        let mut chart = ChartBuilder::on(root)
            .caption(caption, title)
            .margin(20)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(start.timestamp()..now.timestamp() + 1, 0.5f64..5.5f64)?;
        let label = (FONT, 16).into_font().color(&INK);
        chart
            .configure_mesh()
            .y_labels(5)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_labels(6)
            .x_label_formatter(&|t| {
                DateTime::from_timestamp(*t, 0)
                    .map_or_else(String::new, |d| d.format("%-d %b").to_string())
            })
            .label_style(label)
            .draw()?;
        let series: Vec<(i64, f64)> = points
            .iter()
            .map(|(at, score)| (at.timestamp(), f64::from(*score)))
            .collect();
        chart.draw_series(LineSeries::new(series.clone(), LINE.stroke_width(3)))?;
        chart.draw_series(series.iter().map(|p| Circle::new(*p, 6, LINE.filled())))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_trend_draws_as_a_png_with_and_without_answers() {
        let now = Utc.with_ymd_and_hms(2026, 12, 11, 15, 0, 0).unwrap();
        let answers: Vec<CheckinAnswer> = (0..4)
            .map(|i| CheckinAnswer {
                delivery: i,
                score: (i % 5 + 1) as u8,
                has_note: i == 2,
                answered_at: now - chrono::Duration::weeks(2 * (4 - i)),
            })
            .collect();
        for answers in [&answers[..], &[][..]] {
            let png = wellbeing_trend_png(answers, now).unwrap();
            assert_eq!(&png[1..4], b"PNG");
        }
    }
}
