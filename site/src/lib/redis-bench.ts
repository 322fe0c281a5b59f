// The toy Redis benchmark that labs/toy-redis commits (bench/results.json): redis-benchmark run against
// real Redis and against the reference toy on one machine. Read at build time, never measured here.
import { z } from 'astro/zod';

export const redisBenchSchema = z.object({
  /** The machine the numbers were measured on, as a reader should see it (cores, OS). */
  machine: z.string().min(1),
  /** ISO date of the run. */
  measuredAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** redis-benchmark's -c, and how many rounds per side the medians are taken over. */
  clients: z.number().int().min(1).optional(),
  rounds: z.number().int().min(1).optional(),
  /** How both servers persisted writes during the run, in words. */
  persistence: z.string().min(1).optional(),
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

export type RedisBench = z.output<typeof redisBenchSchema>;

export const REDIS_BENCH_PATH = 'labs/toy-redis/bench/results.json';

const committed = import.meta.glob<unknown>('../../../labs/toy-redis/bench/results.json', {
  eager: true,
  import: 'default',
});

/**
 * The committed results, validated: undefined while the lab has not committed any, and an error when
 * the file does not have the shape above.
 */
export function loadRedisBench(): RedisBench | undefined {
  const raw = Object.values(committed)[0];
  if (raw === undefined) return undefined;
  const parsed = redisBenchSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${REDIS_BENCH_PATH} does not have the expected shape: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
