import type { ParseArgsConfig } from 'node:util';
import { SonoriskError } from '../errors.js';
import { mergePredictionFiles } from './merge.js';
import type { ProgressReporter } from './progress.js';

/** What a command handler receives. */
export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  out: (text: string) => void;
  err: (text: string) => void;
  json: boolean;
  progress: ProgressReporter;
}

/** A CLI subcommand: its options, help text and handler (returns the exit code). */
export interface CommandSpec {
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run: (ctx: CommandContext) => Promise<number>;
}

/** Reads a string option, or throws a usage error naming it. */
export function stringOption(ctx: CommandContext, name: string, fallback?: string): string {
  const v = ctx.values[name];
  if (typeof v === 'string' && v !== '') return v;
  if (fallback !== undefined) return fallback;
  throw new SonoriskError('USAGE', `--${name} is required.`);
}

const COMMON = `  --json            Machine-readable progress and results (JSON lines on stdout)
  -h, --help        Show this help
`;

/** The subcommands of `sonorisk`, in help order. */
export const COMMANDS: Record<string, CommandSpec> = {
  merge: {
    summary: 'Join predictions.csv files written by several shards',
    help: `Usage: sonorisk merge <predictions.csv>... --out <file>

Joins the prediction tables that several shards (--shard i/n) wrote into one, checking that they
share their columns and that no case appears twice.

Options:
  --out <file>      The merged predictions.csv (required)
${COMMON}`,
    options: { out: { type: 'string' } },
    run: async (ctx) => {
      const out = stringOption(ctx, 'out');
      if (ctx.positionals.length === 0) throw new SonoriskError('USAGE', 'give the predictions.csv files to merge.');
      const { rows } = await mergePredictionFiles(ctx.positionals, out);
      if (ctx.json) ctx.out(`${JSON.stringify({ event: 'merged', rows, out })}\n`);
      else ctx.out(`merged ${ctx.positionals.length} files, ${rows} cases → ${out}\n`);
      return 0;
    },
  },
};
