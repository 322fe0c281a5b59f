// A lab session: what `pnpm lab <lab>` does, callable and testable without a terminal. It starts one
// instance (after the lab's preflight), runs the learner's programs on the host, records itself as the
// instance's owner (so other terminals can find its processes and stop it cleanly), and tears it all
// down on stop().
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCheckContext } from './checks.ts';
import { connectDocker } from './docker.ts';
import { demuxer, type OutputStream } from './docker-output.ts';
import { runPreflight } from './doctor.ts';
import { down, findInstance, type RunningLab, up } from './environment.ts';
import { EnvironmentError, UsageError } from './errors.ts';
import { freePort, HostProcessSupervisor, type SupervisorEvents } from './processes.ts';
import type { LabEntry } from './registry.ts';
import { inPhase, type Reporter, silentReporter } from './reporter.ts';
import {
  checkInstanceName,
  clearSession,
  DEFAULT_INSTANCE,
  instanceDir,
  readSession,
  type SessionProcess,
  type SessionRecord,
  sessionAlive,
  writeSession,
} from './state.ts';
import { checkStarterChoice, currentStarter, ensureWorkspace } from './workspace.ts';

export interface SessionOptions {
  instance?: string;
  reporter?: Reporter;
  /** Leave the instance running after this process exits; the learner's programs are not started. */
  detach?: boolean;
  /** Aborting it interrupts a start (everything created is removed). */
  signal?: AbortSignal;
  /** How the learner's programs report (started, exited, output); the output also goes to a log file. */
  processEvents?: (name: string, label: string) => Partial<SupervisorEvents>;
  /** Skip the lab's preflight checks (self-tests that ran them once already). */
  skipPreflight?: boolean;
  /**
   * The starter a new workspace is made from (`--starter`), by name; default: the lab's first. An
   * unknown name, or another starter than an existing workspace was made from, is refused.
   */
  starter?: string;
}

export interface HostProcessInfo {
  name: string;
  label: string;
  port: number;
  description: string | undefined;
}

export interface Session {
  entry: LabEntry;
  instance: string;
  running: RunningLab;
  /** False when the instance was already running (then this session does not own it). */
  started: boolean;
  /** The learner's workspace, and the starter it was made from (undefined when not known). */
  workspace: { dir: string; created: boolean; starter: string | undefined } | undefined;
  /** The learner's programs this session runs on the host. */
  processes: HostProcessInfo[];
  /** Stops the learner's programs and removes the instance (only when this session started it). */
  stop(): Promise<{ containers: number; networks: number; volumes: number }>;
}

/** Where a host program's output is kept, so `pnpm lab logs <lab> <program>` works from any terminal. */
export function processLogFile(labId: string, instance: string, name: string): string {
  return path.join(instanceDir(labId, instance), `${name}.log`);
}

async function preflight(entry: LabEntry, reporter: Reporter, starter: string | undefined): Promise<void> {
  if (entry.lab.preflight.length === 0) return;
  const checks = await inPhase(reporter, 'Checking this machine can run the lab', () =>
    runPreflight(entry, reporter, { starter }),
  );
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new EnvironmentError(
      `this machine cannot run lab '${entry.id}': ${failed.map((c) => `${c.name.replace(`${entry.id}: `, '')}: ${c.detail}`).join('; ')}`,
      {
        hint:
          failed
            .map((c) => c.fix)
            .filter(Boolean)
            .join('\n') || `see \`pnpm lab doctor ${entry.id}\``,
      },
    );
  }
}

