import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIRADS_PHASES, PHASES, type PhaseWindow, type SelectFramesOptions, phaseWindow, selectFrames } from '../../src/phases/index.js';

/** The selected indices only. */
const pick = (t: ArrayLike<number>, w: PhaseWindow, o: SelectFramesOptions = {}): number[] => selectFrames(t, w, o).indices;

const fps = (rate: number, seconds: number) => Float64Array.from({ length: Math.round(rate * seconds) }, (_, i) => i / rate);

describe('phase windows', () => {
  it('has the method windows and the LI-RADS set', () => {
    expect(PHASES.arterial).toMatchObject({ start: 0, end: 45 });
    expect(PHASES.portal).toMatchObject({ start: 46, end: 120 });
    expect(PHASES.dual).toMatchObject({ start: 0, end: 60 });
    expect(PHASES.bmode).toMatchObject({ start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY });
    expect(LIRADS_PHASES.arterial).toMatchObject({ start: 10, end: 45 });
    expect(() => phaseWindow('bad', 10, 5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => phaseWindow('bad', Number.NaN, 5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('selectFrames (hand-checked)', () => {
  it('uniform at a constant rate: linspace over the window frames, nearest frame', () => {
    // 10 fps, 60 s; arterial [0, 45] holds frames 0..450 (t = 45.0 is frame 450)
    // targets linspace(0, 45, 4) = 0, 15, 30, 45 → frames 0, 150, 300, 450
    expect(pick(fps(10, 60), PHASES.arterial, { count: 4 })).toEqual([0, 150, 300, 450]);
  });
  it('ties go to the earlier frame', () => {
    // frames at 0, 1, 2, 3 s; window [0, 3]; T = 3 → targets 0, 1.5, 3 → frame 1 (tie 1 vs 2), 3
    expect(pick([0, 1, 2, 3], phaseWindow('w', 0, 3), { count: 3 })).toEqual([0, 1, 3]);
  });
  it('applies the injection offset (negative = recording began after injection)', () => {
    // recording began 10 s after injection: frame i is at 10 + i s; portal [46, 120] → frames 36..110
    const t = Float64Array.from({ length: 200 }, (_, i) => i);
    const sel = selectFrames(t, PHASES.portal, { injectionTime: -10, count: 3 });
    expect(sel.indices).toEqual([36, 73, 110]);
    expect(sel.times).toEqual([46, 83, 120]);
    // injection 5 s into the recording: arterial [0, 45] → frames at 5..50 s → indices 5..50
    expect(pick(t, PHASES.arterial, { injectionTime: 5, count: 2 })).toEqual([5, 50]);
  });
  it('works on variable frame rates (Frame Time Vector timing)', () => {
    // dense then sparse frames: 0, 0.1, …, 1.0 then 2, 3, …, 10
    const t = [...Array.from({ length: 11 }, (_, i) => i / 10), 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // window [0, 10], T = 3: targets 0, 5, 10 → frames at 0 (index 0), 5 s (index 14), 10 s (index 19)
    expect(pick(t, phaseWindow('w', 0, 10), { count: 3 })).toEqual([0, 14, 19]);
    // T = 11 over [0, 1]: exactly the 11 dense frames
    expect(pick(t, phaseWindow('w', 0, 1), { count: 11 })).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  it('never repeats a frame when frames are scarce relative to the targets', () => {
    // frames at 0, 0.1, 0.2, 10; targets linspace(0, 10, 3) = 0, 5, 10: nearest to 5 is 10 s,
    // but that frame is needed by the last target, so the middle takes 0.2 s (index 2)
    expect(pick([0, 0.1, 0.2, 10], phaseWindow('w', 0, 10), { count: 3, maxGap: 100 })).toEqual([0, 2, 3]);
  });
  it('reports too few frames, or repeats them when allowed', () => {
    const t = [0, 1, 2];
    expect(() => pick(t, phaseWindow('w', 0, 2), { count: 5 })).toThrow(expect.objectContaining({ code: 'TOO_FEW_FRAMES' }));
    const sel = selectFrames(t, phaseWindow('w', 0, 2), { count: 5, allowRepeats: true });
    // targets 0, 0.5, 1, 1.5, 2 → 0, 0 (tie → earlier), 1, 1, 2
    expect(sel.indices).toEqual([0, 0, 1, 1, 2]);
    expect(sel.warnings.join()).toMatch(/repeated/);
  });
  it('detects gaps (paused clips) and counts them against coverage', () => {
    // 10 fps from 0 to 20 s, paused, then 10 fps from 40 s to 80 s
    const t = [...fps(10, 20), ...Array.from({ length: 400 }, (_, i) => 40 + i / 10)];
    expect(() => pick(t, PHASES.dual, { count: 8 })).toThrow(expect.objectContaining({ code: 'PHASE_NOT_COVERED' }));
    const sel = selectFrames(t, PHASES.dual, { count: 8, allowPartial: true });
    expect(sel.gaps).toHaveLength(1);
    expect(sel.gaps[0]).toMatchObject({ afterIndex: 199, from: 19.9 });
    // window 60 s; not recorded: 20.0 → 40 s (frame 199 lasts until 20.0) = 20 s → coverage 2/3
    expect(sel.coverage).toBeCloseTo(2 / 3, 6);
    expect(sel.missingSeconds).toBeCloseTo(20, 6);
    expect(sel.warnings.some((w) => /gap/.test(w))).toBe(true);
  });
  it('partial coverage: PHASE_NOT_COVERED with the fraction, or a warning when allowed', () => {
    // 90 s clip, portal [46, 120]: covered 46..90 = 44 of 74 s
    const t = fps(10, 90);
    try {
      pick(t, PHASES.portal, { count: 16 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'PHASE_NOT_COVERED' });
      expect((e as { details: { coverage: number } }).details.coverage).toBeCloseTo(44 / 74, 6);
    }
    const sel = selectFrames(t, PHASES.portal, { count: 16, allowPartial: true });
    expect(sel.indices).toHaveLength(16);
    expect(sel.coveredEnd).toBeCloseTo(90, 9);
    // a clip that starts a fraction of a frame late still covers the window (tolerance = 1 frame)
    expect(pick(Float64Array.from(fps(10, 50), (v) => v + 0.05), PHASES.arterial, { count: 4, injectionTime: 0.05 - 0.08 })).toHaveLength(4);
    // nothing in the window at all
    expect(() => pick(fps(10, 30), PHASES.portal, { count: 4, allowPartial: true })).toThrow(expect.objectContaining({ code: 'PHASE_NOT_COVERED' }));
  });
  it('bmode takes the whole clip regardless of the injection time', () => {
    // frames 0..2.9 s; targets 0, 1.45, 2.9 → 1.45 ties between 1.4 and 1.5 → earlier (14)
    expect(pick(fps(10, 3), PHASES.bmode, { count: 3, injectionTime: 500 })).toEqual([0, 14, 29]);
    expect(selectFrames(fps(10, 3), PHASES.bmode, { strategy: 'all' }).coverage).toBe(1);
  });
  it('all and stride strategies', () => {
    const t = fps(1, 10); // 0..9 s
    expect(pick(t, phaseWindow('w', 2, 5), { strategy: 'all' })).toEqual([2, 3, 4, 5]);
    expect(pick(t, phaseWindow('w', 0, 9), { strategy: 'stride', stride: 3 })).toEqual([0, 3, 6, 9]);
    expect(pick(t, phaseWindow('w', 0, 9), { strategy: 'stride', stride: 3, count: 2 })).toEqual([0, 3]);
    expect(() => pick(t, phaseWindow('w', 0, 9), { strategy: 'stride', stride: 3, count: 5 })).toThrow(expect.objectContaining({ code: 'TOO_FEW_FRAMES' }));
  });
  it('rejects bad input with codes', () => {
    expect(() => pick(new Float64Array(0), PHASES.arterial, { count: 4 })).toThrow(expect.objectContaining({ code: 'NO_TIMING', message: expect.stringMatching(/frame rate/) }));
    expect(() => pick([0, 1, 1], PHASES.arterial, { count: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => pick([0, Number.NaN], PHASES.arterial, { count: 1 })).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => pick([0, 1], PHASES.arterial, {})).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => pick([0, 1], PHASES.arterial, { count: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => pick([0, 1], PHASES.arterial, { count: 1, injectionTime: Number.NaN })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => pick([0, 1], PHASES.arterial, { count: 1, strategy: 'random' as 'all' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => pick(null as never, PHASES.arterial, { count: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('selectFrames properties', () => {
  // strictly increasing random frame times (variable frame rate, occasional pauses)
  const timesArb = fc
    .tuple(fc.array(fc.double({ min: 0.01, max: 0.5, noNaN: true }), { minLength: 2, maxLength: 600 }), fc.double({ min: -20, max: 20, noNaN: true }))
    .map(([steps, t0]) => {
      const t: number[] = [t0];
      for (const s of steps) t.push(t[t.length - 1]! + s);
      return t;
    });
  const windowArb = fc.tuple(fc.double({ min: -30, max: 150, noNaN: true }), fc.double({ min: 0, max: 120, noNaN: true })).map(([s, len]) => phaseWindow('w', s, s + len));

  it('uniform: times inside the window, strictly increasing, count honoured', () => {
    fc.assert(
      fc.property(timesArb, windowArb, fc.double({ min: -30, max: 30, noNaN: true }), fc.integer({ min: 1, max: 64 }), (t, w, inj, T) => {
        let sel: ReturnType<typeof selectFrames>;
        try {
          sel = selectFrames(t, w, { injectionTime: inj, count: T, allowPartial: true });
        } catch (e) {
          // the only allowed refusals: nothing in the window, or too few frames for T
          expect(['PHASE_NOT_COVERED', 'TOO_FEW_FRAMES']).toContain((e as { code: string }).code);
          const inWindow = t.filter((v) => v - inj >= w.start && v - inj <= w.end).length;
          expect((e as { code: string }).code === 'PHASE_NOT_COVERED' ? inWindow === 0 : inWindow < T).toBe(true);
          return;
        }
        expect(sel.indices).toHaveLength(T);
        sel.times.forEach((x, k) => {
          expect(x).toBeGreaterThanOrEqual(w.start);
          expect(x).toBeLessThanOrEqual(w.end);
          if (k > 0) expect(x).toBeGreaterThan(sel.times[k - 1]!);
          expect(x).toBe(t[sel.indices[k]!]! - inj);
        });
        expect(sel.coverage).toBeGreaterThanOrEqual(0);
        expect(sel.coverage).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('all: exactly the frames inside the window', () => {
    fc.assert(
      fc.property(timesArb, windowArb, (t, w) => {
        const inside = t.map((v, i) => [v, i] as const).filter(([v]) => v >= w.start && v <= w.end).map(([, i]) => i);
        if (inside.length === 0) return;
        expect(pick(t, w, { strategy: 'all', allowPartial: true })).toEqual(inside);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
