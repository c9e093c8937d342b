// Reads what the simulate tests need from a DICOM file with dicom-parser (an independent parser).
import dicomParser from 'dicom-parser';

export interface ParsedUs {
  ds: dicomParser.DataSet;
  transferSyntax: string;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometric: string;
  frames: number;
  frameTimeMs: number;
  cineRate: number;
  frameIncrementPointer: string;
  regions: { x0: number; y0: number; x1: number; y1: number; dx: number; dy: number; ux: number; uy: number; format: number; type: number; vrs: string[] }[];
  /** Native frames, or the encapsulated fragments (one per frame). */
  frameBytes: Uint8Array[];
}

export function readUs(bytes: Uint8Array): ParsedUs {
  const ds = dicomParser.parseDicom(bytes);
  const s = (tag: string): string => ds.string(tag) ?? '';
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const spp = ds.uint16('x00280002') ?? 0;
  const frames = Number(s('x00280008'));
  const seq = ds.elements['x00186011'];
  const regions = (seq?.items ?? []).map((item) => {
    const d = item.dataSet!;
    const tags = ['x00186018', 'x0018601a', 'x0018601c', 'x0018601e', 'x0018602c', 'x0018602e', 'x00186024', 'x00186026', 'x00186012', 'x00186014'];
    return {
      x0: d.uint32('x00186018')!,
      y0: d.uint32('x0018601a')!,
      x1: d.uint32('x0018601c')!,
      y1: d.uint32('x0018601e')!,
      dx: d.double('x0018602c')!,
      dy: d.double('x0018602e')!,
      ux: d.uint16('x00186024')!,
      uy: d.uint16('x00186026')!,
      format: d.uint16('x00186012')!,
      type: d.uint16('x00186014')!,
      vrs: tags.map((t) => d.elements[t]?.vr ?? '?'),
    };
  });
  const pixel = ds.elements['x7fe00010']!;
  const frameBytes: Uint8Array[] = [];
  if (pixel.encapsulatedPixelData) {
    for (const f of pixel.fragments ?? []) frameBytes.push(bytes.subarray(f.position, f.position + f.length));
  } else {
    const n = rows * columns * spp;
    for (let i = 0; i < frames; i++) frameBytes.push(bytes.subarray(pixel.dataOffset + i * n, pixel.dataOffset + (i + 1) * n));
  }
  return {
    ds,
    transferSyntax: s('x00020010'),
    rows,
    columns,
    samplesPerPixel: spp,
    photometric: s('x00280004'),
    frames,
    frameTimeMs: ds.floatString('x00181063') ?? Number.NaN,
    cineRate: ds.intString('x00180040') ?? Number.NaN,
    frameIncrementPointer: ds.attributeTag('x00280009') ?? '',
    regions,
    frameBytes,
  };
}
