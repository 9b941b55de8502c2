//! Printable documents: the PDF engine and the documents built on it.
//!
//! A document is composed as a list of [`layout::Block`]s (headings, paragraphs, lists, boxes,
//! tables, figures). The layout engine wraps text with the real glyph advances of the embedded
//! Noto Sans faces, paginates (keep-together groups, no heading stranded at the foot of a page,
//! table headers repeated), and draws a running header and a "Page x of y" footer. The PDF is
//! written with printpdf, fonts embedded and subset.
//!
//! Architecture invariant: output is a pure function of the input. The PDF trailer id, the font
//! subset tags and the creation date all come from the record being printed, never from a
//! clock or a counter, so a reprint is byte-identical and its SHA-256 can be journalled.
//!
//! Documents:
//! - [`aftercare`]: the sheet handed to the client at the end of a session.
//! - [`referral`]: a referral or report letter to the client's GP, physiotherapist or counsellor.
//! - [`day_sheet`]: reception's printed day list.
//!
//! [`history`] issues documents to clients and reprints them (clinical kinds only to those who
//! may open the client's clinical record); `compose` builds a visit's sheet from the record.

pub mod aftercare;
mod compose;
pub mod day_sheet;
mod fonts;
pub mod history;
pub mod layout;
mod paginate;
mod pdf;
pub mod referral;
pub mod svg;
mod text;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use aftercare::{AftercareSheet, Letterhead, SelfCareItem};

/// Left and right page margin of every document, in millimetres. No text crosses it.
pub const SIDE_MARGIN_MM: f32 = 20.0;

/// Why a document could not be produced.
///
/// Messages never contain client data, so they are safe to log.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// An embedded font could not be parsed (a build problem, not a data problem).
    #[error("embedded font {0} could not be parsed")]
    Font(&'static str),
    /// An illustration is not in the supported SVG subset.
    #[error("illustration of self-care item {item} is not usable: {source}")]
    Illustration {
        /// Position of the item on the sheet, starting at 1.
        item: usize,
        /// What is wrong with the SVG.
        source: svg::SvgError,
    },
    /// The letterhead logo is not a readable PNG image.
    #[error("the letterhead logo is not a readable PNG image: {0}")]
    Logo(String),
    /// printpdf or lopdf failed while writing the file.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in PDF points (1/72 in).
    #[must_use]
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (mm_to_pt(210.0), mm_to_pt(297.0)),
            Paper::Letter => (8.5 * 72.0, 11.0 * 72.0),
        }
    }
}

/// How a document is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintOptions {
    /// Paper size.
    pub paper: Paper,
    /// Large print: body text at 16 pt instead of 11 pt, headings scaled to match, and
    /// illustrations placed above their steps rather than beside them.
    pub large_print: bool,
}

/// Millimetres to PDF points.
pub(crate) fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}
