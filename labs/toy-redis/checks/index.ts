// The toy-redis stage tester: a pure function of (workspace, real Redis endpoint, stages, seed), used
// by the lab's objectives and by the self-tests alike.
import type { CheckContext, CheckResult, Endpoint } from '@storylabs/lab-kit/manifest';
import { Patience, SLICE_MS } from './clock.ts';
import { RespConnection } from './connection.ts';
import { environmentFailure, formatFailure, StageFailure } from './failure.ts';
import { REPLY_TIMEOUT_MS, referenceUnreachable, StageAborted, StageContext } from './harness.ts';
import { newSeed, Random } from './random.ts';
import { escapeBytes } from './resp.ts';
import { STAGE_IDS, type Stage, type StageId } from './stage.ts';
import { bind } from './stages/bind.ts';
import { compact } from './stages/compact.ts';
import { concurrentClients } from './stages/concurrent-clients.ts';
import { delExists } from './stages/del-exists.ts';
import { echo } from './stages/echo.ts';
import { expiry } from './stages/expiry.ts';
import { incrDecr } from './stages/incr-decr.ts';
import { multipleCommands } from './stages/multiple-commands.ts';
import { persistence } from './stages/persistence.ts';
import { ping } from './stages/ping.ts';
import { pingInline } from './stages/ping-inline.ts';
import { pipelining } from './stages/pipelining.ts';
import { select } from './stages/select.ts';
import { setGet } from './stages/set-get.ts';
import { transactions } from './stages/transactions.ts';

export { STAGE_IDS, type Stage, type StageId } from './stage.ts';

/** Every stage, in order. */
export const STAGES: readonly Stage[] = [
  bind,
  ping,
  pingInline,
  multipleCommands,
  concurrentClients,
  echo,
  setGet,
  delExists,
  incrDecr,
  expiry,
  transactions,
  select,
  compact,
  pipelining,
  persistence,
];

export function stage(id: StageId): Stage {
  const found = STAGES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown stage '${id}' (stages: ${STAGE_IDS.join(', ')})`);
  return found;
}

export interface TesterOptions {
  /** The learner's workspace: holds your_program.sh. */
  workspace: string;
  /** Real Redis, the reference every reply is compared with. */
  reference: Endpoint;
  /** Replays a run: the same seed gives the same keys and values. */
  seed?: number;
  signal?: AbortSignal;
  debug?: (message: string) => void;
  /** How long the program may take to accept its first connection; 15 s by default. */
  bindTimeoutMs?: number;
  /** The redis-cli to run in the pipelining stage; "redis-cli" from the PATH by default. */
  redisCli?: string;
}

export interface StageResult {
  id: StageId;
  title: string;
  /** passed; failed (the learner's server); error (the lab or the tester, not the learner). */
  status: 'passed' | 'failed' | 'error';
  /** For a failure: the full text for the learner. For a pass: what was checked. */
  message: string;
  durationMs: number;
  seed: number;
}

const DEFAULT_BIND_TIMEOUT_MS = 15_000;

async function flushReference(reference: Endpoint): Promise<void> {
  let connection: RespConnection;
  try {
    connection = await RespConnection.open(reference, REPLY_TIMEOUT_MS);
  } catch (err) {
    throw referenceUnreachable(reference, err);
  }
  try {
    await connection.write(Buffer.from('*1\r\n$8\r\nFLUSHALL\r\n'));
    const outcome = await connection.read(REPLY_TIMEOUT_MS);
    if (outcome.kind !== 'reply' || outcome.reply.type !== 'simple') {
      throw environmentFailure(
        `The lab's real Redis did not accept FLUSHALL (${outcome.kind === 'reply' ? escapeBytes(outcome.raw) : outcome.kind}).`,
        'Restart the lab: `pnpm lab toy-redis`.',
      );
    }
  } finally {
    connection.close();
  }
}

/** What a passed stage checked, e.g. "42 replies checked, all 42 byte for byte against real Redis's." */
export function passSummary(checked: number, againstRedis: number): string {
  if (checked === 0) return 'Your program started and accepted connections.';
  const replies = `${checked} ${checked === 1 ? 'reply' : 'replies'} checked`;
  if (againstRedis === checked) {
    return `${replies}, ${checked === 1 ? '' : `all ${checked} `}byte for byte against real Redis's.`;
  }
  return `${replies}, ${againstRedis} of them byte for byte against real Redis's.`;
}

