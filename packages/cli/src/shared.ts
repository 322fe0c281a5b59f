// Helpers the verbs share: instance flags, endpoints, the briefing, starting a lab in the foreground.
import { createInterface } from 'node:readline/promises';
import {
  checkInstanceName,
  DEFAULT_INSTANCE,
  down,
  EnvironmentError,
  endpointHost,
  endpointWarning,
  fillTemplate,
  findInstance,
  type HostProcessInfo,
  hostPort,
  type LabEntry,
  labStarters,
  layoutValues,
  listInstances,
  type ObjectiveResult,
  type RunningLab,
  sessionProcesses,
  startSession,
  UsageError,
} from '@storylabs/lab-kit';
import type { ParsedArgs } from './args.ts';
import type { CommandContext } from './context.ts';
import type { Ui } from './ui.ts';

/** "--instance alice" for commands the user is told to run next (nothing for the default instance). */
export function instanceFlag(instance: string): string {
  return instance === DEFAULT_INSTANCE ? '' : ` --instance ${instance}`;
}

export function instanceOf(args: ParsedArgs): string {
  return checkInstanceName(args.flags.instance);
}

/** The learner's host programs of an instance: this session's, or those another terminal's session runs. */
export function hostPrograms(entry: LabEntry, instance: string): HostProcessInfo[] {
  const owner = sessionProcesses(entry.id, instance);
  return (owner?.processes ?? []).map((p) => ({
    name: p.name,
    label: p.label,
    port: p.port,
    description: entry.lab.processes[p.name]?.description,
  }));
}

export function endpointLines(
  entry: LabEntry,
  running: RunningLab,
  programs: HostProcessInfo[] = hostPrograms(entry, running.instance),
): string[] {
  const lines: string[] = [];
  for (const [name, service] of Object.entries(running.services)) {
    for (const port of service.ports) {
      const address = hostPort(endpointHost(), port.host);
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

export async function requireRunning(entry: LabEntry, instance: string): Promise<RunningLab> {
  const running = await findInstance(entry, instance);
  const which = instance === DEFAULT_INSTANCE ? '' : ` (instance ${instance})`;
  if (!running) {
    const others = (await listInstances(entry.id)).filter((i) => i !== instance);
    const start = `start it with \`pnpm lab ${entry.id}${instanceFlag(instance)}\` (or add --detach to keep your terminal)`;
    throw new EnvironmentError(`lab '${entry.id}'${which} is not running`, {
      hint:
        others.length > 0
          ? `running instances: ${others.join(', ')} (pick one with --instance <name>); or ${start}`
          : start,
    });
  }
  if (!running.complete) {
    throw new EnvironmentError(`lab '${entry.id}'${which} is only partly running`, {
      hint: `restart it: \`pnpm lab reset ${entry.id}${instanceFlag(instance)}\``,
    });
  }
  return running;
}

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

export function printMarkdown(ui: Ui, text: string): void {
  for (const line of text.trim().split('\n')) ui.line(renderMarkdownLine(ui, line));
}

export function printBriefing(
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
  const where = endpointHost();
  ui.line(
    ui.style(
      'bold',
      where === '127.0.0.1'
        ? 'Endpoints (127.0.0.1 only)'
        : `Endpoints (on ${where}, where the Docker engine runs)`,
    ),
  );
  for (const line of endpointLines(entry, running, programs)) ui.line(line);
  if (workspace) ui.line(`  workspace    ${workspace}`);
  ui.line();
  ui.line(
    `Check your work: pnpm lab check ${entry.id}${flag}    Hint: pnpm lab hint ${entry.id}${flag}    Objectives: ${entry.lab.objectives.length}`,
  );
}

export function upJson(entry: LabEntry, running: RunningLab, started: boolean) {
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
        url: p.scheme ? `${p.scheme}://${hostPort(endpointHost(), p.host)}` : undefined,
      })),
    })),
  };
}

/** Waits for Ctrl-C / SIGTERM, keeping the process alive meanwhile (nothing else may hold it open). */
export function untilAborted(signal: AbortSignal): Promise<void> {
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

export async function startLab(args: ParsedArgs, ctx: CommandContext, entry: LabEntry): Promise<number> {
  const instance = instanceOf(args);
  const flag = instanceFlag(instance);
  const { ui } = ctx;
  // A remote engine publishing on its own loopback: said before the start, whose waits would time out.
  const warning = endpointWarning();
  if (warning) ui.reporter().warn(warning);
  let session: Awaited<ReturnType<typeof startSession>>;
  try {
    session = await startSession(entry, {
      instance,
      ...(args.flags.starter !== undefined ? { starter: args.flags.starter } : {}),
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
  if (session.workspace?.created) {
    const several = labStarters(entry.lab).length > 1;
    ui.line(
      `Copied the ${several ? `'${session.workspace.starter}' ` : ''}starter to your workspace: ${session.workspace.dir}`,
    );
  }
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

export function printResults(ctx: CommandContext, entry: LabEntry, results: ObjectiveResult[]): void {
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
    // What a passing check measured (a learner's own figures) is worth seeing; a failing one's detail is debug.
    if (r.detail && (r.status === 'pass' || ui.debugEnabled))
      ui.line(ui.style('dim', `    ${r.detail.replace(/\n/g, '\n    ')}`));
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

export async function confirm(ctx: CommandContext, question: string): Promise<boolean> {
  if (!ctx.stdinIsTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export function serviceOf(entry: LabEntry, running: RunningLab, name: string) {
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
