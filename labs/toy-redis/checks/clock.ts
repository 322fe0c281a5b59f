// Time limits that a busy machine does not trip by itself. A limit here measures how long the tester
// watched and waited, not the wall clock: when the tester's own process was not running (a loaded
// machine, a paused VM, a long pause of its event loop), that gap does not count against the server
// under test. And before a limit is declared reached, the tester reads what is pending first, so a
// reply that arrived while the tester was not running is taken as the reply it is, not as silence.
// On an idle machine both come to the same as a plain timer: a silent server fails just as fast.

/** The longest the tester sleeps between two looks at the clock. */
export const SLICE_MS = 100;
/** When one slice took longer than this, the tester was not running: only this much of it counts. */
const MAX_COUNTED_MS = 250;

/**
 * A time budget that counts only the time the tester itself was running, less the time the server
 * under test spent waiting for a CPU (`excused`, a cumulative count in ms, when known): a silent
 * server sleeps, so all of its silence counts; a server kept off the CPU by a busy machine is not
 * blamed for that time.
 */
export class Patience {
  readonly limitMs: number;
  private counted = 0;
  private last = performance.now();
  private readonly excused: (() => number) | undefined;
  private lastExcused: number;

  constructor(limitMs: number, excused?: () => number) {
    this.limitMs = limitMs;
    this.excused = excused;
    this.lastExcused = excused?.() ?? 0;
  }

  /** Counted time so far (the time since the last look, at most MAX_COUNTED_MS of it, is added). */
  spent(): number {
    const now = performance.now();
    let step = Math.min(now - this.last, MAX_COUNTED_MS);
    if (this.excused) {
      const excused = this.excused();
      step = Math.max(0, step - Math.max(0, excused - this.lastExcused));
      this.lastExcused = excused;
    }
    this.counted += step;
    this.last = now;
    return this.counted;
  }

  exhausted(): boolean {
    return this.spent() >= this.limitMs;
  }

  /** How long to sleep before the next look: one slice at most, never past the limit. */
  nextSliceMs(): number {
    return Math.max(1, Math.min(SLICE_MS, this.limitMs - this.counted));
  }
}

/**
 * Resolves after the event loop has polled for I/O once: data and close events that were already
 * waiting (e.g. while this process was not scheduled) have been delivered by then.
 */
export function afterPendingIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
