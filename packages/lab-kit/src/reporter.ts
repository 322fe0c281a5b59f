/** How the runtime tells a person what it is doing. The CLI renders it for a TTY or as plain lines. */
export interface Phase {
  /** A line of detail (build output, a wait); shown live on a TTY and with --debug. */
  update(line: string): void;
  done(summary?: string): void;
  fail(message?: string): void;
}

export interface Reporter {
  phase(title: string): Phase;
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

const silentPhase: Phase = { update() {}, done() {}, fail() {} };

export const silentReporter: Reporter = {
  phase: () => silentPhase,
  info() {},
  warn() {},
  debug() {},
};

/** Runs `work` as a phase: done on success (with elapsed time), fail (and rethrow) on error. */
export async function inPhase<T>(
  reporter: Reporter,
  title: string,
  work: (phase: Phase) => Promise<T>,
): Promise<T> {
  const phase = reporter.phase(title);
  const started = performance.now();
  try {
    const result = await work(phase);
    phase.done(`${((performance.now() - started) / 1000).toFixed(1)}s`);
    return result;
  } catch (error) {
    phase.fail(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
