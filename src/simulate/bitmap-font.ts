/**
 * A 5×7 bitmap font (digits, ':', '.', '-', space and the capitals of "CEUS", "B", "MODE") used
 * to burn a timer and labels into simulated frames, as scanners do.
 */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  ':': ['00000', '01100', '01100', '00000', '01100', '01100', '00000'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  '-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
  B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  D: ['11100', '10010', '10001', '10001', '10001', '10010', '11100'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'],
};

/** Glyph width and height in pixels; characters advance by GLYPH_W + 1. */
export const GLYPH_W = 5;
export const GLYPH_H = 7;

/**
 * Draws `text` into a greyscale image (row-major, `width` wide) with its top-left corner at (x, y),
 * setting "on" pixels to `value`. Characters without a glyph are drawn as spaces; pixels outside
 * the image are skipped.
 *
 * @example
 * ```ts
 * const img = new Uint8Array(40 * 10);
 * drawText(img, 40, 10, 1, 1, '01:23', 255);
 * ```
 */
export function drawText(image: Uint8Array, width: number, height: number, x: number, y: number, text: string, value: number): void {
  for (let k = 0; k < text.length; k++) {
    const glyph = GLYPHS[text[k]!] ?? GLYPHS[' ']!;
    const gx = x + k * (GLYPH_W + 1);
    for (let r = 0; r < GLYPH_H; r++) {
      const row = glyph[r]!;
      const py = y + r;
      if (py < 0 || py >= height) continue;
      for (let c = 0; c < GLYPH_W; c++) {
        const px = gx + c;
        if (row.charCodeAt(c) === 49 && px >= 0 && px < width) image[py * width + px] = value;
      }
    }
  }
}

/**
 * Formats a scanner-style CEUS timer: whole seconds since injection as "MM:SS"; "00:00" before it.
 *
 * @example
 * ```ts
 * formatTimer(75.9); // '01:15'
 * ```
 */
export function formatTimer(secondsSinceInjection: number): string {
  const s = Math.max(0, Math.floor(secondsSinceInjection));
  const mm = Math.min(99, Math.floor(s / 60));
  return `${String(mm).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
