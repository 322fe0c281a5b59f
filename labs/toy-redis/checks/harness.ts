// What a stage works with: the learner's program, and sessions that send every command to the
// learner's server and to real Redis over the same kind of connection, comparing the replies byte for byte.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from '@storylabs/lab-kit/manifest';
import { Patience } from './clock.ts';
import { ConnectError, type ReadOutcome, RespConnection } from './connection.ts';
import {
  environmentFailure,
  exchangeFailure,
  type Sent,
  StageFailure,
  unexpectedBytesFailure,
} from './failure.ts';
import { describeExit, freePort, Program } from './program.ts';
import type { Random } from './random.ts';
import { type Arg, encodeCommand, encodeReply, escapeBytes, formatCommand, type Reply } from './resp.ts';

/** How long the tester waits for one reply. */
export const REPLY_TIMEOUT_MS = 2000;

export interface CallOptions {
  /** What the spec says the reply is. Real Redis must agree (else the lab is broken); learner-only steps compare with it. */
  expect?: Reply;
  /** Integer replies (TTL, PTTL) may differ from the other side by this much. */
  tolerance?: number;
  /** A stage-specific hint shown when this step fails. */
  hint?: string;
  timeoutMs?: number;
  /** Not sent to real Redis: custom commands (COMPACT) and checks of the learner's server alone. */
  learnerOnly?: boolean;
  /** Words for what is sent when it is not one plain command, e.g. "the first half of a PING". */
  description?: string;
  /** Where in a pipeline, e.g. "reply 7 of 32". */
  position?: string;
  /** No debug line for this step (long pipelines summarise instead). */
  quiet?: boolean;
  /**
   * For replies that depend on time (TTL, PTTL): the integers both servers may reply, given when the
   * tester sent this command and when it had both replies (performance.now() times). Replaces
   * `expect`, `tolerance` and the byte-for-byte comparison: a busy machine widens the range by
   * exactly the time it made the tester wait, an idle one keeps it tight.
   */
  within?: (timing: { sentAt: number; repliedAt: number }) => { min: bigint; max: bigint; why: string };
  /**
   * Checked once both replies are in, before they are compared: true when the timing makes this step
   * prove nothing (e.g. a key that should still exist may have expired because the machine was slow).
   * The step then throws InconclusiveStep, which the stage catches to try again.
   */
  inconclusiveIf?: (timing: { sentAt: number; repliedAt: number }) => boolean;
}

/** A step whose outcome the machine's timing decided, not the server: the stage tries it again. */
export class InconclusiveStep extends Error {
  constructor(what: string) {
    super(`inconclusive: ${what}`);
    this.name = 'InconclusiveStep';
  }
}

export class StageAborted extends Error {
  constructor() {
    super('stage aborted');
    this.name = 'StageAborted';
  }
}

function sameIntegerWithin(a: Reply, b: Reply, tolerance: number): boolean {
  if (a.type !== 'integer' || b.type !== 'integer') return false;
  const diff = a.value > b.value ? a.value - b.value : b.value - a.value;
  return diff <= BigInt(tolerance);
}

export interface HarnessOptions {
  workspace: string;
  reference: Endpoint;
  rng: Random;
  signal: AbortSignal;
  debug: (message: string) => void;
  bindTimeoutMs: number;
  /** The redis-cli the real-clients check runs. */
  redisCli: string;
}

export class StageContext {
  readonly rng: Random;
  readonly reference: Endpoint;
  readonly signal: AbortSignal;
  readonly debug: (message: string) => void;
  readonly program: Program;
  readonly redisCli: string;
  private readonly bindTimeoutMs: number;
  private readonly dirs: string[] = [];
  private readonly sessions: Session[] = [];
  private dataDir: string | undefined;
  private endpoint: Endpoint | undefined;
  private stoppedByTester = false;
  private disposed = false;
  /** Removes the data directories if this Node process exits before dispose() (Ctrl-C during a check). */
  private readonly removeDirsOnExit = () => {
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  };
  /** What the stage is doing now, for the timeout message. */
  currentStep = 'starting your program';
  /** Replies checked, and how many of them against real Redis's. */
  repliesChecked = 0;
  repliesComparedWithRedis = 0;

  constructor(options: HarnessOptions) {
    this.rng = options.rng;
    this.reference = options.reference;
    this.signal = options.signal;
    this.debug = options.debug;
    this.bindTimeoutMs = options.bindTimeoutMs;
    this.redisCli = options.redisCli;
    this.program = new Program(options.workspace, options.debug);
  }

