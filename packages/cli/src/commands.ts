import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { PassThrough } from 'node:stream';
import {
  clearProgress,
  connectDocker,
  createCheckContext,
  down,
  EnvironmentError,
  ensureWorkspace,
  findInstance,
  findLab,
  findResources,
  freePort,
  HostProcessSupervisor,
  type LabEntry,
  labIds,
  loadLabs,
  loadProgress,
  type ObjectiveResult,
  type RunningLab,
  recordAnswer,
  revealHint,
  runChecks,
  runDoctor,
  UsageError,
  up,
} from '@storylabs/lab-kit';
import type { ParsedArgs } from './args.ts';
import type { Ui } from './ui.ts';

export interface CommandContext {
  ui: Ui;
  labsDir: string;
  /** Aborted by Ctrl-C or SIGTERM: a foreground lab then tears itself down. */
  signal: AbortSignal;
  stdinIsTTY: boolean;
}

export type Command = (args: ParsedArgs, ctx: CommandContext) => Promise<number>;

function endpointLines(entry: LabEntry, running: RunningLab): string[] {
  const lines: string[] = [];
  for (const [name, service] of Object.entries(running.services)) {
    for (const port of service.ports) {
      const address = `127.0.0.1:${port.host}`;
      const shown = port.scheme ? `${port.scheme}://${address}` : address;
      lines.push(
        `  ${name.padEnd(12)} ${shown.padEnd(28)} ${port.label ?? `container port ${port.container}`}`,
      );
    }
  }
  lines.push(`  shell        pnpm lab shell ${entry.id} <${Object.keys(entry.lab.services).join('|')}>`);
  return lines;
}

async function requireRunning(entry: LabEntry): Promise<RunningLab> {
  const running = await findInstance(entry);
  if (!running) {
    throw new EnvironmentError(`lab '${entry.id}' is not running`, {
      hint: `start it with \`pnpm lab ${entry.id}\` (or \`pnpm lab ${entry.id} --detach\` to keep your terminal)`,
    });
  }
  if (!running.complete) {
    throw new EnvironmentError(`lab '${entry.id}' is only partly running`, {
      hint: `restart it: \`pnpm lab reset ${entry.id}\``,
    });
  }
  return running;
}

export const list: Command = async (_args, ctx) => {
  const labs = await loadLabs(ctx.labsDir);
  if (ctx.ui.json) {
    ctx.ui.writeJson({
      labs: labs.map(({ lab }) => ({
        id: lab.id,
        title: lab.title,
        summary: lab.summary,
        difficulty: lab.difficulty,
        minutes: lab.minutes,
        story: lab.story,
      })),
    });
    return 0;
  }
  const width = Math.max(0, ...labs.map((l) => l.id.length));
  for (const { lab } of labs) {
    ctx.ui.line(
      `${ctx.ui.style('bold', lab.id.padEnd(width))}  ${lab.title} (${lab.difficulty}, ~${lab.minutes} min)`,
    );
  }
  if (labs.length === 0) ctx.ui.line(`no labs in ${ctx.labsDir}`);
  else ctx.ui.line(`\nStart one with: pnpm lab <name>    More: pnpm lab help`);
  return 0;
};

