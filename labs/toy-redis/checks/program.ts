// Runs the learner's program the way the contract says: `<workspace>/your_program.sh --port <p> --dir <d>`
// with cwd = workspace, in its own process group so that stopping it stops everything it started.
import { type ChildProcess, spawn } from 'node:child_process';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import type { Endpoint } from '@storylabs/lab-kit/manifest';
import { Patience } from './clock.ts';
import { StageFailure } from './failure.ts';

export const PROGRAM = 'your_program.sh';
const OUTPUT_LINES = 20;
const MAX_LINE = 300;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** "exited with code 1", "was killed by SIGSEGV". */
export function describeExit(exit: ExitStatus): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the race until the program binds it is harmless here). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

export interface StartOptions {
  port: number;
  dir: string;
  /** How long the program may take to accept its first connection. */
  bindTimeoutMs: number;
}

/** One run of the learner's program. */
export class Program {
  readonly workspace: string;
  private readonly output: string[] = [];
  private partialLine = '';
  private child: ChildProcess | undefined;
  private exitStatus: ExitStatus | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: (message: string) => void;
  private closed = false;
  /** Kills the group if this Node process exits first (Ctrl-C during a check): nothing may outlive the tester. */
  private killOnExit: (() => void) | undefined;

  constructor(workspace: string, log: (message: string) => void) {
    this.workspace = workspace;
    this.log = log;
  }

  /** The program's last lines of stdout and stderr, interleaved as they arrived. */
  lastOutput(): string[] {
    return this.partialLine ? [...this.output, this.partialLine].slice(-OUTPUT_LINES) : [...this.output];
  }

  /**
   * How long, in ms, the program's main thread has waited for a CPU while it was ready to run
   * (Linux: /proc/<pid>/schedstat); 0 where that is not known. A busy machine shows up here, a server
   * that sleeps instead of replying does not.
   */
  cpuWaitMs(): number {
    const pid = this.child?.pid;
    if (pid === undefined || this.exitStatus) return 0;
    try {
      const waitedNs = Number(readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ')[1]);
      return Number.isFinite(waitedNs) ? waitedNs / 1e6 : 0;
    } catch {
      return 0;
    }
  }

  /** Set once the program has exited. */
  exit(): ExitStatus | undefined {
    return this.exitStatus;
  }

  private collect(chunk: Buffer): void {
    const text = this.partialLine + chunk.toString('utf8');
    const lines = text.split(/\r?\n/);
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) {
      this.output.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}...` : line);
      if (this.output.length > OUTPUT_LINES) this.output.shift();
    }
  }

  private async checkEntryScript(): Promise<void> {
    const script = join(this.workspace, PROGRAM);
    try {
      await stat(script);
    } catch {
      throw new StageFailure(
        `There is no ${PROGRAM} in your workspace (${this.workspace}).`,
        `The tester starts your server with ./${PROGRAM} --port <port> --dir <dir>; restore it from the starter.`,
      );
    }
    try {
      await access(script, fsConstants.X_OK);
    } catch {
      throw new StageFailure(`${PROGRAM} is not executable.`, `Run: chmod +x ${script}`);
    }
  }

  /** Starts the program and waits until it accepts a TCP connection on 127.0.0.1:<port>. */
  async start(options: StartOptions): Promise<Endpoint> {
    await this.checkEntryScript();
    const args = ['--port', String(options.port), '--dir', options.dir];
    this.log(`starting ./${PROGRAM} ${args.join(' ')} in ${this.workspace}`);
    // Checked right before spawning: close() may have run while the checks above were awaited.
    if (this.closed) throw new Error('the program runner is closed');
    this.exitStatus = undefined;
    if (this.output.length > 0 || this.partialLine) {
      if (this.partialLine) this.collect(Buffer.from('\n'));
      this.collect(Buffer.from(`--- the tester started ./${PROGRAM} again ---\n`));
    }
    const child = spawn(join(this.workspace, PROGRAM), args, {
      cwd: this.workspace,
      // Its own process group: stop() signals the whole group, so a script that forgot `exec`, or a
      // server that forks, leaves nothing behind.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const pgid = child.pid;
    if (pgid !== undefined) {
      this.killOnExit = () => signalGroup(pgid, 'SIGKILL');
      process.once('exit', this.killOnExit);
    }
    child.stdout?.on('data', (chunk: Buffer) => this.collect(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.collect(chunk));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve();
      });
      child.once('error', (err: NodeJS.ErrnoException) => {
        this.collect(Buffer.from(`could not run ${PROGRAM}: ${err.code ?? err.message}\n`));
        this.exitStatus = { code: null, signal: null };
        resolve();
      });
    });

    const endpoint = { host: '127.0.0.1', port: options.port };
    // The bind budget counts the tester's own running time, less the program's wait for a CPU (clock.ts).
    const patience = new Patience(options.bindTimeoutMs, () => this.cpuWaitMs());
    const command = `./${PROGRAM} --port ${options.port} --dir ${options.dir}`;
    for (;;) {
      if (await canConnect(endpoint.host, endpoint.port, 500)) {
        this.log(`your program accepts connections on ${endpoint.host}:${endpoint.port}`);
        return endpoint;
      }
      const exit = this.exitStatus;
      if (exit) {
        throw new StageFailure(
          `Your program ${describeExit(exit)} before it accepted a connection on ${endpoint.host}:${endpoint.port}.\n` +
            `The tester ran: ${command}`,
          'Read its output below: it usually names the problem (a syntax error, a missing module, a port in use).',
        );
      }
      if (patience.exhausted()) break;
      await sleep(patience.nextSliceMs());
    }
    // It may be listening on IPv6 only, which "localhost" can resolve to.
    const ipv6Only = await canConnect('::1', options.port, 500);
    throw new StageFailure(
      `Nothing accepted a connection on ${endpoint.host}:${endpoint.port} within ${options.bindTimeoutMs / 1000} s ` +
        `of starting your program, and it is still running.\nThe tester ran: ${command}`,
      ipv6Only
        ? `Your server listens on [::1]:${options.port} (IPv6) only: listen on 127.0.0.1 (or 0.0.0.0), not "localhost".`
        : 'Listen on the port given by --port (not a fixed 6379), on 127.0.0.1 or 0.0.0.0.',
    );
  }

  /** Stops the program for good: a start() still on its way will not spawn anything. */
  close(): Promise<void> {
    this.closed = true;
    return this.stop();
  }

  /**
   * Stops the whole process group: SIGTERM first (a server may flush its log), SIGKILL after
   * `graceMs`. Returns once no process of the group is left.
   */
  async stop(graceMs = 3000): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const pgid = child.pid;
    if (!this.exitStatus || groupAlive(pgid)) {
      signalGroup(pgid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (groupAlive(pgid) && Date.now() < deadline) await sleep(25);
      if (groupAlive(pgid)) {
        this.log(`your program did not stop within ${graceMs} ms of SIGTERM; sending SIGKILL`);
        signalGroup(pgid, 'SIGKILL');
        const killDeadline = Date.now() + 5000;
        while (groupAlive(pgid) && Date.now() < killDeadline) await sleep(25);
      }
    }
    await this.exited;
    if (this.killOnExit) process.off('exit', this.killOnExit);
    this.killOnExit = undefined;
    child.stdout?.destroy();
    child.stderr?.destroy();
    this.child = undefined;
  }
}