  /** The learner's server, once started. */
  get learner(): Endpoint {
    if (!this.endpoint) throw new Error('the program is not started');
    return this.endpoint;
  }

  checkAborted(): void {
    if (this.signal.aborted || this.disposed) throw new StageAborted();
  }

  sleep(ms: number): Promise<void> {
    this.checkAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new StageAborted());
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A new empty directory, removed when the stage ends. */
  async newDataDir(): Promise<string> {
    this.checkAborted();
    const dir = await mkdtemp(join(tmpdir(), 'toy-redis-data-'));
    if (this.disposed) {
      await rm(dir, { recursive: true, force: true });
      throw new StageAborted();
    }
    if (this.dirs.length === 0) process.once('exit', this.removeDirsOnExit);
    this.dirs.push(dir);
    return dir;
  }

  /** Starts the program on a free port, with `dir` (by default the stage's data directory, created empty on first use). */
  async startProgram(dir?: string): Promise<void> {
    this.checkAborted();
    this.dataDir = dir ?? this.dataDir ?? (await this.newDataDir());
    const port = await freePort();
    this.currentStep = `waiting for your program to accept connections on 127.0.0.1:${port}`;
    this.stoppedByTester = false;
    this.endpoint = await this.program.start({ port, dir: this.dataDir, bindTimeoutMs: this.bindTimeoutMs });
  }

  /**
   * Redis accepts connections while it replays its data and answers "-LOADING ..." until it is done;
   * so may a learner's server. Sends PING until the reply is anything else (at most the bind budget).
   */
  async waitWhileLoading(): Promise<void> {
    this.currentStep = 'waiting for your server to finish loading its data (PING until no -LOADING reply)';
    const patience = new Patience(this.bindTimeoutMs);
    const connection = await RespConnection.open(this.learner, REPLY_TIMEOUT_MS).catch(() => undefined);
    if (!connection) return;
    try {
      for (;;) {
        await connection.write(encodeCommand(['PING']));
        const outcome = await connection.read(REPLY_TIMEOUT_MS);
        const loading =
          outcome.kind === 'reply' &&
          outcome.reply.type === 'error' &&
          outcome.reply.value.startsWith('LOADING');
        if (!loading || patience.exhausted()) return;
        this.debug('your server replied -LOADING; asking again in 50 ms');
        await this.sleep(50);
      }
    } finally {
      connection.close();
    }
  }

  /** Stops the program (SIGTERM, then SIGKILL after 3 s); its connections are closed first. */
  async stopProgram(): Promise<void> {
    this.currentStep = 'stopping your program';
    for (const session of this.sessions) session.closeLearner();
    this.stoppedByTester = true;
    await this.program.stop();
  }

  /** "exited with code 1" when the program died on its own during the stage. */
  unexpectedExit(): string | undefined {
    const exit = this.program.exit();
    if (!exit || this.stoppedByTester) return undefined;
    return describeExit(exit);
  }

  /**
   * Waits briefly (1 s of the tester's running time at most) for the exit of a program whose connection
   * just closed, so that a crash is reported as one also when the machine is slow to tell.
   */
  async exitAfterClose(): Promise<string | undefined> {
    const patience = new Patience(1000);
    while (!this.program.exit() && !patience.exhausted()) {
      await new Promise((r) => setTimeout(r, Math.min(20, patience.nextSliceMs())));
    }
    return this.unexpectedExit();
  }

  /** Opens connection N to the learner's server and, unless learnerOnly, connection N to real Redis. */
  async connect(options: { learnerOnly?: boolean } = {}): Promise<Session> {
    this.checkAborted();
    const name = `connection ${this.sessions.length + 1}`;
    this.currentStep = `opening ${name}`;
    let learner: RespConnection;
    try {
      learner = await RespConnection.open(this.learner, REPLY_TIMEOUT_MS);
    } catch (err) {
      const exit = this.unexpectedExit();
      throw new StageFailure(
        `The tester could not open ${name} to your server at ${this.learner.host}:${this.learner.port}: ${
          err instanceof ConnectError
            ? err.message.replace(/^could not connect to [^:]+:\d+: /, '')
            : String(err)
        }.`,
        exit
          ? `Your program ${exit}: its last output is below.`
          : 'Keep accepting connections for as long as the server runs.',
      );
    }
    let reference: RespConnection | undefined;
    if (!options.learnerOnly) {
      try {
        reference = await RespConnection.open(this.reference, REPLY_TIMEOUT_MS);
      } catch (err) {
        learner.close();
        throw referenceUnreachable(this.reference, err);
      }
    }
    const session = new Session(this, name, learner, reference);
    if (this.disposed) {
      session.close();
      throw new StageAborted();
    }
    this.sessions.push(session);
    this.debug(`${name} open`);
    return session;
  }

