// How many test files `pnpm test` and `pnpm stress` run at a time. vitest's default is one fewer than
// the CPUs, which on a 2-core machine means one file at a time; the lab tests mostly wait on
// containers, so two at a time is about 16% faster there (a full run: 1,020 s with one, 854 s with
// two) and their checks hold on a busy machine. Passed on the command line, because a root config's
// maxWorkers does not reach the projects (each package's own vitest config). The browser tests run in
// a group of their own, after the Docker tests (sequence.groupOrder in their projects).
import { availableParallelism } from 'node:os';

/** `--maxWorkers=N` for `vitest run`, unless the caller's own arguments already choose. */
export function workerArgs(callerArgs: readonly string[]): string[] {
  if (callerArgs.some((arg) => /^--(maxWorkers|max-workers|fileParallelism|no-file-parallelism)\b/.test(arg)))
    return [];
  return [`--maxWorkers=${Math.max(2, availableParallelism() - 1)}`];
}
