// Ctrl-C of a vitest run that `pnpm test` or `pnpm stress` started in a process group of its own.
//
// The first Ctrl-C (or SIGTERM, SIGHUP) sends SIGINT to vitest's main process only: its workers must
// live on, and scripts/graceful-interrupt.ts turns that SIGINT into a cancelled run, so the running tests
// stop and every afterAll hook runs (labs tear their instances down). A second one, or the grace period
// running out, terminates vitest's whole process group (SIGTERM, then SIGKILL), which can leave
// containers behind; the script then says so.
import type { ChildProcess } from 'node:child_process';

/** After SIGTERM to vitest's process group (the grace period is over), how long before SIGKILL. */
const KILL_AFTER_MS = 5000;

export interface InterruptOptions {
  /** The script's name, at the start of each line it writes ("test", "stress"). */
  name: string;
  graceSeconds: number;
  /** The vitest process running now, if any. */
  vitest: () => ChildProcess | undefined;
  /** What the first interruption says will happen (after "<name>: interrupted; "). */
  interrupted: string;
  /** Signals handled like Ctrl-C, with the exit code each leaves with. */
  signals: Partial<Record<NodeJS.Signals, number>>;
  /** Called on every signal, before anything else. */
  onSignal?: () => void;
  /** Written before the termination line (e.g. a newline, after vitest's own output). */
  terminatePrefix?: string;
}

export interface Interrupt {
  /** The exit code to leave with once vitest is gone; undefined until a signal came. */
  readonly stopping: number | undefined;
  /** Whether vitest had to be terminated (its hooks may not have run). */
  readonly terminated: boolean;
}

export function interruptVitestOnSignals(options: InterruptOptions): Interrupt {
  const state: { stopping: number | undefined; terminated: boolean } = {
    stopping: undefined,
    terminated: false,
  };
  const signalVitest = (signal: NodeJS.Signals, group: boolean) => {
    const pid = options.vitest()?.pid;
    if (pid === undefined) return;
    try {
      process.kill(group ? -pid : pid, signal);
    } catch {
      // Already gone.
    }
  };
  // The last resort: vitest, its workers and what they started (its process group), hooks or not.
  const terminate = () => {
    if (state.terminated || !options.vitest()) return;
    state.terminated = true;
    process.stderr.write(
      `${options.terminatePrefix ?? ''}${options.name}: terminating vitest and its workers; their afterAll hooks may not have run, so look for` +
        ' containers left behind: docker ps -a --filter label=dev.storylabs.managed\n',
    );
    signalVitest('SIGTERM', true);
    setTimeout(() => signalVitest('SIGKILL', true), KILL_AFTER_MS).unref();
  };
  const onSignal = (code: number) => {
    options.onSignal?.();
    if (state.stopping !== undefined) {
      terminate();
      return;
    }
    state.stopping = code;
    if (!options.vitest()) process.exit(code);
    process.stderr.write(`\n${options.name}: interrupted; ${options.interrupted}\n`);
    // SIGINT to vitest's main process only: its workers must live on to run the hooks.
    signalVitest('SIGINT', false);
    setTimeout(terminate, options.graceSeconds * 1000).unref();
  };
  for (const [signal, code] of Object.entries(options.signals)) {
    process.on(signal, () => onSignal(code));
  }
  return state;
}
