//! The house style: type sizes, spacing, colours and page geometry, for normal and large
//! print, and the running header and footer drawn on each page.
//!
//! Colours are chosen to survive greyscale printing: text is near-black or a mid grey, the one
//! accent (#2f7d6d, a muted teal) prints as a dark grey, and nothing is told by colour alone
//! (boxes have borders and titles, list markers are shapes and numbers).

use super::{Setup, TextStyle};
use crate::documents::fonts::{Face, Fonts};
use crate::documents::paginate::Page;
use crate::documents::pdf::{Colour, Item};
use crate::documents::text::truncate;
use crate::documents::{PrintOptions, SIDE_MARGIN_MM, mm_to_pt};

/// Body text.
pub(crate) const INK: Colour = Colour::hex(0x1d2624);
/// Secondary text.
pub(crate) const MUTED: Colour = Colour::hex(0x56625f);
/// The accent.
pub(crate) const ACCENT: Colour = Colour::hex(0x2f7d6d);
/// Fill of notice boxes and table headers.
pub(crate) const TINT: Colour = Colour::hex(0xedf4f2);
/// Hairlines.
pub(crate) const HAIRLINE: Colour = Colour::hex(0xc4d2ce);

/// Sizes in points and page geometry for one print size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Style {
    pub(crate) page_width: f32,
    pub(crate) page_height: f32,
    pub(crate) margin: f32,
    /// Top of the text area, from the top edge.
    pub(crate) body_top: f32,
    /// Bottom of the text area, from the top edge.
    pub(crate) body_bottom: f32,
    pub(crate) body: f32,
    pub(crate) small: f32,
    pub(crate) display: f32,
    pub(crate) title: f32,
    pub(crate) section: f32,
    pub(crate) item: f32,
    /// Line height as a multiple of the type size, for text and for headings.
    pub(crate) leading: f32,
    pub(crate) heading_leading: f32,
    /// Running header and footer type size.
    pub(crate) furniture: f32,
    pub(crate) large_print: bool,
}

impl Style {
    pub(crate) fn new(options: PrintOptions) -> Style {
        let (page_width, page_height) = options.paper.size_pt();
        // (body, small, display, title, section, item, furniture)
        let sizes = if options.large_print {
            (16.0, 14.0, 22.0, 28.0, 20.0, 18.0, 11.0)
        } else {
            (11.0, 9.0, 17.0, 22.0, 14.5, 12.5, 8.5)
        };
        Style {
            page_width,
            page_height,
            margin: mm_to_pt(SIDE_MARGIN_MM),
            // Clear of the running header, whose size grows with large print.
            body_top: mm_to_pt(if options.large_print { 23.0 } else { 20.0 }),
            body_bottom: page_height - mm_to_pt(21.0),
            body: sizes.0,
            small: sizes.1,
            display: sizes.2,
            title: sizes.3,
            section: sizes.4,
            item: sizes.5,
            furniture: sizes.6,
            leading: 1.42,
            heading_leading: 1.22,
            large_print: options.large_print,
        }
    }

    pub(crate) fn body_height(&self) -> f32 {
        self.body_bottom - self.body_top
    }

    pub(crate) fn content_width(&self) -> f32 {
        self.page_width - 2.0 * self.margin
    }

    /// The unit of vertical rhythm.
    pub(crate) fn em(&self) -> f32 {
        self.body
    }

    pub(crate) fn text_size(&self, style: TextStyle) -> f32 {
        match style {
            TextStyle::Body | TextStyle::Accent => self.body,
            TextStyle::Secondary => self.small,
            TextStyle::Display => self.display,
        }
    }

    pub(crate) fn text_colour(style: TextStyle) -> Colour {
        match style {
            TextStyle::Body => INK,
            TextStyle::Secondary => MUTED,
            TextStyle::Accent | TextStyle::Display => ACCENT,
        }
    }
}

/// Adds the running header (pages 2 onwards) and the footer to page `index` of `total`.
pub(crate) fn decorate(
    fonts: &Fonts,
    style: &Style,
    setup: &Setup,
    index: usize,
    total: usize,
    page: &mut Page,
) {
    let size = style.furniture;
    let left = style.margin;
    let right = style.page_width - style.margin;
    let width = style.content_width();
    let gap = 2.0 * size;
    let clean = |s: &str| crate::documents::text::clean(fonts, s).replace('\n', " ");

    let line = |face: Face, baseline: f32, l: &str, r: &str, rule_y: f32, page: &mut Page| {
        let r_width = fonts.width(face, size, r);
        let l = truncate(fonts, face, size, (width - r_width - gap).max(0.0), l);
        page.items.push(Item::Line {
            x1: left,
            y1: rule_y,
            x2: right,
            y2: rule_y,
            width: 0.5,
            colour: HAIRLINE,
        });
        for (x, text) in [(left, l), (right - r_width, r.to_owned())] {
            if !text.is_empty() {
                page.items.push(Item::Text {
                    x,
                    baseline,
                    face,
                    size,
                    colour: MUTED,
                    text,
                });
            }
        }
    };

    if index > 0 {
        let header_right = clean(&setup.header_right);
        let header_right = truncate(fonts, Face::Regular, size, width / 2.0, &header_right);
        // The cap height sits 10.5 mm from the top edge, clear of printers' unprintable band.
        let baseline = mm_to_pt(10.5) + fonts.ascender * size;
        line(
            Face::Regular,
            baseline,
            &clean(&setup.header_left),
            &header_right,
            baseline + 0.5 * size + 1.5,
            page,
        );
    }
    let page_label = format!("Page {} of {}", index + 1, total);
    let baseline = style.page_height - mm_to_pt(12.5);
    line(
        Face::Regular,
        baseline,
        &clean(&setup.footer),
        &page_label,
        baseline - size * 1.6,
        page,
    );
}
