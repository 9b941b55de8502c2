//! The block model every document is written in, and [`render`], which lays blocks out on
//! pages and writes the PDF.
//!
//! A document is a `Vec<Block>`. Vertical spacing, type sizes and colours come from one house
//! style (scaled up for large print), so documents say *what* a piece of text is, not how big
//! it is. Pagination rules: a heading always stays with what follows it; a
//! [`Block::KeepTogether`] group moves whole to the next page when it would fit there; a
//! paragraph never leaves a single line alone at the foot or head of a page; a
//! [`Block::Columns`] row and a [`Block::Figure`] are never split; table header rows repeat on
//! every page the table reaches. Pages get a running header (from page 2) and a footer with
//! "Page x of y".

use std::sync::Arc;

use chrono::{DateTime, Utc};
use printpdf::RawImage;

use super::svg::Drawing;
use super::{DocumentError, PrintOptions, fonts, paginate, pdf};

mod measure;
mod style;
#[cfg(test)]
mod tests;

pub(crate) use style::Style;

/// Kinds of heading, from the document title down to a small run-in label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    /// The document's title ("Your aftercare").
    Title,
    /// A section ("What to expect in the next 24–48 hours").
    Section,
    /// An item within a section (a self-care exercise).
    Item,
    /// A small bold label introducing a list ("Stop and seek advice if…").
    Label,
}

/// A heading. It is kept on the same page as the block that follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Level.
    pub level: HeadingLevel,
    /// Text; wraps if long.
    pub text: String,
}

/// Weight or slant of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Emphasis {
    /// Regular.
    #[default]
    None,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
}

/// A run of text with one emphasis.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text. `\n` forces a line break; markup has no meaning and prints as written.
    pub text: String,
    /// Emphasis.
    pub emphasis: Emphasis,
}

/// What role a paragraph plays, which sets its size and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextStyle {
    /// Body text.
    #[default]
    Body,
    /// Secondary details (addresses, labels, fine print): smaller and grey.
    Secondary,
    /// Body size in the accent colour, for a name or a clinic name.
    Accent,
    /// Large accent text, for the clinic's name in a letterhead.
    Display,
}

/// A paragraph of one or more spans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// The runs, in order.
    pub spans: Vec<Span>,
    /// Size and colour.
    pub style: TextStyle,
}

impl Paragraph {
    /// A body paragraph of plain text.
    pub fn new(text: impl Into<String>) -> Self {
        Paragraph::default().plain(text)
    }

    /// A paragraph of plain text in `style`.
    pub fn styled(style: TextStyle, text: impl Into<String>) -> Self {
        Paragraph {
            style,
            ..Paragraph::new(text)
        }
    }

    /// Appends a regular run.
    #[must_use]
    pub fn plain(self, text: impl Into<String>) -> Self {
        self.span(Emphasis::None, text)
    }

    /// Appends a bold run.
    #[must_use]
    pub fn bold(self, text: impl Into<String>) -> Self {
        self.span(Emphasis::Bold, text)
    }

    /// Appends an italic run.
    #[must_use]
    pub fn italic(self, text: impl Into<String>) -> Self {
        self.span(Emphasis::Italic, text)
    }

    /// Appends a run with the given emphasis.
    #[must_use]
    pub fn span(mut self, emphasis: Emphasis, text: impl Into<String>) -> Self {
        self.spans.push(Span {
            text: text.into(),
            emphasis,
        });
        self
    }
}

/// A vector illustration.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The picture.
    pub drawing: Arc<Drawing>,
    /// Width as a fraction (0–1] of the column it is in; the height follows the aspect ratio.
    pub width: f32,
}

/// A raster image (a clinic logo), drawn at a fixed height.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub(crate) raw: Arc<RawImage>,
    /// Height in points; the width follows the aspect ratio, capped at the column width.
    pub height: f32,
}

impl Image {
    /// Decodes a PNG.
    ///
    /// # Errors
    /// [`DocumentError::Logo`] if the bytes are not a PNG image printpdf can read.
    pub fn from_png(png: &[u8], height: f32) -> Result<Image, DocumentError> {
        if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(DocumentError::Logo("not a PNG file".into()));
        }
        let raw = RawImage::decode_from_bytes(png, &mut Vec::new()).map_err(DocumentError::Logo)?;
        if raw.width == 0 || raw.height == 0 {
            return Err(DocumentError::Logo("the image is empty".into()));
        }
        Ok(Image {
            raw: Arc::new(raw),
            height,
        })
    }
}

