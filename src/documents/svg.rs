//! A small SVG subset drawn as PDF vector paths, for handout illustrations.
//!
//! The subset, which every illustration in `assets/handouts/illustrations/` follows:
//! - root `<svg viewBox="minx miny width height">` (width/height attributes are ignored);
//! - elements `path`, `circle`, `ellipse`, `line`, `polyline`, `polygon`, `rect` (with optional
//!   `rx`/`ry`), `g` (grouping only, attributes inherited), and `title`/`desc` (ignored);
//! - path commands `M L H V C Q Z` (and their relative lower-case forms);
//! - attributes `fill` and `stroke` (`none` or `#rgb`/`#rrggbb`), `stroke-width`,
//!   `stroke-linecap`, `stroke-linejoin`, `fill-rule`, plus each element's geometry.
//!
//! Anything that would change the picture but is not in the subset (`transform`, `style`,
//! opacity, arcs, `<text>`, gradients, ...) is reported, all problems at once, in
//! [`SvgError::Unsupported`]; nothing is silently dropped and nothing panics. Attributes that
//! do not affect drawing (`id`, `class`, `xmlns`, `width`, `height`, ...) are ignored.

use printpdf::{
    Color, Line, LineCapStyle, LineJoinStyle, LinePoint, Op, PaintMode, Point, Polygon,
    PolygonRing, Pt, Rgb, WindingOrder,
};

mod geometry;
mod parse;

/// Why an SVG can't be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SvgError {
    /// Not well-formed XML.
    #[error("malformed SVG at byte {offset}: {message}")]
    Syntax {
        /// Byte offset of the problem in the source.
        offset: usize,
        /// What was expected.
        message: &'static str,
    },
    /// The root element is not `<svg>` with a usable `viewBox`.
    #[error("the root element must be <svg> with a viewBox of positive size")]
    NoViewBox,
    /// Elements, attributes or path commands outside the subset, each listed once.
    #[error("outside the supported SVG subset: {}", .0.join("; "))]
    Unsupported(Vec<String>),
}

/// A point in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct P {
    pub(crate) x: f32,
    pub(crate) y: f32,
}

/// A path segment; the start is the previous segment's end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Seg {
    Line(P),
    Cubic(P, P, P),
}

/// A connected piece of a path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Subpath {
    pub(crate) start: P,
    pub(crate) segs: Vec<Seg>,
    pub(crate) closed: bool,
}

/// Paint of one shape, after inheritance from its groups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Paint {
    pub(crate) fill: Option<[f32; 3]>,
    pub(crate) stroke: Option<[f32; 3]>,
    pub(crate) stroke_width: f32,
    pub(crate) cap: LineCapStyle,
    pub(crate) join: LineJoinStyle,
    pub(crate) even_odd: bool,
}

