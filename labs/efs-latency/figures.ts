// The figures efs-latency's pages show (the package's "./figures" export): the committed real run of the
// lab's bench in results/run.json, the latency of the lab's own traffic before and after the reference
// solution, as histograms. The same run is drawn by the lab's `report` as results/before.svg and
// after.svg. Read here, never measured here; `pnpm --filter @storylabs/lab-efs-latency bench` measures
// it again. Every word of the captions that depends on the run (machine, date, load, percentiles) is
// computed from run.json.
import { defineFigures, type FigureInput } from '@storylabs/lab-kit/figures';
import run from './results/run.json' with { type: 'json' };

export const RUN_FILE = 'labs/efs-latency/results/run.json';

export interface Bin {
  /** The latency range, e.g. "200 ms-500 ms". */
  label: string;
  count: number;
}

export interface Window {
  /** Which part of the log, e.g. "the last 120 s". */
  scope: string;
  requests: number;
  /** Requests answered with anything but 200. */
  notOk: number;
  /** Milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  bins: Bin[];
}

export interface Run {
  /** ISO timestamp of the run. */
  date: string;
  /** The machine, as a reader should see it (CPUs, memory, kernel). */
  machine: string;
  /** The machine's 1, 5 and 15 minute load averages when the run was written. */
  loadAverage: number[];
  /** The log window both histograms read, in words. */
  window: string;
  before: Window;
  after: Window;
}

function fail(field: string, expected: string): never {
  throw new Error(`${RUN_FILE} does not have the expected shape: ${field} must be ${expected}`);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'a non-empty string');
  return value;
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(field, 'a number, 0 or more');
  }
  return value;
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'an object');
  return value as Record<string, unknown>;
}

function parseWindow(raw: unknown, field: string): Window {
  const w = object(raw, field);
  if (!Array.isArray(w.bins) || w.bins.length === 0) fail(`${field}.bins`, 'a non-empty list');
  return {
    scope: text(w.scope, `${field}.scope`),
    requests: count(w.requests, `${field}.requests`),
    notOk: count(w.notOk, `${field}.notOk`),
    p50: count(w.p50, `${field}.p50`),
    p90: count(w.p90, `${field}.p90`),
    p99: count(w.p99, `${field}.p99`),
    max: count(w.max, `${field}.max`),
    bins: w.bins.map((b: unknown, i: number) => {
      const bin = object(b, `${field}.bins[${i}]`);
      return {
        label: text(bin.label, `${field}.bins[${i}].label`),
        count: count(bin.count, `${field}.bins[${i}].count`),
      };
    }),
  };
}

/** The run, validated: an error names the file and the field when its shape changed. */
export function parseRun(raw: unknown): Run {
  const r = object(raw, '(root)');
  const date = text(r.date, 'date');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(date) || Number.isNaN(Date.parse(date))) {
    fail('date', 'an ISO timestamp, e.g. 2026-12-02T03:47:55.806Z');
  }
  if (!Array.isArray(r.loadAverage) || r.loadAverage.length !== 3) {
    fail('loadAverage', 'the 1, 5 and 15 minute load averages');
  }
  const before = parseWindow(r.before, 'before');
  const after = parseWindow(r.after, 'after');
  const labels = (w: Window) => w.bins.map((b) => b.label).join('|');
  if (labels(before) !== labels(after)) fail('after.bins', 'the same latency ranges as before.bins');
  return {
    date,
    machine: text(r.machine, 'machine'),
    loadAverage: r.loadAverage.map((l: unknown, i: number) => count(l, `loadAverage[${i}]`)),
    window: text(r.window, 'window'),
    before,
    after,
  };
}

/** A latency as a reader says it: 281 ms, 5.89 s. */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s.toPrecision(3)} s`;
}

/**
 * The latency ranges both histograms show: from the first to the last range either side has a request
 * in, so the two figures have the same rows and are read against each other.
 */
export function sharedRange(run: Run): { first: number; last: number } {
  const used = run.before.bins.map((b, i) => b.count > 0 || (run.after.bins[i]?.count ?? 0) > 0);
  const first = used.indexOf(true);
  const last = used.lastIndexOf(true);
  if (first === -1) fail('before.bins', 'a histogram with at least one request');
  return { first, last };
}

/** One side of the run as a histogram: one row per latency range, the requests that took that long. */
export function histogramFigure(run: Run, side: 'before' | 'after'): FigureInput {
  const w = run[side];
  const { first, last } = sharedRange(run);
  const day = run.date.slice(0, 10);
  const time = run.date.slice(11, 16);
  const load = run.loadAverage.map((l) => l.toFixed(1)).join(', ');
  const answered = w.notOk === 0 ? 'every one answered 200' : `${w.notOk} of them not answered 200`;
  const when = side === 'before' ? 'before any fix' : 'with the reference solution applied';
  return {
    kind: 'bars',
    title: `The lab's video API ${when}: requests by how long they took`,
    caption: `The lab ${when}: ${w.requests} requests to its video endpoint in ${w.scope} of the run, ${answered}: p50 ${formatLatency(w.p50)}, p90 ${formatLatency(w.p90)}, p99 ${formatLatency(w.p99)}, slowest ${formatLatency(w.max)}.`,
    method: [
      `A real run of the lab, not the story's production system: on ${run.machine}, finished at ${time} UTC, with load averages of ${load} (over 1, 5 and 15 minutes) as it finished.`,
      `The lab's own load generator sent its steady traffic through nginx, and the lab's report read ${run.window} from nginx's access log (request_time).`,
      `Ranges from ${w.bins[first]?.label} to ${w.bins[last]?.label} are shown, the same for before and after; no request of either fell outside them.`,
    ].join(' '),
    source: `The lab commits this run (${RUN_FILE}; its report draws the same run as before.svg and after.svg next to it), so it changes only when someone runs the bench again: pnpm --filter @storylabs/lab-efs-latency bench.`,
    measuredAt: day,
    valueLabel: 'Requests',
    rowHeader: 'Latency',
    series: [side === 'before' ? 'Before' : 'After'],
    rows: w.bins.slice(first, last + 1).map((bin) => ({ label: bin.label, values: [bin.count] })),
  };
}

const parsed = parseRun(run);

export default defineFigures({
  before: histogramFigure(parsed, 'before'),
  after: histogramFigure(parsed, 'after'),
});