/** Just enough Markdown for a terminal: headings and **bold** in bold, `code` in cyan. */
export function renderMarkdownLine(ui: Ui, line: string): string {
  if (/^#+ /.test(line)) return ui.style('bold', line.replace(/^#+ /, ''));
  return line
    .replace(/\*\*([^*]+)\*\*/g, (_, text: string) => ui.style('bold', text))
    .replace(/`([^`]+)`/g, (match: string, code: string) => (ui.color ? ui.style('cyan', code) : match));
}

function printBriefing(ctx: CommandContext, entry: LabEntry, running: RunningLab, workspace?: string): void {
  const { ui } = ctx;
  ui.line();
  ui.line(ui.style('bold', `${entry.lab.title}`));
  ui.line();
  for (const line of entry.lab.briefing.trim().split('\n')) ui.line(renderMarkdownLine(ui, line));
  ui.line();
  ui.line(ui.style('bold', 'Endpoints (127.0.0.1 only)'));
  for (const line of endpointLines(entry, running)) ui.line(line);
  if (workspace) ui.line(`  workspace    ${workspace}`);
  ui.line();
  ui.line(
    `Check your work: pnpm lab check ${entry.id}    Hint: pnpm lab hint ${entry.id}    Objectives: ${entry.lab.objectives.length}`,
  );
}

function upJson(entry: LabEntry, running: RunningLab, started: boolean) {
  return {
    lab: entry.id,
    instanceId: running.instanceId,
    started,
    services: Object.values(running.services).map((s) => ({
      name: s.name,
      state: s.state,
      ports: s.ports.map((p) => ({
        container: p.container,
        host: p.host,
        url: p.scheme ? `${p.scheme}://127.0.0.1:${p.host}` : undefined,
      })),
    })),
  };
}

/** Waits for Ctrl-C / SIGTERM, keeping the process alive meanwhile (nothing else may hold it open). */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const keepAlive = setInterval(() => {}, 2 ** 30);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(keepAlive);
        resolve();
      },
      { once: true },
    );
  });
}

async function startHostProcesses(
  ctx: CommandContext,
  entry: LabEntry,
  workspace: string,
): Promise<HostProcessSupervisor[]> {
  const supervisors: HostProcessSupervisor[] = [];
  for (const [name, definition] of Object.entries(entry.lab.processes)) {
    const port = await freePort();
    const label = definition.label ?? name;
    const supervisor = new HostProcessSupervisor({
      labId: entry.id,
      name,
      definition,
      workspace,
      port,
      events: {
        started: () => ctx.ui.line(ctx.ui.style('dim', `[${name}] started ${label} on 127.0.0.1:${port}`)),
        exited: (code, signal, lastLines) => {
          ctx.ui.line(
            ctx.ui.style(
              'yellow',
              `[${name}] ${label} exited (${signal ?? `code ${code}`}); it restarts when you save a file`,
            ),
          );
          if (lastLines.length === 0) ctx.ui.line(ctx.ui.style('dim', `[${name}] (it printed nothing)`));
        },
        restarting: (reason) => ctx.ui.line(ctx.ui.style('dim', `[${name}] ${reason}: restarting`)),
        output: (line) => ctx.ui.line(`${ctx.ui.style('dim', `[${name}]`)} ${line}`),
      },
    });
    supervisor.start();
    supervisors.push(supervisor);
    ctx.ui.line(`  ${name.padEnd(12)} ${`127.0.0.1:${port}`.padEnd(28)} ${label} (from your workspace)`);
  }
  return supervisors;
}

async function startLab(args: ParsedArgs, ctx: CommandContext, entry: LabEntry): Promise<number> {
  const workspace = ensureWorkspace(entry);
  if (workspace?.created) ctx.ui.line(`Copied the starter to your workspace: ${workspace.dir}`);
  let result: Awaited<ReturnType<typeof up>>;
  try {
    result = await up(entry, { reporter: ctx.ui.reporter(), detach: args.flags.detach, signal: ctx.signal });
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    // up() already removed what it had created; a second sweep catches creates Docker was still finishing.
    await down(entry.id);
    ctx.ui.io.stderr.write(
      `Interrupted: lab '${entry.id}' was not started, and nothing of it is left running.\n`,
    );
    return 130;
  }
  const { running, started } = result;
  if (!started) {
    if (ctx.ui.json) ctx.ui.writeJson(upJson(entry, running, false));
    ctx.ui.line(`Lab '${entry.id}' is already running (instance ${running.instanceId.slice(0, 8)}).`);
    for (const line of endpointLines(entry, running)) ctx.ui.line(line);
    ctx.ui.line(`Stop it with: pnpm lab down ${entry.id}`);
    return 0;
  }
  if (ctx.ui.json) ctx.ui.writeJson(upJson(entry, running, true));
  printBriefing(ctx, entry, running, workspace?.dir);
  if (args.flags.detach) {
    ctx.ui.line(`\nThe lab keeps running. Stop it with: pnpm lab down ${entry.id}`);
    if (Object.keys(entry.lab.processes).length > 0) {
      ctx.ui.line('Your own programs are not started with --detach: run them from your workspace.');
    }
    return 0;
  }
  const supervisors = workspace ? await startHostProcesses(ctx, entry, workspace.dir) : [];
  ctx.ui.line(`\nThe lab runs until you press Ctrl-C; then everything is removed.`);
  await untilAborted(ctx.signal);
  ctx.ui.line('\nStopping...');
  await Promise.all(supervisors.map((s) => s.stop()));
  const removed = await down(entry.id);
  ctx.ui.line(
    `Lab '${entry.id}' stopped: removed ${removed.containers} containers and ${removed.networks} networks.`,
  );
  return 0;
}

