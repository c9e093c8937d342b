import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { toCsv } from '../report/index.js';
import { type EvaluateOptions, evaluatePredictions, parsePredictions } from '../study/index.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * `sonorisk evaluate`: reads predictions.csv (and optionally the cohort's covariates), writes the
 * report bundle (`report.html`, `report.md`, `figures/*.svg`, `tables/*.csv`) into `outDir`.
 *
 * @example
 * ```ts
 * await evaluateToFolder('out/predictions.csv', 'out/report', { cases: cohort.cases });
 * ```
 */
export async function evaluateToFolder(predictionsPath: string, outDir: string, options: EvaluateOptions = {}): Promise<string[]> {
  const text = await readFile(predictionsPath, 'utf8').catch((e: unknown) => {
    throw new SonoriskError('INVALID_ARGUMENT', `Cannot read ${predictionsPath}: ${(e as Error).message}`);
  });
  const report = evaluatePredictions(parsePredictions(text), options);
  const files: Record<string, string> = { ...report.files };
  for (const [k, t] of report.tables.entries()) files[`tables/table-${k + 1}.csv`] = toCsv(t);
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    await writeFileAtomic(join(outDir, name), content);
    written.push(name);
  }
  return written;
}
