// The body chart's drawing: front, back and both sides as smooth outlines, and each named
// region (keys from `care.body_regions`) as a polygon clipped by its outline, so inner seams
// are straight and outer edges follow the body. Coordinates are in one 700 × 480 picture;
// only one half of each symmetrical shape is written, the other is its mirror image.

type Pt = readonly [number, number];

/** A smooth closed path through the points (Catmull-Rom turned into cubic Béziers). */
export function smooth(points: readonly Pt[]): string {
  const n = points.length;
  const at = (i: number) => points[(i + n) % n]!;
  let d = `M${at(0)[0]} ${at(0)[1]}`;
  for (let i = 0; i < n; i += 1) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    d += `C${r(c1x)} ${r(c1y)} ${r(c2x)} ${r(c2y)} ${p2[0]} ${p2[1]}`;
  }
  return `${d}Z`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function polygon(points: readonly Pt[]): string {
  return `M${points.map(([x, y]) => `${x} ${y}`).join('L')}Z`;
}

const mirror = (points: readonly Pt[], axis: number): Pt[] =>
  points.map(([x, y]) => [2 * axis - x, y] as const);
const shift = (points: readonly Pt[], dx: number): Pt[] =>
  points.map(([x, y]) => [x + dx, y] as const);

// Half the standing figure seen from the front, viewer's left: from the crown down the outer
// side (head, shoulder, arm, hand, back up the inner arm, flank, hip, outer leg, foot) and up
// the inner leg to the crotch. Arms hang a little away from the body so both can be marked.
// prettier-ignore
const HALF: Pt[] = [
  [100, 10], [88, 13], [80, 24], [78, 40], [80, 54], [86, 63], [90, 70], [89, 80],
  [80, 86], [64, 90], [50, 94], [42, 102], [38, 118], [34, 150], [29, 196], [24, 240],
  [20, 282], [15, 292], [12, 308], [15, 324], [22, 333], [29, 330], [33, 316], [34, 300],
  [35, 288], [39, 245], [45, 200], [52, 160], [60, 127], [64, 133], [66, 155], [70, 185],
  [66, 210], [62, 232], [62, 252], [64, 285], [69, 318], [70, 336], [68, 362], [72, 395],
  [76, 414], [74, 428], [72, 440], [78, 447], [90, 447], [93, 440], [91, 416], [93, 390],
  [94, 360], [93, 335], [92, 318], [94, 290], [97, 264], [100, 255],
];
const standing = (dx: number): string =>
  smooth(shift([...HALF, ...mirror(HALF.slice(1, -1), 100).reverse()], dx));

// Seen from the client's left: facing the viewer's left, the arm hanging slightly forward.
// prettier-ignore
const SIDE: Pt[] = [
  [64, 10], [50, 14], [42, 26], [40, 38], [36, 46], [41, 50], [42, 58], [46, 64],
  [52, 67], [52, 77], [46, 88], [40, 104], [38, 124], [42, 150], [44, 170], [42, 192],
  [44, 212], [46, 236], [46, 270], [50, 316], [52, 334], [50, 370], [52, 412], [44, 430],
  [34, 440], [36, 447], [70, 447], [72, 436], [68, 414], [72, 380], [74, 350], [68, 322],
  [72, 290], [78, 262], [82, 238], [80, 214], [72, 196], [74, 170], [80, 130], [80, 104],
  [74, 86], [72, 72], [80, 60], [84, 42], [80, 22],
];
// prettier-ignore
const SIDE_ARM: Pt[] = [
  [52, 96], [64, 90], [74, 102], [66, 150], [52, 196], [40, 238], [30, 276], [22, 296],
  [15, 290], [20, 272], [28, 234], [38, 192], [50, 148],
];
// prettier-ignore
const DELTOID: Pt[] = [[50, 99], [62, 89], [74, 101], [71, 124], [61, 131], [53, 121]];

