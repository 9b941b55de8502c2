//! The embedded Noto Sans faces, parsed once per process, and their metrics.
//!
//! Widths come from the fonts' own advance widths (hmtx), the same numbers the PDF viewer
//! uses to place glyphs, so a wrapped line measures exactly what it prints.

use std::sync::LazyLock;

use printpdf::ParsedFont;

use super::DocumentError;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");

/// One of the three faces a document may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
        }
    }

    /// Stable short name, used in the PDF font resource ids.
    pub(crate) fn letter(self) -> char {
        match self {
            Face::Regular => 'R',
            Face::Bold => 'B',
            Face::Italic => 'I',
        }
    }
}

/// The parsed faces plus the vertical metrics layout needs.
pub(crate) struct Fonts {
    faces: [ParsedFont; 3],
    units_per_em: [f32; 3],
    /// Ascender above the baseline, in em (hhea).
    pub(crate) ascender: f32,
    /// Descender below the baseline, in em, positive.
    pub(crate) descender: f32,
}

static FONTS: LazyLock<Result<Fonts, &'static str>> = LazyLock::new(Fonts::parse);

/// The process-wide font set. Parsing three faces costs a few milliseconds, so it is done once.
pub(crate) fn fonts() -> Result<&'static Fonts, DocumentError> {
    FONTS.as_ref().map_err(|name| DocumentError::Font(name))
}

impl Fonts {
    fn parse() -> Result<Fonts, &'static str> {
        let one = |bytes: &[u8], name: &'static str| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(name)
        };
        let faces = [
            one(REGULAR, "NotoSans-Regular")?,
            one(BOLD, "NotoSans-Bold")?,
            one(ITALIC, "NotoSans-Italic")?,
        ];
        let units_per_em = faces
            .each_ref()
            .map(|f| f32::from(f.pdf_font_metrics.units_per_em.max(1)));
        let regular = &faces[0].pdf_font_metrics;
        let ascender = f32::from(regular.ascender) / units_per_em[0];
        let descender = -f32::from(regular.descender) / units_per_em[0];
        Ok(Fonts {
            faces,
            units_per_em,
            ascender,
            descender,
        })
    }

    pub(crate) fn parsed(&self, face: Face) -> &ParsedFont {
        &self.faces[face.index()]
    }

    /// Whether every face has a real glyph for `c`, so it prints whatever the style.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.faces
            .iter()
            .all(|f| f.lookup_glyph_index(u32::from(c)).is_some_and(|g| g != 0))
    }

    /// Advance width of `c` in em.
    pub(crate) fn advance_em(&self, face: Face, c: char) -> f32 {
        let f = &self.faces[face.index()];
        let glyph = f.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(f.get_horizontal_advance(glyph)) / self.units_per_em[face.index()]
    }

    /// Width of `text` set in `face` at `size` points, in points.
    pub(crate) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.advance_em(face, c)).sum::<f32>() * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noto_metrics_are_sane() {
        let fonts = fonts().unwrap();
        assert!(
            fonts.ascender > 0.9 && fonts.ascender < 1.2,
            "{}",
            fonts.ascender
        );
        assert!(fonts.descender > 0.2 && fonts.descender < 0.4);
        // An "m" is wider than an "i", and bold is wider than regular.
        assert!(fonts.advance_em(Face::Regular, 'm') > fonts.advance_em(Face::Regular, 'i'));
        assert!(fonts.width(Face::Bold, 10.0, "mass") > fonts.width(Face::Regular, 10.0, "mass"));
    }

    #[test]
    fn coverage_includes_latin_and_vietnamese_but_not_check_marks() {
        let fonts = fonts().unwrap();
        for c in "Zoë Łukasiewicz-Ørsted Nguyễn Thị •–—…".chars() {
            assert!(fonts.covers(c), "{c:?} should be covered");
        }
        assert!(!fonts.covers('✓'));
        assert!(!fonts.covers('😀'));
    }
}
