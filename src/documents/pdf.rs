//! Positioned pages to PDF bytes with printpdf.
//!
//! printpdf draws ids from a process-wide counter (font resource names, the trailer `/ID`) and
//! writes an empty `/GTS_PDFXVersion`, which makes `pdfinfo` report a PDF/X file. Here font ids
//! and the trailer id are derived from the document id, dates from the record, and the empty key
//! is removed, so the same record always gives the same bytes.

use std::collections::BTreeMap;
use std::sync::Arc;

use printpdf::{
    Color, CurTransMat, FontId, ImageCompression, ImageOptimizationOptions, Line, LineCapStyle,
    LinePoint, OffsetDateTime, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, RawImage, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
    XObject, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};

use super::fonts::{Face, fonts};
use super::layout::Setup;
use super::paginate::Page;
use super::svg::Drawing;
use super::{DocumentError, text};

/// An RGB colour with components in 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour {
    r: f32,
    g: f32,
    b: f32,
}

impl Colour {
    #[allow(clippy::cast_precision_loss)]
    pub(crate) const fn hex(rgb: u32) -> Colour {
        Colour {
            r: ((rgb >> 16) & 0xff) as f32 / 255.0,
            g: ((rgb >> 8) & 0xff) as f32 / 255.0,
            b: (rgb & 0xff) as f32 / 255.0,
        }
    }

    fn pdf(self) -> Color {
        Color::Rgb(Rgb {
            r: self.r,
            g: self.g,
            b: self.b,
            icc_profile: None,
        })
    }
}

/// A drawing primitive. Coordinates are points from the top-left corner (of a unit while
/// laying out, of the page once paginated), y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Text {
        x: f32,
        baseline: f32,
        face: Face,
        size: f32,
        colour: Colour,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        fill: Option<Colour>,
        stroke: Option<(Colour, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Colour,
    },
    Figure {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        drawing: Arc<Drawing>,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: Arc<RawImage>,
    },
}

impl Item {
    pub(crate) fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Item::Rect { x, y, .. } | Item::Figure { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

/// Six upper-case letters derived from `seed`: a valid, stable PDF font subset tag.
fn tag(seed: &str) -> String {
    Sha256::digest(seed.as_bytes())
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Writes the pages as a PDF.
pub(crate) fn write(pages: &[Page], setup: &Setup) -> Result<Vec<u8>, DocumentError> {
    let fonts = fonts()?;
    let mut doc = PdfDocument::new(&setup.title);
    let issued = OffsetDateTime::from_unix_timestamp(setup.issued_at.timestamp())
        .map_err(|e| DocumentError::Pdf(e.to_owned()))?;
    let info = &mut doc.metadata.info;
    info.author.clone_from(&setup.author);
    info.subject.clone_from(&setup.subject);
    "Palma".clone_into(&mut info.creator);
    "Palma (printpdf)".clone_into(&mut info.producer);
    info.identifier.clone_from(&setup.document_id);
    info.creation_date = issued;
    info.modification_date = issued;
    info.metadata_date = issued;
    for field in [
        &mut info.document_title,
        &mut info.author,
        &mut info.subject,
    ] {
        *field = text::clean(fonts, field).replace('\n', " ");
    }

    let mut resources = Resources::default();
    for page in pages {
        for item in &page.items {
            resources.register(item, &setup.document_id);
        }
    }
    for (face, id) in &resources.fonts {
        doc.resources.fonts.map.insert(
            id.clone(),
            printpdf::PdfFont::new(fonts.parsed(*face).clone()),
        );
    }
    for (image, id) in &resources.images {
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::Image(RawImage::clone(image)));
    }

    let (w, h) = setup.options.paper.size_pt();
    let pdf_pages = pages
        .iter()
        .map(|page| PdfPage {
            media_box: Rect::from_wh(Pt(w), Pt(h)),
            trim_box: Rect::from_wh(Pt(w), Pt(h)),
            crop_box: Rect::from_wh(Pt(w), Pt(h)),
            ops: page_ops(&page.items, h, &resources),
        })
        .collect();
    doc.with_pages(pdf_pages);

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: Some(ImageOptimizationOptions {
            format: Some(ImageCompression::Flate),
            ..ImageOptimizationOptions::default()
        }),
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);

    // A stable trailer id: the first half identifies the document, the second this rendering
    // of it (identical, as the rendering is deterministic).
    let digest = Sha256::digest(format!("palma-document:{}", setup.document_id).as_bytes());
    let id: Vec<u8> = digest
        .iter()
        .take(16)
        .flat_map(|b| format!("{b:02x}").into_bytes())
        .collect();
    if let Ok(ids) = lo.trailer.get_mut(b"ID").and_then(|o| o.as_array_mut()) {
        for s in ids.iter_mut().filter_map(|o| o.as_str_mut().ok()) {
            s.clone_from(&id);
        }
    }
    let info_ref = lo.trailer.get(b"Info").and_then(|o| o.as_reference());
    if let Ok(dict) = info_ref.and_then(|r| lo.get_object_mut(r).and_then(|o| o.as_dict_mut())) {
        dict.remove(b"GTS_PDFXVersion");
    }
    // printpdf declares 1.3, but a logo's alpha channel is an SMask, a PDF 1.4 feature.
    "1.4".clone_into(&mut lo.version);
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    Ok(out)
}

/// Font and image resource ids, assigned in order of first use.
#[derive(Default)]
struct Resources {
    fonts: BTreeMap<Face, FontId>,
    images: Vec<(Arc<RawImage>, XObjectId)>,
}

impl Resources {
    fn register(&mut self, item: &Item, document_id: &str) {
        match item {
            Item::Text { face, .. } => {
                self.fonts.entry(*face).or_insert_with(|| {
                    let seed = format!("{document_id}/{}", face.letter());
                    FontId(format!("{}{}", tag(&seed), face.letter()))
                });
            }
            Item::Image { image, .. } if self.image_id(image).is_none() => {
                let id = XObjectId(format!("Im{}", self.images.len() + 1));
                self.images.push((Arc::clone(image), id));
            }
            _ => {}
        }
    }

