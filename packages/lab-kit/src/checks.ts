import { randomUUID } from 'node:crypto';
import { AnswerError, formatAnswer, keptWhenRight, parseAnswer, withinTolerance } from './answers.ts';
import { connectDocker, type Docker } from './docker.ts';
import { outputCollector } from './docker-output.ts';
import { endpointHost } from './engine.ts';
import { findInstance, type RunningLab, waitUntilReady } from './environment.ts';
import { EnvironmentError, errorMessage, UsageError } from './errors.ts';
import {
  type CheckContext,
  type ExecOptions,
  type ExecResult,
  labStarters,
  type Objective,
} from './manifest.ts';
import type { LabEntry } from './registry.ts';
import { instanceStore, loadProgress, type Progress, updateProgress, workspaceDir } from './state.ts';

/** A check context plus what the kit must undo after the check: services the check stopped. */
export interface OwnedCheckContext extends CheckContext {
  /** Starts again every service this context stopped and did not start (a check that failed midway). */
  restore(): Promise<void>;
}

/** Runs a small helper command in a container and waits for it to end; never throws. */
async function runToEnd(
  container: ReturnType<Docker['container']['dockerode']['getContainer']>,
  cmd: string[],
): Promise<void> {
  try {
    const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    stream.resume();
    await new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
  } catch {
    // the container may be gone
  }
}

