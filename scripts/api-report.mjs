#!/usr/bin/env node
/**
 * API reports: one per public subpath of package.json, written by API Extractor from the built
 * declarations (dist/<subpath>/index.d.ts, tsup's output with its shared .d.ts chunks) to
 * etc/api/<subpath>.api.md, where they are reviewed like code.
 *
 *   node scripts/api-report.mjs          # check: fails when the public surface differs from the reports
 *   node scripts/api-report.mjs --update # rewrite the reports (then review and commit the diff)
 *
 * Needs `npm run build` first (npm scripts `api:check` and `api:update` do both in order).
 * @module
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Subpath name ('index' for the root entry) → its built declaration entry. */
const entries = Object.entries(pkg.exports)
  .filter(([, value]) => typeof value === 'object' && value.import?.types)
  .map(([key, value]) => ({ name: key === '.' ? 'index' : key.slice(2), dts: join(root, value.import.types) }));

mkdirSync(join(root, 'etc', 'api'), { recursive: true });
mkdirSync(join(root, 'temp', 'api'), { recursive: true });
for (const { dts } of entries) {
  if (!existsSync(dts)) {
    console.error(`api-report: ${dts} is missing; run npm run build first.`);
    process.exit(1);
  }
}

/** API Extractor's configuration for one subpath (reports only: no doc model, no d.ts rollup). */
function configFor(name, dts) {
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: dts,
      bundledPackages: [],
      compiler: { tsconfigFilePath: join(root, 'tsconfig.json') },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder: join(root, 'etc', 'api'),
        reportTempFolder: join(root, 'temp', 'api'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          default: { logLevel: 'none' },
          // An @internal declaration reachable from the public surface is an error.
          'ae-internal-missing-underscore': { logLevel: 'none' },
          'ae-incompatible-release-tags': { logLevel: 'error' },
          'ae-missing-release-tag': { logLevel: 'none' },
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
}

// One TypeScript program for all subpaths (they share the .d.ts chunks).
const configs = entries.map(({ name, dts }) => ({ name, config: configFor(name, dts) }));
const compilerState = CompilerState.create(configs[0].config, { additionalEntryPoints: entries.map((e) => e.dts) });
const quiet = (m) => {
  if (m.logLevel === 'none' || m.messageId === 'console-compiler-version-notice') m.handled = true;
};
let failed = 0;
for (const { name, config } of configs) {
  const result = Extractor.invoke(config, { localBuild: update, compilerState, showVerboseMessages: false, messageCallback: quiet });
  if (!result.succeeded || (!update && result.apiReportChanged)) {
    failed++;
    console.error(`api-report: ${name}: ${result.apiReportChanged ? `the public API differs from etc/api/${name}.api.md (see temp/api/${name}.api.md). If the change is intended: npm run api:update, review the diff, commit it.` : `${result.errorCount} error(s).`}`);
  }
}
if (failed > 0) process.exit(1);
console.log(`api-report: ${entries.length} subpaths ${update ? 'written to' : 'match'} etc/api/.`);
