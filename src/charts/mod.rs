//! Charts as PNG bytes, ready to attach to a Discord message: pictures for where people would
//! rather look than read (the coverage chart in a trainee's summary and a supervisor's digest).
//!
//! Rendering is pure apart from one temporary file: plotters encodes PNG only through its
//! path-based bitmap backend (the `image` crate is not a direct dependency), so a chart is
//! drawn into a private temp file that is read back and deleted.
//!
//! The text uses DejaVu Sans embedded in the binary, so charts look the same on every host and
//! need no system fonts.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

mod coverage;
mod heatmap;
mod wellbeing;

pub use coverage::coverage_chart_png;
pub use heatmap::coverage_heatmap_png;
pub use wellbeing::wellbeing_trend_png;

/// The font family every chart asks plotters for.
const FONT: &str = "sans-serif";

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("the embedded chart font could not be loaded")]
    Font,
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("writing the chart image failed: {0}")]
    Io(#[from] std::io::Error),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(error.to_string())
    }
}

/// Registers DejaVu Sans with plotters once per process; later calls reuse the outcome.
fn ensure_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && register_font(FONT, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    });
    if ok { Ok(()) } else { Err(ChartError::Font) }
}

/// Draws with `draw` on a white `size` canvas and returns the picture as PNG bytes.
fn render_png<F>(size: (u32, u32), draw: F) -> Result<Vec<u8>, ChartError>
where
    F: FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<(), ChartError>,
{
    ensure_font()?;
    // The ".png" suffix is what tells the backend which encoder to use.
    let file = tempfile::Builder::new()
        .prefix("mindlines-chart-")
        .suffix(".png")
        .tempfile()?;
    {
        let root = BitMapBackend::new(file.path(), size).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
    }
    Ok(std::fs::read(file.path())?)
}
