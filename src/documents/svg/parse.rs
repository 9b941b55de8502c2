//! Hand-written parser for the SVG subset: a tiny XML tokenizer and attribute handling with
//! inheritance through `<g>`.

use printpdf::{LineCapStyle, LineJoinStyle};

use super::geometry::{ellipse, numbers, path, rect};
use super::{P, Paint, Seg, Shape, Subpath, SvgError};

const SHAPES: [&str; 7] = [
    "path", "circle", "ellipse", "line", "polyline", "polygon", "rect",
];

/// Attributes that change the picture but are not in the subset.
const UNSUPPORTED_ATTRIBUTES: [&str; 12] = [
    "transform",
    "style",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
    "stroke-dasharray",
    "clip-path",
    "mask",
    "filter",
    "marker-start",
    "marker-mid",
    "marker-end",
];

pub(super) fn parse(src: &str) -> Result<([f32; 4], Vec<Shape>), SvgError> {
    let mut tokens = Tokenizer { src, pos: 0 };
    let mut builder = Builder::default();
    while let Some(token) = tokens.next_token()? {
        match token {
            Token::Open {
                name,
                attrs,
                self_closing,
            } => builder.open(name, &attrs, self_closing, tokens.pos)?,
            Token::Close { name } => builder.close(name, tokens.pos)?,
        }
    }
    if !builder.stack.is_empty() {
        return Err(SvgError::Syntax {
            offset: src.len(),
            message: "unclosed element",
        });
    }
    let view_box = builder.view_box.ok_or(SvgError::NoViewBox)?;
    if builder.problems.is_empty() {
        Ok((view_box, builder.shapes))
    } else {
        Err(SvgError::Unsupported(builder.problems))
    }
}

enum Token<'a> {
    Open {
        name: &'a str,
        attrs: Vec<(&'a str, String)>,
        self_closing: bool,
    },
    Close {
        name: &'a str,
    },
}

struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    fn err(&self, message: &'static str) -> SvgError {
        SvgError::Syntax {
            offset: self.pos,
            message,
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn skip_past(&mut self, end: &str, message: &'static str) -> Result<(), SvgError> {
        match self.rest().find(end) {
            Some(i) => {
                self.pos += i + end.len();
                Ok(())
            }
            None => Err(self.err(message)),
        }
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn name(&mut self) -> Result<&'a str, SvgError> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '/' | '>' | '='))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.err("expected a name"));
        }
        self.pos += len;
        Ok(&rest[..len])
    }

    /// The next tag, skipping text, comments, processing instructions and doctypes.
    fn next_token(&mut self) -> Result<Option<Token<'a>>, SvgError> {
        loop {
            match self.rest().find('<') {
                None => return Ok(None),
                Some(i) => self.pos += i,
            }
            let rest = self.rest();
            if rest.starts_with("<?") {
                self.skip_past("?>", "unterminated processing instruction")?;
            } else if rest.starts_with("<!--") {
                self.skip_past("-->", "unterminated comment")?;
            } else if rest.starts_with("<!") {
                self.skip_past(">", "unterminated declaration")?;
            } else if rest.starts_with("</") {
                self.pos += 2;
                let name = self.name()?;
                self.skip_ws();
                if !self.rest().starts_with('>') {
                    return Err(self.err("expected '>'"));
                }
                self.pos += 1;
                return Ok(Some(Token::Close { name }));
            } else {
                self.pos += 1;
                return self.open_tag().map(Some);
            }
        }
    }

    fn open_tag(&mut self) -> Result<Token<'a>, SvgError> {
        let name = self.name()?;
        let mut attrs = Vec::new();
        loop {
            self.skip_ws();
            let rest = self.rest();
            if rest.starts_with("/>") {
                self.pos += 2;
                return Ok(Token::Open {
                    name,
                    attrs,
                    self_closing: true,
                });
            }
            if rest.starts_with('>') {
                self.pos += 1;
                return Ok(Token::Open {
                    name,
                    attrs,
                    self_closing: false,
                });
            }
            if rest.is_empty() {
                return Err(self.err("unterminated tag"));
            }
            let key = self.name()?;
            self.skip_ws();
            if !self.rest().starts_with('=') {
                return Err(self.err("expected '=' after attribute name"));
            }
            self.pos += 1;
            self.skip_ws();
            let quote = self
                .rest()
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''))
                .ok_or_else(|| self.err("expected a quoted attribute value"))?;
            self.pos += 1;
            let len = self
                .rest()
                .find(quote)
                .ok_or_else(|| self.err("unterminated attribute value"))?;
            let raw = &self.rest()[..len];
            self.pos += len + 1;
            attrs.push((key, unescape(raw)));
        }
    }
}