export interface Figure {
  key: 'front' | 'back' | 'left' | 'right';
  label: string;
  outline: string;
  /** Drawn over the regions without taking clicks (the arm in a side view). */
  overlay?: string;
  labelX: number;
  /** "R"/"L" marks for the client's right and left, at the figure's top corners. */
  sides?: [string, string];
  sideX?: [number, number];
}

export interface RegionShape {
  key: string;
  figure: Figure['key'];
  d: string;
  /** Not clipped by the outline (the shoulder's cap sits on the arm). */
  free?: boolean;
  /** Where a link line meets the region. */
  anchor: [number, number];
}

export const FIGURES: Figure[] = [
  {
    key: 'front',
    label: 'Front',
    outline: standing(0),
    labelX: 100,
    sides: ['R', 'L'],
    sideX: [58, 142],
  },
  {
    key: 'back',
    label: 'Back',
    outline: standing(215),
    labelX: 315,
    sides: ['L', 'R'],
    sideX: [273, 357],
  },
  {
    key: 'left',
    label: 'Left side',
    outline: smooth(shift(SIDE, 440)),
    overlay: smooth(shift(SIDE_ARM, 440)),
    labelX: 500,
  },
  {
    key: 'right',
    label: 'Right side',
    outline: smooth(mirror(SIDE, 345)),
    overlay: smooth(mirror(SIDE_ARM, 345)),
    labelX: 630,
  },
];

// Regions of one half, as [key without side, polygon]; the other half is the mirror image.
// Front: the viewer's left is the client's right. Back: the viewer's left is the client's left.
// prettier-ignore
const FRONT_CENTRE: Array<[string, Pt[]]> = [
  ['head_face', [[60, 0], [140, 0], [140, 46], [112, 50], [100, 60], [88, 50], [60, 46]]],
  ['neck_front', [[60, 68], [140, 68], [140, 88], [60, 88]]],
  ['abdomen', [[58, 158], [142, 158], [142, 208], [58, 208]]],
];
// prettier-ignore
const FRONT_SIDE: Array<[string, Pt[]]> = [
  ['jaw', [[60, 46], [88, 50], [100, 60], [100, 68], [60, 68]]],
  ['shoulder_front', [[20, 86], [76, 86], [70, 104], [62, 126], [20, 126]]],
  ['chest', [[76, 86], [100, 86], [100, 158], [64, 158], [62, 126], [70, 104]]],
  ['upper_arm', [[0, 126], [62, 126], [60, 150], [57, 200], [0, 200]]],
  ['forearm', [[0, 200], [57, 200], [50, 250], [48, 288], [0, 288]]],
  ['hand', [[0, 288], [48, 288], [50, 345], [0, 345]]],
  ['hip_flexor', [[55, 208], [100, 208], [100, 256], [55, 236]]],
  ['thigh_front', [[55, 236], [100, 256], [100, 316], [55, 316]]],
  ['knee', [[55, 316], [100, 316], [100, 342], [55, 342]]],
  ['shin', [[55, 342], [100, 342], [100, 414], [55, 414]]],
  ['foot', [[55, 414], [100, 414], [100, 460], [55, 460]]],
];
// prettier-ignore
const BACK_CENTRE: Array<[string, Pt[]]> = [
  ['head_back', [[60, 0], [140, 0], [140, 70], [60, 70]]],
  ['neck_back', [[60, 70], [140, 70], [140, 86], [60, 86]]],
  ['upper_back', [[88, 86], [112, 86], [112, 152], [88, 152]]],
  ['mid_back', [[58, 152], [142, 152], [142, 192], [58, 192]]],
  ['low_back', [[58, 192], [142, 192], [142, 222], [58, 222]]],
  ['sacrum', [[88, 222], [112, 222], [106, 246], [100, 256], [94, 246]]],
];
// prettier-ignore
const BACK_SIDE: Array<[string, Pt[]]> = [
  ['upper_trapezius', [[40, 86], [88, 86], [88, 104], [44, 108]]],
  ['shoulder_blade', [[60, 104], [88, 104], [88, 152], [64, 152], [62, 126]]],
  ['glute', [[55, 222], [88, 222], [94, 246], [100, 256], [100, 268], [55, 268]]],
  ['hamstring', [[55, 268], [100, 268], [100, 322], [55, 322]]],
  ['calf', [[55, 322], [100, 322], [100, 418], [55, 418]]],
];
// prettier-ignore
const SIDE_REGIONS: Array<[string, Pt[]]> = [
  ['ribs', [[30, 130], [100, 130], [100, 202], [30, 202]]],
  ['hip', [[30, 202], [100, 202], [100, 256], [30, 256]]],
  ['outer_thigh', [[30, 256], [100, 256], [100, 322], [30, 322]]],
];