export const upCommand: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  return startLab(args, ctx, entry);
};

export const downCommand: Command = async (args, ctx) => {
  const name = args.positionals[0] ?? '';
  // `down` must work even for a lab whose folder was renamed since it started: it goes by labels.
  if (!labIds(ctx.labsDir).includes(name)) {
    const docker = await connectDocker();
    const { containers } = await findResources(docker, name);
    if (containers.length === 0) await findLab(name, ctx.labsDir);
  }
  const removed = await down(name);
  if (ctx.ui.json) ctx.ui.writeJson({ lab: name, removed });
  else if (removed.containers + removed.networks + removed.volumes === 0)
    ctx.ui.line(`Lab '${name}' was not running.`);
  else
    ctx.ui.line(
      `Lab '${name}' stopped: removed ${removed.containers} containers, ${removed.networks} networks, ${removed.volumes} volumes.`,
    );
  return 0;
};

export const status: Command = async (args, ctx) => {
  const entries = args.positionals[0]
    ? [await findLab(args.positionals[0], ctx.labsDir)]
    : await loadLabs(ctx.labsDir);
  const report = [];
  for (const entry of entries) {
    const running = await findInstance(entry);
    const progress = loadProgress(entry.id);
    report.push({ entry, running, progress });
  }
  if (ctx.ui.json) {
    ctx.ui.writeJson({
      labs: report.map(({ entry, running, progress }) => ({
        id: entry.id,
        running: Boolean(running?.complete),
        state: running ? (running.complete ? 'running' : 'partial') : 'stopped',
        ...(running ? upJson(entry, running, false) : {}),
        progress: { passed: progress.passed.length, total: entry.lab.objectives.length },
      })),
    });
    return 0;
  }
  for (const { entry, running, progress } of report) {
    const state = running
      ? running.complete
        ? ctx.ui.style('green', 'running')
        : ctx.ui.style('yellow', 'partly running')
      : 'stopped';
    ctx.ui.line(
      `${ctx.ui.style('bold', entry.id)}: ${state}, ${progress.passed.length}/${entry.lab.objectives.length} objectives passed`,
    );
    if (running) for (const line of endpointLines(entry, running)) ctx.ui.line(line);
  }
  return 0;
};

function printResults(ctx: CommandContext, entry: LabEntry, results: ObjectiveResult[]): void {
  const { ui } = ctx;
  for (const r of results) {
    const mark =
      r.status === 'pass'
        ? ui.style('green', '✔')
        : r.status === 'not-run'
          ? ui.style('dim', '·')
          : ui.style('red', '✖');
    ui.line(`${mark} ${ui.style('bold', r.id)}  ${r.title}`);
    if (r.status !== 'pass' && r.reason) ui.line(`    ${r.reason.replace(/\n/g, '\n    ')}`);
    if (r.detail && ui.debugEnabled) ui.line(ui.style('dim', `    ${r.detail.replace(/\n/g, '\n    ')}`));
    if (r.hint) ui.line(ui.style('cyan', `    hint ${r.hint.number}/${r.hint.of}: ${r.hint.text}`));
  }
  const passed = results.filter((r) => r.status === 'pass').length;
  ui.line();
  ui.line(
    passed === entry.lab.objectives.length
      ? ui.style('green', `All ${passed} objectives pass. Well done.`)
      : `${passed}/${entry.lab.objectives.length} objectives pass.`,
  );
}