/** Runs a command in a container; kills it when `signal` aborts or `timeoutMs` passes. */
async function execIn(
  docker: Docker,
  containerId: string,
  command: string[],
  options: ExecOptions,
  fallbackSignal: AbortSignal,
): Promise<ExecResult> {
  const api = docker.container.dockerode;
  const container = api.getContainer(containerId);
  const pidFile = `/tmp/.storylabs-exec-${randomUUID()}`;
  // The shell records the command's pid so an abort can kill exactly it, then becomes the command.
  const exec = await container.exec({
    Cmd: ['sh', '-c', 'echo $$ > "$0"; exec "$@"', pidFile, ...command],
    AttachStdout: true,
    AttachStderr: true,
    ...(options.user ? { User: options.user } : {}),
    ...(options.env ? { Env: Object.entries(options.env).map(([k, v]) => `${k}=${v}`) } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const output = outputCollector();
  stream.on('data', output.push);
  const signal = options.signal ?? fallbackSignal;
  const timeout = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const stop = timeout ? AbortSignal.any([signal, timeout]) : signal;
  let killed: 'timeout' | 'aborted' | undefined;
  let killing: Promise<unknown> = Promise.resolve();
  const onStop = () => {
    killed = timeout?.aborted ? 'timeout' : 'aborted';
    killing = runToEnd(container, ['sh', '-c', `kill -KILL $(cat ${pidFile}) 2>/dev/null; rm -f ${pidFile}`]);
    stream.destroy();
  };
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  try {
    await new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
  } finally {
    stop.removeEventListener('abort', onStop);
  }
  const { stdout, stderr } = output.text();
  if (killed) {
    // The command is gone before exec returns: a check that moves on never races its own leftovers.
    await killing;
    const why =
      killed === 'timeout'
        ? `it ran longer than ${(options.timeoutMs ?? 0) / 1000} s`
        : 'the check was stopped';
    return {
      exitCode: 124,
      stdout,
      stderr: `${stderr}${stderr && !stderr.endsWith('\n') ? '\n' : ''}(killed: ${why})\n`,
    };
  }
  const info = await exec.inspect();
  void container
    .exec({ Cmd: ['rm', '-f', pidFile] })
    .then((e) => e.start({ hijack: true, stdin: false }))
    .then((s) => s.resume())
    .catch(() => undefined);
  return { exitCode: info.ExitCode ?? 0, stdout, stderr };
}

/** The context checks, setup hooks and solutions see of one running instance. */
export function createCheckContext(
  entry: LabEntry,
  running: RunningLab,
  docker: Docker,
  options: { signal?: AbortSignal; debug?: (message: string) => void } = {},
): OwnedCheckContext {
  const instance = running.instance;
  const progress = loadProgress(entry.id, instance);
  const workspace = labStarters(entry.lab).length > 0 ? workspaceDir(entry.id, instance) : undefined;
  const signal = options.signal ?? new AbortController().signal;
  let current = running;
  const stopped = new Set<string>();
  const declared = (name: string) => {
    if (!entry.lab.services[name]) {
      throw new UsageError(
        `lab '${entry.id}' has no service '${name}'`,
        `services: ${Object.keys(entry.lab.services).join(', ')}`,
      );
    }
  };
  const service = (name: string) => {
    declared(name);
    const found = current.services[name];
    if (!found) {
      throw new EnvironmentError(`lab '${entry.id}' has no running service '${name}'`, {
        hint: `restart it: pnpm lab reset ${entry.id}`,
      });
    }
    return found;
  };
  const network = (name: string) => {
    if (!(name in entry.lab.networks)) {
      throw new UsageError(
        `lab '${entry.id}' has no network '${name}'`,
        `networks: ${Object.keys(entry.lab.networks).join(', ') || 'none'}`,
      );
    }
    return name;
  };
  const refresh = async () => {
    const found = await findInstance(entry, instance, docker);
    if (!found) return;
    // A stopped container publishes no ports; keep where they were, so a check can probe them.
    for (const [name, service] of Object.entries(found.services)) {
      const before = current.services[name];
      if (service.ports.length === 0 && before) service.ports = before.ports;
    }
    current = found;
  };
  const ctx: OwnedCheckContext = {
    labId: entry.id,
    instance,
    instanceId: instance,
    endpoint(name, containerPort) {
      const port = service(name).ports.find((p) => p.container === containerPort);
      if (!port) throw new Error(`service '${name}' publishes no port ${containerPort}`);
      return { host: endpointHost(), port: port.host };
    },
    exec(name, command, execOptions = {}) {
      return execIn(docker, service(name).containerId, command, execOptions, signal);
    },
    address(name, networkName) {
      network(networkName);
      const address = service(name).addresses[networkName];
      if (!address)
        throw new UsageError(`service '${name}' of lab '${entry.id}' is not on network '${networkName}'`);
      return address;
    },
    subnet: (name) => current.layout.subnets[network(name)] ?? '',
    gateway: (name) => current.layout.gateways[network(name)] ?? '',
    async stop(name) {
      await docker.container.dockerode
        .getContainer(service(name).containerId)
        .stop({ t: 1 })
        .catch((error: unknown) => {
          if (
            !/already stopped|not modified/i.test(errorMessage(error)) &&
            (error as { statusCode?: number }).statusCode !== 304
          )
            throw error;
        });
      stopped.add(name);
      await refresh();
    },
    async start(name) {
      const since = Date.now();
      await docker.container.dockerode
        .getContainer(service(name).containerId)
        .start()
        .catch((error: unknown) => {
          if ((error as { statusCode?: number }).statusCode !== 304) throw error;
        });
      await refresh();
      await waitUntilReady(docker, entry, instance, name, since, signal);
      stopped.delete(name);
      await refresh();
    },
    async restart(name) {
      await ctx.stop(name);
      await ctx.start(name);
    },
    store: instanceStore(entry.id, instance),
    workspace,
    answer: (objectiveId) => progress.answers[objectiveId],
    signal,
    debug: options.debug ?? (() => {}),
    async restore() {
      for (const name of [...stopped]) {
        await ctx
          .start(name)
          .catch((error: unknown) => ctx.debug(`could not restart ${name}: ${errorMessage(error)}`));
      }
    },
  };
  return ctx;
}

export type ObjectiveStatus = 'pass' | 'fail' | 'not-run' | 'needs-answer';

export interface ObjectiveResult {
  id: string;
  title: string;
  status: ObjectiveStatus;
  /** Why it failed, in the learner's terms. */
  reason?: string;
  detail?: string;
  /** The next hint not yet revealed, shown with a failure (and then counted as revealed). */
  hint?: { number: number; of: number; text: string };
  /** How long the check took. */
  ms?: number;
}

/** What `runChecks` reports while it runs (workshop mode forwards these to the progress board). */
export type CheckEvent =
  | { type: 'objective-started'; labId: string; instance: string; objective: string; title: string }
  | { type: 'objective-finished'; labId: string; instance: string; result: ObjectiveResult }
  | { type: 'run-finished'; labId: string; instance: string; results: ObjectiveResult[]; total: number };

async function withTimeout<T>(
  ms: number,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(controller.signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort(new Error('timeout'));
          reject(new Error(`the check did not finish within ${ms / 1000} s`));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** An answer objective's expected value; a measured one keeps a right answer right (`measured`). */
function expectedAnswer(
  objectiveId: string,
  answer: NonNullable<Objective['answer']>,
  ctx: CheckContext,
): Promise<number> {
  const compute = async () => answer.expected(ctx);
  return answer.measured ? keptWhenRight(ctx, objectiveId, answer.tolerance, compute) : compute();
}

async function evaluate(
  objective: Objective,
  ctx: CheckContext,
): Promise<Omit<ObjectiveResult, 'id' | 'title' | 'hint'>> {
  if (objective.answer) {
    const given = ctx.answer(objective.id);
    if (given === undefined) {
      return {
        status: 'needs-answer',
        reason: `${objective.answer.prompt}: record it with \`pnpm lab answer ${ctx.labId} ${objective.id} <value>\``,
      };
    }
    const expected = await expectedAnswer(objective.id, objective.answer, ctx);
    if (!withinTolerance(Number(given), expected, objective.answer.tolerance)) {
      return {
        status: 'fail',
        reason: `your answer ${formatAnswer(Number(given), objective.answer.unit)} is not right yet`,
      };
    }
  }
  if (objective.check) {
    const result = await objective.check(ctx);
    if (!result.ok) {
      return { status: 'fail', reason: result.reason, ...(result.detail ? { detail: result.detail } : {}) };
    }
    return { status: 'pass', ...(result.detail ? { detail: result.detail } : {}) };
  }
  return { status: 'pass' };
}

function nextHint(objective: Objective, progress: Progress): ObjectiveResult['hint'] {
  const revealed = progress.hintsRevealed[objective.id] ?? 0;
  const text = objective.hints[revealed];
  if (text === undefined) return undefined;
  return { number: revealed + 1, of: objective.hints.length, text };
}

function unknownObjective(entry: LabEntry, objectiveId: string | undefined): UsageError {
  return new UsageError(
    `lab '${entry.id}' has no objective '${objectiveId}'`,
    `objectives: ${entry.lab.objectives.map((o) => o.id).join(', ')}`,
  );
}

export interface RunChecksOptions {
  only?: string;
  signal?: AbortSignal;
  debug?: (message: string) => void;
  revealHints?: boolean;
  /** Called as each objective starts and finishes, and once at the end. */
  onEvent?: (event: CheckEvent) => void;
  docker?: Docker;
}

/**
 * Runs every objective's check against a running instance and records its progress. A failing
 * objective comes with its next unrevealed hint. In an ordered lab, objectives after the first failure
 * are not run. Services a check stopped are started again before the next objective runs.
 */
export async function runChecks(
  entry: LabEntry,
  running: RunningLab,
  options: RunChecksOptions = {},
): Promise<ObjectiveResult[]> {
  const docker = options.docker ?? (await connectDocker());
  const instance = running.instance;
  const objectives = entry.lab.objectives;
  if (options.only && !objectives.some((o) => o.id === options.only))
    throw unknownObjective(entry, options.only);
  const emit = (event: CheckEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // a listener's failure is its own
    }
  };
  const progress = loadProgress(entry.id, instance);
  const results: ObjectiveResult[] = [];
  let blockedBy: string | undefined;
  for (const objective of objectives) {
    if (options.only && objective.id !== options.only && !entry.lab.ordered) continue;
    if (blockedBy) {
      results.push({
        id: objective.id,
        title: objective.title,
        status: 'not-run',
        reason: `pass '${blockedBy}' first`,
      });
      continue;
    }
    emit({
      type: 'objective-started',
      labId: entry.id,
      instance,
      objective: objective.id,
      title: objective.title,
    });
    const started = performance.now();
    let ctx: OwnedCheckContext | undefined;
    const outcome = await withTimeout(objective.timeoutMs, options.signal, (signal) => {
      ctx = createCheckContext(entry, running, docker, {
        signal,
        ...(options.debug ? { debug: options.debug } : {}),
      });
      return evaluate(objective, ctx);
    }).catch((error: unknown) => ({
      status: 'fail' as const,
      reason: `the check could not complete: ${errorMessage(error)}`,
    }));
    await ctx?.restore();
    const result: ObjectiveResult = {
      id: objective.id,
      title: objective.title,
      ...outcome,
      ms: Math.round(performance.now() - started),
    };
    if (outcome.status === 'fail' || outcome.status === 'needs-answer') {
      const hint = nextHint(objective, progress);
      if (hint) result.hint = hint;
      if (entry.lab.ordered) blockedBy = objective.id;
    }
    results.push(result);
    emit({ type: 'objective-finished', labId: entry.id, instance, result });
    if (options.only && objective.id === options.only) break;
  }
  updateProgress(
    entry.id,
    (p) => {
      for (const r of results) {
        if (r.status === 'pass' && !p.passed.includes(r.id)) p.passed.push(r.id);
        if (r.hint && options.revealHints !== false)
          p.hintsRevealed[r.id] = Math.max(p.hintsRevealed[r.id] ?? 0, r.hint.number);
      }
    },
    instance,
  );
  emit({ type: 'run-finished', labId: entry.id, instance, results, total: objectives.length });
  return results;
}

/** Reveals the next hint of an objective (the first unpassed one by default). */
export function revealHint(
  entry: LabEntry,
  objectiveId?: string,
  instance?: string,
): { objective: Objective; hint: ObjectiveResult['hint']; allRevealed: boolean } {
  const progress = loadProgress(entry.id, instance);
  const objective = objectiveId
    ? entry.lab.objectives.find((o) => o.id === objectiveId)
    : (entry.lab.objectives.find((o) => !progress.passed.includes(o.id)) ?? entry.lab.objectives.at(-1));
  if (!objective) throw unknownObjective(entry, objectiveId);
  const hint = nextHint(objective, progress);
  if (hint)
    updateProgress(
      entry.id,
      (p) => {
        p.hintsRevealed[objective.id] = Math.max(p.hintsRevealed[objective.id] ?? 0, hint.number);
      },
      instance,
    );
  const last = objective.hints.at(-1) ?? '';
  return {
    objective,
    hint: hint ?? { number: objective.hints.length, of: objective.hints.length, text: last },
    allRevealed: hint === undefined,
  };
}

/** Records an answer (read with the objective's unit); returns whether it is within the lab's tolerance. */
export async function recordAnswer(
  entry: LabEntry,
  running: RunningLab | undefined,
  objectiveId: string,
  value: string,
  instance?: string,
  docker?: Docker,
): Promise<{ objective: Objective; correct: boolean; value: number }> {
  const objective = entry.lab.objectives.find((o) => o.id === objectiveId);
  if (!objective) throw unknownObjective(entry, objectiveId);
  if (!objective.answer) {
    throw new UsageError(`objective '${objectiveId}' of lab '${entry.id}' does not take an answer`);
  }
  let number: number;
  try {
    number = parseAnswer(value, objective.answer.unit);
  } catch (error) {
    if (error instanceof AnswerError) throw new UsageError(error.message);
    throw error;
  }
  const name = running?.instance ?? instance;
  updateProgress(
    entry.id,
    (p) => {
      p.answers[objectiveId] = String(number);
    },
    name,
  );
  const ctxRunning: RunningLab = running ?? {
    labId: entry.id,
    instance: name ?? 'default',
    instanceId: name ?? 'default',
    slot: 0,
    layout: { slot: 0, subnets: {}, gateways: {}, addresses: {} },
    services: {},
    complete: false,
  };
  // Only a running instance needs the engine: most expected values come from the models alone.
  const engine = docker ?? (running?.complete ? await connectDocker() : ({} as Docker));
  const expected = await expectedAnswer(
    objectiveId,
    objective.answer,
    createCheckContext(entry, ctxRunning, engine),
  );
  const correct = withinTolerance(number, expected, objective.answer.tolerance);
  if (correct && !objective.check) {
    updateProgress(
      entry.id,
      (p) => {
        if (!p.passed.includes(objectiveId)) p.passed.push(objectiveId);
      },
      name,
    );
  }
  return { objective, correct, value: number };
}
