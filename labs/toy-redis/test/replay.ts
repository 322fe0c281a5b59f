// A vitest setup file for the toy-redis tests: a failing test that used randomness says how to replay it.
// - Stage seeds (test/seed.ts): "seed 123 ... TOY_REDIS_SEED=123".
// - fast-check: FC_SEED and FC_PATH set fast-check's seed and path for every property in the run
//   (its failure message prints both); the message adds the command that replays that one case.
import { relative } from 'node:path';
import fc from 'fast-check';
import { beforeEach } from 'vitest';
import { setCurrentTest } from './seed.ts';

const root = new URL('../../..', import.meta.url).pathname;

function fastCheckFromEnvironment(): { seed: number; path?: string } | undefined {
  const seedText = process.env.FC_SEED;
  const path = process.env.FC_PATH;
  if (seedText === undefined || seedText === '') {
    if (path) throw new Error('FC_PATH needs FC_SEED (both are printed by a failing fast-check property)');
    return undefined;
  }
  const seed = Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got '${seedText}'`);
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) {
    throw new Error(`FC_PATH must look like "12:0:3" (as fast-check prints it), got '${path}'`);
  }
  return path ? { seed, path } : { seed };
}

const replayFastCheck = fastCheckFromEnvironment();
if (replayFastCheck) fc.configureGlobal({ ...replayFastCheck, endOnFailure: true });

/** fast-check's failure message carries `{ seed: -123, path: "4:0", endOnFailure: true }`. */
const FAST_CHECK_RUN = /\{ seed: (-?\d+), path: "([\d:]*)"/;

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

beforeEach(({ task, onTestFailed }) => {
  setCurrentTest(task);
  onTestFailed(({ task: failed }) => {
    const file = relative(root, failed.file.filepath);
    const select = `npx vitest run ${file} -t ${shellQuote(failed.name)}`;
    const lines: string[] = [];
    const seed = failed.meta.toyRedisSeed;
    if (seed !== undefined) lines.push(`seed ${seed}; replay: TOY_REDIS_SEED=${seed} ${select}`);
    for (const error of failed.result?.errors ?? []) {
      const run = FAST_CHECK_RUN.exec(`${error.message}\n${error.stack ?? ''}`);
      if (run)
        lines.push(
          `fast-check seed ${run[1]}, path ${run[2]}; replay: FC_SEED=${run[1]} FC_PATH=${run[2]} ${select}`,
        );
    }
    if (lines.length === 0) return;
    const note = `\n\n${[...new Set(lines)].join('\n')}`;
    for (const error of failed.result?.errors ?? []) {
      error.message += note;
      if (error.stack) error.stack += note;
    }
    console.error(`${failed.name}:${note}`);
  });
});
