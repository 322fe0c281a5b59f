// The figures toy-redis's pages show (the package's "./figures" export): the benchmark the lab commits
// in bench/results.json, redis-benchmark against real Redis and the reference toy on one machine. Read
// here, never measured here; `pnpm --filter @storylabs/lab-toy-redis bench` measures it again.
import { defineFigures, type FigureInput } from '@storylabs/lab-kit/figures';
import { z } from 'zod';
import results from './bench/results.json' with { type: 'json' };

/** What the figure reads of bench/results.json (the file may hold more). */
export const benchResultsSchema = z.object({
  /** The machine the numbers were measured on, as a reader should see it (CPU, cores, versions). */
  machine: z.string().min(1),
  /** ISO date of the run. */
  measuredAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** redis-benchmark's -c, and how many rounds per side the medians are taken over. */
  clients: z.number().int().min(1),
  rounds: z.number().int().min(1),
  /** How both servers persisted writes during the run, in words. */
  persistence: z.string().min(1),
  runs: z
    .array(
      z.object({
        /** The redis-benchmark test, e.g. "SET". */
        test: z.string().min(1),
        /** Commands per pipeline (redis-benchmark -P); 1 means no pipelining. */
        pipeline: z.number().int().min(1),
        realRps: z.number().nonnegative(),
        toyRps: z.number().nonnegative(),
      }),
    )
    .min(1),
});

export type BenchResults = z.output<typeof benchResultsSchema>;

export const RESULTS_FILE = 'labs/toy-redis/bench/results.json';

/** The results, validated: an error names the file and the field when its shape changed. */
export function parseBenchResults(raw: unknown): BenchResults {
  const parsed = benchResultsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${RESULTS_FILE} does not have the expected shape: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The benchmark as a bar chart: real Redis and the toy side by side, for each test and pipeline depth. */
export function benchmarkFigure(bench: BenchResults): FigureInput {
  const label = (run: BenchResults['runs'][number]) =>
    `${run.test}, ${run.pipeline === 1 ? 'no pipelining' : `pipeline of ${run.pipeline}`}`;
  return {
    kind: 'bars',
    title: 'Requests per second: the reference toy Redis against real Redis',
    caption: 'More is better.',
    method: [
      `Run on ${bench.machine}, with redis-benchmark (${bench.clients} clients, the median of ${bench.rounds} rounds per server).`,
      'Client and servers ran on the same machine, on 127.0.0.1, with nothing pinned to a core, so redis-benchmark competed with the server it measured.',
      `Persistence: ${bench.persistence}.`,
      'So the ratios describe this setup only: when the benchmark itself is the limit, two servers look closer than they are, and neither figure says what either server does on a bigger machine with its clients elsewhere.',
    ].join(' '),
    source: `The lab commits these numbers (${RESULTS_FILE}), so they change only when someone re-runs the benchmark: pnpm --filter @storylabs/lab-toy-redis bench.`,
    ...(bench.measuredAt ? { measuredAt: bench.measuredAt } : {}),
    valueLabel: 'Requests per second',
    rowHeader: 'Test',
    series: ['Real Redis', 'Toy Redis'],
    rows: bench.runs.map((run) => ({
      label: label(run),
      values: [run.realRps, run.toyRps],
      note: `${(run.realRps === 0 ? 0 : run.toyRps / run.realRps).toFixed(2)} times real Redis`,
    })),
  };
}

export default defineFigures({ benchmark: benchmarkFigure(parseBenchResults(results)) });
