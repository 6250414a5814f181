import type { PortfolioQuadrant } from "../../api/relationships-types";

// The portfolio scatter's geometry, kept pure so it can be tested: margin (y) against resources
// consumed (x), the break-even diagonal (margin = resources, i.e. net contribution 0) and the
// vertical line at the resources median split the plot into the four quadrants the server assigns
// (scorecard-math.ts quadrantOf): above the diagonal earns its keep, right of the median is heavy.

export interface Point {
  x: number;
  y: number;
}

export interface Domain {
  min: number;
  max: number;
}

/** A step of 1, 2, 2.5 or 5 x 10^n that cuts `span` into about `count` parts. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** The domain widened to whole steps, and the ticks on it. */
export function niceDomain(min: number, max: number, count = 5): { domain: Domain; ticks: number[] } {
  const low = Math.min(min, max);
  let high = Math.max(min, max);
  if (high === low) high = low === 0 ? 1 : low + Math.abs(low);
  const step = niceStep(high - low, count);
  const start = Math.floor(low / step) * step;
  const end = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Whole steps from the start, so float error does not pile up (0.1 + 0.2 ...).
  for (let i = 0; start + i * step <= end + step / 1e6; i++) ticks.push(Number((start + i * step).toPrecision(12)));
  return { domain: { min: start, max: end }, ticks };
}

/** Both axes start at 0 or below, reach the furthest point with a little room, and x shows the median line. */
export function plotDomains(points: readonly Point[], medianX: number, count = 5) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = (low: number, high: number) => (high - low) * 0.06;
  const xLow = Math.min(0, ...xs);
  const xHigh = Math.max(0, medianX, ...xs);
  const yLow = Math.min(0, ...ys);
  const yHigh = Math.max(0, ...ys);
  const x = niceDomain(xLow < 0 ? xLow - pad(xLow, xHigh) : xLow, xHigh + pad(xLow, xHigh), count);
  const y = niceDomain(yLow < 0 ? yLow - pad(yLow, yHigh) : yLow, yHigh + pad(yLow, yHigh), count);
  return { x, y };
}

/** A linear map from a domain onto pixels (`to` may be smaller than `from`, as on a y axis). */
export function linear(domain: Domain, from: number, to: number): (value: number) => number {
  const span = domain.max - domain.min || 1;
  return (value) => from + ((value - domain.min) / span) * (to - from);
}

/** Bubble area proportional to revenue; no revenue (or a refund-only period) gets the smallest bubble. */
export function bubbleRadius(revenue: number, maxRevenue: number, min = 5, max = 22): number {
  if (!(revenue > 0) || !(maxRevenue > 0)) return min;
  return min + (max - min) * Math.sqrt(Math.min(revenue, maxRevenue) / maxRevenue);
}

/** The part of a convex polygon where a*x + b*y + c >= 0 (Sutherland–Hodgman against one edge). */
export function clipHalfPlane(polygon: readonly Point[], a: number, b: number, c: number): Point[] {
  const side = (p: Point) => a * p.x + b * p.y + c;
  const result: Point[] = [];
  polygon.forEach((current, index) => {
    const previous = polygon[(index + polygon.length - 1) % polygon.length] as Point;
    const sc = side(current);
    const sp = side(previous);
    if (sc >= 0) {
      if (sp < 0) result.push(crossing(previous, current, sp, sc));
      result.push(current);
    } else if (sp >= 0) {
      result.push(crossing(previous, current, sp, sc));
    }
  });
  return result;
}

function crossing(p: Point, q: Point, sp: number, sq: number): Point {
  const t = sp / (sp - sq);
  return { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) };
}

export function polygonArea(polygon: readonly Point[]): number {
  let twice = 0;
  polygon.forEach((p, i) => {
    const q = polygon[(i + 1) % polygon.length] as Point;
    twice += p.x * q.y - q.x * p.y;
  });
  return Math.abs(twice) / 2;
}

/** Area-weighted centre; null for a polygon with no area. */
export function centroid(polygon: readonly Point[]): Point | null {
  let twice = 0;
  let cx = 0;
  let cy = 0;
  polygon.forEach((p, i) => {
    const q = polygon[(i + 1) % polygon.length] as Point;
    const cross = p.x * q.y - q.x * p.y;
    twice += cross;
    cx += (p.x + q.x) * cross;
    cy += (p.y + q.y) * cross;
  });
  if (Math.abs(twice) < 1e-9) return null;
  return { x: cx / (3 * twice), y: cy / (3 * twice) };
}

/** Each quadrant's area of the plot, in data units: invest above the diagonal and left of the median, and so on. */
export function quadrantRegions(x: Domain, y: Domain, medianX: number): Record<PortfolioQuadrant, Point[]> {
  const box: Point[] = [
    { x: x.min, y: y.min },
    { x: x.max, y: y.min },
    { x: x.max, y: y.max },
    { x: x.min, y: y.max },
  ];
  const above = clipHalfPlane(box, -1, 1, 0); // y - x >= 0: margin covers resources
  const below = clipHalfPlane(box, 1, -1, 0);
  return {
    invest: clipHalfPlane(above, -1, 0, medianX), // x <= median
    maintain: clipHalfPlane(above, 1, 0, -medianX),
    fix: clipHalfPlane(below, 1, 0, -medianX),
    cut: clipHalfPlane(below, -1, 0, medianX),
  };
}

/** The stretch of margin = resources inside the plot, or null when the line misses it. */
export function breakEvenSegment(x: Domain, y: Domain): [Point, Point] | null {
  const start = Math.max(x.min, y.min);
  const end = Math.min(x.max, y.max);
  if (!(end > start)) return null;
  return [
    { x: start, y: start },
    { x: end, y: end },
  ];
}
