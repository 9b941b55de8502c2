//! Path data and basic shapes as subpaths of lines and cubic Béziers (quadratics are raised
//! to cubics, circles and ellipses are four cubics each).

use super::{P, Seg, Subpath};

/// Kappa for approximating a quarter ellipse with one cubic Bézier.
const KAPPA: f32 = 0.552_284_8;

/// A list of numbers separated by whitespace and/or commas.
pub(super) fn numbers(value: &str) -> Result<Vec<f32>, &'static str> {
    let mut scanner = Scanner::new(value);
    let mut out = Vec::new();
    while scanner.more() {
        out.push(scanner.number()?);
    }
    Ok(out)
}

/// Reads numbers and command letters out of path data.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str) -> Self {
        Scanner {
            bytes: s.as_bytes(),
            pos: 0,
        }
    }

    fn skip_separators(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b',')
        {
            self.pos += 1;
        }
    }

    fn more(&mut self) -> bool {
        self.skip_separators();
        self.pos < self.bytes.len()
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_separators();
        self.bytes.get(self.pos).copied()
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<f32, &'static str> {
        self.skip_separators();
        let start = self.pos;
        if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let mut count = self.digits();
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            count += self.digits();
        }
        if count == 0 {
            return Err("expected a number");
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            let mark = self.pos;
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                self.pos = mark;
            }
        }
        std::str::from_utf8(&self.bytes[start..self.pos])
            .ok()
            .and_then(|s| s.parse::<f32>().ok())
            .filter(|n| n.is_finite())
            .ok_or("expected a number")
    }

    fn point(&mut self, origin: P) -> Result<P, &'static str> {
        Ok(P {
            x: origin.x + self.number()?,
            y: origin.y + self.number()?,
        })
    }
}

/// Path data → subpaths, plus the unsupported commands met (each listed once).
pub(super) fn path(d: &str) -> Result<(Vec<Subpath>, Vec<String>), &'static str> {
    let mut s = Scanner::new(d);
    let mut subpaths: Vec<Subpath> = Vec::new();
    let mut problems = Vec::new();
    let mut current = P { x: 0.0, y: 0.0 };
    let mut command = None;
    while let Some(b) = s.peek() {
        if b.is_ascii_alphabetic() {
            s.pos += 1;
            command = Some(b);
        } else if command.is_none() {
            return Err("path data must start with a command");
        }
        let Some(cmd) = command else { break };
        let origin = if cmd.is_ascii_lowercase() {
            current
        } else {
            P { x: 0.0, y: 0.0 }
        };
        let open = |subpaths: &mut Vec<Subpath>| {
            if subpaths
                .last()
                .is_none_or(|sp| sp.closed && !sp.segs.is_empty())
            {
                let start = subpaths.last().map_or(current, |sp| sp.start);
                subpaths.push(Subpath {
                    start,
                    segs: Vec::new(),
                    closed: false,
                });
            }
        };
        match cmd.to_ascii_uppercase() {
            b'M' => {
                current = s.point(origin)?;
                subpaths.push(Subpath {
                    start: current,
                    segs: Vec::new(),
                    closed: false,
                });
                // Further coordinate pairs after a moveto are linetos.
                command = Some(if cmd == b'M' { b'L' } else { b'l' });
            }
            b'L' => {
                open(&mut subpaths);
                current = s.point(origin)?;
                push(&mut subpaths, Seg::Line(current));
            }
            b'H' => {
                open(&mut subpaths);
                current.x = origin.x + s.number()?;
                push(&mut subpaths, Seg::Line(current));
            }
            b'V' => {
                open(&mut subpaths);
                current.y = origin.y + s.number()?;
                push(&mut subpaths, Seg::Line(current));
            }
            b'C' => {
                open(&mut subpaths);
                let (c1, c2, end) = (s.point(origin)?, s.point(origin)?, s.point(origin)?);
                push(&mut subpaths, Seg::Cubic(c1, c2, end));
                current = end;
            }
            b'Q' => {
                open(&mut subpaths);
                let (q, end) = (s.point(origin)?, s.point(origin)?);
                let c1 = P {
                    x: current.x + 2.0 / 3.0 * (q.x - current.x),
                    y: current.y + 2.0 / 3.0 * (q.y - current.y),
                };
                let c2 = P {
                    x: end.x + 2.0 / 3.0 * (q.x - end.x),
                    y: end.y + 2.0 / 3.0 * (q.y - end.y),
                };
                push(&mut subpaths, Seg::Cubic(c1, c2, end));
                current = end;
            }
            b'Z' => {
                if let Some(sp) = subpaths.last_mut() {
                    sp.closed = true;
                    current = sp.start;
                }
                command = None;
            }
            _ => {
                let p = format!("path command '{}'", char::from(cmd));
                if !problems.contains(&p) {
                    problems.push(p);
                }
                // Skip this command's arguments; the shape is rejected anyway.
                while s.peek().is_some_and(|b| !b.is_ascii_alphabetic()) {
                    s.number()?;
                }
                command = None;
            }
        }
    }
    Ok((subpaths, problems))
}

fn push(subpaths: &mut [Subpath], seg: Seg) {
    if let Some(sp) = subpaths.last_mut() {
        sp.segs.push(seg);
    }
}

pub(super) fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32) -> Option<Subpath> {
    if rx < 0.0 || ry < 0.0 {
        return None;
    }
    let (kx, ky) = (rx * KAPPA, ry * KAPPA);
    let p = |x: f32, y: f32| P { x, y };
    Some(Subpath {
        start: p(cx + rx, cy),
        segs: vec![
            Seg::Cubic(p(cx + rx, cy + ky), p(cx + kx, cy + ry), p(cx, cy + ry)),
            Seg::Cubic(p(cx - kx, cy + ry), p(cx - rx, cy + ky), p(cx - rx, cy)),
            Seg::Cubic(p(cx - rx, cy - ky), p(cx - kx, cy - ry), p(cx, cy - ry)),
            Seg::Cubic(p(cx + kx, cy - ry), p(cx + rx, cy - ky), p(cx + rx, cy)),
        ],
        closed: true,
    })
}

pub(super) fn rect(x: f32, y: f32, w: f32, h: f32, rx: f32, ry: f32) -> Subpath {
    let p = |x: f32, y: f32| P { x, y };
    if rx <= 0.0 || ry <= 0.0 {
        return Subpath {
            start: p(x, y),
            segs: vec![
                Seg::Line(p(x + w, y)),
                Seg::Line(p(x + w, y + h)),
                Seg::Line(p(x, y + h)),
            ],
            closed: true,
        };
    }
    let (kx, ky) = (rx * KAPPA, ry * KAPPA);
    let (r, b) = (x + w, y + h);
    Subpath {
        start: p(x + rx, y),
        segs: vec![
            Seg::Line(p(r - rx, y)),
            Seg::Cubic(p(r - rx + kx, y), p(r, y + ry - ky), p(r, y + ry)),
            Seg::Line(p(r, b - ry)),
            Seg::Cubic(p(r, b - ry + ky), p(r - rx + kx, b), p(r - rx, b)),
            Seg::Line(p(x + rx, b)),
            Seg::Cubic(p(x + rx - kx, b), p(x, b - ry + ky), p(x, b - ry)),
            Seg::Line(p(x, y + ry)),
            Seg::Cubic(p(x, y + ry - ky), p(x + rx - kx, y), p(x + rx, y)),
        ],
        closed: true,
    }
}
