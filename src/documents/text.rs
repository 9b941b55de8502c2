//! Text preparation and line breaking.
//!
//! Every string is normalised to NFC (a decomposed "ë" would print its accent beside the
//! letter), stripped of control characters, and any character the embedded fonts lack is
//! replaced by a printable stand-in, so nothing silently prints as an empty box. Wrapping is
//! greedy at spaces; a word wider than the column (a URL, a long compound) is broken between
//! characters, preferably after `/`, `-` or `.`, so nothing crosses the margin.

use unicode_normalization::UnicodeNormalization;

use super::fonts::{Face, Fonts};

/// Printable replacement for a character no face covers.
const FALLBACK: char = '?';

/// Stand-ins for characters commonly pasted into notes that Noto Sans does not have.
fn stand_in(c: char) -> Option<&'static str> {
    Some(match c {
        '✓' | '✔' | '☑' | '✅' => "-",
        '✗' | '✘' | '☒' | '❌' => "x",
        '★' | '☆' | '✱' | '✳' => "*",
        '⇒' | '⟹' | '➔' | '➜' | '➡' => "->",
        '⇐' | '⬅' => "<-",
        '☎' | '📞' => "Tel.",
        _ => return None,
    })
}

/// Normalises `input` for printing: NFC, `\r\n` and tabs tidied, control characters and
/// invisible format characters dropped, uncovered characters substituted. `\n` is kept as a
/// hard line break.
pub(crate) fn clean(fonts: &Fonts, input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.nfc() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FE0F}' => {}
            c if c.is_control() => {}
            ' ' | '\u{00A0}' => out.push(c),
            c if fonts.covers(c) => out.push(c),
            c => substitute(fonts, c, &mut out),
        }
    }
    out
}

fn substitute(fonts: &Fonts, c: char, out: &mut String) {
    if let Some(s) = stand_in(c) {
        out.push_str(s);
        return;
    }
    // Compatibility forms (full-width letters, circled digits, ligatures) often decompose
    // into characters the font has.
    let decomposed: String = std::iter::once(c).nfkd().collect();
    if decomposed
        .chars()
        .all(|d| fonts.covers(d) && !d.is_control())
        && decomposed != c.to_string()
    {
        out.extend(decomposed.nfc());
        return;
    }
    // Unicode space separators print as a plain space.
    if c.is_whitespace() {
        out.push(' ');
    } else {
        out.push(FALLBACK);
    }
}

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    pub(crate) face: Face,
    pub(crate) text: String,
}

/// One run of a wrapped line: text in one face starting at `x` (relative to the line start).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub(crate) x: f32,
    pub(crate) face: Face,
    pub(crate) text: String,
}

/// A wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    pub(crate) runs: Vec<Run>,
    pub(crate) width: f32,
}

/// A word: consecutive non-space characters, possibly in several faces.
#[derive(Debug, Default)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    /// A `\n` precedes this word.
    hard_break_before: bool,
}

impl Word {
    fn push(&mut self, fonts: &Fonts, size: f32, face: Face, c: char) {
        self.width += fonts.advance_em(face, c) * size;
        match self.pieces.last_mut() {
            Some(p) if p.face == face => p.text.push(c),
            _ => self.pieces.push(Piece {
                face,
                text: c.to_string(),
            }),
        }
    }
}

fn split_words(fonts: &Fonts, size: f32, pieces: &[Piece]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = Word::default();
    let mut pending_break = false;
    for piece in pieces {
        for c in piece.text.chars() {
            if c == ' ' || c == '\n' {
                if !current.pieces.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                pending_break |= c == '\n';
                continue;
            }
            if current.pieces.is_empty() {
                current.hard_break_before = std::mem::take(&mut pending_break);
            }
            current.push(fonts, size, piece.face, c);
        }
    }
    if !current.pieces.is_empty() {
        words.push(current);
    }
    words
}

/// Accumulates words into lines.
struct LineBuilder<'a> {
    fonts: &'a Fonts,
    size: f32,
    max_width: f32,
    lines: Vec<Line>,
    current: Line,
    /// Face of the last piece on the current line, for the width of the following space.
    last_face: Option<Face>,
}

