// The reference fix: the index the final statement needs, and a connection pool that lets a replica run
// more than one job at a time. The handler's code is not touched.
import type { CheckContext } from '@storylabs/lab-kit/manifest';

export const SOLUTION_POOL = 20;

const SET_POOL = `
const fs = require('node:fs');
const path = '/etc/video-api/config.json';
const config = JSON.parse(fs.readFileSync(path, 'utf8'));
config.database.pool = Number(process.argv[1]);
fs.writeFileSync(path + '.new', JSON.stringify(config, null, 2) + '\\n');
fs.renameSync(path + '.new', path);
`;

async function must(ctx: CheckContext, service: string, argv: string[], timeoutMs: number): Promise<string> {
  const result = await ctx.exec(service, argv, { timeoutMs });
  if (result.exitCode !== 0)
    throw new Error(`${argv.join(' ')} failed in ${service}: ${result.stderr.trim()}`);
  return result.stdout;
}

export async function addIndex(ctx: CheckContext): Promise<void> {
  await must(
    ctx,
    'db',
    [
      'psql',
      '-U',
      'api',
      '-d',
      'videos',
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_request_id_idx ON jobs (request_id)',
    ],
    600_000,
  );
}

/** Sets the pool size in the shared configuration file and waits until both replicas use it. */
export async function setPool(ctx: CheckContext, size: number): Promise<void> {
  await must(ctx, 'tools', ['node', '-e', SET_POOL, String(size)], 30_000);
  const deadline = Date.now() + 30_000;
  for (const replica of ['api-1', 'api-2']) {
    for (;;) {
      const result = await ctx.exec(
        'tools',
        ['curl', '-sf', '--max-time', '5', `http://${replica}:8080/healthz`],
        {
          timeoutMs: 10_000,
        },
      );
      if (
        result.exitCode === 0 &&
        (JSON.parse(result.stdout) as { pool: { size: number } }).pool.size === size
      )
        break;
      if (Date.now() > deadline) throw new Error(`${replica} did not take pool size ${size} within 30 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function applySolution(ctx: CheckContext): Promise<void> {
  // The index first: built while each replica runs one job at a time, it competes with two table scans,
  // not with forty.
  await addIndex(ctx);
  await setPool(ctx, SOLUTION_POOL);
}
