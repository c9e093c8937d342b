/** A progress event: cases done out of total, the case just finished and how it ended. */
export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
  caseId?: string;
  status?: 'ok' | 'skipped' | 'failed';
  message?: string;
}

/** Receives progress from long-running pipeline work. */
export interface ProgressReporter {
  start(stage: string, total: number): void;
  update(event: ProgressEvent): void;
  finish(summary: string): void;
}

/** How the reporter writes: a TTY gets a live bar, other streams plain lines, `json` JSON lines. */
export interface ProgressOptions {
  write: (text: string) => void;
  mode: 'tty' | 'plain' | 'json' | 'silent';
  /** Clock in ms, injectable for tests. */
  now?: () => number;
  /** Width of the bar in characters (TTY mode). */
  barWidth?: number;
}

/**
 * Formats seconds as `1m05s` / `12s` for ETAs.
 *
 * @example
 * ```ts
 * formatDuration(65); // '1m05s'
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Creates a progress reporter: a live bar with ETA on a TTY, one plain line per case otherwise,
 * or JSON lines (`--json`) for machines.
 *
 * @example
 * ```ts
 * const progress = createProgress({ write: (t) => process.stderr.write(t), mode: process.stderr.isTTY ? 'tty' : 'plain' });
 * progress.start('prepare', 10);
 * progress.update({ stage: 'prepare', done: 1, total: 10, caseId: 'P001', status: 'ok' });
 * progress.finish('10 cases prepared');
 * ```
 */
export function createProgress(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? (() => Date.now());
  const width = options.barWidth ?? 28;
  let started = now();
  let stageName = '';
  const eta = (done: number, total: number): string => {
    if (done === 0) return '?';
    const elapsed = (now() - started) / 1000;
    return formatDuration((elapsed / done) * (total - done));
  };
  return {
    start(stage, total) {
      started = now();
      stageName = stage;
      if (options.mode === 'json') options.write(`${JSON.stringify({ event: 'start', stage, total })}\n`);
      else if (options.mode !== 'silent') options.write(`${stage}: ${total} case${total === 1 ? '' : 's'}\n`);
    },
    update(e) {
      if (options.mode === 'silent') return;
      if (options.mode === 'json') {
        options.write(`${JSON.stringify({ event: 'progress', ...e })}\n`);
        return;
      }
      const what = e.caseId ? ` ${e.caseId} ${e.status ?? ''}${e.message ? `: ${e.message}` : ''}` : '';
      if (options.mode === 'plain') {
        options.write(`[${e.done}/${e.total}] ${e.stage}${what}\n`);
        return;
      }
      const fraction = e.total === 0 ? 1 : e.done / e.total;
      const filled = Math.round(fraction * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      // A failure gets its own line so it stays on screen; the bar is redrawn in place.
      if (e.status === 'failed') options.write(`\r\x1b[2K${e.stage}: ${e.caseId} failed: ${e.message ?? ''}\n`);
      options.write(`\r\x1b[2K${e.stage} ${bar} ${e.done}/${e.total} ${Math.round(fraction * 100)}% ETA ${eta(e.done, e.total)}${e.caseId ? ` ${e.caseId}` : ''}`);
    },
    finish(summary) {
      if (options.mode === 'silent') return;
      if (options.mode === 'json') options.write(`${JSON.stringify({ event: 'finish', stage: stageName, summary })}\n`);
      else options.write(`${options.mode === 'tty' ? '\r\x1b[2K' : ''}${summary} (${formatDuration((now() - started) / 1000)})\n`);
    },
  };
}