impl LineBuilder<'_> {
    fn space_width(&self) -> f32 {
        self.last_face
            .map_or(0.0, |f| self.fonts.advance_em(f, ' ') * self.size)
    }

    fn fits(&self, width: f32) -> bool {
        self.current.width + self.space_width() + width <= self.max_width + 1e-3
    }

    fn finish_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.current));
        self.last_face = None;
    }

    /// Appends a word that fits, with a space before it unless the line is empty.
    fn append(&mut self, pieces: Vec<Piece>, width: f32) {
        if let Some(face) = self.last_face {
            self.push_piece(face, " ".to_owned(), self.space_width());
        }
        let mut remaining = width;
        for piece in pieces {
            let w = self.fonts.width(piece.face, self.size, &piece.text);
            remaining -= w;
            self.last_face = Some(piece.face);
            self.push_piece(piece.face, piece.text, w);
        }
        debug_assert!(remaining.abs() < 0.01);
    }

    fn push_piece(&mut self, face: Face, text: String, width: f32) {
        match self.current.runs.last_mut() {
            Some(run) if run.face == face => run.text.push_str(&text),
            _ => self.current.runs.push(Run {
                x: self.current.width,
                face,
                text,
            }),
        }
        self.current.width += width;
    }

    fn add(&mut self, word: Word) {
        if word.hard_break_before && !self.current.runs.is_empty() {
            self.finish_line();
        }
        if self.fits(word.width) {
            self.append(word.pieces, word.width);
            return;
        }
        if !self.current.runs.is_empty() {
            self.finish_line();
        }
        if word.width <= self.max_width + 1e-3 {
            self.append(word.pieces, word.width);
        } else {
            self.break_long_word(&word);
        }
    }

    /// Breaks a word wider than the column between characters, filling each line.
    fn break_long_word(&mut self, word: &Word) {
        let chars: Vec<(Face, char, f32)> = word
            .pieces
            .iter()
            .flat_map(|p| {
                p.text
                    .chars()
                    .map(|c| (p.face, c, self.fonts.advance_em(p.face, c) * self.size))
            })
            .collect();
        let mut start = 0;
        while start < chars.len() {
            let mut width = 0.0;
            let mut end = start;
            while end < chars.len() && (end == start || width + chars[end].2 <= self.max_width) {
                width += chars[end].2;
                end += 1;
            }
            if end < chars.len() {
                end = preferred_break(&chars[start..end]).map_or(end, |i| start + i);
            }
            let pieces = to_pieces(&chars[start..end]);
            let width = chars[start..end].iter().map(|c| c.2).sum();
            self.append(pieces, width);
            if end < chars.len() {
                self.finish_line();
            }
            start = end;
        }
    }
}

/// A break position after `/`, `-`, `.`, `?`, `&` or `_`, if one is in the last 60 % of the
/// chunk (earlier than that would leave a ragged, mostly empty line).
fn preferred_break(chunk: &[(Face, char, f32)]) -> Option<usize> {
    let min = chunk.len() * 2 / 5;
    chunk
        .iter()
        .rposition(|(_, c, _)| matches!(c, '/' | '-' | '.' | '?' | '&' | '_'))
        .map(|i| i + 1)
        .filter(|&i| i > min && i < chunk.len())
}

fn to_pieces(chars: &[(Face, char, f32)]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for &(face, c, _) in chars {
        match pieces.last_mut() {
            Some(p) if p.face == face => p.text.push(c),
            _ => pieces.push(Piece {
                face,
                text: c.to_string(),
            }),
        }
    }
    pieces
}

/// Wraps already-cleaned pieces into lines no wider than `max_width` points.
pub(crate) fn wrap(fonts: &Fonts, size: f32, max_width: f32, pieces: &[Piece]) -> Vec<Line> {
    let mut builder = LineBuilder {
        fonts,
        size,
        max_width,
        lines: Vec::new(),
        current: Line::default(),
        last_face: None,
    };
    for word in split_words(fonts, size, pieces) {
        builder.add(word);
    }
    if !builder.current.runs.is_empty() || builder.lines.is_empty() {
        builder.finish_line();
    }
    builder.lines
}

