import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { HostProcess } from './manifest.ts';
import { stateDir } from './state.ts';
import { type TreeChange, type TreeWatcher, watchTree } from './watch.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Files whose changes are no reason to restart: dependencies, VCS data, editors' swap and backup files. */
export function isEditorOrToolFile(relativePath: string): boolean {
  return /(^|\/)(node_modules|\.git)(\/|$)|~$|\.sw[a-p]$|(^|\/)\.#|(^|\/)#[^/]*#$|(^|\/)4913$/.test(
    relativePath,
  );
}

/** "server.ts changed", "a.ts changed, b.ts added", "5 files changed". */
export function describeChanges(changes: TreeChange[]): string {
  if (changes.length > 3) return `${changes.length} files changed`;
  return changes.map((change) => `${change.path} ${change.kind}`).join(', ');
}

/** Folds one scan's changes into those still waiting for a restart: added then removed is nothing. */
function mergeChanges(pending: Map<string, TreeChange['kind']>, changes: TreeChange[]): void {
  for (const change of changes) {
    const before = pending.get(change.path);
    if (before === 'added' && change.kind === 'removed') pending.delete(change.path);
    else if (before === 'added') pending.set(change.path, 'added');
    else if (before === 'removed' && change.kind === 'added') pending.set(change.path, 'changed');
    else pending.set(change.path, change.kind);
  }
}

export interface SupervisorEvents {
  started(pid: number): void;
  exited(code: number | null, signal: string | null, lastLines: string[]): void;
  restarting(reason: string): void;
  output(line: string): void;
  /** The port was taken by another program when the process restarted: it now runs on `port`. */
  portChanged?(port: number, previous: number): void;
}

/** True when something on this machine listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/**
 * Runs one of the learner's programs on the host from their workspace, restarting it when a file
 * changes (a fast edit-run loop). The program gets its own process group so stop() ends all of it.
 */
export class HostProcessSupervisor {
  readonly name: string;
  #port: number;
  readonly dataDir: string;
  readonly #definition: HostProcess;
  readonly #workspace: string;
  readonly #events: SupervisorEvents;
  #child: ChildProcess | undefined;
  #watcher: TreeWatcher | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  #lastLines: string[] = [];

  constructor(options: {
    labId: string;
    /** The lab instance it belongs to (its data folder is per instance). */
    instance?: string;
    name: string;
    definition: HostProcess;
    workspace: string;
    port: number;
    events: SupervisorEvents;
  }) {
    this.name = options.name;
    this.#port = options.port;
    this.#definition = options.definition;
    this.#workspace = options.workspace;
    this.#events = options.events;
    this.dataDir = path.join(stateDir(), 'data', options.labId, options.instance ?? 'default', options.name);
  }

  /** The port the program listens on (it changes when another program took it before a restart). */
  get port(): number {
    return this.#port;
  }

  /** The running program's pid (its process group), if it runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    mkdirSync(this.dataDir, { recursive: true });
    this.#spawn();
    if (this.#definition.watch) {
      // Survives rename-saves (sed -i, vim, IDEs), unlike Node's recursive fs.watch on Linux.
      const pending = new Map<string, TreeChange['kind']>();
      this.#watcher = watchTree(this.#workspace, {
        ignore: isEditorOrToolFile,
        onChange: (changes) => {
          mergeChanges(pending, changes);
          clearTimeout(this.#restartTimer);
          this.#restartTimer = setTimeout(() => {
            const merged = [...pending].map(([file, kind]) => ({ path: file, kind }));
            pending.clear();
            // A temporary file that came and went (sed -i's) is no change at all.
            if (merged.length > 0) this.#restart(describeChanges(merged));
          }, 250);
        },
      });
    }
  }

  #command(): string[] {
    return this.#definition.command.map((part) =>
      part.replaceAll('{port}', String(this.#port)).replaceAll('{dataDir}', this.dataDir),
    );
  }

  #spawn(): void {
    const [command, ...args] = this.#command();
    if (!command) return;
    this.#lastLines = [];
    const child = spawn(command, args, {
      cwd: this.#workspace,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(this.#port) },
    });
    this.#child = child;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.#lastLines.push(line);
        if (this.#lastLines.length > 20) this.#lastLines.shift();
        this.#events.output(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('spawn', () => this.#events.started(child.pid ?? 0));
    child.once('error', (error) => this.#events.exited(null, null, [...this.#lastLines, error.message]));
    child.once('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      if (!this.#stopping) this.#events.exited(code, signal, [...this.#lastLines]);
    });
  }

  async #kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // already gone
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  async #restart(reason: string): Promise<void> {
    if (this.#stopping) return;
    this.#events.restarting(reason);
    this.#stopping = true;
    await this.#kill();
    this.#stopping = false;
    if (await portInUse(this.#port)) {
      const previous = this.#port;
      this.#port = await freePort();
      this.#events.portChanged?.(this.#port, previous);
    }
    this.#spawn();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    this.#watcher?.close();
    await this.#kill();
  }
}
