export declare function digest(a: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }): { length: number; sum: number; sumSq: number; first: number[] };
export declare const SPEC: Record<string, unknown>;
export declare const BOX: { x0: number; y0: number; x1: number; y1: number };
export declare function coreSteps(
  s: Record<string, unknown>,
  input: { ybr: Uint8Array | Blob; jpeg2k?: Uint8Array | Blob; onnx?: { session: unknown; ort: unknown }; tfjs?: { model: unknown; tf: unknown } },
): Promise<Record<string, unknown>>;
export declare function compareSummaries(actual: unknown, expected: unknown, logitTol?: number, path?: string): string[];
