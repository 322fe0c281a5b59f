// Judging latency on a machine that other programs keep busy.
//
// The standard load's limits (p90 < 300 ms, p99 < 1 s) hold on a laptop whose CPUs the lab has to
// itself. When other programs take a large share of the CPUs during the window, every request of the lab
// also waits for a CPU, and a fixed system can miss a limit it meets on a quiet machine: a correct fix
// would fail for a reason the learner cannot change. So the check measures how much CPU the rest of the
// machine took during its window (the kernel's busy time, less the lab's own containers' time) and, when
// that share is large, judges against limits scaled by the CPU the lab was left with. Scaled limits alone
// would let a half fix through (the pool-only fix's requests are slow because of CPU work, but the
// index-only fix's are slow because they wait in line, which CPU does not change), so on a busy machine
// the check also requires what distinguishes the fixed system from the index-only one whatever the load:
// requests that reach a replica together are served together (each replica opened more than one
// database connection during the window).
import { formatMs as ms } from './access-log.ts';

/** Above this share of the machine's CPUs taken by other programs, limits are scaled. */
export const BUSY_SHARE = 0.25;
/** The most the limits are ever scaled by. */
export const MAX_STRETCH = 4;

export interface CpuWindow {
  /** CPUs of the machine the lab's containers run on. */
  cpus: number;
  /** Wall time of the window, ms. */
  wallMs: number;
  /** CPU time the machine was busy during the window, ms (all CPUs together). */
  busyMs: number;
  /** CPU time the lab's own containers used during the window, ms. */
  labMs: number;
}

export interface BusyMachine {
  /** CPUs' worth the other programs used on average during the window. */
  otherCpus: number;
  /** otherCpus as a share of the machine. */
  share: number;
  /** How much slower a CPU-bound request gets with only the rest of the CPUs: cpus / (cpus − otherCpus), capped. */
  stretch: number;
}

export function busyMachine(window: CpuWindow): BusyMachine {
  const otherCpus = Math.max(0, window.busyMs - window.labMs) / Math.max(1, window.wallMs);
  const share = Math.min(1, otherCpus / window.cpus);
  const left = Math.max(window.cpus - otherCpus, window.cpus / MAX_STRETCH);
  return { otherCpus, share, stretch: Math.min(MAX_STRETCH, window.cpus / left) };
}

export interface LatencyEvidence {
  p90: number;
  p99: number;
  p90Limit: number;
  p99Limit: number;
  /** The CPU the rest of the machine took during the window, when it could be measured. */
  busy: BusyMachine | undefined;
  /** The most database connections each replica held open at once during the window. */
  connections: Record<string, number>;
}

export interface LatencyVerdict {
  ok: boolean;
  /** Why it fails (empty when ok). */
  problems: string[];
  /** Said with the result when the machine was busy. */
  note: string | undefined;
}

function over(name: string, actual: number, limit: number): string {
  return `${name} ${ms(actual)}, needs < ${ms(limit)}: ${(actual / limit).toFixed(1)}x the limit`;
}

export function judgeLatency(e: LatencyEvidence): LatencyVerdict {
  const plain: string[] = [];
  if (!(e.p90 < e.p90Limit)) plain.push(over('p90', e.p90, e.p90Limit));
  if (!(e.p99 < e.p99Limit)) plain.push(over('p99', e.p99, e.p99Limit));
  const busy = e.busy && e.busy.share > BUSY_SHARE ? e.busy : undefined;
  if (plain.length === 0) {
    const note = busy
      ? `this machine was busy: other programs used ${busy.otherCpus.toFixed(1)} of its CPUs during the window, and the plain limits held`
      : undefined;
    return { ok: true, problems: [], note };
  }
  if (!busy) return { ok: false, problems: plain, note: undefined };

  const { otherCpus, stretch } = busy;
  const p90Scaled = e.p90Limit * stretch;
  const p99Scaled = e.p99Limit * stretch;
  const busyWords =
    `this machine was busy: other programs used ${otherCpus.toFixed(1)} of its CPUs during the window, ` +
    `so the lab's requests also waited for a CPU; judged against ${ms(p90Scaled)} and ${ms(p99Scaled)} ` +
    `(the limits x${stretch.toFixed(1)})`;
  const scaledOk = e.p90 < p90Scaled && e.p99 < p99Scaled;
  const serial = Object.entries(e.connections).filter(([, n]) => n < 2);
  const measuredEvery = Object.keys(e.connections).length > 0;
  if (scaledOk && measuredEvery && serial.length === 0) {
    return { ok: true, problems: [], note: busyWords };
  }
  const why: string[] = [];
  if (!scaledOk) why.push('it misses those too');
  if (!measuredEvery) why.push('and how the replicas served their requests could not be read');
  else if (serial.length > 0) {
    why.push(
      `requests that reached ${serial.map(([r]) => r).join(' and ')} together were still served one after another`,
    );
  }
  return { ok: false, problems: plain, note: `${busyWords}: ${why.join('; ')}` };
}