    fn image_id(&self, image: &Arc<RawImage>) -> Option<&XObjectId> {
        self.images
            .iter()
            .find(|(i, _)| Arc::ptr_eq(i, image))
            .map(|(_, id)| id)
    }
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn handle(x: f32, y: f32) -> LinePoint {
    LinePoint {
        bezier: true,
        ..point(x, y)
    }
}

/// A rectangle with rounded corners (radius `r`) as a path, in PDF coordinates.
fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<LinePoint> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    if r == 0.0 {
        return vec![
            point(x, y),
            point(x + w, y),
            point(x + w, y + h),
            point(x, y + h),
        ];
    }
    let k = r * (1.0 - 0.552_284_8);
    let (right, top) = (x + w, y + h);
    vec![
        point(x + r, y),
        point(right - r, y),
        handle(right - k, y),
        handle(right, y + k),
        point(right, y + r),
        point(right, top - r),
        handle(right, top - k),
        handle(right - k, top),
        point(right - r, top),
        point(x + r, top),
        handle(x + k, top),
        handle(x, top - k),
        point(x, top - r),
        point(x, y + r),
        handle(x, y + k),
        handle(x + k, y),
        point(x + r, y),
    ]
}

fn page_ops(items: &[Item], page_h: f32, resources: &Resources) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut in_text = false;
    let mut font: Option<(Face, f32)> = None;
    let mut fill: Option<Colour> = None;
    for item in items {
        if let Item::Text {
            x,
            baseline,
            face,
            size,
            colour,
            text,
        } = item
        {
            if !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
                font = None;
            }
            if font != Some((*face, *size)) {
                if let Some(id) = resources.fonts.get(face) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(*size),
                    });
                }
                font = Some((*face, *size));
            }
            if fill != Some(*colour) {
                ops.push(Op::SetFillColor { col: colour.pdf() });
                fill = Some(*colour);
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(page_h - baseline)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
            continue;
        }
        if in_text {
            ops.push(Op::EndTextSection);
            in_text = false;
        }
        graphics_ops(item, page_h, resources, &mut fill, &mut ops);
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

fn graphics_ops(
    item: &Item,
    page_h: f32,
    resources: &Resources,
    fill: &mut Option<Colour>,
    ops: &mut Vec<Op>,
) {
    match item {
        Item::Text { .. } => {}
        Item::Rect {
            x,
            y,
            w,
            h,
            radius,
            fill: rect_fill,
            stroke,
        } => {
            if let Some(c) = rect_fill {
                ops.push(Op::SetFillColor { col: c.pdf() });
                *fill = Some(*c);
            }
            if let Some((c, width)) = stroke {
                ops.push(Op::SetOutlineColor { col: c.pdf() });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            }
            let mode = match (rect_fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Fill,
                (None, Some(_)) => PaintMode::Stroke,
                (None, None) => return,
            };
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing {
                        points: rounded_rect(*x, page_h - y - h, *w, *h, *radius),
                    }],
                    mode,
                    winding_order: WindingOrder::NonZero,
                },
            });
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            colour,
        } => {
            ops.push(Op::SetOutlineColor { col: colour.pdf() });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::SetLineCapStyle {
                cap: LineCapStyle::Butt,
            });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*x1, page_h - y1), point(*x2, page_h - y2)],
                    is_closed: false,
                },
            });
        }
        Item::Figure {
            x,
            y,
            w,
            h,
            drawing,
        } => {
            ops.extend(drawing.ops(*x, page_h - y - h, *w, *h));
            *fill = None;
        }
        Item::Image { x, y, w, h, image } => {
            if let Some(id) = resources.image_id(image) {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([*w, 0.0, 0.0, *h, *x, page_h - y - h]),
                });
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
        }
    }
}
