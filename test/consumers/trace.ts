/**
 * Reads a Chrome trace (Playwright's `browser.startTracing`) for the page's main-thread tasks inside
 * a `performance.measure(name)` window: each task's wall time and the main thread's CPU time during it
 * (`tdur`). Wall ≫ CPU means the thread waited for a core (an oversubscribed machine), not that it
 * worked; so CPU time bounds what the page's own code costs whatever the load.
 */

/** The fields of a trace event this reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

/** One top-level main-thread task: start (µs, trace clock), wall and CPU milliseconds. */
export interface MainTask {
  ts: number;
  wallMs: number;
  cpuMs: number;
}

/** The categories a trace needs for {@link mainThreadTasks}. */
export const TASK_CATEGORIES = ['toplevel', 'blink.user_timing'];

const isTask = (e: TraceEvent) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask';

/**
 * The top-level tasks of the renderer main thread that ran inside the measure `name`
 * (undefined when the trace has no such measure or thread).
 */
export function mainThreadTasks(events: readonly TraceEvent[], name: string): { tasks: MainTask[]; window: [number, number]; pid: number; tid: number } | undefined {
  const begin = events.find((e) => e.name === name && (e.ph === 'b' || e.ph === 'B'));
  const end = events.find((e) => e.name === name && (e.ph === 'e' || e.ph === 'E'));
  if (!begin || !end) return undefined;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === begin.pid);
  if (!main) return undefined;
  const all = events.filter((e) => e.pid === main.pid && e.tid === main.tid && isTask(e) && e.ts + (e.dur ?? 0) >= begin.ts && e.ts <= end.ts);
  // Only the outermost tasks (a nested run loop may record tasks inside tasks).
  const tasks = all.filter((e) => !all.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0)));
  return { tasks: tasks.map((e) => ({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 })), window: [begin.ts, end.ts], pid: main.pid, tid: main.tid };
}
