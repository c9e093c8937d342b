#!/usr/bin/env node
import { runCli } from './cli-main.js';

runCli(process.argv.slice(2)).then(
  ({ exitCode }) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`sonorisk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
