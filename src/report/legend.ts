import { SonoriskError } from '../errors.js';
import { escapeXml } from './escape.js';
import type { PlotFrame } from './axis.js';
import { svgNum } from './svg.js';

/** One legend entry. */
export interface LegendItem {
  label: string;
  color: string;
  /** Line (with optional dash), filled point, or shaded area swatch. */
  kind: 'line' | 'point' | 'area';
  dash?: string;
  /** Swatch opacity for areas; default 0.25. */
  opacity?: number;
}

/**
 * Where a legend sits: inside a corner of the plot, `'below'` the x axis (the figure reserves
 * room for it, so it never covers data), or `'none'`.
 */
export type LegendPosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'below' | 'none';

const POSITIONS: readonly LegendPosition[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'below', 'none'];

/**
 * Extra bottom margin a figure reserves for a legend with `count` entries at `position`
 * (non-zero only for `'below'`).
 *
 * @example
 * ```ts
 * legendReserve('below', 4, 13) > 0; // true
 * legendReserve('top-left', 4, 13);   // 0
 * ```
 */
export function legendReserve(position: LegendPosition, count: number, fontSize: number): number {
  if (position !== 'below' || count === 0) return 0;
  return fontSize * 1.2 + fontSize * 1.2 + fontSize * 1.45 * count - fontSize * 0.45 + fontSize * 0.4;
}

/**
 * A boxed legend inside a corner of the plot. Text width is estimated at 0.56 em per character
 * (no font metrics are available without a DOM), which errs on the wide side for sans-serif;
 * labels that would not fit inside the plot width are shortened with an ellipsis. For `'below'`,
 * pass the figure height; the figure must have reserved {@link legendReserve} at the bottom.
 *
 * @example
 * ```ts
 * renderLegend([{ label: 'R-US', color: '#0072B2', kind: 'line' }], frame, 'bottom-right', 13);
 * ```
 */
export function renderLegend(items: readonly LegendItem[], f: PlotFrame, position: LegendPosition, fontSize: number, figureHeight = 0): string {
  if (!POSITIONS.includes(position)) {
    throw new SonoriskError('INVALID_ARGUMENT', `legend must be one of ${POSITIONS.join(', ')}; got ${String(position)}.`, { legend: position });
  }
  if (position === 'none' || items.length === 0) return '';
  const fs = fontSize;
  const lineH = fs * 1.45;
  const swatch = fs * 2;
  const pad = fs * 0.6;
  const charW = fs * 0.56;
  const inset0 = fs * 0.6;
  // Labels too long for the plot width are cut with an ellipsis (the full text stays in <desc>).
  const maxChars = Math.max(4, Math.floor((f.width - 2 * inset0 - pad * 2 - swatch - fs * 0.5) / charW));
  const labels = items.map((i) => (i.label.length > maxChars ? i.label.slice(0, maxChars - 1).trimEnd() + '\u2026' : i.label));
  const textW = Math.max(...labels.map((l) => l.length)) * charW;
  const w = pad * 2 + swatch + fs * 0.5 + textW;
  const h = pad * 2 + lineH * items.length - (lineH - fs);
  const inset = inset0;
  const below = position === 'below';
  const x = below ? f.left : position.endsWith('left') ? f.left + inset : f.left + f.width - inset - w;
  const y = below ? figureHeight - h - fs * 0.4 : position.startsWith('top') ? f.top + inset : f.top + f.height - inset - h;
  const out: string[] = [`<g class="legend" font-size="${svgNum(fs)}">`];
  out.push(`<rect x="${svgNum(x)}" y="${svgNum(y)}" width="${svgNum(w)}" height="${svgNum(h)}" fill="#ffffff" fill-opacity="0.9" stroke="#BDBDBD" stroke-width="1" rx="3"/>`);
  items.forEach((item, i) => {
    const cy = y + pad + fs / 2 + i * lineH;
    const sx = x + pad;
    if (item.kind === 'line') {
      out.push(`<path d="M${svgNum(sx)} ${svgNum(cy)}h${svgNum(swatch)}" fill="none" stroke="${item.color}" stroke-width="2.5"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`);
    } else if (item.kind === 'point') {
      out.push(`<circle cx="${svgNum(sx + swatch / 2)}" cy="${svgNum(cy)}" r="${svgNum(fs * 0.3)}" fill="${item.color}"/>`);
    } else {
      out.push(`<rect x="${svgNum(sx)}" y="${svgNum(cy - fs * 0.4)}" width="${svgNum(swatch)}" height="${svgNum(fs * 0.8)}" fill="${item.color}" fill-opacity="${svgNum(item.opacity ?? 0.25)}"/>`);
    }
    out.push(`<text x="${svgNum(sx + swatch + fs * 0.5)}" y="${svgNum(cy + fs * 0.35)}" fill="#222222">${escapeXml(labels[i]!)}</text>`);
  });
  out.push('</g>');
  return out.join('\n') + '\n';
}
