//! Blocks to units: wrapping text, placing list markers, cells, figures and frames.

use std::sync::Arc;

use super::style::{ACCENT, HAIRLINE, INK, MUTED, TINT};
use super::{
    Block, BoxStyle, Column, Emphasis, Figure, Heading, HeadingLevel, Image, Paragraph, Style,
    Table, TextStyle,
};
use crate::documents::fonts::{Face, Fonts};
use crate::documents::paginate::{Flow, FrameStyle, Unit};
use crate::documents::pdf::{Colour, Item};
use crate::documents::text::{Piece, clean, wrap};

pub(super) fn measure(fonts: &Fonts, style: &Style, blocks: &[Block]) -> Flow {
    let mut m = Measurer {
        fonts,
        style,
        flow: Flow::default(),
    };
    let mut units = Vec::new();
    m.blocks(blocks, style.margin, style.content_width(), &[], &mut units);
    m.flow.units = units;
    m.flow
}

struct Measurer<'a> {
    fonts: &'a Fonts,
    style: &'a Style,
    flow: Flow,
}

/// Where a sequence of blocks goes: left edge, width, enclosing frames.
#[derive(Clone, Copy)]
struct Area<'f> {
    x: f32,
    width: f32,
    frames: &'f [usize],
}

/// Text set in one size and colour.
#[derive(Clone, Copy)]
struct Voice {
    size: f32,
    colour: Colour,
    leading: f32,
}

fn face(base: Face, emphasis: Emphasis) -> Face {
    match emphasis {
        Emphasis::None => base,
        Emphasis::Bold => Face::Bold,
        Emphasis::Italic => Face::Italic,
    }
}