impl Default for Paint {
    /// SVG's initial values: black fill, no stroke, width 1, butt caps, miter joins.
    fn default() -> Self {
        Paint {
            fill: Some([0.0; 3]),
            stroke: None,
            stroke_width: 1.0,
            cap: LineCapStyle::Butt,
            join: LineJoinStyle::Miter,
            even_odd: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shape {
    pub(crate) subpaths: Vec<Subpath>,
    pub(crate) paint: Paint,
}

/// A parsed illustration, ready to be drawn into any box.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// min-x, min-y, width, height.
    view_box: [f32; 4],
    shapes: Vec<Shape>,
}

impl Drawing {
    /// Parses an SVG in the supported subset.
    ///
    /// # Errors
    /// [`SvgError`] if the text is not well-formed or uses anything outside the subset.
    pub fn parse(source: &str) -> Result<Drawing, SvgError> {
        let (view_box, shapes) = parse::parse(source)?;
        Ok(Drawing { view_box, shapes })
    }

    /// Height divided by width of the viewBox.
    #[must_use]
    pub fn aspect_ratio(&self) -> f32 {
        self.view_box[3] / self.view_box[2]
    }

    #[cfg(test)]
    pub(crate) fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    /// PDF operations drawing the picture scaled uniformly and centred into the box whose
    /// lower-left corner is (`x`, `y`) and size `w` × `h`, in PDF points (origin bottom-left).
    pub(crate) fn ops(&self, x: f32, y: f32, w: f32, h: f32) -> Vec<Op> {
        let [vx, vy, vw, vh] = self.view_box;
        let s = (w / vw).min(h / vh);
        let left = x + (w - vw * s) / 2.0;
        let top = y + h - (h - vh * s) / 2.0;
        let map = |p: P| Point {
            x: Pt(left + (p.x - vx) * s),
            y: Pt(top - (p.y - vy) * s),
        };
        let mut ops = vec![Op::SaveGraphicsState];
        for shape in &self.shapes {
            shape_ops(shape, s, &map, &mut ops);
        }
        ops.push(Op::RestoreGraphicsState);
        ops
    }
}

fn colour([r, g, b]: [f32; 3]) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn points(sub: &Subpath, map: &impl Fn(P) -> Point) -> Vec<LinePoint> {
    let mut pts = vec![LinePoint {
        p: map(sub.start),
        bezier: false,
    }];
    for seg in &sub.segs {
        match *seg {
            Seg::Line(p) => pts.push(LinePoint {
                p: map(p),
                bezier: false,
            }),
            Seg::Cubic(c1, c2, p) => {
                pts.push(LinePoint {
                    p: map(c1),
                    bezier: true,
                });
                pts.push(LinePoint {
                    p: map(c2),
                    bezier: true,
                });
                pts.push(LinePoint {
                    p: map(p),
                    bezier: false,
                });
            }
        }
    }
    pts
}

fn shape_ops(shape: &Shape, scale: f32, map: &impl Fn(P) -> Point, ops: &mut Vec<Op>) {
    let paint = &shape.paint;
    let drawn: Vec<&Subpath> = shape
        .subpaths
        .iter()
        .filter(|s| !s.segs.is_empty())
        .collect();
    if drawn.is_empty() {
        return;
    }
    if let Some(fill) = paint.fill {
        ops.push(Op::SetFillColor { col: colour(fill) });
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: drawn
                    .iter()
                    .map(|s| PolygonRing {
                        points: points(s, map),
                    })
                    .collect(),
                mode: PaintMode::Fill,
                winding_order: if paint.even_odd {
                    WindingOrder::EvenOdd
                } else {
                    WindingOrder::NonZero
                },
            },
        });
    }
    if let Some(stroke) = paint.stroke.filter(|_| paint.stroke_width > 0.0) {
        ops.push(Op::SetOutlineColor {
            col: colour(stroke),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(paint.stroke_width * scale),
        });
        ops.push(Op::SetLineCapStyle { cap: paint.cap });
        ops.push(Op::SetLineJoinStyle { join: paint.join });
        for sub in drawn {
            ops.push(Op::DrawLine {
                line: Line {
                    points: points(sub, map),
                    is_closed: sub.closed,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIGURE: &str = r##"<?xml version="1.0"?>
<!-- a person stretching -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 180" width="240" height="180">
  <title>Neck stretch</title>
  <g stroke="#2f7d6d" stroke-width="3" fill="none" stroke-linecap="round">
    <circle cx="120" cy="40" r="18"/>
    <path d="M120 58 L120 120 M120 80 C100 90 90 100 80 110"/>
    <ellipse cx="60" cy="150" rx="20" ry="8" fill="#ddd"/>
  </g>
  <rect x="10" y="10" width="40" height="20" rx="4" fill="#eef5f3" stroke="none"/>
  <line x1="0" y1="179" x2="240" y2="179" stroke="#999"/>
  <polyline points="10,170 20,160 30,170" stroke="#333" fill="none"/>
</svg>"##;

    #[test]
    fn parses_the_subset() {
        let d = Drawing::parse(FIGURE).unwrap();
        assert!((d.aspect_ratio() - 0.75).abs() < 1e-6);
        assert_eq!(d.shapes().len(), 6);
        let circle = &d.shapes()[0];
        assert_eq!(circle.subpaths[0].segs.len(), 4);
        assert!(circle.subpaths[0].closed);
        assert_eq!(
            circle.paint.fill, None,
            "fill=none inherited from the group"
        );
        assert_eq!(circle.paint.stroke_width, 3.0);
        assert_eq!(circle.paint.cap, LineCapStyle::Round);
        let ellipse = &d.shapes()[2];
        assert_eq!(ellipse.paint.fill, Some([221.0 / 255.0; 3]));
        assert_eq!(d.shapes()[3].subpaths[0].segs.len(), 8, "rounded rect");
        assert!(!d.shapes()[5].subpaths[0].closed, "polyline stays open");
    }

    #[test]
    fn path_commands_absolute_relative_and_implicit() {
        let d = Drawing::parse(
            r#"<svg viewBox="0 0 100 100"><path d="M10,10 20,10 l0 10 h-10 V10 z m5 5 Q 20-5 30 5.5e0 L1.5.5"/></svg>"#,
        )
        .unwrap();
        let subs = &d.shapes()[0].subpaths;
        assert_eq!(subs.len(), 2);
        assert_eq!(
            subs[0].segs,
            vec![
                Seg::Line(P { x: 20.0, y: 10.0 }),
                Seg::Line(P { x: 20.0, y: 20.0 }),
                Seg::Line(P { x: 10.0, y: 20.0 }),
                Seg::Line(P { x: 10.0, y: 10.0 }),
            ]
        );
        assert!(subs[0].closed);
        // After z the current point is the subpath start, so m5 5 starts at (15, 15).
        assert_eq!(subs[1].start, P { x: 15.0, y: 15.0 });
        // The quadratic becomes a cubic with control points 2/3 of the way to the handle.
        let Seg::Cubic(c1, c2, end) = subs[1].segs[0] else {
            panic!("expected a cubic")
        };
        assert!((c1.x - (15.0 + 2.0 / 3.0 * 5.0)).abs() < 1e-4);
        assert!((c1.y - (15.0 + 2.0 / 3.0 * -20.0)).abs() < 1e-4);
        assert!((c2.x - (30.0 + 2.0 / 3.0 * -10.0)).abs() < 1e-4);
        assert_eq!(end, P { x: 30.0, y: 5.5 });
        assert_eq!(subs[1].segs[1], Seg::Line(P { x: 1.5, y: 0.5 }));
    }

    #[test]
    fn everything_unsupported_is_listed() {
        let err = Drawing::parse(
            r##"<svg viewBox="0 0 10 10"><text x="1">Hi</text><g transform="rotate(4)"><path d="M0 0 A 5 5 0 0 1 10 10" fill="red"/></g><linearGradient/></svg>"##,
        )
        .unwrap_err();
        let SvgError::Unsupported(list) = err else {
            panic!("{err:?}")
        };
        let all = list.join("\n");
        for needle in ["<text>", "transform", "'A'", "red", "<linearGradient>"] {
            assert!(all.contains(needle), "{needle} missing from {all}");
        }
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        for bad in [
            "",
            "<svg",
            "<svg viewBox='0 0 10 10'><path d='M0 0 L'/>",
            "<svg viewBox='0 0 10 10'></g>",
            "<svg viewBox='0 0 0 10'/>",
            "<g/>",
            "<svg viewBox=\"0 0 10 10\"><path d=\"M 1 1 L 2 x\"/></svg>",
            "<svg viewBox=\"0 0 10 10\"><circle r=\"-2\"/></svg>",
        ] {
            assert!(Drawing::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ops_map_into_the_box() {
        let d = Drawing::parse(
            r##"<svg viewBox="0 0 200 100"><line x1="0" y1="0" x2="200" y2="100" stroke="#000"/></svg>"##,
        )
        .unwrap();
        // A 100 × 100 box: scale 0.5, picture centred vertically (25 pt bands).
        let ops = d.ops(10.0, 20.0, 100.0, 100.0);
        let line = ops
            .iter()
            .find_map(|op| match op {
                Op::DrawLine { line } => Some(line),
                _ => None,
            })
            .unwrap();
        let p: Vec<(f32, f32)> = line.points.iter().map(|p| (p.p.x.0, p.p.y.0)).collect();
        assert_eq!(p, vec![(10.0, 95.0), (110.0, 45.0)]);
        assert!(ops.contains(&Op::SetOutlineThickness { pt: Pt(0.5) }));
    }
}