/** Starts (or finds) an instance and, in the foreground, the learner's programs. */
export async function startSession(entry: LabEntry, options: SessionOptions = {}): Promise<Session> {
  const instance = checkInstanceName(options.instance ?? DEFAULT_INSTANCE);
  const reporter = options.reporter ?? silentReporter;
  // A wrong --starter is refused first; the workspace is made only once the preflight passed, so a
  // machine that cannot run the chosen starter is not left with a workspace made from it.
  checkStarterChoice(entry, instance, options.starter);
  if (!options.skipPreflight) {
    await preflight(
      entry,
      reporter,
      currentStarter(entry, { instance, ...(options.starter ? { requested: options.starter } : {}) }),
    );
  }
  const workspace = ensureWorkspace(entry, instance, options.starter);
  const { running, started } = await up(entry, {
    instance,
    reporter,
    ...(options.detach !== undefined ? { detach: options.detach } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const supervisors: HostProcessSupervisor[] = [];
  const processes: HostProcessInfo[] = [];
  const owned = started && !options.detach;
  const record: SessionRecord = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    workspace: workspace?.dir,
    processes: [],
  };
  const saveRecord = () => {
    record.processes = supervisors.map<SessionProcess>((s) => ({
      name: s.name,
      label: processes.find((p) => p.name === s.name)?.label ?? s.name,
      pid: s.pid,
      port: s.port,
    }));
    writeSession(entry.id, instance, record);
  };
  if (owned) {
    writeSession(entry.id, instance, record);
    for (const [name, definition] of Object.entries(entry.lab.processes)) {
      if (!workspace) break;
      const label = definition.label ?? name;
      const port = await freePort();
      const custom = options.processEvents?.(name, label) ?? {};
      const logFile = processLogFile(entry.id, instance, name);
      mkdirSync(path.dirname(logFile), { recursive: true });
      const supervisor = new HostProcessSupervisor({
        labId: entry.id,
        instance,
        name,
        definition,
        workspace: workspace.dir,
        port,
        events: {
          started: (pid) => {
            saveRecord();
            custom.started?.(pid);
          },
          exited: (code, signal, lastLines) => custom.exited?.(code, signal, lastLines),
          restarting: (reason) => custom.restarting?.(reason),
          output: (line) => {
            appendFileSync(logFile, `${line}\n`);
            custom.output?.(line);
          },
          ...(custom.portChanged ? { portChanged: custom.portChanged } : {}),
        },
      });
      supervisor.start();
      supervisors.push(supervisor);
      processes.push({ name, label, port, description: definition.description });
    }
    saveRecord();
  }
  let stopped = false;
  return {
    entry,
    instance,
    running,
    started,
    workspace,
    processes,
    async stop() {
      if (stopped || !started) return { containers: 0, networks: 0, volumes: 0 };
      stopped = true;
      await Promise.all(supervisors.map((s) => s.stop()));
      const removed = await down(entry.id, { instance });
      clearSession(entry.id, instance);
      return removed;
    },
  };
}

/** The host programs of a running instance's foreground session, as that session recorded them. */
export function sessionProcesses(
  labId: string,
  instance: string = DEFAULT_INSTANCE,
): { owner: number; processes: SessionProcess[]; workspace: string | undefined } | undefined {
  const record = readSession(labId, instance);
  if (!record || !sessionAlive(record)) return undefined;
  return { owner: record.pid, processes: record.processes, workspace: record.workspace };
}

/** Applies the lab's reference solution to a running instance. */
export async function applySolution(
  entry: LabEntry,
  running: RunningLab,
  options: { signal?: AbortSignal; debug?: (m: string) => void } = {},
): Promise<void> {
  const docker = await connectDocker();
  const ctx = createCheckContext(entry, running, docker, options);
  await entry.lab.solution.apply(ctx);
}

export interface LogOptions {
  instance?: string;
  /** One service or host program; all services when omitted. */
  name?: string;
  follow?: boolean;
  signal?: AbortSignal;
  /** Each line, with where it came from. */
  onLine(line: string, source: { name: string; stream: 'stdout' | 'stderr' }): void;
}

/** Streams the logs of a running instance's services (from Docker) and host programs (from their log files). */
export async function streamLogs(entry: LabEntry, options: LogOptions): Promise<void> {
  const instance = options.instance ?? DEFAULT_INSTANCE;
  const running = await findInstance(entry, instance);
  if (!running) {
    throw new EnvironmentError(
      `lab '${entry.id}' is not running${instance === DEFAULT_INSTANCE ? '' : ` (instance ${instance})`}`,
      {
        hint: `start it with \`pnpm lab ${entry.id}\``,
      },
    );
  }
  const programs = Object.keys(entry.lab.processes);
  const known = [...Object.keys(entry.lab.services), ...programs];
  if (options.name && !known.includes(options.name)) {
    throw new UsageError(
      `lab '${entry.id}' has no service or program '${options.name}'`,
      `services and programs: ${known.join(', ')}`,
    );
  }
  const names = options.name ? [options.name] : Object.keys(running.services);
  const docker = await connectDocker();
  const api = docker.container.dockerode;
  await Promise.all(
    names.map(async (name) => {
      if (programs.includes(name)) return followFile(processLogFile(entry.id, instance, name), name, options);
      const service = running.services[name];
      if (!service)
        throw new EnvironmentError(
          `service '${name}' of lab '${entry.id}' does not exist (try \`pnpm lab reset ${entry.id}\`)`,
        );
      const container = api.getContainer(service.containerId);
      const lines = (stream: OutputStream) => lineSplitter((line) => options.onLine(line, { name, stream }));
      const out = { stdout: lines('stdout'), stderr: lines('stderr') };
      const feed = demuxer((stream, bytes) => out[stream].push(bytes));
      if (options.follow) {
        const stream = await container.logs({ follow: true, stdout: true, stderr: true });
        stream.on('data', feed);
        await new Promise<void>((resolve) => {
          stream.on('end', resolve);
          options.signal?.addEventListener('abort', () => {
            (stream as unknown as { destroy(): void }).destroy();
            resolve();
          });
        });
      } else {
        feed(await container.logs({ follow: false, stdout: true, stderr: true }));
        out.stdout.end();
        out.stderr.end();
      }
    }),
  );
}

/** Calls `onLine` for each whole line of the bytes pushed to it; `end()` also gives a last line without a newline. */
function lineSplitter(onLine: (line: string) => void): { push(bytes: Buffer): void; end(): void } {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    push(bytes) {
      pending += decoder.write(bytes);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (pending) onLine(pending);
    },
  };
}

async function followFile(file: string, name: string, options: LogOptions): Promise<void> {
  let offset = 0;
  const lines = lineSplitter((line) => options.onLine(line, { name, stream: 'stdout' }));
  const readMore = () => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = size;
    lines.push(buffer);
  };
  readMore();
  while (options.follow && !options.signal?.aborted) {
    await sleep(300);
    readMore();
  }
}
