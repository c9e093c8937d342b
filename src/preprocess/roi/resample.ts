/**
 * 2D resampling kernels that reproduce PyTorch's CPU `F.interpolate` (torch 1.13) to the last bit
 * on the inputs sonorisk feeds them (float32 planes of integer or luma values).
 * @module
 */

/** Where a resampled block is written: a plane of `stride` columns, starting at `offset`. */
export interface PlaneTarget {
  out: Float32Array;
  offset: number;
  stride: number;
}

const f32 = Math.fround;

/**
 * `F.interpolate(mode='area')`, i.e. `adaptive_avg_pool2d`: output pixel (oy, ox) is the mean of
 * input rows floor(oy·inH/outH) .. ceil((oy+1)·inH/outH) − 1 and the same for columns. Sums are
 * accumulated in float32 in row-major order and divided as `sum / kh / kw`, as torch's CPU kernel
 * does, so results match bit for bit.
 *
 * @example
 * ```ts
 * const out = new Float32Array(1);
 * resizeArea(new Float32Array([1, 2, 3, 4]), 2, 2, 1, 1, { out, offset: 0, stride: 1 }); // out[0] = 2.5
 * ```
 */
export function resizeArea(src: Float32Array, inW: number, inH: number, outW: number, outH: number, target: PlaneTarget): void {
  const { out, offset, stride } = target;
  const xs = new Int32Array(outW);
  const xe = new Int32Array(outW);
  for (let ox = 0; ox < outW; ox++) {
    xs[ox] = Math.floor((ox * inW) / outW);
    xe[ox] = Math.ceil(((ox + 1) * inW) / outW);
  }
  for (let oy = 0; oy < outH; oy++) {
    const y0 = Math.floor((oy * inH) / outH);
    const y1 = Math.ceil(((oy + 1) * inH) / outH);
    const kh = y1 - y0;
    const row = offset + oy * stride;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = xs[ox]!;
      const x1 = xe[ox]!;
      let sum = 0;
      for (let iy = y0; iy < y1; iy++) {
        const base = iy * inW;
        for (let ix = x0; ix < x1; ix++) sum = f32(sum + src[base + ix]!);
      }
      out[row + ox] = f32(f32(sum / kh) / (x1 - x0));
    }
  }
}

interface LinearTaps {
  i0: Int32Array;
  i1: Int32Array;
  w0: Float32Array;
  w1: Float32Array;
}

/** Source taps of `F.interpolate(mode='bilinear', align_corners=False)` along one axis. */
function linearTaps(inSize: number, outSize: number): LinearTaps {
  const scale = f32(inSize / outSize);
  const taps: LinearTaps = { i0: new Int32Array(outSize), i1: new Int32Array(outSize), w0: new Float32Array(outSize), w1: new Float32Array(outSize) };
  for (let d = 0; d < outSize; d++) {
    let real = scale * (d + 0.5) - 0.5;
    if (real < 0) real = 0;
    const i0 = Math.min(Math.floor(real), inSize - 1);
    const lambda = f32(Math.min(Math.max(real - i0, 0), 1));
    taps.i0[d] = i0;
    taps.i1[d] = i0 < inSize - 1 ? i0 + 1 : i0;
    taps.w1[d] = lambda;
    taps.w0[d] = f32(1 - lambda);
  }
  return taps;
}

/**
 * `F.interpolate(mode='bilinear', align_corners=False, antialias=False)`: half-pixel centres,
 * source index clamped at 0 and at the last row/column. Weights are float32 as in torch; the four
 * products are summed in double and rounded once to float32, which matches torch 1.13's CPU output
 * bit for bit on integer-valued input.
 *
 * @example
 * ```ts
 * const out = new Float32Array(4);
 * resizeBilinear(new Float32Array([0, 4]), 2, 1, 4, 1, { out, offset: 0, stride: 4 }); // [0, 1, 3, 4]
 * ```
 */
export function resizeBilinear(src: Float32Array, inW: number, inH: number, outW: number, outH: number, target: PlaneTarget): void {
  const { out, offset, stride } = target;
  const tx = linearTaps(inW, outW);
  const ty = linearTaps(inH, outH);
  for (let oy = 0; oy < outH; oy++) {
    const r0 = ty.i0[oy]! * inW;
    const r1 = ty.i1[oy]! * inW;
    const wy0 = ty.w0[oy]!;
    const wy1 = ty.w1[oy]!;
    const row = offset + oy * stride;
    for (let ox = 0; ox < outW; ox++) {
      const c0 = tx.i0[ox]!;
      const c1 = tx.i1[ox]!;
      const wx0 = tx.w0[ox]!;
      const wx1 = tx.w1[ox]!;
      out[row + ox] = f32(
        src[r0 + c0]! * f32(wy0 * wx0) + src[r0 + c1]! * f32(wy0 * wx1) + src[r1 + c0]! * f32(wy1 * wx0) + src[r1 + c1]! * f32(wy1 * wx1),
      );
    }
  }
}
