//! Units to pages.
//!
//! Measuring turns blocks into a flow of *units*: pieces that are never split (a line of text,
//! a table row, a figure, a row of columns). Each unit knows the space it wants above it
//! (dropped at the top of a page) and whether it must stay on the same page as the next unit.
//! A run of units linked that way is a *chain* (a heading and the first lines after it, a
//! keep-together group); a chain that does not fit in the rest of the page but fits on an
//! empty one moves to the next page whole. A chain longer than a page is split where it must,
//! but never directly after a heading. A page that starts inside a table or a labelled group
//! first repeats the table's header row or the group's "continued" label.

use super::pdf::{Colour, Item};

/// Slack for floating-point comparisons of heights, in points.
const EPSILON: f32 = 0.01;

/// An unsplittable piece of the flow.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Unit {
    pub(crate) height: f32,
    /// Space above the unit, dropped at the top of a page.
    pub(crate) space_before: f32,
    /// Must be on the same page as the following unit (when the chain fits on a page).
    pub(crate) keep_with_next: bool,
    /// A heading line: never left as the last thing on a page.
    pub(crate) heading: bool,
    /// Frames (indices into [`Flow::frames`]) this unit sits in, outermost first.
    pub(crate) frames: Vec<usize>,
    /// What to print first if this unit starts a page (index into [`Flow::continuations`]):
    /// a table's header row, or the "continued" label of a group split over pages.
    pub(crate) continues: Option<usize>,
    /// Drawing, relative to the unit's top-left at x = 0 of the page.
    pub(crate) items: Vec<Item>,
}

/// How a frame is drawn around the units in it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FrameStyle {
    pub(crate) x: f32,
    pub(crate) w: f32,
    /// Padding added above/below a piece of the frame continued from or on another page.
    pub(crate) pad: f32,
    pub(crate) fill: Option<Colour>,
    pub(crate) stroke: Option<(Colour, f32)>,
    pub(crate) radius: f32,
    /// Draw only a bar of this width down the left side instead of a box.
    pub(crate) left_bar: Option<(Colour, f32)>,
}

impl FrameStyle {
    /// The frame's drawing for a piece spanning `top`..`bottom`.
    pub(crate) fn item(&self, top: f32, bottom: f32) -> Item {
        match self.left_bar {
            Some((colour, width)) => Item::Rect {
                x: self.x,
                y: top,
                w: width,
                h: bottom - top,
                radius: 0.0,
                fill: Some(colour),
                stroke: None,
            },
            None => Item::Rect {
                x: self.x,
                y: top,
                w: self.w,
                h: bottom - top,
                radius: self.radius,
                fill: self.fill,
                stroke: self.stroke,
            },
        }
    }
}

/// Everything measuring produced.
#[derive(Debug, Default)]
pub(crate) struct Flow {
    pub(crate) units: Vec<Unit>,
    pub(crate) frames: Vec<FrameStyle>,
    /// Units repeated at the top of a page a group continues on (table header rows,
    /// "continued" labels).
    pub(crate) continuations: Vec<Unit>,
}

/// A laid-out page: items in page coordinates (points from the top-left corner).
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) items: Vec<Item>,
}

/// Where a unit went.
#[derive(Debug, Clone, Copy)]
struct Placed {
    /// Index into the flow, or `None` for a repeated continuation unit.
    unit: Option<usize>,
    /// Index into the continuations.
    header_of: Option<usize>,
    y: f32,
}

struct Paginator<'a> {
    flow: &'a Flow,
    height: f32,
    pages: Vec<Vec<Placed>>,
    current: Vec<Placed>,
    y: f32,
}

impl Paginator<'_> {
    /// Height of the chain starting at `i` when placed after `gap`.
    fn chain_height(&self, i: usize, gap: f32) -> f32 {
        let units = &self.flow.units;
        let mut h = gap + units[i].height;
        let mut j = i;
        while units[j].keep_with_next && j + 1 < units.len() {
            j += 1;
            h += units[j].space_before + units[j].height;
        }
        h
    }

    fn continuation_height(&self, i: usize) -> f32 {
        self.flow.units[i]
            .continues
            .map_or(0.0, |t| self.flow.continuations[t].height)
    }

    /// Starts a new page. Trailing headings move along (returns the index to resume at).
    fn break_page(&mut self, resume: usize) -> usize {
        let mut resume = resume;
        let has_body = self
            .current
            .iter()
            .any(|p| p.unit.is_some_and(|u| !self.flow.units[u].heading));
        if has_body {
            while let Some(Placed { unit: Some(u), .. }) = self.current.last()
                && self.flow.units[*u].heading
            {
                resume = *u;
                self.current.pop();
            }
        }
        self.pages.push(std::mem::take(&mut self.current));
        self.y = 0.0;
        resume
    }

    fn place(&mut self, unit: Option<usize>, header_of: Option<usize>, gap: f32, height: f32) {
        self.current.push(Placed {
            unit,
            header_of,
            y: self.y + gap,
        });
        self.y += gap + height;
    }

    fn run(mut self) -> Vec<Vec<Placed>> {
        let units = &self.flow.units;
        let mut i = 0;
        while i < units.len() {
            let unit = &units[i];
            if self.current.is_empty()
                && let Some(t) = unit.continues
            {
                let h = self.flow.continuations[t].height;
                self.place(None, Some(t), 0.0, h);
            }
            let fresh = self.current.iter().all(|p| p.unit.is_none());
            let gap = if fresh { 0.0 } else { unit.space_before };
            let fits = self.y + self.chain_height(i, gap) <= self.height + EPSILON;
            if !fits && !fresh {
                let on_empty_page = self.chain_height(i, 0.0) + self.continuation_height(i);
                let unit_fits = self.y + gap + unit.height <= self.height + EPSILON;
                if on_empty_page <= self.height + EPSILON || !unit_fits {
                    i = self.break_page(i);
                    continue;
                }
            }
            self.place(Some(i), None, gap, unit.height);
            i += 1;
        }
        if !self.current.is_empty() || self.pages.is_empty() {
            self.pages.push(self.current);
        }
        self.pages
    }
}