function centre(points: readonly Pt[], clampX?: [number, number]): [number, number] {
  const x = points.reduce((s, p) => s + p[0], 0) / points.length;
  const y = points.reduce((s, p) => s + p[1], 0) / points.length;
  const cx = clampX ? Math.min(Math.max(x, clampX[0]), clampX[1]) : x;
  return [r(cx), r(y)];
}

function shape(
  key: string,
  figure: Figure['key'],
  points: Pt[],
  clampX?: [number, number],
): RegionShape {
  return { key, figure, d: polygon(points), anchor: centre(points, clampX) };
}

function build(): RegionShape[] {
  const out: RegionShape[] = [];
  for (const [key, pts] of FRONT_CENTRE) out.push(shape(key, 'front', pts));
  for (const [key, pts] of FRONT_SIDE) {
    out.push(shape(`${key}_right`, 'front', pts, [20, 96]));
    out.push(shape(`${key}_left`, 'front', mirror(pts, 100), [104, 180]));
  }
  for (const [key, pts] of BACK_CENTRE) out.push(shape(key, 'back', shift(pts, 215)));
  for (const [key, pts] of BACK_SIDE) {
    out.push(shape(`${key}_left`, 'back', shift(pts, 215), [255, 311]));
    out.push(shape(`${key}_right`, 'back', shift(mirror(pts, 100), 215), [319, 375]));
  }
  const leftSide = (pts: readonly Pt[]) => shift(pts, 440);
  const rightSide = (pts: readonly Pt[]) => mirror(pts, 345);
  for (const [key, pts] of SIDE_REGIONS) {
    out.push(shape(`${key}_left`, 'left', leftSide(pts), [485, 515]));
    out.push(shape(`${key}_right`, 'right', rightSide(pts), [615, 645]));
  }
  out.push({
    ...shape('shoulder_side_left', 'left', []),
    d: smooth(leftSide(DELTOID)),
    free: true,
    anchor: [502, 110],
  });
  out.push({
    ...shape('shoulder_side_right', 'right', []),
    d: smooth(rightSide(DELTOID)),
    free: true,
    anchor: [628, 110],
  });
  return out;
}

export const REGION_SHAPES: RegionShape[] = build();

/** 0–10 as a fill: pale yellow through orange to deep red (each step darker). */
export function intensityColour(intensity: number): string {
  const stops: Array<[number, [number, number, number]]> = [
    [0, [255, 243, 196]],
    [3, [252, 206, 116]],
    [6, [241, 146, 72]],
    [8, [218, 88, 56]],
    [10, [168, 34, 30]],
  ];
  const v = Math.min(Math.max(intensity, 0), 10);
  for (let i = 1; i < stops.length; i += 1) {
    const [x1, c1] = stops[i]!;
    const [x0, c0] = stops[i - 1]!;
    if (v <= x1) {
      const t = (v - x0) / (x1 - x0);
      const c = c0.map((a, j) => Math.round(a + (c1[j]! - a) * t));
      return `rgb(${c[0]} ${c[1]} ${c[2]})`;
    }
  }
  return 'rgb(168 34 30)';
}