fn unescape(raw: &str) -> String {
    raw.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

struct Frame<'a> {
    name: &'a str,
    paint: Paint,
    /// Inside `<title>`, `<desc>` or an unsupported element: nothing below is drawn.
    skip: bool,
}

#[derive(Default)]
struct Builder<'a> {
    stack: Vec<Frame<'a>>,
    view_box: Option<[f32; 4]>,
    shapes: Vec<Shape>,
    problems: Vec<String>,
}

impl<'a> Builder<'a> {
    fn problem(&mut self, p: String) {
        if !self.problems.contains(&p) {
            self.problems.push(p);
        }
    }

    fn open(
        &mut self,
        name: &'a str,
        attrs: &[(&'a str, String)],
        self_closing: bool,
        offset: usize,
    ) -> Result<(), SvgError> {
        let parent = self.stack.last();
        let skip_parent = parent.is_some_and(|f| f.skip);
        let mut paint = parent.map_or_else(Paint::default, |f| f.paint);
        let mut skip = skip_parent;
        match (parent.is_none(), name) {
            (true, "svg") => {
                if self.view_box.is_some() {
                    return Err(SvgError::Syntax {
                        offset,
                        message: "more than one root element",
                    });
                }
                self.view_box = Some(view_box(attrs)?);
            }
            (true, _) => return Err(SvgError::NoViewBox),
            (false, _) if skip_parent => {}
            (false, "title" | "desc" | "metadata") => skip = true,
            (false, "g") => self.apply_paint(name, attrs, &mut paint),
            (false, shape) if SHAPES.contains(&shape) => {
                self.apply_paint(name, attrs, &mut paint);
                let subpaths = self.geometry(shape, attrs, offset)?;
                self.shapes.push(Shape { subpaths, paint });
            }
            (false, other) => {
                self.problem(format!("element <{other}>"));
                skip = true;
            }
        }
        if !self_closing {
            self.stack.push(Frame { name, paint, skip });
        }
        Ok(())
    }

    fn close(&mut self, name: &str, offset: usize) -> Result<(), SvgError> {
        match self.stack.pop() {
            Some(frame) if frame.name == name => Ok(()),
            _ => Err(SvgError::Syntax {
                offset,
                message: "closing tag does not match the open element",
            }),
        }
    }

    fn apply_paint(&mut self, element: &str, attrs: &[(&str, String)], paint: &mut Paint) {
        for (key, value) in attrs {
            let value = value.trim();
            match *key {
                "fill" => match colour(value) {
                    Some(c) => paint.fill = c,
                    None => self.problem(format!("fill colour '{value}' (use #rrggbb or none)")),
                },
                "stroke" => match colour(value) {
                    Some(c) => paint.stroke = c,
                    None => self.problem(format!("stroke colour '{value}' (use #rrggbb or none)")),
                },
                "stroke-width" => match number(value) {
                    Some(w) if w >= 0.0 => paint.stroke_width = w,
                    _ => self.problem(format!("stroke-width '{value}'")),
                },
                "stroke-linecap" => match value {
                    "butt" => paint.cap = LineCapStyle::Butt,
                    "round" => paint.cap = LineCapStyle::Round,
                    "square" => paint.cap = LineCapStyle::ProjectingSquare,
                    _ => self.problem(format!("stroke-linecap '{value}'")),
                },
                "stroke-linejoin" => match value {
                    "miter" => paint.join = LineJoinStyle::Miter,
                    "round" => paint.join = LineJoinStyle::Round,
                    "bevel" => paint.join = LineJoinStyle::Bevel,
                    _ => self.problem(format!("stroke-linejoin '{value}'")),
                },
                "fill-rule" => match value {
                    "nonzero" => paint.even_odd = false,
                    "evenodd" => paint.even_odd = true,
                    _ => self.problem(format!("fill-rule '{value}'")),
                },
                key if UNSUPPORTED_ATTRIBUTES.contains(&key) => {
                    self.problem(format!("attribute {key} on <{element}>"));
                }
                _ => {}
            }
        }
    }

    fn geometry(
        &mut self,
        shape: &str,
        attrs: &[(&str, String)],
        offset: usize,
    ) -> Result<Vec<Subpath>, SvgError> {
        let bad = |message| SvgError::Syntax { offset, message };
        let attr = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str())
        };
        let num = |key: &str| match attr(key) {
            None => Ok(0.0),
            Some(v) => number(v).ok_or(bad("attribute is not a number")),
        };
        Ok(match shape {
            "path" => {
                let (subpaths, problems) = path(attr("d").unwrap_or("")).map_err(bad)?;
                for p in problems {
                    self.problem(p);
                }
                subpaths
            }
            "circle" => {
                let r = num("r")?;
                vec![ellipse(num("cx")?, num("cy")?, r, r).ok_or(bad("negative radius"))?]
            }
            "ellipse" => vec![
                ellipse(num("cx")?, num("cy")?, num("rx")?, num("ry")?)
                    .ok_or(bad("negative radius"))?,
            ],
            "line" => vec![Subpath {
                start: P {
                    x: num("x1")?,
                    y: num("y1")?,
                },
                segs: vec![Seg::Line(P {
                    x: num("x2")?,
                    y: num("y2")?,
                })],
                closed: false,
            }],
            "polyline" | "polygon" => {
                let pts = numbers(attr("points").unwrap_or("")).map_err(bad)?;
                if pts.len() % 2 != 0 {
                    return Err(bad("odd number of coordinates in points"));
                }
                let mut pts = pts.chunks_exact(2).map(|c| P { x: c[0], y: c[1] });
                let Some(start) = pts.next() else {
                    return Ok(Vec::new());
                };
                vec![Subpath {
                    start,
                    segs: pts.map(Seg::Line).collect(),
                    closed: shape == "polygon",
                }]
            }
            _ => {
                let (w, h) = (num("width")?, num("height")?);
                if w < 0.0 || h < 0.0 {
                    return Err(bad("negative rectangle size"));
                }
                let rx = attr("rx").map_or(Ok(None), |_| num("rx").map(Some))?;
                let ry = attr("ry").map_or(Ok(None), |_| num("ry").map(Some))?;
                let rx = rx.or(ry).unwrap_or(0.0).clamp(0.0, w / 2.0);
                let ry = ry.or(Some(rx)).unwrap_or(0.0).clamp(0.0, h / 2.0);
                vec![rect(num("x")?, num("y")?, w, h, rx, ry)]
            }
        })
    }
}