export const check: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const running = await requireRunning(entry);
  const only = args.positionals[1];
  const results = await runChecks(entry, running, {
    ...(only ? { only } : {}),
    signal: ctx.signal,
    debug: (m) => ctx.ui.reporter().debug(m),
  });
  const allPass =
    results.every((r) => r.status === 'pass') &&
    (only !== undefined || results.length === entry.lab.objectives.length);
  if (ctx.ui.json) {
    ctx.ui.writeJson({
      lab: entry.id,
      passed: results.filter((r) => r.status === 'pass').length,
      total: entry.lab.objectives.length,
      objectives: results,
    });
  } else printResults(ctx, entry, results);
  return allPass ? 0 : 1;
};

export const hint: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const { objective, hint: shown, allRevealed } = revealHint(entry, args.positionals[1]);
  if (ctx.ui.json) {
    ctx.ui.writeJson({ lab: entry.id, objective: objective.id, hint: shown, allRevealed });
    return 0;
  }
  ctx.ui.line(`${ctx.ui.style('bold', objective.id)}  ${objective.title}`);
  ctx.ui.line(ctx.ui.style('cyan', `hint ${shown?.number}/${shown?.of}: ${shown?.text}`));
  if (allRevealed) ctx.ui.line(`That was the last hint. The walkthrough: pnpm lab solution ${entry.id}`);
  return 0;
};

export const answer: Command = async (args, ctx) => {
  const [name = '', objectiveId = '', value = ''] = args.positionals;
  const entry = await findLab(name, ctx.labsDir);
  const running = await findInstance(entry);
  const result = await recordAnswer(entry, running?.complete ? running : undefined, objectiveId, value);
  if (ctx.ui.json)
    ctx.ui.writeJson({ lab: entry.id, objective: objectiveId, value, correct: result.correct });
  else if (result.correct) ctx.ui.line(ctx.ui.style('green', `✔ ${objectiveId}: that is right.`));
  else ctx.ui.line(`✖ ${objectiveId}: not quite. Hint: pnpm lab hint ${entry.id} ${objectiveId}`);
  return result.correct ? 0 : 1;
};