/** Runs one stage against a fresh start of the learner's program. Never throws; never leaves a process or directory behind. */
export async function runStage(id: StageId, options: TesterOptions): Promise<StageResult> {
  const definition = stage(id);
  const seed = options.seed ?? newSeed();
  const debug = options.debug ?? (() => {});
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  const t = new StageContext({
    workspace: options.workspace,
    reference: options.reference,
    rng: new Random(seed, id),
    signal: controller.signal,
    debug: (message) => debug(`[${id}] ${message}`),
    bindTimeoutMs: options.bindTimeoutMs ?? DEFAULT_BIND_TIMEOUT_MS,
    redisCli: options.redisCli ?? 'redis-cli',
  });
  debug(`[${id}] seed ${seed} (replay this run with TOY_REDIS_SEED=${seed})`);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const result = (status: StageResult['status'], message: string): StageResult => ({
    id,
    title: definition.title,
    status,
    message,
    durationMs: Date.now() - started,
    seed,
  });
  try {
    await flushReference(options.reference);
    const body = definition.run(t);
    // The body may still settle after a timeout has won the race; its outcome no longer matters.
    body.catch(() => {});
    // The stage's time limit counts the tester's own running time (clock.ts): a busy machine that
    // keeps the tester from running does not use up the learner's time.
    const patience = new Patience(definition.timeoutMs, () => t.program.cpuWaitMs());
    const timedOut = new Promise<never>((_, reject) => {
      const look = () => {
        if (!patience.exhausted()) {
          timer = setTimeout(look, SLICE_MS);
          return;
        }
        reject(
          new StageFailure(
            `The stage did not finish within ${definition.timeoutMs / 1000} s. It was ${t.currentStep}.`,
            'A reply that never comes, or a program that takes long to start, looks like this; run with --debug to see each step.',
          ),
        );
      };
      timer = setTimeout(look, SLICE_MS);
    });
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new StageAborted()), { once: true });
      if (controller.signal.aborted) reject(new StageAborted());
    });
    aborted.catch(() => {});
    await Promise.race([body, timedOut, aborted]);
    t.checkNoUnreadBytes();
    return result('passed', passSummary(t.repliesChecked, t.repliesComparedWithRedis));
  } catch (err) {
    if (err instanceof StageFailure) {
      const program = { lastOutput: t.program.lastOutput(), exit: t.unexpectedExit() };
      return result(
        err.blame === 'learner' ? 'failed' : 'error',
        formatFailure(err, err.blame === 'learner' ? program : undefined),
      );
    }
    if (err instanceof StageAborted) return result('error', 'The check was cancelled.');
    return result(
      'error',
      `The tester itself failed (a bug in the lab, not in your server): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    controller.abort();
    await t.dispose();
  }
}

/** Runs stages in order (all of them by default) and stops at the first one that does not pass. */
export async function runStages(
  options: TesterOptions & { stages?: readonly StageId[] },
): Promise<StageResult[]> {
  const seed = options.seed ?? newSeed();
  const ids = options.stages ?? STAGE_IDS;
  const results: StageResult[] = [];
  for (const id of STAGE_IDS.filter((s) => ids.includes(s))) {
    const result = await runStage(id, { ...options, seed });
    results.push(result);
    if (result.status !== 'passed') break;
  }
  return results;
}

/** A stage as a lab objective's check. */
export async function checkStage(id: StageId, ctx: CheckContext, seed?: number): Promise<CheckResult> {
  if (!ctx.workspace) {
    return {
      ok: false,
      reason:
        'This lab runs your server from your workspace, and none is set up: start the lab with `pnpm lab toy-redis`.',
    };
  }
  const result = await runStage(id, {
    workspace: ctx.workspace,
    reference: ctx.endpoint('redis', 6379),
    signal: ctx.signal,
    debug: (message) => ctx.debug(message),
    ...(seed === undefined ? {} : { seed }),
  });
  if (result.status === 'passed') return { ok: true, detail: result.message };
  return { ok: false, reason: result.message, detail: `seed ${result.seed}` };
}