impl Measurer<'_> {
    fn em(&self) -> f32 {
        self.style.em()
    }

    /// Space above a block that follows another one.
    fn gap(&self, block: &Block) -> f32 {
        let em = self.em();
        match block {
            Block::Heading(h) => match h.level {
                HeadingLevel::Title => 0.4 * em,
                HeadingLevel::Section => 1.8 * em,
                HeadingLevel::Item => 1.5 * em,
                HeadingLevel::Label => 0.7 * em,
            },
            Block::Boxed(_) => 1.2 * em,
            Block::KeepTogether(inner)
            | Block::Continuing(super::Continuing { blocks: inner, .. }) => {
                inner.first().map_or(0.0, |b| self.gap(b))
            }
            Block::Figure(_) | Block::Table(_) | Block::Columns(_) | Block::Rule => 0.8 * em,
            _ => 0.6 * em,
        }
    }

    fn voice(&self, style: TextStyle) -> Voice {
        Voice {
            size: self.style.text_size(style),
            colour: Style::text_colour(style),
            leading: self.style.leading,
        }
    }

    fn blocks(
        &mut self,
        blocks: &[Block],
        x: f32,
        width: f32,
        frames: &[usize],
        out: &mut Vec<Unit>,
    ) {
        let area = Area { x, width, frames };
        let mut extra = 0.0;
        let mut previous: Option<&Block> = None;
        for block in blocks {
            if let Block::Spacer(ems) = block {
                extra += ems * self.em();
                continue;
            }
            let start = out.len();
            let gap = match previous {
                None => 0.0,
                // A heading sits close to what it introduces, and so does a small label
                // (an address line, "Prepared for") to the line after it.
                Some(Block::Heading(_)) => 0.35 * self.em(),
                Some(Block::Paragraph(p)) if p.style == TextStyle::Secondary => 0.2 * self.em(),
                Some(_) => self.gap(block),
            };
            self.block(block, area, out);
            // A block that drew nothing (blank text) doesn't count as the previous one.
            if let Some(first) = out.get_mut(start) {
                first.space_before = gap + extra;
                extra = 0.0;
                previous = Some(block);
            }
        }
    }

    fn block(&mut self, block: &Block, area: Area, out: &mut Vec<Unit>) {
        match block {
            Block::Heading(h) => self.heading(h, area, out),
            Block::Paragraph(p) => {
                let voice = self.voice(p.style);
                self.paragraph(&p.spans_as_pieces(), voice, area, 0.0, None, out);
            }
            Block::BulletList(items) => self.list(items, area, false, out),
            Block::NumberedSteps(items) => self.list(items, area, true, out),
            Block::Figure(f) => out.push(figure(f, area)),
            Block::Image(img) => out.push(image(img, area)),
            Block::Boxed(b) => self.boxed(b.style, &b.blocks, area, out),
            Block::Table(t) => self.table(t, area, out),
            Block::Columns(cols) => self.columns(cols, area, out),
            Block::KeepTogether(inner) => {
                let start = out.len();
                self.blocks(inner, area.x, area.width, area.frames, out);
                let end = out.len();
                if end > start {
                    for u in &mut out[start..end - 1] {
                        u.keep_with_next = true;
                    }
                }
            }
            Block::Continuing(group) => {
                let start = out.len();
                self.blocks(&group.blocks, area.x, area.width, area.frames, out);
                if out.len() > start + 1 {
                    let id = self.flow.continuations.len();
                    let label = self.continued_label(&group.label, area);
                    self.flow.continuations.push(label);
                    for unit in &mut out[start + 1..] {
                        unit.continues.get_or_insert(id);
                    }
                }
            }
            Block::Spacer(_) => {}
            Block::Rule => {
                let h = 0.9 * self.em();
                out.push(Unit {
                    height: h,
                    frames: area.frames.to_vec(),
                    items: vec![Item::Line {
                        x1: area.x,
                        y1: h / 2.0,
                        x2: area.x + area.width,
                        y2: h / 2.0,
                        width: 0.6,
                        colour: HAIRLINE,
                    }],
                    ..Unit::default()
                });
            }
        }
    }

    fn heading(&mut self, h: &Heading, area: Area, out: &mut Vec<Unit>) {
        let (size, colour) = match h.level {
            HeadingLevel::Title => (self.style.title, INK),
            HeadingLevel::Section => (self.style.section, ACCENT),
            HeadingLevel::Item => (self.style.item, INK),
            HeadingLevel::Label => (self.style.body, INK),
        };
        let voice = Voice {
            size,
            colour,
            leading: self.style.heading_leading,
        };
        let pieces = [Piece {
            face: Face::Bold,
            text: h.text.clone(),
        }];
        let start = out.len();
        self.paragraph(&pieces, voice, area, 0.0, None, out);
        for u in &mut out[start..] {
            u.keep_with_next = true;
            u.heading = true;
        }
    }

    /// Wraps text into line units, `indent` points in from the area's left edge. `marker`
    /// (text, face, colour, right edge relative to the area) is drawn on the first line.
    fn paragraph(
        &mut self,
        pieces: &[Piece],
        voice: Voice,
        area: Area,
        indent: f32,
        mut marker: Option<(String, Face, Colour, f32)>,
        out: &mut Vec<Unit>,
    ) {
        let f = self.fonts;
        let pieces: Vec<Piece> = pieces
            .iter()
            .map(|p| Piece {
                face: p.face,
                text: clean(f, &p.text),
            })
            .collect();
        // Blank text takes no room (use a spacer for room).
        if pieces.iter().all(|p| p.text.trim().is_empty()) {
            return;
        }
        let lines = wrap(f, voice.size, area.width - indent, &pieces);
        let line_height = voice.size * voice.leading;
        let baseline =
            (line_height - (f.ascender + f.descender) * voice.size) / 2.0 + f.ascender * voice.size;
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut items: Vec<Item> = line
                .runs
                .into_iter()
                .filter(|r| !r.text.trim().is_empty())
                .map(|r| Item::Text {
                    x: area.x + indent + r.x,
                    baseline,
                    face: r.face,
                    size: voice.size,
                    colour: voice.colour,
                    text: r.text,
                })
                .collect();
            if i == 0
                && let Some((text, face, colour, right)) = marker.take()
            {
                items.push(Item::Text {
                    x: area.x + right - f.width(face, voice.size, &text),
                    baseline,
                    face,
                    size: voice.size,
                    colour,
                    text,
                });
            }
            // No single line of a paragraph alone at the foot or the head of a page.
            let keep = if n <= 3 {
                i + 1 < n
            } else {
                i == 0 || i == n - 2
            };
            out.push(Unit {
                height: line_height,
                keep_with_next: keep,
                frames: area.frames.to_vec(),
                items,
                ..Unit::default()
            });
        }
    }

    fn list(&mut self, items: &[Paragraph], area: Area, numbered: bool, out: &mut Vec<Unit>) {
        let body = self.voice(TextStyle::Body);
        let f = self.fonts;
        let widest = if numbered {
            f.width(Face::Bold, body.size, &format!("{}.", items.len().max(1)))
        } else {
            f.width(Face::Regular, body.size, "•")
        };
        let indent = widest + 0.75 * self.em();
        let marker_right = widest + 0.1 * self.em();
        for (i, item) in items.iter().enumerate() {
            let voice = self.voice(item.style);
            let marker = if numbered {
                (format!("{}.", i + 1), Face::Bold, ACCENT, marker_right)
            } else {
                ("•".to_owned(), Face::Regular, ACCENT, marker_right)
            };
            let start = out.len();
            self.paragraph(
                &item.spans_as_pieces(),
                voice,
                area,
                indent,
                Some(marker),
                out,
            );
            if i > 0
                && let Some(first) = out.get_mut(start)
            {
                first.space_before = if numbered { 0.45 } else { 0.3 } * self.em();
            }
        }
    }

    /// "Label (continued)", small and grey, with a little space below.
    fn continued_label(&mut self, label: &str, area: Area) -> Unit {
        let voice = self.voice(TextStyle::Secondary);
        let pieces = [Piece {
            face: Face::Italic,
            text: format!("{label} (continued)"),
        }];
        let mut lines = Vec::new();
        self.paragraph(&pieces, voice, area, 0.0, None, &mut lines);
        let (items, height) = self.flatten(&lines, area.frames.len());
        Unit {
            height: height + 0.5 * self.em(),
            frames: area.frames.to_vec(),
            items,
            ..Unit::default()
        }
    }

    fn boxed(&mut self, style: BoxStyle, blocks: &[Block], area: Area, out: &mut Vec<Unit>) {
        let em = self.em();
        let (frame, inset, pad) = match style {
            BoxStyle::Notice => (
                FrameStyle {
                    x: area.x,
                    w: area.width,
                    pad: 0.8 * em,
                    fill: Some(TINT),
                    stroke: Some((ACCENT, 1.2)),
                    radius: 4.0,
                    left_bar: None,
                },
                1.1 * em,
                0.9 * em,
            ),
            BoxStyle::Aside => (
                FrameStyle {
                    x: area.x,
                    w: area.width,
                    pad: 0.2 * em,
                    fill: None,
                    stroke: None,
                    radius: 0.0,
                    left_bar: Some((ACCENT, 2.5)),
                },
                0.9 * em,
                0.15 * em,
            ),
        };
        let id = self.flow.frames.len();
        self.flow.frames.push(frame);
        let mut frames = area.frames.to_vec();
        frames.push(id);
        let padding = |keep| Unit {
            height: pad,
            keep_with_next: keep,
            frames: frames.clone(),
            ..Unit::default()
        };
        out.push(padding(true));
        let start = out.len();
        self.blocks(
            blocks,
            area.x + inset,
            area.width - 2.0 * inset,
            &frames,
            out,
        );
        // A box is read as one thing: kept whole on a page when it fits on one.
        for unit in &mut out[start..] {
            unit.keep_with_next = true;
        }
        out.push(padding(false));
    }

    fn table(&mut self, table: &Table, area: Area, out: &mut Vec<Unit>) {
        let total: f32 = table.columns.iter().map(|c| c.weight.max(0.0)).sum();
        if table.columns.is_empty() || total <= 0.0 {
            return;
        }
        let mut x = area.x;
        let cols: Vec<(f32, f32)> = table
            .columns
            .iter()
            .map(|c| {
                let w = area.width * c.weight.max(0.0) / total;
                x += w;
                (x - w, w)
            })
            .collect();
        let id = self.flow.continuations.len();
        let headings: Vec<String> = table.columns.iter().map(|c| c.heading.clone()).collect();
        let mut header = self.row(&headings, &cols, area, true);
        header.keep_with_next = true;
        self.flow.continuations.push(header.clone());
        out.push(header);
        for cells in &table.rows {
            let mut row = self.row(cells, &cols, area, false);
            row.continues = Some(id);
            out.push(row);
        }
    }

    fn row(&mut self, cells: &[String], cols: &[(f32, f32)], area: Area, header: bool) -> Unit {
        let em = self.em();
        let (pad_x, pad_y) = (0.4 * em, 0.35 * em);
        let voice = self.voice(if header {
            TextStyle::Secondary
        } else {
            TextStyle::Body
        });
        let face = if header { Face::Bold } else { Face::Regular };
        let mut items = Vec::new();
        let mut height: f32 = 0.0;
        for (i, &(cx, cw)) in cols.iter().enumerate() {
            let text = cells.get(i).map_or("", String::as_str);
            let pieces = [Piece {
                face,
                text: text.to_owned(),
            }];
            let mut lines = Vec::new();
            let cell = Area {
                x: cx + pad_x,
                width: (cw - 2.0 * pad_x).max(1.0),
                frames: &[],
            };
            self.paragraph(&pieces, voice, cell, 0.0, None, &mut lines);
            let mut y = pad_y;
            for line in lines {
                items.extend(line.items.into_iter().map(|mut it| {
                    it.shift(0.0, y);
                    it
                }));
                y += line.height;
            }
            height = height.max(y + pad_y);
        }
        if header {
            items.insert(
                0,
                Item::Rect {
                    x: area.x,
                    y: 0.0,
                    w: area.width,
                    h: height,
                    radius: 0.0,
                    fill: Some(TINT),
                    stroke: None,
                },
            );
        }
        items.push(Item::Line {
            x1: area.x,
            y1: height,
            x2: area.x + area.width,
            y2: height,
            width: if header { 0.9 } else { 0.5 },
            colour: if header { MUTED } else { HAIRLINE },
        });
        Unit {
            height,
            frames: area.frames.to_vec(),
            items,
            ..Unit::default()
        }
    }

    fn columns(&mut self, columns: &[Column], area: Area, out: &mut Vec<Unit>) {
        let gutter = 1.5 * self.em();
        let total: f32 = columns.iter().map(|c| c.weight.max(0.0)).sum();
        if columns.is_empty() || total <= 0.0 {
            return;
        }
        #[allow(clippy::cast_precision_loss)]
        let usable = area.width - gutter * (columns.len() - 1) as f32;
        let mut x = area.x;
        let mut merged = Unit {
            frames: area.frames.to_vec(),
            ..Unit::default()
        };
        for column in columns {
            let w = usable * column.weight.max(0.0) / total;
            let mut units = Vec::new();
            self.blocks(&column.blocks, x, w, area.frames, &mut units);
            let (items, h) = self.flatten(&units, area.frames.len());
            merged.items.extend(items);
            merged.height = merged.height.max(h);
            x += w + gutter;
        }
        if merged.height <= self.style.body_height() {
            out.push(merged);
            return;
        }
        // Taller than a page: give up the side-by-side arrangement and stack the columns.
        for (i, column) in columns.iter().enumerate() {
            let start = out.len();
            self.blocks(&column.blocks, area.x, area.width, area.frames, out);
            if i > 0
                && let Some(first) = out.get_mut(start)
            {
                first.space_before = 0.6 * self.em();
            }
        }
    }

    /// Stacks units into one drawing, resolving the frames opened inside them (those deeper
    /// than `depth`). Returns the items and the total height.
    fn flatten(&self, units: &[Unit], depth: usize) -> (Vec<Item>, f32) {
        let mut y = 0.0;
        let mut frames: Vec<(usize, f32, f32)> = Vec::new();
        let mut items = Vec::new();
        for (i, unit) in units.iter().enumerate() {
            if i > 0 {
                y += unit.space_before;
            }
            for &f in unit.frames.iter().skip(depth) {
                match frames.iter_mut().find(|(id, _, _)| *id == f) {
                    Some(span) => span.2 = y + unit.height,
                    None => frames.push((f, y, y + unit.height)),
                }
            }
            items.extend(unit.items.iter().cloned().map(|mut it| {
                it.shift(0.0, y);
                it
            }));
            y += unit.height;
        }
        let backgrounds = frames
            .iter()
            .map(|&(f, top, bottom)| self.flow.frames[f].item(top, bottom));
        (backgrounds.chain(items).collect(), y)
    }
}

