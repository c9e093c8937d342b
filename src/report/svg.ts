/**
 * Low-level SVG text helpers shared by the figures: fixed-precision numbers, the document
 * wrapper with its accessible title/description, and polyline paths.
 * @module
 */
import { escapeXml } from './escape.js';
import type { LinearScale } from './scale.js';

/**
 * Formats an SVG coordinate with at most 2 decimals, no trailing zeros and never `-0`, so output
 * bytes depend only on the input.
 *
 * @example
 * ```ts
 * svgNum(12.3456); // '12.35'
 * svgNum(-0.001);  // '0'
 * ```
 */
export function svgNum(v: number): string {
  // Round half up to 0.01; String() of the result is the shortest exact form (never exponent
  // notation at figure scales) and String(-0) is '0'.
  return String(Math.round(v * 100) / 100);
}

/**
 * Default font stack for figure text.
 *
 * @example
 * ```ts
 * rocFigure(series, { fontFamily: `Inter, ${FONT_FAMILY}` });
 * ```
 */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Input to {@link svgDocument}. */
export interface SvgDocumentSpec {
  width: number;
  height: number;
  /** Accessible name (first child `<title>`). */
  title: string;
  /** Accessible long description (`<desc>`). */
  description: string;
  fontSize: number;
  fontFamily?: string;
  /** Inner markup (already escaped). */
  body: string;
}

/**
 * Wraps figure markup in a standalone `<svg>` with `role="img"` and `aria-label` (no element ids,
 * so a page can inline many figures), `<title>` and `<desc>` as first children, a white background, and the font set once at the root.
 *
 * @example
 * ```ts
 * svgDocument({ width: 100, height: 50, title: 'T', description: 'D', fontSize: 12, body: '' });
 * ```
 */
export function svgDocument(spec: SvgDocumentSpec): string {
  const w = svgNum(spec.width);
  const h = svgNum(spec.height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(spec.title)}" ` +
    `font-family="${escapeXml(spec.fontFamily ?? FONT_FAMILY)}" font-size="${svgNum(spec.fontSize)}">\n` +
    `<title>${escapeXml(spec.title)}</title>\n<desc>${escapeXml(spec.description)}</desc>\n` +
    `<rect width="${w}" height="${h}" fill="#ffffff"/>\n${spec.body}</svg>\n`
  );
}

/**
 * Path data `M x y L x y ...` through the points `(xs[i], ys[i])` under the two scales. A
 * non-finite coordinate breaks the line (the next finite point starts a new `M`), so gaps in
 * the data show as gaps. Returns `''` when no point is finite.
 *
 * @example
 * ```ts
 * linePath([0, 1], [0, 1], linearScale([0, 1], [0, 100]), linearScale([0, 1], [100, 0])); // 'M0 100L100 0'
 * ```
 */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number>, sx: LinearScale, sy: LinearScale): string {
  let d = '';
  let pen = false;
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${svgNum(sx(x))} ${svgNum(sy(y))}`;
    pen = true;
  }
  return d;
}

/**
 * Attributes for a stroked series: colour, width and optional dash pattern.
 *
 * @example
 * ```ts
 * strokeAttrs('#0072B2', 2, '7 3'); // 'fill="none" stroke="#0072B2" stroke-width="2" stroke-dasharray="7 3"'
 * ```
 */
export function strokeAttrs(color: string, width: number, dash = ''): string {
  return `fill="none" stroke="${color}" stroke-width="${svgNum(width)}"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-linejoin="round" stroke-linecap="round"`;
}
