/**
 * A model's risk result as a DICOM Comprehensive SR following TID 1500 (Measurement Report), the
 * template the IHE AI Results profile uses, written with dcmjs (loaded on first use).
 * @module
 */
import { SonoriskError } from '../errors.js';
import { type Box, checkBox } from '../preprocess/index.js';
import { VERSION } from '../version.js';
import { US_MULTIFRAME_STORAGE } from './find-cines.js';

/** Comprehensive SR Storage. */
export const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';
/** Coding scheme of the concepts no standard code names (PS3.16 §8.2: private schemes start with 99). */
export const SONORISK_SCHEME = '99SONORISK';

/**
 * What {@link riskReport} writes: one model's result on one recording.
 *
 * @example
 * ```ts
 * const input: RiskReportInput = {
 *   source: { studyUID, seriesUID, instanceUID },
 *   patient: cine.meta.identifying,             // open the cine with includeIdentifying: true
 *   model: { id: 'R-CEUS', version: '1.0.0', manifestSha256 },
 *   probability: 0.78, threshold: 0.26,
 *   frameIndices: prediction.frames.indices, box,
 * };
 * ```
 */
export interface RiskReportInput {
  /** The instance the prediction was made on (the report references it and joins its study). */
  source: { studyUID: string; seriesUID: string; instanceUID: string; sopClassUID?: string };
  /**
   * Patient and study attributes to copy so the PACS files the report with its study: keys as in
   * `cine.meta.identifying` (PatientName, PatientID, PatientBirthDate, PatientSex, StudyDate,
   * AccessionNumber) plus StudyTime, StudyID, ReferringPhysicianName. Missing ones stay empty.
   */
  patient?: Readonly<Record<string, string>>;
  /** The model: id, version and the SHA-256 of its manifest (what produced the number). */
  model: { id: string; version: string; manifestSha256?: string };
  /** Probability of early recurrence in [0, 1]. */
  probability: number;
  /** Decision threshold in [0, 1]; the class is high risk when `probability >= threshold`. */
  threshold: number;
  /** The clip's frames as 0-based cine indices (written 1-based as Referenced Frame Numbers). */
  frameIndices: readonly number[];
  /** The ROI box (half-open pixels) on those frames. */
  box: Box;
  /** Series/instance UIDs of the report (default: new UUID-derived UIDs). */
  uids?: { seriesUID?: string; instanceUID?: string };
  /** Content date/time (default now). */
  now?: Date;
  /** Series Number (default 9001) and Series Description (default 'sonorisk AI result'). */
  seriesNumber?: number;
  seriesDescription?: string;
}

type Code = { CodeValue: string; CodingSchemeDesignator: string; CodeMeaning: string };
const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({ CodeValue, CodingSchemeDesignator, CodeMeaning });

