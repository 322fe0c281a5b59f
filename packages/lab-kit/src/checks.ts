import { connectDocker, type Docker } from './docker.ts';
import type { RunningLab } from './environment.ts';
import { EnvironmentError, errorMessage, UsageError } from './errors.ts';
import { type CheckContext, type Objective, withinTolerance } from './manifest.ts';
import type { LabEntry } from './registry.ts';
import { loadProgress, type Progress, updateProgress, workspaceDir } from './state.ts';

export function createCheckContext(
  entry: LabEntry,
  running: RunningLab,
  docker: Docker,
  options: { signal?: AbortSignal; debug?: (message: string) => void } = {},
): CheckContext {
  const progress = loadProgress(entry.id);
  const workspace = entry.lab.starter ? workspaceDir(entry.id) : undefined;
  const service = (name: string) => {
    const found = running.services[name];
    if (!found) {
      throw new EnvironmentError(`lab '${entry.id}' has no running service '${name}'`, {
        hint: `restart it: pnpm lab reset ${entry.id}`,
      });
    }
    return found;
  };
  return {
    labId: entry.id,
    instanceId: running.instanceId,
    endpoint(name, containerPort) {
      const port = service(name).ports.find((p) => p.container === containerPort);
      if (!port) throw new Error(`service '${name}' publishes no port ${containerPort}`);
      return { host: '127.0.0.1', port: port.host };
    },
    async exec(name, command, execOptions) {
      const container = docker.container.getById(service(name).containerId);
      const result = await docker.container.exec(
        container,
        command,
        execOptions?.user ? { user: execOptions.user } : {},
      );
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
    workspace,
    answer: (objectiveId) => progress.answers[objectiveId],
    signal: options.signal ?? new AbortController().signal,
    debug: options.debug ?? (() => {}),
  };
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
}

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
    const expected = await objective.answer.expected(ctx);
    if (!withinTolerance(Number(given), expected, objective.answer.tolerance)) {
      return {
        status: 'fail',
        reason: `your answer ${given}${objective.answer.unit ? ` ${objective.answer.unit}` : ''} is not right yet`,
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

/**
 * Runs every objective's check against a running lab and records progress. A failing objective comes
 * with its next unrevealed hint. In an ordered lab, objectives after the first failure are not run.
 */
export async function runChecks(
  entry: LabEntry,
  running: RunningLab,
  options: {
    only?: string;
    signal?: AbortSignal;
    debug?: (message: string) => void;
    revealHints?: boolean;
  } = {},
): Promise<ObjectiveResult[]> {
  const docker = await connectDocker();
  const objectives = entry.lab.objectives;
  if (options.only && !objectives.some((o) => o.id === options.only)) {
    throw new UsageError(
      `lab '${entry.id}' has no objective '${options.only}'`,
      `objectives: ${objectives.map((o) => o.id).join(', ')}`,
    );
  }
  const progress = loadProgress(entry.id);
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
    const outcome = await withTimeout(objective.timeoutMs, options.signal, (signal) =>
      evaluate(
        objective,
        createCheckContext(entry, running, docker, {
          signal,
          ...(options.debug ? { debug: options.debug } : {}),
        }),
      ),
    ).catch((error: unknown) => ({
      status: 'fail' as const,
      reason: `the check could not complete: ${errorMessage(error)}`,
    }));
    const result: ObjectiveResult = { id: objective.id, title: objective.title, ...outcome };
    if (outcome.status === 'fail' || outcome.status === 'needs-answer') {
      const hint = nextHint(objective, progress);
      if (hint) result.hint = hint;
      if (entry.lab.ordered) blockedBy = objective.id;
    }
    results.push(result);
    if (options.only && objective.id === options.only) break;
  }
  updateProgress(entry.id, (p) => {
    for (const r of results) {
      if (r.status === 'pass' && !p.passed.includes(r.id)) p.passed.push(r.id);
      if (r.hint && options.revealHints !== false) p.hintsRevealed[r.id] = r.hint.number;
    }
  });
  return results;
}

/** Reveals the next hint of an objective (the first unpassed one by default). */
export function revealHint(
  entry: LabEntry,
  objectiveId?: string,
): { objective: Objective; hint: ObjectiveResult['hint']; allRevealed: boolean } {
  const progress = loadProgress(entry.id);
  const objective = objectiveId
    ? entry.lab.objectives.find((o) => o.id === objectiveId)
    : (entry.lab.objectives.find((o) => !progress.passed.includes(o.id)) ?? entry.lab.objectives.at(-1));
  if (!objective) {
    throw new UsageError(
      `lab '${entry.id}' has no objective '${objectiveId}'`,
      `objectives: ${entry.lab.objectives.map((o) => o.id).join(', ')}`,
    );
  }
  const hint = nextHint(objective, progress);
  if (hint)
    updateProgress(entry.id, (p) => {
      p.hintsRevealed[objective.id] = hint.number;
    });
  const last = objective.hints.at(-1) ?? '';
  return {
    objective,
    hint: hint ?? { number: objective.hints.length, of: objective.hints.length, text: last },
    allRevealed: hint === undefined,
  };
}

/** Records an answer; returns whether it is within the lab's tolerance. */
export async function recordAnswer(
  entry: LabEntry,
  running: RunningLab | undefined,
  objectiveId: string,
  value: string,
): Promise<{ objective: Objective; correct: boolean }> {
  const objective = entry.lab.objectives.find((o) => o.id === objectiveId);
  if (!objective) {
    throw new UsageError(
      `lab '${entry.id}' has no objective '${objectiveId}'`,
      `objectives: ${entry.lab.objectives.map((o) => o.id).join(', ')}`,
    );
  }
  if (!objective.answer) {
    throw new UsageError(`objective '${objectiveId}' of lab '${entry.id}' does not take an answer`);
  }
  const number = Number(value.replace(/[,_$\s]/g, ''));
  if (!Number.isFinite(number)) throw new UsageError(`'${value}' is not a number`);
  updateProgress(entry.id, (p) => {
    p.answers[objectiveId] = String(number);
  });
  const ctxRunning: RunningLab = running ?? {
    labId: entry.id,
    instanceId: '',
    services: {},
    complete: false,
  };
  const docker = await connectDocker();
  const expected = await objective.answer.expected(createCheckContext(entry, ctxRunning, docker));
  const correct = withinTolerance(number, expected, objective.answer.tolerance);
  if (correct && !objective.check) {
    updateProgress(entry.id, (p) => {
      if (!p.passed.includes(objectiveId)) p.passed.push(objectiveId);
    });
  }
  return { objective, correct };
}
