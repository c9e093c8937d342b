/**
 * The DICOM tags sonorisk reads, by their PS3.6 keyword, as `(group << 16) | element` numbers, so
 * code reads `TAG.Rows` instead of `0x00280010`. Internal to the DICOM reader.
 * @module
 */

/** Data element tags by PS3.6 keyword. */
export const TAG = {
  TransferSyntaxUID: 0x00020010,
  ImageType: 0x00080008,
  StudyDate: 0x00080020,
  AccessionNumber: 0x00080050,
  SOPInstanceUID: 0x00080018,
  Modality: 0x00080060,
  Manufacturer: 0x00080070,
  InstitutionName: 0x00080080,
  ReferringPhysicianName: 0x00080090,
  ManufacturerModelName: 0x00081090,
  RecommendedDisplayFrameRate: 0x00082144,
  PatientName: 0x00100010,
  PatientID: 0x00100020,
  PatientBirthDate: 0x00100030,
  PatientSex: 0x00100040,
  OtherPatientIDs: 0x00101000,
  CineRate: 0x00180040,
  FrameTime: 0x00181063,
  FrameTimeVector: 0x00181065,
  ActualFrameDuration: 0x00181242,
  SequenceOfUltrasoundRegions: 0x00186011,
  RegionSpatialFormat: 0x00186012,
  RegionDataType: 0x00186014,
  RegionFlags: 0x00186016,
  RegionLocationMinX0: 0x00186018,
  RegionLocationMinY0: 0x0018601a,
  RegionLocationMaxX1: 0x0018601c,
  RegionLocationMaxY1: 0x0018601e,
  ReferencePixelX0: 0x00186020,
  ReferencePixelY0: 0x00186022,
  PhysicalUnitsXDirection: 0x00186024,
  PhysicalUnitsYDirection: 0x00186026,
  PhysicalDeltaX: 0x0018602c,
  PhysicalDeltaY: 0x0018602e,
  StudyInstanceUID: 0x0020000d,
  SeriesInstanceUID: 0x0020000e,
  SamplesPerPixel: 0x00280002,
  PhotometricInterpretation: 0x00280004,
  PlanarConfiguration: 0x00280006,
  NumberOfFrames: 0x00280008,
  FrameIncrementPointer: 0x00280009,
  Rows: 0x00280010,
  Columns: 0x00280011,
  BitsAllocated: 0x00280100,
  BitsStored: 0x00280101,
  HighBit: 0x00280102,
  PixelRepresentation: 0x00280103,
  RedPaletteColorLookupTableDescriptor: 0x00281101,
  GreenPaletteColorLookupTableDescriptor: 0x00281102,
  BluePaletteColorLookupTableDescriptor: 0x00281103,
  RedPaletteColorLookupTableData: 0x00281201,
  GreenPaletteColorLookupTableData: 0x00281202,
  BluePaletteColorLookupTableData: 0x00281203,
  SegmentedRedPaletteColorLookupTableData: 0x00281221,
  SegmentedGreenPaletteColorLookupTableData: 0x00281222,
  SegmentedBluePaletteColorLookupTableData: 0x00281223,
  ExtendedOffsetTable: 0x7fe00001,
  ExtendedOffsetTableLengths: 0x7fe00002,
  FloatPixelData: 0x7fe00008,
  DoublePixelData: 0x7fe00009,
  PixelData: 0x7fe00010,
  /** Sequence item, item delimitation and sequence delimitation (PS3.5 §7.5). */
  Item: 0xfffee000,
  ItemDelimitationItem: 0xfffee00d,
  SequenceDelimitationItem: 0xfffee0dd,
} as const;

/** A tag as `(GGGG,EEEE)`, for messages. */
export function tagString(tag: number): string {
  const h = (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `(${h.slice(0, 4)},${h.slice(4)})`;
}

let names: Map<number, string> | undefined;

/** The PS3.6 keyword of a tag sonorisk knows (e.g. `'FrameTimeVector'`), or '' — for messages. */
export function tagName(tag: number): string {
  names ??= new Map(Object.entries(TAG).map(([k, v]) => [v as number, k]));
  return names.get(tag >>> 0) ?? '';
}
