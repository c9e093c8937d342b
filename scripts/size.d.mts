/** One subpath's bundle measurement (bytes). */
export interface SizeMeasurement {
  sub: string;
  min: number;
  gzip: number;
  lazyMin: number;
  lazyGzip: number;
  inputs: string[];
  eagerText: string;
}
export declare const budgets: { forbiddenMarkers: string[]; subpaths: Record<string, { gzip: number; lazyGzip?: number; noHeavy?: boolean }> };
export declare function measure(sub: string, consumer: string): Promise<SizeMeasurement>;
export declare function measureAll(): Promise<SizeMeasurement[]>;
export declare function problems(m: SizeMeasurement): string[];
