/**
 * The Sequence of Ultrasound Regions (0018,6011) with its VRs (UL locations, FD physical deltas,
 * US unit codes), bounds clamped to the image. Internal to sonorisk.
 * @module
 */
import { type DicomDataset, getItems, getNumber } from './dicom-dataset.js';
import type { UltrasoundRegion } from '../types.js';
import { TAG } from './tags.js';

const UNITS_CM = 3;

/** Regions and warnings about stale bounds. Bounds are half-open: x1 = Region Location Max X1 + 1. */
export function ultrasoundRegions(ds: DicomDataset, width: number, height: number): { regions: UltrasoundRegion[]; warnings: string[] } {
  const regions: UltrasoundRegion[] = [];
  const warnings: string[] = [];
  getItems(ds, TAG.SequenceOfUltrasoundRegions).forEach((item, i) => {
    const minX = getNumber(item, TAG.RegionLocationMinX0, 'UL');
    const minY = getNumber(item, TAG.RegionLocationMinY0, 'UL');
    const maxX = getNumber(item, TAG.RegionLocationMaxX1, 'UL');
    const maxY = getNumber(item, TAG.RegionLocationMaxY1, 'UL');
    if (minX === undefined || minY === undefined || maxX === undefined || maxY === undefined) {
      warnings.push(`Ultrasound region ${i} lacks its Region Location; skipped.`);
      return;
    }
    const clampX = (v: number) => Math.min(Math.max(0, v), width);
    const clampY = (v: number) => Math.min(Math.max(0, v), height);
    const x0 = clampX(minX);
    const y0 = clampY(minY);
    const x1 = clampX(maxX + 1);
    const y1 = clampY(maxY + 1);
    if (x0 !== minX || y0 !== minY || x1 !== maxX + 1 || y1 !== maxY + 1) {
      warnings.push(`Ultrasound region ${i} (${minX},${minY})–(${maxX},${maxY}) extends past the ${width}×${height} image (stale after cropping?); clamped.`);
    }
    if (x1 <= x0 || y1 <= y0) {
      warnings.push(`Ultrasound region ${i} is empty after clamping to the image; skipped.`);
      return;
    }
    const region: UltrasoundRegion = {
      x0,
      y0,
      x1,
      y1,
      spatialFormat: getNumber(item, TAG.RegionSpatialFormat, 'US') ?? 0,
      dataType: getNumber(item, TAG.RegionDataType, 'US') ?? 0,
      physicalUnitsX: getNumber(item, TAG.PhysicalUnitsXDirection, 'US') ?? 0,
      physicalUnitsY: getNumber(item, TAG.PhysicalUnitsYDirection, 'US') ?? 0,
      physicalDeltaX: getNumber(item, TAG.PhysicalDeltaX, 'FD') ?? 0,
      physicalDeltaY: getNumber(item, TAG.PhysicalDeltaY, 'FD') ?? 0,
    };
    if (region.physicalUnitsX === UNITS_CM && region.physicalUnitsY === UNITS_CM && region.physicalDeltaX > 0 && region.physicalDeltaY > 0) {
      region.spacingMm = { x: region.physicalDeltaX * 10, y: region.physicalDeltaY * 10 };
    }
    regions.push(region);
  });
  return { regions, warnings };
}

/** Pixel spacing (mm) of the first 2D (spatial format 1) tissue (data type 1) region in cm. */
export function pixelSpacingFromRegions(regions: UltrasoundRegion[]): { x: number; y: number } | undefined {
  const r = regions.find((g) => g.spatialFormat === 1 && g.dataType === 1 && g.spacingMm);
  return r?.spacingMm;
}