/** The codes the report uses (DCM = DICOM PS3.16, SCT = SNOMED CT, UCUM units, 99SONORISK private). */
export const RISK_REPORT_CODES = {
  report: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  english: code('en', 'RFC5646', 'English'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  device: code('121007', 'DCM', 'Device'),
  deviceUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceName: code('121013', 'DCM', 'Device Observer Name'),
  deviceModel: code('121015', 'DCM', 'Device Observer Model Name'),
  procedure: code('121058', 'DCM', 'Procedure reported'),
  ultrasonography: code('16310003', 'SCT', 'Ultrasonography'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  measurements: code('126010', 'DCM', 'Imaging Measurements'),
  group: code('125007', 'DCM', 'Measurement Group'),
  trackingId: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  algorithmName: code('111001', 'DCM', 'Algorithm Name'),
  algorithmVersion: code('111003', 'DCM', 'Algorithm Version'),
  algorithmParameters: code('111002', 'DCM', 'Algorithm Parameters'),
  imageRegion: code('111030', 'DCM', 'Image Region'),
  finding: code('121071', 'DCM', 'Finding'),
  earlyRecurrence: code('ER2Y', SONORISK_SCHEME, 'Early recurrence of HCC within 2 years after RFA'),
  probability: code('PROB', SONORISK_SCHEME, 'Probability of early recurrence'),
  threshold: code('THRESH', SONORISK_SCHEME, 'Decision threshold'),
  riskClass: code('CLASS', SONORISK_SCHEME, 'Risk class'),
  high: code('HIGH', SONORISK_SCHEME, 'High risk of early recurrence'),
  low: code('LOW', SONORISK_SCHEME, 'Low risk of early recurrence'),
  noUnits: code('1', 'UCUM', 'no units'),
} as const;
const C = RISK_REPORT_CODES;

const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/** A new UUID-derived UID (PS3.5 B.2). */
function newUid(): string {
  const uuid = globalThis.crypto?.randomUUID?.();
  if (!uuid) throw new SonoriskError('INVALID_ARGUMENT', 'riskReport: no crypto.randomUUID here; pass uids { seriesUID, instanceUID }.');
  return `2.25.${BigInt(`0x${uuid.replace(/-/g, '')}`).toString()}`;
}

function bad(message: string, details?: Record<string, unknown>): never {
  throw new SonoriskError('INVALID_ARGUMENT', `riskReport: ${message}`, details);
}

function uidOf(name: string, v: unknown): string {
  if (typeof v !== 'string' || v.length > 64 || !UID.test(v)) bad(`${name} ${JSON.stringify(String(v).slice(0, 80))} is not a DICOM UID.`, { field: name });
  return v;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const da = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
const tm = (d: Date) => `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
/** A DS string of at most 16 characters. */
const ds = (x: number) => {
  for (let p = 12; p > 0; p--) {
    const s = String(Number(x.toPrecision(p)));
    if (s.length <= 16) return s;
  }
  return '0';
};

/** Checks the input; returns it with defaults filled. */
function checkInput(input: RiskReportInput) {
  if (typeof input !== 'object' || input === null) bad('give { source, model, probability, threshold, frameIndices, box }.');
  const { source, model, probability, threshold, frameIndices, box } = input;
  if (typeof source !== 'object' || source === null) bad('source { studyUID, seriesUID, instanceUID } is required.');
  const src = {
    studyUID: uidOf('source.studyUID', source.studyUID),
    seriesUID: uidOf('source.seriesUID', source.seriesUID),
    instanceUID: uidOf('source.instanceUID', source.instanceUID),
    sopClassUID: uidOf('source.sopClassUID', source.sopClassUID ?? US_MULTIFRAME_STORAGE),
  };
  if (typeof model !== 'object' || model === null || typeof model.id !== 'string' || model.id === '' || typeof model.version !== 'string') bad('model { id, version } (strings) is required.');
  if (model.manifestSha256 !== undefined && !/^[0-9a-f]{64}$/i.test(model.manifestSha256)) bad('model.manifestSha256 must be 64 hex digits.');
  for (const [k, v] of Object.entries({ probability, threshold })) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new SonoriskError('PROBABILITY_OUT_OF_RANGE', `riskReport: ${k} must be a number in [0, 1], got ${String(v)}.`, { [k]: v });
    }
  }
  if (!Array.isArray(frameIndices) || frameIndices.length === 0 || frameIndices.some((i) => !Number.isInteger(i) || i < 0)) {
    bad('frameIndices must be a non-empty array of 0-based frame indices (e.g. prediction.frames.indices).');
  }
  const checked = checkBox(box).box;
  const now = input.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) bad('now must be a valid Date.');
  const seriesUID = input.uids?.seriesUID === undefined ? newUid() : uidOf('uids.seriesUID', input.uids.seriesUID);
  const instanceUID = input.uids?.instanceUID === undefined ? newUid() : uidOf('uids.instanceUID', input.uids.instanceUID);
  return { src, model, probability, threshold, frameIndices, box: checked, now, seriesUID, instanceUID };
}

/**
 * Builds the report as a plain dcmjs "naturalized" data set (attribute keywords → values). Pure;
 * {@link riskReport} encodes it. Exposed so apps can inspect or extend the content tree.
 *
 * Structure (TID 1500 Measurement Report): language (TID 1204); observer context = device
 * (TID 1001/1004: sonorisk, the model id); procedure reported = Ultrasonography (SCT 16310003);
 * Image Library (TID 1600) with the source instance; Imaging Measurements → one Measurement Group
 * (TID 1501/1410) holding tracking identifier and UID, finding, algorithm name/version/parameters
 * (TID 4019: model id, version, manifest SHA-256), the box as an Image Region SCOORD POLYLINE
 * SELECTED FROM the source instance's clip frames, and NUMs for probability and threshold plus a
 * CODE for the class. No standard code exists for the probability, threshold and class of this
 * model, so they use the private scheme 99SONORISK ({@link RISK_REPORT_CODES}).
 *
 * @example
 * ```ts
 * const ds = riskReportDataset(input);
 * ds.ContentSequence.length; // 5
 * ```
 */
export function riskReportDataset(input: RiskReportInput): Record<string, unknown> {
  const v = checkInput(input);
  const p = input.patient ?? {};
  const str = (k: string) => (typeof p[k] === 'string' ? p[k] : '');
  const image = (rel: string, frames?: readonly number[]) => ({
    RelationshipType: rel,
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [
      {
        ReferencedSOPClassUID: v.src.sopClassUID,
        ReferencedSOPInstanceUID: v.src.instanceUID,
        ...(frames ? { ReferencedFrameNumber: frames.map((i) => i + 1) } : {}),
      },
    ],
  });
  const text = (rel: string, name: Code, value: string) => ({ RelationshipType: rel, ValueType: 'TEXT', ConceptNameCodeSequence: [name], TextValue: value });
  const codeItem = (rel: string, name: Code, value: Code) => ({ RelationshipType: rel, ValueType: 'CODE', ConceptNameCodeSequence: [name], ConceptCodeSequence: [value] });
  const num = (name: Code, x: number) => ({
    RelationshipType: 'CONTAINS',
    ValueType: 'NUM',
    ConceptNameCodeSequence: [name],
    MeasuredValueSequence: [{ NumericValue: ds(x), FloatingPointValue: x, MeasurementUnitsCodeSequence: [C.noUnits] }],
  });
  const { x0, y0, x1, y1 } = v.box;
  const deviceUid = v.model.manifestSha256 ? `2.25.${BigInt(`0x${v.model.manifestSha256.slice(0, 32)}`).toString()}` : undefined;
  const positive = v.probability >= v.threshold;
  const group = {
    RelationshipType: 'CONTAINS',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [C.group],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1410' }],
    ContentSequence: [
      text('HAS OBS CONTEXT', C.trackingId, `${v.model.id} risk`.slice(0, 64)),
      { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'UIDREF', ConceptNameCodeSequence: [C.trackingUid], UID: v.instanceUID.length < 60 ? `${v.instanceUID}.1` : newUid() },
      codeItem('CONTAINS', C.finding, C.earlyRecurrence),
      text('HAS CONCEPT MOD', C.algorithmName, v.model.id),
      text('HAS CONCEPT MOD', C.algorithmVersion, v.model.version),
      ...(v.model.manifestSha256 ? [text('HAS CONCEPT MOD', C.algorithmParameters, `manifest sha256 ${v.model.manifestSha256.toLowerCase()}`)] : []),
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'SCOORD',
        ConceptNameCodeSequence: [C.imageRegion],
        GraphicType: 'POLYLINE',
        // Image coordinates: (0,0) is the top-left corner of the top-left pixel, so a half-open pixel box's bounds are its corners.
        GraphicData: [x0, y0, x1, y0, x1, y1, x0, y1, x0, y0],
        ContentSequence: [image('SELECTED FROM', v.frameIndices)],
      },
      num(C.probability, v.probability),
      num(C.threshold, v.threshold),
      codeItem('CONTAINS', C.riskClass, positive ? C.high : C.low),
    ],
  };
  return {
    _meta: {},
    SpecificCharacterSet: 'ISO_IR 192',
    CodingSchemeIdentificationSequence: [{ CodingSchemeDesignator: SONORISK_SCHEME, CodingSchemeName: 'sonorisk local codes', CodingSchemeResponsibleOrganization: 'sonorisk' }],
    SOPClassUID: COMPREHENSIVE_SR,
    SOPInstanceUID: v.instanceUID,
    StudyDate: str('StudyDate'),
    ContentDate: da(v.now),
    StudyTime: str('StudyTime'),
    ContentTime: tm(v.now),
    AccessionNumber: str('AccessionNumber'),
    Modality: 'SR',
    Manufacturer: 'sonorisk',
    ReferringPhysicianName: str('ReferringPhysicianName'),
    SeriesDescription: input.seriesDescription ?? 'sonorisk AI result',
    ManufacturerModelName: v.model.id,
    ReferencedPerformedProcedureStepSequence: [],
    PatientName: str('PatientName'),
    PatientID: str('PatientID'),
    PatientBirthDate: str('PatientBirthDate'),
    PatientSex: str('PatientSex'),
    SoftwareVersions: `sonorisk ${VERSION}`,
    StudyInstanceUID: v.src.studyUID,
    SeriesInstanceUID: v.seriesUID,
    StudyID: str('StudyID'),
    SeriesNumber: String(input.seriesNumber ?? 9001),
    InstanceNumber: '1',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [C.report],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: v.src.studyUID,
        ReferencedSeriesSequence: [{ SeriesInstanceUID: v.src.seriesUID, ReferencedSOPSequence: [{ ReferencedSOPClassUID: v.src.sopClassUID, ReferencedSOPInstanceUID: v.src.instanceUID }] }],
      },
    ],
    PerformedProcedureCodeSequence: [],
    ContentSequence: [
      codeItem('HAS CONCEPT MOD', C.language, C.english),
      codeItem('HAS OBS CONTEXT', C.observerType, C.device),
      ...(deviceUid ? [{ RelationshipType: 'HAS OBS CONTEXT', ValueType: 'UIDREF', ConceptNameCodeSequence: [C.deviceUid], UID: deviceUid }] : []),
      text('HAS OBS CONTEXT', C.deviceName, 'sonorisk'),
      text('HAS OBS CONTEXT', C.deviceModel, v.model.id),
      codeItem('HAS CONCEPT MOD', C.procedure, C.ultrasonography),
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'CONTAINER',
        ConceptNameCodeSequence: [C.imageLibrary],
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: [{ RelationshipType: 'CONTAINS', ValueType: 'CONTAINER', ConceptNameCodeSequence: [C.imageLibraryGroup], ContinuityOfContent: 'SEPARATE', ContentSequence: [image('CONTAINS')] }],
      },
      { RelationshipType: 'CONTAINS', ValueType: 'CONTAINER', ConceptNameCodeSequence: [C.measurements], ContinuityOfContent: 'SEPARATE', ContentSequence: [group] },
    ],
  };
}

interface Dcmjs {
  data: { datasetToDict(dataset: Record<string, unknown>): { write(): ArrayBuffer } };
}

/**
 * Writes one model's risk result as a DICOM Comprehensive SR (Part 10 bytes, Explicit VR Little
 * Endian) with dcmjs: TID 1500 content as {@link riskReportDataset} describes, in the source's
 * study, referencing the source instance and the clip's frames. Store it with `storeInstances`.
 *
 * Errors: `INVALID_ARGUMENT` (UIDs, model, frames, box), `PROBABILITY_OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * import { riskReport, storeInstances } from 'sonorisk/dicomweb';
 * const sr = await riskReport({
 *   source: ref, patient: cine.meta.identifying, model: { id: 'R-CEUS', version: '1.0.0' },
 *   probability: p.probability, threshold: p.threshold, frameIndices: p.frames.indices, box,
 * });
 * await storeInstances([sr], { url: ref.url, headers });
 * ```
 */
export async function riskReport(input: RiskReportInput): Promise<Uint8Array> {
  const dataset = riskReportDataset(input);
  const dcmjs = (await import('dcmjs')) as unknown as Dcmjs & { default?: Dcmjs };
  const lib = dcmjs.data ? dcmjs : dcmjs.default!;
  return new Uint8Array(lib.data.datasetToDict(dataset).write());
}