  /** Fails if a connection holds bytes no command asked for. */
  checkNoUnreadBytes(): void {
    for (const session of this.sessions) session.checkNoUnreadBytes(undefined);
  }

  /** Closes every connection, stops the program, removes the data directories. Never throws. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const session of this.sessions) session.close();
    try {
      this.stoppedByTester = true;
      await this.program.close();
    } finally {
      await Promise.all(this.dirs.map((dir) => rm(dir, { recursive: true, force: true })));
      process.off('exit', this.removeDirsOnExit);
    }
  }
}

export function referenceUnreachable(reference: Endpoint, err: unknown): StageFailure {
  return environmentFailure(
    `The tester could not reach the lab's real Redis at ${reference.host}:${reference.port} (${
      err instanceof Error ? err.message : String(err)
    }).`,
    'Is the lab running? Start it with `pnpm lab toy-redis` (every check compares your server with that Redis).',
  );
}

/** Two connections opened together: one to the learner's server, one to real Redis. */
export class Session {
  readonly name: string;
  private readonly t: StageContext;
  private readonly learner: RespConnection;
  private readonly reference: RespConnection | undefined;
  /** When the last send() wrote its bytes (performance.now()). */
  private sentAt = 0;

  constructor(t: StageContext, name: string, learner: RespConnection, reference: RespConnection | undefined) {
    this.t = t;
    this.name = name;
    this.learner = learner;
    this.reference = reference;
  }

  checkNoUnreadBytes(before: Sent | undefined): void {
    const unread = this.learner.unread();
    if (unread.length > 0) throw unexpectedBytesFailure(this.name, unread, before);
  }

  /** Sends one command to both servers and checks the replies match; returns the learner's reply. */
  async call(args: readonly Arg[], options: CallOptions = {}): Promise<Reply> {
    const sent: Sent = { command: args, raw: encodeCommand(args) };
    await this.send(sent, options);
    return this.receive(sent, options);
  }

  /** Writes the same bytes to both servers (and to real Redis unless learnerOnly). */
  async send(sent: Sent, options: { learnerOnly?: boolean; allowUnread?: boolean } = {}): Promise<void> {
    this.t.checkAborted();
    if (!options.allowUnread) this.checkNoUnreadBytes(sent);
    const what = sent.command ? formatCommand(sent.command) : (sent.description ?? escapeBytes(sent.raw));
    this.t.currentStep = `sending ${what} on ${this.name}`;
    this.t.debug(`-> ${this.name}: ${what}`);
    this.sentAt = performance.now();
    const writes = [this.learner.write(sent.raw)];
    if (this.reference && !options.learnerOnly) writes.push(this.reference.write(sent.raw));
    await Promise.all(writes);
  }

