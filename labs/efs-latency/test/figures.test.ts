// The figures the lab exports for its pages ("./figures"): the committed run of the bench, before and
// after the reference solution, with what ran, on what machine and when, all read from results/run.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import figures, { formatLatency, histogramFigure, parseRun, sharedRange } from '../figures.ts';

const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'results', 'run.json'), 'utf8'));
const run = parseRun(raw);

test('the package exports its figures as "./figures": before and after', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  expect(pkg.exports['./figures']).toBe('./figures.ts');
  expect(Object.keys(figures)).toEqual(['before', 'after']);
});

test('both histograms show the same latency ranges, and every request of the run falls in them', () => {
  const { first, last } = sharedRange(run);
  for (const side of ['before', 'after'] as const) {
    const figure = figures[side];
    expect(figure?.rows.map((r) => r.label)).toEqual(
      run.before.bins.slice(first, last + 1).map((b) => b.label),
    );
    const shown = figure?.rows.reduce((sum, row) => sum + (row.values[0] ?? 0), 0);
    expect(shown).toBe(run[side].bins.reduce((sum, b) => sum + b.count, 0));
    expect(shown).toBe(run[side].requests);
  }
});

test('each caption says the percentiles, the machine, the time and the command, from run.json', () => {
  for (const side of ['before', 'after'] as const) {
    const figure = figures[side];
    const w = run[side];
    expect(figure?.caption).toContain(
      `p50 ${formatLatency(w.p50)}, p90 ${formatLatency(w.p90)}, p99 ${formatLatency(w.p99)}`,
    );
    expect(figure?.caption).toContain(`${w.requests} requests`);
    expect(figure?.measuredAt).toBe(run.date.slice(0, 10));
    expect(figure?.method).toContain(run.machine);
    expect(figure?.method).toContain(`${run.date.slice(11, 16)} UTC`);
    expect(figure?.source).toContain('pnpm --filter @storylabs/lab-efs-latency bench');
  }
});

test('latencies read as a person says them', () => {
  expect(formatLatency(281)).toBe('281 ms');
  expect(formatLatency(5894)).toBe('5.89 s');
  expect(formatLatency(7241)).toBe('7.24 s');
  expect(formatLatency(12_345)).toBe('12.3 s');
});

test('a run of another shape is refused, naming the file and the field', () => {
  expect(() => parseRun({ ...raw, machine: '' })).toThrow(
    /labs\/efs-latency\/results\/run\.json does not have the expected shape: machine/,
  );
  expect(() => parseRun({ ...raw, after: { ...raw.after, p90: 'fast' } })).toThrow(/after\.p90/);
  expect(() => parseRun({ ...raw, after: { ...raw.after, bins: raw.after.bins.slice(1) } })).toThrow(
    /after\.bins must be the same latency ranges as before\.bins/,
  );
});

test('a figure is drawn from whatever run it is given', () => {
  const bins = (counts: number[]) => counts.map((count, i) => ({ label: `range ${i}`, count }));
  const window = (counts: number[]) => ({
    scope: 'the last 60 s',
    requests: counts.reduce((a, b) => a + b, 0),
    notOk: 0,
    p50: 10,
    p90: 20,
    p99: 30,
    max: 40,
    bins: bins(counts),
  });
  const figure = histogramFigure(
    {
      date: '2027-01-02T10:20:30.000Z',
      machine: '4 CPUs (test)',
      loadAverage: [1, 2, 3],
      window: 'the last 60 s',
      before: window([0, 3, 0, 1, 0]),
      after: window([0, 0, 2, 0, 0]),
    },
    'after',
  );
  expect(figure.rows.map((r) => r.label)).toEqual(['range 1', 'range 2', 'range 3']);
  expect(figure.rows.map((r) => r.values)).toEqual([[0], [2], [0]]);
  expect(figure.measuredAt).toBe('2027-01-02');
  expect(figure.method).toContain('4 CPUs (test), finished at 10:20 UTC');
});
