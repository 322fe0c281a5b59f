// The checks of the efs-latency lab. They observe the lab from outside: nginx's access log, PostgreSQL's
// plans, files on the shared volume, and a load the check sends itself.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckContext, CheckResult } from '@storylabs/lab-kit/manifest';
import {
  ACCESS_LOG,
  CHECK_PREFIX,
  endpointRequests,
  formatMs,
  parseAccessLog,
  percentile,
} from './access-log.ts';
import { type BusyMachine, busyMachine, judgeLatency } from './busy-machine.ts';
import { runLoad, STANDARD_LOAD, schedule } from './standard-load.ts';
import { API_LOGS, fileWorkMs } from './timing-lines.ts';

const labDir = join(import.meta.dirname, '..');

/** The rows the jobs table holds when the lab starts (environment/db/seed.sql). */
export const ORIGINAL_JOBS = 1_000_000;
export const REPLICAS = ['api-1', 'api-2'] as const;

/** The handler's final statement, as the API runs it (environment/api/handler.mjs). */
export const FINAL_STATEMENT =
  "UPDATE jobs SET status = 'done', output_path = $2, bytes = $3, finished_at = now() WHERE request_id = $1";

async function run(ctx: CheckContext, service: string, argv: string[], timeoutMs = 30_000): Promise<string> {
  const result = await ctx.exec(service, argv, { timeoutMs });
  if (result.exitCode !== 0) {
    throw new Error(
      `${argv.join(' ')} in ${service} exited with ${result.exitCode}: ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}

export function psql(ctx: CheckContext, sql: string, timeoutMs = 30_000): Promise<string> {
  return run(
    ctx,
    'db',
    ['psql', '-U', 'api', '-d', 'videos', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql],
    timeoutMs,
  );
}

/** Requests to the endpoint in nginx's whole access log, without the checks' own. */
export async function learnerWindow(ctx: CheckContext): Promise<number[]> {
  const text = await run(ctx, 'nginx', ['cat', ACCESS_LOG]);
  return endpointRequests(parseAccessLog(text))
    .filter((r) => !r.requestId.startsWith(CHECK_PREFIX))
    .map((r) => r.ms);
}

export async function latencyPercentile(ctx: CheckContext, p: number): Promise<number> {
  const ms = await learnerWindow(ctx);
  if (ms.length < 100) {
    throw new Error(
      `nginx has logged only ${ms.length} requests to POST /api/process so far: wait a minute for more traffic`,
    );
  }
  return Math.round(percentile(ms, p));
}

export async function medianFileWork(ctx: CheckContext): Promise<number> {
  const text = await run(ctx, 'tools', ['sh', '-c', `cat ${API_LOGS.join(' ')} 2>/dev/null; true`]);
  const work = fileWorkMs(text);
  if (work.length === 0) {
    throw new Error(
      'the API has printed no timing lines yet: turn them on in its configuration file, send some traffic, then measure',
    );
  }
  return Math.round(percentile(work, 50) * 10) / 10;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** EXPLAIN of the final statement (ANALYZE runs it in a transaction that is rolled back). */
async function explainFinalStatement(
  ctx: CheckContext,
  analyze: boolean,
): Promise<{ plan: PlanNode; executionMs: number | undefined }> {
  const statement = FINAL_STATEMENT.replace('$1', `'${CHECK_PREFIX}plan-probe'`)
    .replace('$2', "'/mnt/efs/out/probe.mp4'")
    .replace('$3', '65536');
  const sql = analyze
    ? `BEGIN; EXPLAIN (ANALYZE, FORMAT JSON) ${statement}; ROLLBACK;`
    : `EXPLAIN (FORMAT JSON) ${statement};`;
  const out = await psql(ctx, sql, 60_000);
  const start = out.indexOf('[');
  const parsed = JSON.parse(out.slice(start, out.lastIndexOf(']') + 1)) as {
    Plan: PlanNode;
    'Execution Time'?: number;
  }[];
  const first = parsed[0];
  if (!first) throw new Error(`no plan in EXPLAIN's output: ${out.slice(0, 200)}`);
  return { plan: first.Plan, executionMs: first['Execution Time'] };
}

export async function checkIndexedStatement(ctx: CheckContext): Promise<CheckResult> {
  const { plan } = await explainFinalStatement(ctx, false);
  const scan = nodes(plan).find((n) => n['Relation Name'] === 'jobs' && n['Node Type'] !== 'ModifyTable');
  if (!scan)
    return {
      ok: false,
      reason: `the plan of the final statement does not read jobs: ${JSON.stringify(plan)}`,
    };
  if (scan['Node Type'] === 'Seq Scan') {
    const { executionMs } = await explainFinalStatement(ctx, true);
    return {
      ok: false,
      reason: `the handler's final statement (UPDATE jobs ... WHERE request_id = ...) reads the whole jobs table (Seq Scan) to find one row: it took ${formatMs(executionMs ?? Number.NaN)} just now, under the lab's traffic`,
    };
  }
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { executionMs } = await explainFinalStatement(ctx, true);
    if (executionMs !== undefined) times.push(executionMs);
  }
  const median = percentile(times, 50);
  if (!(median < 50)) {
    return {
      ok: false,
      reason: `the final statement uses ${scan['Node Type']}${scan['Index Name'] ? ` on ${scan['Index Name']}` : ''}, but still takes ${formatMs(median)} (median of 5 under the lab's traffic); it should take well under 50 ms`,
    };
  }
  return {
    ok: true,
    detail: `${scan['Node Type']}${scan['Index Name'] ? ` using ${scan['Index Name']}` : ''}: ${median.toFixed(2)} ms (median of 5 runs under the lab's traffic)`,
  };
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function handlerProblems(ctx: CheckContext): Promise<string[]> {
  const expected = sha256(readFileSync(join(labDir, 'environment/api/handler.mjs')));
  const problems: string[] = [];
  for (const replica of REPLICAS) {
    const out = await run(ctx, replica, ['sha256sum', '/app/handler.mjs']);
    if (out.split(/\s+/)[0] !== expected)
      problems.push(`${replica}'s /app/handler.mjs is not the original handler`);
  }
  return problems;
}

/** Waits until no replica is working on a request (the lab's own traffic is paused); returns what is left. */
async function waitForIdleReplicas(ctx: CheckContext, maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    let busy = 0;
    for (const replica of REPLICAS) {
      const result = await ctx.exec(
        'tools',
        ['curl', '-sf', '--max-time', '5', `http://${replica}:8080/healthz`],
        {
          timeoutMs: 10_000,
        },
      );
      busy +=
        result.exitCode === 0 ? ((JSON.parse(result.stdout) as { inFlight?: number }).inFlight ?? 0) : 1;
    }
    if (busy === 0 || Date.now() > deadline) return busy;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const P90_LIMIT = 300;
const P99_LIMIT = 1000;

/** The lab's containers that run during the standard load's window (loadgen is paused). */
const WINDOW_SERVICES = ['db', 'api-1', 'api-2', 'nginx', 'tools'] as const;

/** CPU time (ms) a lab container has used so far, from its own cgroup (v1 cpuacct or v2 cpu.stat). */
async function containerCpuMs(ctx: CheckContext, service: string): Promise<number> {
  const out = await run(ctx, service, [
    'sh',
    '-c',
    'if [ -r /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then echo ns $(cat /sys/fs/cgroup/cpuacct/cpuacct.usage); ' +
      'else echo us $(sed -n "s/^usage_usec //p" /sys/fs/cgroup/cpu.stat); fi',
  ]);
  const [unit, value] = out.trim().split(/\s+/);
  const n = Number(value);
  if (!Number.isFinite(n) || value === undefined)
    throw new Error(`no CPU usage in ${service}: ${out.trim()}`);
  return unit === 'ns' ? n / 1e6 : n / 1e3;
}

interface CpuSnapshot {
  at: number;
  cpus: number;
  busyMs: number;
  labMs: number;
}

/** The machine's busy CPU time as the kernel the lab runs on counts it, and the lab's share of it. */
async function cpuSnapshot(ctx: CheckContext): Promise<CpuSnapshot> {
  const [stat, ...lab] = await Promise.all([
    run(ctx, 'tools', ['cat', '/proc/stat']),
    ...WINDOW_SERVICES.map((service) => containerCpuMs(ctx, service)),
  ]);
  const lines = (stat as string).split('\n');
  const total = (lines[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait, in USER_HZ (100/s)
  const busyTicks = total.slice(0, 8).reduce((a, b) => a + b, 0) - (total[3] ?? 0) - (total[4] ?? 0);
  return {
    at: performance.now(),
    cpus: lines.filter((line) => /^cpu\d+ /.test(line)).length,
    busyMs: busyTicks * 10,
    labMs: (lab as number[]).reduce((a, b) => a + b, 0),
  };
}

/** How busy the rest of the machine kept its CPUs between two snapshots; undefined when unreadable. */
async function otherPrograms(
  ctx: CheckContext,
  before: CpuSnapshot | undefined,
): Promise<BusyMachine | undefined> {
  if (!before) return undefined;
  const after = await cpuSnapshot(ctx).catch(() => undefined);
  if (!after || after.cpus === 0) return undefined;
  return busyMachine({
    cpus: after.cpus,
    wallMs: after.at - before.at,
    busyMs: after.busyMs - before.busyMs,
    labMs: after.labMs - before.labMs,
  });
}

/**
 * Samples each replica's /healthz once a second for `seconds` and returns the most database
 * connections each held open at once (its pool's totalCount).
 */
async function connectionsDuring(ctx: CheckContext, seconds: number): Promise<Record<string, number>> {
  const script =
    `for i in $(seq ${seconds}); do for r in ${REPLICAS.join(' ')}; do ` +
    'printf "%s " $r; curl -sf --max-time 1 http://$r:8080/healthz || printf "{}"; echo; done; sleep 1; done';
  const out = await run(ctx, 'tools', ['sh', '-c', script], (seconds + 20) * 1000);
  const most: Record<string, number> = {};
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const replica = line.slice(0, space);
    try {
      const total = (JSON.parse(line.slice(space + 1)) as { pool?: { total?: number } }).pool?.total;
      if (typeof total === 'number') most[replica] = Math.max(most[replica] ?? 0, total);
    } catch {
      // a replica that did not answer in time this second
    }
  }
  return most;
}

export async function checkStandardLoad(ctx: CheckContext): Promise<CheckResult> {
  const handler = await handlerProblems(ctx);
  if (handler.length > 0) {
    return {
      ok: false,
      reason: `the handler's code must stay as it is (fix the system around it): ${handler.join('; ')}`,
    };
  }
  const prefix = `${CHECK_PREFIX}${randomBytes(4).toString('hex')}`;
  const plan = STANDARD_LOAD;
  const expected = schedule(plan).length;
  // The check's window has the system to itself: the lab's own traffic pauses and resumes afterwards.
  await ctx.stop('loadgen');
  let results: Awaited<ReturnType<typeof runLoad>>;
  let busy: BusyMachine | undefined;
  let connections: Record<string, number> = {};
  try {
    const backlog = await waitForIdleReplicas(ctx, 25_000);
    if (backlog > 0) ctx.debug(`standard load: ${backlog} earlier requests still in the replicas after 25 s`);
    ctx.debug(`standard load: ${expected} requests in ${plan.seconds} s, ids ${prefix}-*`);
    const before = await cpuSnapshot(ctx).catch((error: Error) => {
      ctx.debug(`standard load: CPU use not readable (${error.message})`);
      return undefined;
    });
    const sampling = connectionsDuring(ctx, plan.seconds + 2).catch((error: Error) => {
      ctx.debug(`standard load: replicas' connections not readable (${error.message})`);
      return {};
    });
    results = await runLoad(ctx.endpoint('nginx', 80), prefix, plan, ctx.signal);
    busy = await otherPrograms(ctx, before);
    connections = await sampling;
    if (busy) {
      ctx.debug(
        `standard load: other programs used ${busy.otherCpus.toFixed(2)} CPUs (${Math.round(busy.share * 100)}%); connections ${JSON.stringify(connections)}`,
      );
    }
  } finally {
    await ctx.start('loadgen');
  }
  const unanswered = results.filter((r) => r.status === 0).length;
  const not200 = results.filter((r) => r.status !== 0 && r.status !== 200);

  const log = await run(ctx, 'nginx', ['grep', '-F', `request_id=${prefix}-`, ACCESS_LOG]).catch(() => '');
  const logged = endpointRequests(parseAccessLog(log)).filter((r) => r.requestId.startsWith(`${prefix}-`));
  const answered = logged.filter((r) => r.status !== 499);
  const ms = logged.map((r) => r.ms);
  const p90 = percentile(ms, 90);
  const p99 = percentile(ms, 99);
  const figures = `${expected} requests in ${plan.seconds} s: p50 ${formatMs(percentile(ms, 50))}, p90 ${formatMs(p90)}, p99 ${formatMs(p99)} (nginx's request_time)`;

  const problems: string[] = [];
  if (unanswered > 0) {
    problems.push(
      `${unanswered} of ${expected} requests had no answer ${plan.drainSeconds} s after the load stopped`,
    );
  }
  if (not200.length > 0) {
    const statuses = [...new Set(not200.map((r) => r.status))].join(', ');
    problems.push(`${not200.length} requests were answered with HTTP ${statuses}, not 200`);
  }
  if (answered.length + unanswered < expected) {
    problems.push(
      `nginx's access log has lines for only ${logged.length} of the ${expected} requests (the log must keep request_id and request_time)`,
    );
  }
  const latency =
    ms.length > 0
      ? judgeLatency({ p90, p99, p90Limit: P90_LIMIT, p99Limit: P99_LIMIT, busy, connections })
      : undefined;
  if (latency && !latency.ok) problems.push(...latency.problems);
  if (problems.length > 0) {
    const note = latency?.note ? ` (${latency.note})` : '';
    return { ok: false, reason: `under the standard load (${figures}): ${problems.join('; ')}${note}` };
  }

  // Nothing lost: every request did its work, and the history is intact.
  const jobs = Number(
    (
      await psql(
        ctx,
        `SELECT count(*) FROM jobs WHERE request_id LIKE '${prefix}-%' AND status = 'done'`,
        60_000,
      )
    ).trim(),
  );
  const original = Number(
    (await psql(ctx, `SELECT count(*) FROM jobs WHERE id BETWEEN 1 AND ${ORIGINAL_JOBS}`, 60_000)).trim(),
  );
  const files = Number(
    (await run(ctx, 'tools', ['sh', '-c', `ls /mnt/efs/out | grep -c '^${prefix}-' || true`])).trim(),
  );
  const lost: string[] = [];
  if (jobs !== expected) lost.push(`${jobs} finished job rows for the ${expected} requests`);
  if (files !== expected)
    lost.push(`${files} output files on the shared volume for the ${expected} requests`);
  if (original !== ORIGINAL_JOBS)
    lost.push(`the jobs table holds ${original} of its ${ORIGINAL_JOBS} original rows`);
  if (lost.length > 0) {
    return { ok: false, reason: `fast, but work went missing under the standard load: ${lost.join('; ')}` };
  }
  const note = latency?.note ? ` (${latency.note})` : '';
  return {
    ok: true,
    detail: `${figures}; every request answered 200 with its job row and output file${note}`,
  };
}