/// How a [`Boxed`] group is set off from the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxStyle {
    /// A tinted panel with a border all round, for warnings ("When to seek help").
    Notice,
    /// A bar down the left side, for a quotation or a personal note.
    Aside,
}

/// Blocks set off in a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Boxed {
    /// Look of the frame.
    pub style: BoxStyle,
    /// Contents. If they don't fit on one page the frame is drawn round each piece.
    pub blocks: Vec<Block>,
}

/// One column of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableColumn {
    /// Header text.
    pub heading: String,
    /// Relative width (the columns share the available width in proportion).
    pub weight: f32,
}

/// A table with a header row that repeats on every page. Cells wrap within their column;
/// a row is never split across pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Columns, left to right.
    pub columns: Vec<TableColumn>,
    /// Rows of cells; a short row is padded with empty cells, extra cells are ignored.
    pub rows: Vec<Vec<String>>,
}

/// One column of a [`Block::Columns`] row.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Relative width.
    pub weight: f32,
    /// Contents.
    pub blocks: Vec<Block>,
}

/// Blocks that belong under one label: if a page break falls inside them, the next page
/// starts with "label (continued)" so the reader knows what the text belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Continuing {
    /// Usually the title of the group's first block.
    pub label: String,
    /// Contents.
    pub blocks: Vec<Block>,
}

/// A piece of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading.
    Heading(Heading),
    /// A paragraph.
    Paragraph(Paragraph),
    /// Bulleted items.
    BulletList(Vec<Paragraph>),
    /// Numbered steps (1., 2., ...).
    NumberedSteps(Vec<Paragraph>),
    /// A vector illustration.
    Figure(Figure),
    /// A raster image.
    Image(Image),
    /// A framed group.
    Boxed(Boxed),
    /// A table.
    Table(Table),
    /// Side-by-side columns, kept on one page (stacked instead if taller than a page).
    Columns(Vec<Column>),
    /// Blocks moved to the next page together if they would be split and fit on one page.
    KeepTogether(Vec<Block>),
    /// Blocks labelled again at the top of a page they continue on.
    Continuing(Continuing),
    /// Extra vertical space, in multiples of the body text size; dropped at the top of a page.
    Spacer(f32),
    /// A thin horizontal line across the column.
    Rule,
}

impl Block {
    /// A heading block.
    pub fn heading(level: HeadingLevel, text: impl Into<String>) -> Block {
        Block::Heading(Heading {
            level,
            text: text.into(),
        })
    }

    /// A body paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Block {
        Block::Paragraph(Paragraph::new(text))
    }
}

/// Document information and page furniture.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// Paper and large print.
    pub options: PrintOptions,
    /// Document title (PDF metadata).
    pub title: String,
    /// Author (PDF metadata): the clinic.
    pub author: String,
    /// Subject (PDF metadata).
    pub subject: String,
    /// Stable id of the record printed; the PDF's trailer id and font tags derive from it.
    pub document_id: String,
    /// Creation and modification date written into the PDF.
    pub issued_at: DateTime<Utc>,
    /// Left part of the running header on pages 2 onwards.
    pub header_left: String,
    /// Right part of the running header on pages 2 onwards.
    pub header_right: String,
    /// Left part of the footer on every page; the right part is "Page x of y".
    pub footer: String,
}

/// Lays `blocks` out and writes the PDF.
///
/// # Errors
/// [`DocumentError::Font`] if an embedded font is unusable, [`DocumentError::Pdf`] if the
/// file cannot be written.
pub fn render(blocks: &[Block], setup: &Setup) -> Result<Vec<u8>, DocumentError> {
    let pages = lay_out(blocks, setup)?;
    pdf::write(&pages, setup)
}

/// Blocks to positioned pages, with header and footer.
pub(crate) fn lay_out(
    blocks: &[Block],
    setup: &Setup,
) -> Result<Vec<paginate::Page>, DocumentError> {
    let fonts = fonts::fonts()?;
    let style = Style::new(setup.options);
    let flow = measure::measure(fonts, &style, blocks);
    let mut pages = paginate::paginate(&flow, style.body_top, style.body_height());
    let total = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        style::decorate(fonts, &style, setup, index, total, page);
    }
    Ok(pages)
}
