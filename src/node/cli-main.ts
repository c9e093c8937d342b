import { VERSION } from '../version.js';

const HELP = `sonorisk ${VERSION} — ultrasound deep-learning risk prediction (HCC early recurrence after RFA)

Usage: sonorisk <command> [options]

Commands:
  help           Show this help
  version        Print the version

Options:
  -h, --help     Show help
  -v, --version  Print the version
`;

/** What a CLI run printed and the exit code it asks for. */
export interface CliResult {
  exitCode: number;
}

/** Where the CLI writes; defaults to the process's stdout/stderr. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Runs the `sonorisk` command line with the given arguments (without `node` and the script).
 *
 * @example
 * ```ts
 * import { runCli } from 'sonorisk/node';
 * const { exitCode } = await runCli(['--version']);
 * ```
 */
export async function runCli(argv: readonly string[], io?: CliIo): Promise<CliResult> {
  const out = io?.out ?? ((t: string) => process.stdout.write(t));
  const err = io?.err ?? ((t: string) => process.stderr.write(t));
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return { exitCode: 0 };
  }
  if (command === 'version' || command === '--version' || command === '-v') {
    out(`${VERSION}\n`);
    return { exitCode: 0 };
  }
  err(`sonorisk: unknown command '${command}'. Run 'sonorisk --help' for the list of commands.\n`);
  return { exitCode: 2 };
}
