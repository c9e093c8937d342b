import { SonoriskError } from '../errors.js';

/** Options every figure accepts. Sizes are in CSS pixels (SVG user units). */
export interface FigureOptions {
  /** Width; default 560. */
  width?: number;
  /** Height; default 480. */
  height?: number;
  /** Accessible and visible title; each figure has a sensible default. */
  title?: string;
  /** Long description for `<desc>`; default generated from the data (series names, axis ranges). */
  description?: string;
  /** Base font size; default 13. */
  fontSize?: number;
  /** CSS font-family list; default a system sans-serif stack. */
  fontFamily?: string;
  /** Draw the title inside the figure (default true). Set false when the page prints a caption. */
  showTitle?: boolean;
}

/** {@link FigureOptions} with defaults applied. */
export interface ResolvedFigureOptions {
  width: number;
  height: number;
  title: string;
  description: string | undefined;
  fontSize: number;
  fontFamily: string | undefined;
  showTitle: boolean;
}

/**
 * Applies defaults to figure options and rejects sizes that cannot hold a plot
 * (width 200–4000, height 160–4000, font 6–48).
 *
 * @example
 * ```ts
 * resolveFigureOptions({ width: 600 }, 'ROC curves').height; // 480
 * ```
 */
export function resolveFigureOptions(options: FigureOptions | undefined, defaultTitle: string): ResolvedFigureOptions {
  const o = options ?? {};
  const width = o.width ?? 560;
  const height = o.height ?? 480;
  const fontSize = o.fontSize ?? 13;
  const check = (name: string, v: unknown, lo: number, hi: number): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
      throw new SonoriskError('INVALID_ARGUMENT', `Figure ${name} must be a number from ${lo} to ${hi}, got ${String(v)}.`, { [name]: v });
    }
  };
  check('width', width, 200, 4000);
  check('height', height, 160, 4000);
  check('fontSize', fontSize, 6, 48);
  if (o.title !== undefined && typeof o.title !== 'string') throw new SonoriskError('INVALID_ARGUMENT', 'Figure title must be a string.');
  return {
    width,
    height,
    title: o.title ?? defaultTitle,
    description: o.description,
    fontSize,
    fontFamily: o.fontFamily,
    showTitle: o.showTitle ?? true,
  };
}