/// Distributes the flow over pages whose text area starts `top` points from the top edge
/// and is `height` points tall.
pub(crate) fn paginate(flow: &Flow, top: f32, height: f32) -> Vec<Page> {
    let placed = Paginator {
        flow,
        height,
        pages: Vec::new(),
        current: Vec::new(),
        y: 0.0,
    }
    .run();

    let frames_on = |page: &[Placed], f: usize| {
        page.iter()
            .any(|p| p.unit.is_some_and(|u| flow.units[u].frames.contains(&f)))
    };
    let mut pages = Vec::with_capacity(placed.len());
    for (n, page) in placed.iter().enumerate() {
        let mut out = Page::default();
        // Frames first, so they sit behind the text; outer frames were created first.
        for (f, style) in flow.frames.iter().enumerate() {
            let mut span: Option<(f32, f32)> = None;
            for p in page {
                if let Some(u) = p.unit.filter(|&u| flow.units[u].frames.contains(&f)) {
                    let (top_y, bottom_y) = (p.y, p.y + flow.units[u].height);
                    span = Some(
                        span.map_or((top_y, bottom_y), |(a, b)| (a.min(top_y), b.max(bottom_y))),
                    );
                }
            }
            if let Some((a, b)) = span {
                let before = n > 0 && frames_on(&placed[n - 1], f);
                let after = placed.get(n + 1).is_some_and(|next| frames_on(next, f));
                let a = if before { a - style.pad } else { a };
                let b = if after { b + style.pad } else { b };
                out.items.push(style.item(top + a, top + b));
            }
        }
        for p in page {
            let unit = match (p.unit, p.header_of) {
                (Some(u), _) => &flow.units[u],
                (None, Some(t)) => &flow.continuations[t],
                (None, None) => continue,
            };
            out.items.extend(unit.items.iter().cloned().map(|mut item| {
                item.shift(0.0, top + p.y);
                item
            }));
        }
        pages.push(out);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(height: f32, space_before: f32, keep_with_next: bool, heading: bool) -> Unit {
        Unit {
            height,
            space_before,
            keep_with_next,
            heading,
            items: vec![Item::Line {
                x1: 0.0,
                y1: 0.0,
                x2: 1.0,
                y2: 0.0,
                width: 1.0,
                colour: Colour::hex(0),
            }],
            ..Unit::default()
        }
    }

    /// Paginates and returns, per page, the y of each placed unit (header rows as negative).
    fn check(units: Vec<Unit>, height: f32) -> Vec<Vec<f32>> {
        let flow = Flow {
            units,
            ..Flow::default()
        };
        paginate(&flow, 0.0, height)
            .iter()
            .map(|page| {
                page.items
                    .iter()
                    .map(|i| match i {
                        Item::Line { y1, .. } => *y1,
                        _ => f32::NAN,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn known_content_gives_known_page_count() {
        // 25 lines of 16 pt with 4 pt gaps = 20 pt each; a 200 pt page holds 10.
        let units = (0..25).map(|_| unit(16.0, 4.0, false, false)).collect();
        let pages = check(units, 200.0);
        assert_eq!(
            pages.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![10, 10, 5]
        );
        assert_eq!(
            pages[1][0], 0.0,
            "space before is dropped at the top of a page"
        );
    }

    #[test]
    fn a_heading_keeps_with_the_next_block() {
        // Page holds 100 pt; a heading at y=80 (height 14) would fit, the line after it not.
        let mut units = vec![unit(80.0, 0.0, false, false)];
        units.push(unit(14.0, 0.0, true, true));
        units.push(unit(16.0, 0.0, false, false));
        let pages = check(units, 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0], vec![0.0]);
        assert_eq!(pages[1], vec![0.0, 14.0]);
    }

    #[test]
    fn keep_together_moves_whole_when_it_fits_a_page_and_splits_when_not() {
        let group = |n: usize| {
            let mut g: Vec<Unit> = (0..n).map(|_| unit(10.0, 0.0, true, false)).collect();
            g.last_mut().unwrap().keep_with_next = false;
            g
        };
        let mut units = vec![unit(50.0, 0.0, false, false)];
        units.extend(group(6)); // 60 pt: doesn't fit after 50, fits on a fresh page
        assert_eq!(
            check(units, 100.0).iter().map(Vec::len).collect::<Vec<_>>(),
            vec![1, 6]
        );

        let mut units = vec![unit(50.0, 0.0, false, false)];
        units.extend(group(15)); // 150 pt: longer than a page, so it fills the first page
        assert_eq!(
            check(units, 100.0).iter().map(Vec::len).collect::<Vec<_>>(),
            vec![6, 10]
        );
    }

    #[test]
    fn no_heading_is_stranded_when_a_long_chain_splits() {
        // A body line, then a heading glued to a chain longer than any page.
        let mut units = vec![unit(70.0, 0.0, false, false), unit(12.0, 0.0, true, true)];
        units.extend((0..12).map(|_| unit(10.0, 0.0, true, false)));
        units.last_mut().unwrap().keep_with_next = false;
        let pages = check(units, 90.0);
        // Without the rule the heading would end page 1 (70 + 12 + 0 more lines of 10).
        assert_eq!(pages[0], vec![0.0]);
        assert_eq!(pages[1][0..2], [0.0, 12.0]);
    }
}