  /** Reads one reply from both servers and compares them. */
  async receive(sent: Sent, options: CallOptions = {}): Promise<Reply> {
    this.t.checkAborted();
    const timeoutMs = options.timeoutMs ?? REPLY_TIMEOUT_MS;
    const name = sent.command ? formatCommand(sent.command) : (sent.description ?? 'the bytes sent');
    this.t.currentStep = `waiting for the reply to ${name} on ${this.name}${options.position ? ` (${options.position})` : ''}`;
    const useReference = this.reference !== undefined && !options.learnerOnly;
    const [learner, referenceOutcome] = await Promise.all([
      this.learner.read(timeoutMs, () => this.t.program.cpuWaitMs()),
      useReference && this.reference ? this.reference.read(timeoutMs) : Promise.resolve(undefined),
    ]);
    this.t.checkAborted();
    const timing = { sentAt: this.sentAt, repliedAt: performance.now() };
    if (!options.quiet || learner.kind !== 'reply') {
      this.t.debug(
        `<- ${this.name}: yours ${describeRead(learner)}${referenceOutcome ? ` | real Redis ${describeRead(referenceOutcome)}` : ''}`,
      );
    }
    if (options.inconclusiveIf?.(timing)) throw new InconclusiveStep(`${name} on ${this.name}`);
    const range = options.within?.(timing);
    let reference: { label: string; raw: Buffer; reply: Reply } | undefined;
    if (referenceOutcome) {
      if (referenceOutcome.kind !== 'reply') {
        throw environmentFailure(
          `The lab's real Redis did not answer ${name} properly: ${describeRead(referenceOutcome)}.`,
          'Restart the lab (`pnpm lab toy-redis`); if it persists, the machine is overloaded.',
        );
      }
      if (range && !inRange(referenceOutcome.reply, range)) {
        throw environmentFailure(
          `The lab's real Redis replied ${escapeBytes(referenceOutcome.raw)} to ${name}, but ${range.why} it must be ` +
            `an integer from ${range.min} to ${range.max}.`,
          'The lab is built for Redis 7.0 from Debian 12; a different version gives this.',
        );
      }
      if (!range && options.expect && !matches(referenceOutcome.reply, options.expect, options.tolerance)) {
        throw environmentFailure(
          `The lab's real Redis replied ${escapeBytes(referenceOutcome.raw)} to ${name}, but this stage expects ` +
            `${escapeBytes(encodeReply(options.expect))}${options.tolerance ? ` (give or take ${options.tolerance})` : ''}.`,
          'The lab is built for Redis 7.0 from Debian 12; a different version, or a machine too slow for the timings of this stage, gives this.',
        );
      }
      reference = { label: 'real Redis', raw: referenceOutcome.raw, reply: referenceOutcome.reply };
    } else if (options.expect && !options.within) {
      reference = { label: 'expected', raw: encodeReply(options.expect), reply: options.expect };
    }
    const base = {
      connection: this.name,
      sent,
      learner,
      ...(reference ? { reference } : {}),
      ...(options.hint ? { hint: options.hint } : {}),
      ...(options.position ? { position: options.position } : {}),
    };
    if (learner.kind !== 'reply') {
      const programExit = learner.kind === 'closed' ? await this.t.exitAfterClose() : undefined;
      throw exchangeFailure({ ...base, ...(programExit ? { programExit } : {}) });
    }
    this.t.repliesChecked++;
    if (referenceOutcome) this.t.repliesComparedWithRedis++;
    if (range) {
      if (inRange(learner.reply, range)) return learner.reply;
      const hint = `${range.why} the reply must be an integer from ${range.min} to ${range.max}.`;
      throw exchangeFailure({ ...base, hint: options.hint ? `${options.hint} ${hint}` : hint });
    }
    if (!reference) return learner.reply;
    if (learner.raw.equals(reference.raw)) return learner.reply;
    if (
      options.tolerance !== undefined &&
      sameIntegerWithin(learner.reply, reference.reply, options.tolerance)
    ) {
      return learner.reply;
    }
    throw exchangeFailure(base);
  }

  /**
   * Sends several commands in one write (pipelining) and checks every reply, in order.
   * Returns the learner's replies.
   */
  async pipeline(
    commands: readonly (readonly Arg[])[],
    options: Omit<CallOptions, 'position'> = {},
  ): Promise<Reply[]> {
    const raw = Buffer.concat(commands.map((args) => encodeCommand(args)));
    await this.send({ raw, description: `${commands.length} commands in one write` }, options);
    const replies: Reply[] = [];
    for (const [i, args] of commands.entries()) {
      const sent: Sent = { command: args, raw: encodeCommand(args) };
      replies.push(
        await this.receive(sent, {
          ...options,
          position: `reply ${i + 1} of ${commands.length} sent in one write`,
        }),
      );
    }
    return replies;
  }

  closeLearner(): void {
    this.learner.close();
  }

  close(): void {
    this.learner.close();
    this.reference?.close();
  }
}

function inRange(reply: Reply, range: { min: bigint; max: bigint }): boolean {
  return reply.type === 'integer' && reply.value >= range.min && reply.value <= range.max;
}

function matches(actual: Reply, expected: Reply, tolerance: number | undefined): boolean {
  if (encodeReply(actual).equals(encodeReply(expected))) return true;
  return tolerance !== undefined && sameIntegerWithin(actual, expected, tolerance);
}

function describeRead(outcome: ReadOutcome): string {
  switch (outcome.kind) {
    case 'reply':
      return escapeBytes(outcome.raw, 120);
    case 'invalid':
      return `${escapeBytes(outcome.raw, 120)} (invalid: ${outcome.reason})`;
    case 'timeout':
      return `nothing within ${outcome.waitedMs} ms${outcome.partial.length ? ` after ${escapeBytes(outcome.partial, 120)}` : ''}`;
    case 'closed':
      return `connection closed${outcome.partial.length ? ` after ${escapeBytes(outcome.partial, 120)}` : ''}`;
  }
}