fn view_box(attrs: &[(&str, String)]) -> Result<[f32; 4], SvgError> {
    let (_, raw) = attrs
        .iter()
        .find(|(k, _)| *k == "viewBox")
        .ok_or(SvgError::NoViewBox)?;
    match numbers(raw).as_deref() {
        Ok(&[x, y, w, h]) if w > 0.0 && h > 0.0 => Ok([x, y, w, h]),
        _ => Err(SvgError::NoViewBox),
    }
}

/// `none` → `Some(None)`, a hex colour → `Some(Some(rgb))`, anything else → `None`.
fn colour(value: &str) -> Option<Option<[f32; 3]>> {
    if value == "none" {
        return Some(None);
    }
    let hex = value.strip_prefix('#')?;
    if !hex.is_ascii() {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok().map(|v| f32::from(v) / 255.0);
    let rgb = match hex.len() {
        3 => {
            let d = |i: usize| channel(&hex[i..=i].repeat(2));
            [d(0)?, d(1)?, d(2)?]
        }
        6 => [
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        ],
        _ => return None,
    };
    Some(Some(rgb))
}

/// A single number, optionally with a `px` unit.
fn number(value: &str) -> Option<f32> {
    let v = value.trim();
    let v = v.strip_suffix("px").unwrap_or(v);
    v.parse::<f32>().ok().filter(|n| n.is_finite())
}
