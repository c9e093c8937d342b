// Ambient type for dcmjs (untyped), loaded lazily by riskReport; only what sonorisk uses.
declare module 'dcmjs' {
  export const data: { datasetToDict(dataset: Record<string, unknown>): { write(): ArrayBuffer } };
}
