import { parseArgs } from 'node:util';
import { didYouMean } from '../closest-name.js';
import { isSonoriskError } from '../errors.js';
import { VERSION } from '../version.js';
import { COMMANDS, type CommandContext } from './cli-commands.js';
import { createProgress } from './progress.js';

/** The exit code a CLI run asks for: 0 ok, 1 error, 2 usage error, 3 some cases failed. */
export interface CliResult {
  exitCode: number;
}

/** Where the CLI writes; defaults to the process's stdout/stderr. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (live progress bar). Defaults to process.stderr.isTTY. */
  isTTY?: boolean;
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `sonorisk ${VERSION} — ultrasound deep-learning risk prediction (HCC early recurrence after RFA)

Usage: sonorisk <command> [options]      sonorisk <command> --help for a command's options

Commands:
${lines.join('\n')}

Options:
  -h, --help     Show help
  -v, --version  Print the version
`;
}

/**
 * Runs the `sonorisk` command line with the given arguments (without `node` and the script).
 * Exit codes: 0 success, 1 error, 2 usage error, 3 some cases failed (the others finished).
 *
 * @example
 * ```ts
 * import { runCli } from 'sonorisk/node';
 * const { exitCode } = await runCli(['demo', '--out', 'sonorisk-demo']);
 * ```
 */
export async function runCli(argv: readonly string[], io?: CliIo): Promise<CliResult> {
  const out = io?.out ?? ((t: string) => void process.stdout.write(t));
  const err = io?.err ?? ((t: string) => void process.stderr.write(t));
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const sub = command === 'help' ? rest[0] : undefined;
    const spec = sub === undefined ? undefined : COMMANDS[sub];
    out(spec ? spec.help : mainHelp());
    return { exitCode: 0 };
  }
  if (command === 'version' || command === '--version' || command === '-v') {
    out(`${VERSION}\n`);
    return { exitCode: 0 };
  }
  const spec = COMMANDS[command];
  if (!spec) {
    err(`sonorisk: unknown command '${command}'.${didYouMean(command, Object.keys(COMMANDS))} Run 'sonorisk --help' for the list of commands.\n`);
    return { exitCode: 2 };
  }
  let parsed: ReturnType<typeof parseArgs>;
  const options = { ...spec.options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } } as const;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message;
    const flag = /Unknown option '--([^'=]+)'/.exec(message)?.[1];
    const hint = flag === undefined ? '' : didYouMean(flag, Object.keys(options), (f) => `--${f}`);
    err(`sonorisk ${command}: ${message}${hint}\nRun 'sonorisk ${command} --help' for its options.\n`);
    return { exitCode: 2 };
  }
  if (parsed.values['help']) {
    out(spec.help);
    return { exitCode: 0 };
  }
  const json = parsed.values['json'] === true;
  const isTTY = io?.isTTY ?? process.stderr.isTTY === true;
  const ctx: CommandContext = {
    values: parsed.values,
    positionals: parsed.positionals,
    out,
    err,
    json,
    progress: createProgress({ write: json ? out : err, mode: json ? 'json' : isTTY ? 'tty' : 'plain' }),
  };
  try {
    return { exitCode: await spec.run(ctx) };
  } catch (e) {
    if (isSonoriskError(e)) {
      if (json) out(`${JSON.stringify({ event: 'error', code: e.code, message: e.message })}\n`);
      else err(`sonorisk ${command}: ${e.message} [${e.code}]\n`);
      return { exitCode: e.code === 'USAGE' ? 2 : 1 };
    }
    throw e;
  }
}