/// Shortens `text` with an ellipsis so it fits in `max_width` (for single-line page headers).
pub(crate) fn truncate(fonts: &Fonts, face: Face, size: f32, max_width: f32, text: &str) -> String {
    if fonts.width(face, size, text) <= max_width {
        return text.to_owned();
    }
    let budget = max_width - fonts.width(face, size, "…");
    let mut width = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        width += fonts.advance_em(face, c) * size;
        if width > budget {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::fonts::fonts;

    fn plain(text: &str) -> Vec<Piece> {
        vec![Piece {
            face: Face::Regular,
            text: text.to_owned(),
        }]
    }

    fn line_text(line: &Line) -> String {
        line.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Wraps `text` at 11 pt into `width` points and checks the invariants every wrap must hold.
    fn check_wrap(text: &str, width: f32) -> Vec<String> {
        let f = fonts().unwrap();
        let lines = wrap(f, 11.0, width, &plain(text));
        for line in &lines {
            let measured: f32 = line
                .runs
                .iter()
                .map(|r| f.width(r.face, 11.0, &r.text))
                .sum();
            assert!(
                (measured - line.width).abs() < 0.01,
                "recorded width is wrong"
            );
            assert!(line.width <= width + 1e-3, "{} > {width}", line.width);
        }
        let joined: String = lines.iter().map(line_text).collect();
        let original: String = text.split_whitespace().collect();
        assert_eq!(joined.replace(' ', ""), original, "no character lost");
        lines.iter().map(line_text).collect()
    }

    #[test]
    fn wrapping_never_exceeds_the_column() {
        let text = "Hold the stretch gently for thirty seconds, breathing slowly, then release \
                    and repeat three times on each side. Stop if you feel pins and needles.";
        for width in [60.0, 97.5, 150.0, 240.0, 481.9] {
            let lines = check_wrap(text, width);
            assert!(
                lines
                    .iter()
                    .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
            );
        }
        assert_eq!(check_wrap(text, 2000.0).len(), 1);
    }

    #[test]
    fn long_words_are_broken_to_fit() {
        let word = "a".repeat(120);
        let lines = check_wrap(&word, 100.0);
        assert!(lines.len() > 3);
        let url = "https://example.org/handouts/upper-trapezius-stretch/version-3/print";
        let lines = check_wrap(&format!("See {url} for a video."), 120.0);
        // The URL breaks after a slash, not mid-segment, where it can.
        assert!(lines.iter().any(|l| l.ends_with('/')), "{lines:?}");
    }

    #[test]
    fn hard_breaks_and_mixed_faces() {
        let f = fonts().unwrap();
        let pieces = vec![
            Piece {
                face: Face::Bold,
                text: "Dose: ".into(),
            },
            Piece {
                face: Face::Regular,
                text: "3 × 30 s\ntwice a day".into(),
            },
        ];
        let lines = wrap(f, 11.0, 400.0, &pieces);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].runs.len(), 2);
        assert_eq!(lines[0].runs[0].text, "Dose: ");
        assert!((lines[0].runs[1].x - f.width(Face::Bold, 11.0, "Dose: ")).abs() < 0.01);
        assert_eq!(line_text(&lines[1]), "twice a day");
    }

    #[test]
    fn cleaning_normalises_and_substitutes() {
        let f = fonts().unwrap();
        // "e" + combining diaeresis becomes the precomposed "ë".
        assert_eq!(clean(f, "Zoe\u{0308}"), "Zoë");
        assert_eq!(clean(f, "✓ done\tnow\r\n"), "- done now\n");
        assert_eq!(clean(f, "step ①"), "step 1");
        assert_eq!(clean(f, "smile 😀"), "smile ?");
        assert_eq!(
            clean(f, "<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
    }

    #[test]
    fn truncation_adds_an_ellipsis() {
        let f = fonts().unwrap();
        let t = truncate(
            f,
            Face::Regular,
            9.0,
            60.0,
            "A rather long running header text",
        );
        assert!(t.ends_with('…'));
        assert!(f.width(Face::Regular, 9.0, &t) <= 60.0);
    }
}
