/** The "runaway case" of issue 14 item 8: a case that needs more than a small worker heap. */
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Gives case `index` of a JSON cohort manifest `n` numeric covariates (`f0` … `f{n-1}`, as a wide
 * radiomics table would) and rewrites the manifest. The manifest reader accepts any number of
 * covariates, and the case pool posts the whole case to its worker: with n = 1 000 000 (a 20 MB
 * manifest) the worker needs well over 64 MiB of heap just to receive the case, while the other
 * cases need far less. No DICOM input can do this any more: the parser's caps (maxElements,
 * maxValues, maxBytes, the inflate ratio) bound the JS heap one cine costs to tens of MiB.
 * Returns the case's id.
 */
export function addWideCovariates(manifestPath: string, index: number, n: number): string {
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { cases: { id: string; covariates?: Record<string, number> }[] };
  const c = m.cases[index]!;
  const covariates: Record<string, number> = { ...c.covariates };
  for (let i = 0; i < n; i++) covariates[`f${i}`] = (i % 1000) / 7;
  c.covariates = covariates;
  writeFileSync(manifestPath, JSON.stringify(m));
  return c.id;
}
