/**
 * Turns a loaded manifest's folds into one runner, whatever reads the weights (files in Node, URLs
 * in a worker): each fold opened in turn, its weights checked against the manifest's sha256, its
 * graph input against the spec; one fold is its own runner, several are ensembled with the
 * manifest's rule; on any failure the runners already opened are disposed. Internal.
 * @module
 */
import { SonoriskError } from '../errors.js';
import { ensemble } from './ensemble.js';
import { checkSpecAgainstShape, type LoadedModelManifest } from './manifest.js';
import type { Runner } from './runner.js';

/** Throws `MANIFEST_INVALID` when a fold's weights hash to another digest than its manifest states (undefined: not checked). */
export function checkFoldDigest(fold: { file: string; sha256?: string }, digest: string | undefined): void {
  if (fold.sha256 !== undefined && digest !== undefined && digest !== fold.sha256) {
    throw new SonoriskError('MANIFEST_INVALID', `${fold.file} has sha256 ${digest}, the manifest says ${fold.sha256}: wrong or corrupted weights.`, { file: fold.file });
  }
}

/** Opens every fold with `openFold` (which checks the digest) and combines them into the model's runner. */
export async function runnerFromFolds(loaded: LoadedModelManifest, openFold: (fold: { file: string; sha256?: string }, index: number) => Promise<Runner>): Promise<Runner> {
  const runners: Runner[] = [];
  try {
    for (const [i, fold] of loaded.manifest.folds.entries()) {
      const runner = await openFold(fold, i);
      runners.push(runner);
      if (runner.inputShape !== undefined) checkSpecAgainstShape(loaded.spec, runner.inputShape);
    }
  } catch (e) {
    for (const r of runners) await r.dispose();
    throw e;
  }
  return runners.length === 1 ? runners[0]! : ensemble(runners, { combine: loaded.combine, output: loaded.spec.output });
}
