import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import {
  applySolution,
  checkInstanceName,
  clearProgress,
  connectDocker,
  createCheckContext,
  DEFAULT_INSTANCE,
  didYouMean,
  down,
  EnvironmentError,
  fillTemplate,
  findInstance,
  findLab,
  findResources,
  type HostProcessInfo,
  type LabEntry,
  labIds,
  layoutValues,
  listInstances,
  loadLabs,
  loadProgress,
  type ObjectiveResult,
  type RunningLab,
  recordAnswer,
  revealHint,
  runChecks,
  runDoctor,
  runPreflight,
  sessionProcesses,
  startSession,
  streamLogs,
  UsageError,
} from '@storylabs/lab-kit';
import type { ParsedArgs } from './args.ts';
import { VERBS } from './args.ts';
import type { Ui } from './ui.ts';

export interface CommandContext {
  ui: Ui;
  labsDir: string;
  /** Aborted by Ctrl-C or SIGTERM: a foreground lab then tears itself down. */
  signal: AbortSignal;
  stdinIsTTY: boolean;
}

export type Command = (args: ParsedArgs, ctx: CommandContext) => Promise<number>;

/** "--instance alice" for commands the user is told to run next (nothing for the default instance). */
function instanceFlag(instance: string): string {
  return instance === DEFAULT_INSTANCE ? '' : ` --instance ${instance}`;
}

function instanceOf(args: ParsedArgs): string {
  return checkInstanceName(args.flags.instance);
}

/** The learner's host programs of an instance: this session's, or those another terminal's session runs. */
function hostPrograms(entry: LabEntry, instance: string): HostProcessInfo[] {
  const owner = sessionProcesses(entry.id, instance);
  return (owner?.processes ?? []).map((p) => ({
    name: p.name,
    label: p.label,
    port: p.port,
    description: entry.lab.processes[p.name]?.description,
  }));
}

function endpointLines(
  entry: LabEntry,
  running: RunningLab,
  programs: HostProcessInfo[] = hostPrograms(entry, running.instance),
): string[] {
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
  for (const program of programs) {
    lines.push(
      `  ${program.name.padEnd(12)} ${`127.0.0.1:${program.port}`.padEnd(28)} ${program.label} (from your workspace)`,
    );
  }
  lines.push(
    `  shell        pnpm lab shell ${entry.id} <${Object.keys(entry.lab.services).join('|')}>${instanceFlag(running.instance)}`,
  );
  return lines;
}

