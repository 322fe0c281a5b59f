// The figures the lab exports for its pages ("./figures"): the committed benchmark, saying how it was run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import figures, { benchmarkFigure, parseBenchResults } from '../figures.ts';

const resultsFile = join(import.meta.dirname, '..', 'bench', 'results.json');

test('the package exports its figures as "./figures"', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  expect(pkg.exports['./figures']).toBe('./figures.ts');
  expect(Object.keys(figures)).toEqual(['benchmark']);
});

test('the benchmark figure has every committed run, real Redis beside the toy', () => {
  const bench = parseBenchResults(JSON.parse(readFileSync(resultsFile, 'utf8')));
  const figure = figures.benchmark;
  expect(figure?.series).toEqual(['Real Redis', 'Toy Redis']);
  expect(figure?.rows).toHaveLength(bench.runs.length);
  for (const [i, run] of bench.runs.entries()) {
    expect(figure?.rows[i]?.values).toEqual([run.realRps, run.toyRps]);
    expect(figure?.rows[i]?.label).toBe(
      `${run.test}, ${run.pipeline === 1 ? 'no pipelining' : `pipeline of ${run.pipeline}`}`,
    );
  }
});

test('the figure says how the benchmark was run: cores, one machine for client and servers, both sides persisting', () => {
  const method = figures.benchmark?.method ?? '';
  expect(method).toMatch(/\b\d+ cores?\b/);
  expect(method).toContain('Client and servers ran on the same machine, on 127.0.0.1');
  expect(method).toMatch(/Persistence: both sides [^.]*fsync/);
  expect(figures.benchmark?.source).toContain('pnpm --filter @storylabs/lab-toy-redis bench');
});

test('results of another shape are refused, naming the file and the field', () => {
  expect(() => parseBenchResults({ machine: 'x', runs: [] })).toThrow(
    /labs\/toy-redis\/bench\/results\.json does not have the expected shape:[\s\S]*clients/,
  );
});

test('the ratio to real Redis is in every row', () => {
  const figure = benchmarkFigure({
    machine: 'a 2 cores box',
    clients: 50,
    rounds: 3,
    persistence: 'both sides append writes to a log before replying, fsync once a second',
    runs: [{ test: 'GET', pipeline: 16, realRps: 1000, toyRps: 930 }],
  });
  expect(figure.rows[0]?.note).toBe('0.93 times real Redis');
});
