import { describe, expect, it } from 'vitest';
import { boxFromMillimetres, boxFromPoints, checkBox } from '../../../src/preprocess/index.js';
import type { CineMeta } from '../../../src/preprocess/index.js';

const within = { width: 320, height: 240 };

describe('boxFromPoints', () => {
  it('turns inclusive corners in any order into a half-open box', () => {
    const expected = { x0: 10, y0: 20, x1: 20, y1: 30 }; // columns 10..19, rows 20..29
    expect(boxFromPoints({ x: 10, y: 20 }, { x: 19, y: 29 })).toEqual(expected);
    expect(boxFromPoints({ x: 19, y: 29 }, { x: 10, y: 20 })).toEqual(expected);
    expect(boxFromPoints({ x: 10, y: 29 }, { x: 19, y: 20 })).toEqual(expected);
    expect(boxFromPoints({ x: 5, y: 5 }, { x: 5, y: 5 })).toEqual({ x0: 5, y0: 5, x1: 6, y1: 6 });
    expect(boxFromPoints({ x: 9.6, y: 20.2 }, { x: 19.4, y: 28.5 })).toEqual({ x0: 10, y0: 20, x1: 20, y1: 30 });
  });
  it('validates against the frame: throws, or clips with a warning when allowed', () => {
    expect(boxFromPoints({ x: 0, y: 0 }, { x: 319, y: 239 }, { within })).toEqual({ x0: 0, y0: 0, x1: 320, y1: 240 });
    expect(() => boxFromPoints({ x: 0, y: 0 }, { x: 320, y: 10 }, { within })).toThrow(expect.objectContaining({ code: 'BOX_OUT_OF_BOUNDS' }));
    const warnings: string[] = [];
    expect(boxFromPoints({ x: -5, y: 10 }, { x: 400, y: 20 }, { within, clip: true, warnings })).toEqual({ x0: 0, y0: 10, x1: 320, y1: 21 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/clipped/);
    expect(() => boxFromPoints({ x: 400, y: 10 }, { x: 500, y: 20 }, { within, clip: true })).toThrow(expect.objectContaining({ code: 'BOX_OUT_OF_BOUNDS' }));
  });
  it('rejects malformed points', () => {
    expect(() => boxFromPoints({ x: Number.NaN, y: 0 }, { x: 1, y: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => boxFromPoints(null as never, { x: 1, y: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('checkBox', () => {
  it('rejects empty and non-integer boxes', () => {
    expect(() => checkBox({ x0: 3, y0: 0, x1: 3, y1: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => checkBox({ x0: 0.5, y0: 0, x1: 3, y1: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => checkBox({ x0: 0, y0: 0, x1: 3, y1: 5 }, { within: { width: 0, height: 5 } })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('boxFromMillimetres', () => {
  const meta = (over: Partial<CineMeta>): Pick<CineMeta, 'regions' | 'pixelSpacingMm'> => ({ regions: [], ...over });
  it('converts through the region that contains the centre', () => {
    const region = {
      x0: 0, y0: 0, x1: 319, y1: 239, spatialFormat: 1, dataType: 1, physicalUnitsX: 3, physicalUnitsY: 3,
      physicalDeltaX: 0.02, physicalDeltaY: 0.025, spacingMm: { x: 0.2, y: 0.25 },
    };
    // 30 mm / 0.2 = 150 px wide, 20 mm / 0.25 = 80 px high, starting 75 and 40 px before the centre
    expect(boxFromMillimetres({ meta: meta({ regions: [region] }), width: 320, height: 240 }, { center: { x: 160, y: 120 }, widthMm: 30, heightMm: 20 })).toEqual({
      x0: 85, y0: 80, x1: 235, y1: 160,
    });
  });
  it('falls back to meta.pixelSpacingMm and validates against the cine size', () => {
    const m = meta({ pixelSpacingMm: { x: 0.5, y: 0.5 } });
    expect(boxFromMillimetres({ meta: m }, { center: { x: 10, y: 10 }, widthMm: 5, heightMm: 5 })).toEqual({ x0: 5, y0: 5, x1: 15, y1: 15 });
    expect(() => boxFromMillimetres({ meta: m, width: 12, height: 12 }, { center: { x: 10, y: 10 }, widthMm: 5, heightMm: 5 })).toThrow(expect.objectContaining({ code: 'BOX_OUT_OF_BOUNDS' }));
  });
  it('needs spacing and positive sizes', () => {
    expect(() => boxFromMillimetres({ meta: meta({}) }, { center: { x: 1, y: 1 }, widthMm: 5, heightMm: 5 })).toThrow(expect.objectContaining({ code: 'NO_PIXEL_SPACING' }));
    expect(() => boxFromMillimetres({ meta: meta({ pixelSpacingMm: { x: 1, y: 1 } }) }, { center: { x: 1, y: 1 }, widthMm: -5, heightMm: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