async function confirm(ctx: CommandContext, question: string): Promise<boolean> {
  if (!ctx.stdinIsTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export const solution: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  if (!args.flags.yes) {
    if (!ctx.stdinIsTTY) {
      throw new UsageError(
        'the walkthrough gives the answers away',
        `show it anyway with: pnpm lab solution ${entry.id} --yes`,
      );
    }
    if (!(await confirm(ctx, 'The walkthrough gives the answers away. Show it?'))) return 0;
  }
  if (ctx.ui.json) ctx.ui.writeJson({ lab: entry.id, walkthrough: entry.lab.solution.walkthrough });
  else ctx.ui.line(entry.lab.solution.walkthrough.trim());
  return 0;
};

export const solve: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const running = await requireRunning(entry);
  const docker = await connectDocker();
  const reporter = ctx.ui.reporter();
  const phase = reporter.phase('Applying the reference solution');
  try {
    await entry.lab.solution.apply(
      createCheckContext(entry, running, docker, { signal: ctx.signal, debug: (m) => reporter.debug(m) }),
    );
    phase.done();
  } catch (error) {
    phase.fail(error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (ctx.ui.json) ctx.ui.writeJson({ lab: entry.id, solved: true });
  else ctx.ui.line(`Applied. See it pass: pnpm lab check ${entry.id}`);
  return 0;
};

export const reset: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  await down(entry.id);
  if (args.flags.progress) {
    clearProgress(entry.id);
    ctx.ui.line(`Cleared the progress of '${entry.id}'.`);
  }
  return startLab(args, ctx, entry);
};

function serviceOf(entry: LabEntry, running: RunningLab, name: string) {
  const service = running.services[name];
  if (!service) {
    throw new UsageError(
      `lab '${entry.id}' has no service '${name}'`,
      `services: ${Object.keys(entry.lab.services).join(', ')}`,
    );
  }
  return service;
}

export const logs: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const running = await findInstance(entry);
  if (!running)
    throw new EnvironmentError(`lab '${entry.id}' is not running`, {
      hint: `start it with \`pnpm lab ${entry.id}\``,
    });
  const names = args.positionals[1] ? [args.positionals[1]] : Object.keys(running.services);
  const docker = await connectDocker();
  const api = docker.container.dockerode;
  const prefix = names.length > 1;
  await Promise.all(
    names.map(async (name) => {
      const service = serviceOf(entry, running, name);
      const container = api.getContainer(service.containerId);
      const write = (target: 'stdout' | 'stderr') => {
        const stream = new PassThrough();
        let pending = '';
        stream.on('data', (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) ctx.ui.io[target].write(`${prefix ? `${name} | ` : ''}${line}\n`);
        });
        return stream;
      };
      if (args.flags.follow) {
        const stream = await container.logs({ follow: true, stdout: true, stderr: true });
        api.modem.demuxStream(stream, write('stdout'), write('stderr'));
        await new Promise<void>((resolve) => {
          stream.on('end', resolve);
          ctx.signal.addEventListener('abort', () => {
            (stream as unknown as { destroy(): void }).destroy();
            resolve();
          });
        });
      } else {
        const buffer = await container.logs({ follow: false, stdout: true, stderr: true });
        const out = write('stdout');
        const err = write('stderr');
        const source = new PassThrough();
        api.modem.demuxStream(source, out, err);
        source.end(buffer);
        await new Promise((resolve) => source.on('end', resolve));
      }
    }),
  );
  return 0;
};

export const shell: Command = async (args, ctx) => {
  const [name = '', serviceName = ''] = args.positionals;
  const entry = await findLab(name, ctx.labsDir);
  const running = await requireRunning(entry);
  const service = serviceOf(entry, running, serviceName);
  const shellName = entry.lab.services[serviceName]?.shell ?? 'bash';
  // An interactive TTY needs the docker CLI; everything else in the kit talks to the API directly.
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['exec', '-it', service.containerName, shellName], { stdio: 'inherit' });
    child.once('error', () =>
      reject(
        new EnvironmentError('`pnpm lab shell` needs the docker CLI on your PATH', {
          hint: `or run single commands: pnpm lab exec ${entry.id} ${serviceName} -- <command>`,
        }),
      ),
    );
    child.once('exit', (code) => resolve(code ?? 0));
  });
};

export const exec: Command = async (args, ctx) => {
  const [name = '', serviceName = ''] = args.positionals;
  const entry = await findLab(name, ctx.labsDir);
  const running = await requireRunning(entry);
  serviceOf(entry, running, serviceName);
  const docker = await connectDocker();
  const result = await createCheckContext(entry, running, docker).exec(serviceName, args.rest);
  if (ctx.ui.json) {
    ctx.ui.writeJson({ lab: entry.id, service: serviceName, ...result });
  } else {
    ctx.ui.io.stdout.write(result.stdout);
    ctx.ui.io.stderr.write(result.stderr);
  }
  return result.exitCode;
};

export const doctor: Command = async (_args, ctx) => {
  const checks = await runDoctor(ctx.ui.reporter());
  const ok = checks.every((c) => c.ok);
  if (ctx.ui.json) {
    ctx.ui.writeJson({ ok, checks });
    return ok ? 0 : 2;
  }
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks) {
    ctx.ui.line(
      `${c.ok ? ctx.ui.style('green', '✔') : ctx.ui.style('red', '✖')} ${c.name.padEnd(width)}  ${c.detail}`,
    );
    if (!c.ok && c.fix) ctx.ui.line(`  ${' '.repeat(width)}  fix: ${c.fix}`);
  }
  return ok ? 0 : 2;
};