/// A unit holding one drawing `height` points tall.
fn single(area: Area, height: f32, item: Item) -> Unit {
    Unit {
        height,
        frames: area.frames.to_vec(),
        items: vec![item],
        ..Unit::default()
    }
}

fn figure(figure: &Figure, area: Area) -> Unit {
    let w = area.width * figure.width.clamp(0.05, 1.0);
    let h = w * figure.drawing.aspect_ratio();
    let drawing = Arc::clone(&figure.drawing);
    single(
        area,
        h,
        Item::Figure {
            x: area.x,
            y: 0.0,
            w,
            h,
            drawing,
        },
    )
}

fn image(image: &Image, area: Area) -> Unit {
    #[allow(clippy::cast_precision_loss)]
    let aspect = image.raw.width as f32 / image.raw.height as f32;
    let w = (image.height * aspect).min(area.width);
    let h = w / aspect;
    let raw = Arc::clone(&image.raw);
    single(
        area,
        h,
        Item::Image {
            x: area.x,
            y: 0.0,
            w,
            h,
            image: raw,
        },
    )
}

impl Paragraph {
    fn spans_as_pieces(&self) -> Vec<Piece> {
        let base = match self.style {
            TextStyle::Display => Face::Bold,
            _ => Face::Regular,
        };
        self.spans
            .iter()
            .map(|s| Piece {
                face: face(base, s.emphasis),
                text: s.text.clone(),
            })
            .collect()
    }
}