async function requireRunning(entry: LabEntry, instance: string): Promise<RunningLab> {
  const running = await findInstance(entry, instance);
  const which = instance === DEFAULT_INSTANCE ? '' : ` (instance ${instance})`;
  if (!running) {
    const others = (await listInstances(entry.id)).filter((i) => i !== instance);
    throw new EnvironmentError(`lab '${entry.id}'${which} is not running`, {
      hint:
        others.length > 0
          ? `running instances: ${others.join(', ')} (pick one with --instance <name>)`
          : `start it with \`pnpm lab ${entry.id}${instanceFlag(instance)}\` (or add --detach to keep your terminal)`,
    });
  }
  if (!running.complete) {
    throw new EnvironmentError(`lab '${entry.id}'${which} is only partly running`, {
      hint: `restart it: \`pnpm lab reset ${entry.id}${instanceFlag(instance)}\``,
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

/** A lab text (briefing, hint) with the running instance's addresses filled in. */
export function instanceText(text: string, running: RunningLab | undefined): string {
  if (!running) return text;
  const addresses = Object.fromEntries(
    Object.entries(running.services).map(([name, s]) => [name, s.addresses]),
  );
  return fillTemplate(text, layoutValues(running.layout, addresses));
}

function printMarkdown(ui: Ui, text: string): void {
  for (const line of text.trim().split('\n')) ui.line(renderMarkdownLine(ui, line));
}

function printBriefing(
  ctx: CommandContext,
  entry: LabEntry,
  running: RunningLab,
  programs: HostProcessInfo[],
  workspace?: string,
): void {
  const { ui } = ctx;
  const flag = instanceFlag(running.instance);
  ui.line();
  ui.line(ui.style('bold', `${entry.lab.title}${flag ? ` (instance ${running.instance})` : ''}`));
  ui.line();
  printMarkdown(ui, instanceText(entry.lab.briefing, running));
  ui.line();
  ui.line(ui.style('bold', 'Endpoints (127.0.0.1 only)'));
  for (const line of endpointLines(entry, running, programs)) ui.line(line);
  if (workspace) ui.line(`  workspace    ${workspace}`);
  ui.line();
  ui.line(
    `Check your work: pnpm lab check ${entry.id}${flag}    Hint: pnpm lab hint ${entry.id}${flag}    Objectives: ${entry.lab.objectives.length}`,
  );
}

function upJson(entry: LabEntry, running: RunningLab, started: boolean) {
  return {
    lab: entry.id,
    instance: running.instance,
    started,
    processes: hostPrograms(entry, running.instance).map((p) => ({
      name: p.name,
      port: p.port,
      label: p.label,
    })),
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

async function startLab(args: ParsedArgs, ctx: CommandContext, entry: LabEntry): Promise<number> {
  const instance = instanceOf(args);
  const flag = instanceFlag(instance);
  const { ui } = ctx;
  let session: Awaited<ReturnType<typeof startSession>>;
  try {
    session = await startSession(entry, {
      instance,
      reporter: ui.reporter(),
      detach: args.flags.detach,
      signal: ctx.signal,
      processEvents: (name, label) => ({
        started: () => {
          const port = session?.processes.find((p) => p.name === name)?.port;
          ui.line(ui.style('dim', `[${name}] started ${label}${port ? ` on 127.0.0.1:${port}` : ''}`));
        },
        exited: (code, signal, lastLines) => {
          ui.line(
            ui.style(
              'yellow',
              `[${name}] ${label} exited (${signal ?? `code ${code}`}); it restarts when you save a file`,
            ),
          );
          if (lastLines.length === 0) ui.line(ui.style('dim', `[${name}] (it printed nothing)`));
        },
        restarting: (reason) => ui.line(ui.style('dim', `[${name}] ${reason}: restarting`)),
        output: (line) => ui.line(`${ui.style('dim', `[${name}]`)} ${line}`),
        portChanged: (port, previous) =>
          ui.line(
            ui.style(
              'yellow',
              `[${name}] port ${previous} was taken by another program; ${label} now runs on 127.0.0.1:${port}`,
            ),
          ),
      }),
    });
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    // up() already removed what it had created; a second sweep catches creates Docker was still finishing.
    await down(entry.id, { instance });
    ui.io.stderr.write(
      `Interrupted: lab '${entry.id}' was not started, and nothing of it is left running.\n`,
    );
    return 130;
  }
  const { running, started } = session;
  if (!started) {
    if (ui.json) ui.writeJson(upJson(entry, running, false));
    const owner = sessionProcesses(entry.id, instance);
    ui.line(
      `Lab '${entry.id}'${flag ? ` (instance ${instance})` : ''} is already running${owner ? ` in the foreground of another terminal (process ${owner.owner})` : ''}.`,
    );
    for (const line of endpointLines(entry, running)) ui.line(line);
    if (owner?.workspace) ui.line(`  workspace    ${owner.workspace}`);
    ui.line(
      `Stop it with: pnpm lab down ${entry.id}${flag}${instance === DEFAULT_INSTANCE ? `   Another copy: pnpm lab ${entry.id} --instance <name>` : ''}`,
    );
    return 0;
  }
  if (session.workspace?.created) ui.line(`Copied the starter to your workspace: ${session.workspace.dir}`);
  if (ui.json) ui.writeJson(upJson(entry, running, true));
  printBriefing(ctx, entry, running, session.processes, session.workspace?.dir);
  if (args.flags.detach) {
    ui.line(`\nThe lab keeps running. Stop it with: pnpm lab down ${entry.id}${flag}`);
    if (Object.keys(entry.lab.processes).length > 0) {
      ui.line('Your own programs are not started with --detach: run them from your workspace.');
    }
    return 0;
  }
  ui.line(`\nThe lab runs until you press Ctrl-C; then everything is removed.`);
  await untilAborted(ctx.signal);
  ui.line('\nStopping...');
  const removed = await session.stop();
  ui.line(
    `Lab '${entry.id}' stopped: removed ${removed.containers} containers and ${removed.networks} networks.`,
  );
  return 0;
}

export const upCommand: Command = async (args, ctx) => {
  const name = args.positionals[0] ?? '';
  let entry: LabEntry;
  try {
    entry = await findLab(name, ctx.labsDir);
  } catch (error) {
    // `lab stauts` is a misspelt verb, not a lab.
    const verb = didYouMean(name, [...VERBS]);
    if (error instanceof UsageError && verb && !labIds(ctx.labsDir).some((id) => didYouMean(name, [id]))) {
      throw new UsageError(`unknown lab or command '${name}'; did you mean '${verb}'?`, error.hint);
    }
    throw error;
  }
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
  const instances = args.flags.all ? await listInstances(name) : [instanceOf(args)];
  const total = { containers: 0, networks: 0, volumes: 0 };
  for (const instance of instances) {
    const removed = await down(name, { instance });
    total.containers += removed.containers;
    total.networks += removed.networks;
    total.volumes += removed.volumes;
  }
  const which = args.flags.all
    ? ` (${instances.length} instance${instances.length === 1 ? '' : 's'})`
    : args.flags.instance === DEFAULT_INSTANCE
      ? ''
      : ` (instance ${args.flags.instance})`;
  if (ctx.ui.json) ctx.ui.writeJson({ lab: name, instances, removed: total });
  else if (total.containers + total.networks + total.volumes === 0)
    ctx.ui.line(`Lab '${name}'${which} was not running.`);
  else
    ctx.ui.line(
      `Lab '${name}'${which} stopped: removed ${total.containers} containers, ${total.networks} networks, ${total.volumes} volumes.`,
    );
  return 0;
};

export const status: Command = async (args, ctx) => {
  const entries = args.positionals[0]
    ? [await findLab(args.positionals[0], ctx.labsDir)]
    : await loadLabs(ctx.labsDir);
  const onlyOne = !args.flags.all && args.flags.instance !== DEFAULT_INSTANCE ? instanceOf(args) : undefined;
  const report = [];
  for (const entry of entries) {
    const names = onlyOne ? [onlyOne] : await listInstances(entry.id);
    // Without --all, a lab with no instance still shows (stopped), with the default instance's progress.
    if (names.length === 0 && !args.flags.all) names.push(DEFAULT_INSTANCE);
    for (const instance of names) {
      const running = await findInstance(entry, instance);
      const progress = loadProgress(entry.id, instance);
      const owner = sessionProcesses(entry.id, instance);
      report.push({ entry, instance, running, progress, owner });
    }
  }
  if (ctx.ui.json) {
    ctx.ui.writeJson({
      labs: report.map(({ entry, instance, running, progress, owner }) => ({
        id: entry.id,
        ...(running ? upJson(entry, running, false) : {}),
        instance,
        running: Boolean(running?.complete),
        state: running ? (running.complete ? 'running' : 'partial') : 'stopped',
        owner: owner ? { pid: owner.owner } : undefined,
        workspace: owner?.workspace,
        progress: {
          passed: progress.passed.length,
          total: entry.lab.objectives.length,
          updatedAt: progress.updatedAt,
        },
      })),
    });
    return 0;
  }
  for (const { entry, instance, running, progress, owner } of report) {
    const state = running
      ? running.complete
        ? ctx.ui.style('green', 'running')
        : ctx.ui.style('yellow', 'partly running')
      : 'stopped';
    const name = instance === DEFAULT_INSTANCE ? entry.id : `${entry.id} --instance ${instance}`;
    const passed = progress.passed.filter((id) => entry.lab.objectives.some((o) => o.id === id)).length;
    ctx.ui.line(
      `${ctx.ui.style('bold', name)}: ${state}${owner ? ` (foreground, process ${owner.owner})` : ''}, ${passed}/${entry.lab.objectives.length} objectives passed`,
    );
    if (running) for (const line of endpointLines(entry, running)) ctx.ui.line(line);
    if (owner?.workspace) ctx.ui.line(`  workspace    ${owner.workspace}`);
  }
  if (report.length === 0) ctx.ui.line('No lab instance is running. Start one with: pnpm lab <lab>');
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
  const running = await requireRunning(entry, instanceOf(args));
  const only = args.positionals[1];
  const results = await runChecks(entry, running, {
    ...(only ? { only } : {}),
    signal: ctx.signal,
    debug: (m) => ctx.ui.reporter().debug(m),
  });
  const allPass =
    results.every((r) => r.status === 'pass') &&
    (only !== undefined || results.length === entry.lab.objectives.length);
  for (const r of results) if (r.hint) r.hint.text = instanceText(r.hint.text, running);
  if (ctx.ui.json) {
    ctx.ui.writeJson({
      lab: entry.id,
      instance: running.instance,
      passed: results.filter((r) => r.status === 'pass').length,
      total: entry.lab.objectives.length,
      objectives: results,
    });
  } else printResults(ctx, entry, results);
  return allPass ? 0 : 1;
};

export const hint: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const instance = instanceOf(args);
  const { objective, hint: shown, allRevealed } = revealHint(entry, args.positionals[1], instance);
  if (shown)
    shown.text = instanceText(shown.text, await findInstance(entry, instance).catch(() => undefined));
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
  const instance = instanceOf(args);
  const running = await findInstance(entry, instance);
  const result = await recordAnswer(
    entry,
    running?.complete ? running : undefined,
    objectiveId,
    value,
    instance,
  );
  if (ctx.ui.json)
    ctx.ui.writeJson({
      lab: entry.id,
      objective: objectiveId,
      value,
      read: result.value,
      correct: result.correct,
    });
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
  else printMarkdown(ctx.ui, entry.lab.solution.walkthrough);
  return 0;
};

export const solve: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const running = await requireRunning(entry, instanceOf(args));
  const reporter = ctx.ui.reporter();
  const phase = reporter.phase('Applying the reference solution');
  try {
    await applySolution(entry, running, { signal: ctx.signal, debug: (m) => reporter.debug(m) });
    phase.done();
  } catch (error) {
    phase.fail(error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (ctx.ui.json) ctx.ui.writeJson({ lab: entry.id, solved: true });
  else ctx.ui.line(`Applied. See it pass: pnpm lab check ${entry.id}${instanceFlag(running.instance)}`);
  return 0;
};

export const reset: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const instance = instanceOf(args);
  const owner = sessionProcesses(entry.id, instance);
  if (owner && owner.owner !== process.pid) {
    ctx.ui.line(
      `Stopping the lab running in the foreground of another terminal (process ${owner.owner}) ...`,
    );
  }
  // down() asks another terminal's foreground session to stop itself, so that terminal never tears down ours.
  await down(entry.id, { instance });
  if (args.flags.progress) {
    clearProgress(entry.id, instance);
    ctx.ui.line(
      `Cleared the progress of '${entry.id}'${instanceFlag(instance) ? ` (instance ${instance})` : ''}.`,
    );
  }
  return startLab(args, ctx, entry);
};

function serviceOf(entry: LabEntry, running: RunningLab, name: string) {
  const service = running.services[name];
  if (!service) {
    const programs = Object.keys(entry.lab.processes);
    throw new UsageError(
      `lab '${entry.id}' has no service '${name}'${programs.includes(name) ? ` ('${name}' runs on your machine, from your workspace)` : ''}`,
      `services: ${Object.keys(entry.lab.services).join(', ')}`,
    );
  }
  return service;
}

export const logs: Command = async (args, ctx) => {
  const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
  const name = args.positionals[1];
  const several = !name;
  await streamLogs(entry, {
    instance: instanceOf(args),
    ...(name ? { name } : {}),
    follow: args.flags.follow,
    signal: ctx.signal,
    onLine: (line, source) =>
      ctx.ui.io[source.stream].write(`${several ? `${source.name} | ` : ''}${line}\n`),
  });
  return 0;
};

export const shell: Command = async (args, ctx) => {
  const [name = '', serviceName = ''] = args.positionals;
  const entry = await findLab(name, ctx.labsDir);
  const running = await requireRunning(entry, instanceOf(args));
  const service = serviceOf(entry, running, serviceName);
  const shellName = entry.lab.services[serviceName]?.shell ?? 'bash';
  // An interactive TTY needs the docker CLI; everything else in the kit talks to the API directly.
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['exec', '-it', service.containerName, shellName], { stdio: 'inherit' });
    child.once('error', () =>
      reject(
        new EnvironmentError('`pnpm lab shell` needs the docker CLI on your PATH', {
          hint: `or run single commands: pnpm lab exec ${entry.id} ${serviceName}${instanceFlag(running.instance)} -- <command>`,
        }),
      ),
    );
    child.once('exit', (code) => resolve(code ?? 0));
  });
};

export const exec: Command = async (args, ctx) => {
  const [name = '', serviceName = ''] = args.positionals;
  const entry = await findLab(name, ctx.labsDir);
  const running = await requireRunning(entry, instanceOf(args));
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

export const doctor: Command = async (args, ctx) => {
  const checks = await runDoctor();
  const labs = args.positionals[0]
    ? [await findLab(args.positionals[0], ctx.labsDir)]
    : await loadLabs(ctx.labsDir);
  if (checks.every((c) => c.ok))
    for (const entry of labs) checks.push(...(await runPreflight(entry, ctx.ui.reporter())));
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
