import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from './errors.ts';

// Everything the kit keeps on disk, keyed by (lab, instance): progress, the instance's small data store,
// the record of the foreground session that owns it, and its processes' data directories.

export const DEFAULT_INSTANCE = 'default';
const INSTANCE_NAME = /^[a-z0-9][a-z0-9-]{0,23}$/;

/** Checks an instance name (`--instance`): it becomes part of container and network names. */
export function checkInstanceName(name: string): string {
  if (!INSTANCE_NAME.test(name)) {
    throw new UsageError(
      `'${name}' is not a valid instance name`,
      'use up to 24 lower-case letters, digits and dashes, starting with a letter or digit (e.g. alice, team-3)',
    );
  }
  return name;
}

/** Per-instance progress, kept across restarts under the user's state directory (XDG_STATE_HOME). */
export interface Progress {
  /** Objectives that passed at least once. */
  passed: string[];
  /** How many hints of each objective have been revealed. */
  hintsRevealed: Record<string, number>;
  /** Answers recorded with `lab answer`. */
  answers: Record<string, string>;
  updatedAt: string | undefined;
}

const progressSchema = z.object({
  passed: z.array(z.string()),
  hintsRevealed: z.record(z.string(), z.number().int().nonnegative()),
  answers: z.record(z.string(), z.string()),
  updatedAt: z.string().optional(),
});

export function stateDir(): string {
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'storylabs');
}

/** The folder of one instance's own files. */
export function instanceDir(labId: string, instance: string = DEFAULT_INSTANCE): string {
  return path.join(stateDir(), 'instances', labId, instance);
}

function progressFile(labId: string, instance: string): string {
  return path.join(stateDir(), 'progress', labId, `${instance}.json`);
}

export function emptyProgress(): Progress {
  return { passed: [], hintsRevealed: {}, answers: {}, updatedAt: undefined };
}

const warnings: string[] = [];

/** Warnings about state files the kit could not read (and moved aside); the CLI prints them once. */
export function takeStateWarnings(): string[] {
  return warnings.splice(0);
}

/**
 * Reads a JSON state file. A file that is unreadable or has the wrong shape is moved aside (never
 * deleted) with a warning, and `fallback` is used; a missing file is simply `fallback`.
 */
function readState<T>(file: string, schema: z.ZodType<T>, fallback: () => T, what: string): T {
  if (!existsSync(file)) return fallback();
  let problem: string;
  try {
    if (statSync(file).isDirectory()) {
      problem = 'a folder stands where the file should be';
    } else {
      const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
      problem = `unexpected content (${parsed.error.issues[0]?.message ?? 'wrong shape'})`;
    }
  } catch (error) {
    problem = error instanceof SyntaxError ? 'it is not valid JSON (cut short?)' : String(error);
  }
  // Two files moved aside within the same millisecond must not share a name: the second would replace
  // the first, and a learner's file would be lost after all.
  const stamp = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  let aside = stamp;
  for (let n = 2; existsSync(aside); n++) aside = `${stamp}-${n}`;
  try {
    renameSync(file, aside);
    warnings.push(`${what} could not be read (${problem}); kept it as ${aside} and started afresh`);
  } catch {
    warnings.push(`${what} could not be read (${problem}), nor moved aside; remove ${file} by hand`);
  }
  return fallback();
}

/** Writes a file atomically: a reader sees the old or the new content, never half of it. */
function writeState(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true, recursive: true });
    throw error;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 15_000;

/**
 * Runs `work` while holding a lock on `file` (a lock folder beside it), so two checks of one instance
 * never lose each other's writes. A lock older than 30 s is a crashed writer's and is broken.
 */
function withFileLock<T>(file: string, work: () => T): T {
  const lock = `${file}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(
          `${file} stayed locked for ${LOCK_WAIT_MS / 1000} s (remove ${lock} if no lab command runs)`,
        );
      else Atomics.wait(sleeper, 0, 0, 20);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function loadProgress(labId: string, instance: string = DEFAULT_INSTANCE): Progress {
  const progress = readState(
    progressFile(labId, instance),
    progressSchema,
    emptyProgress,
    `the progress of ${labId}${instance === DEFAULT_INSTANCE ? '' : ` (instance ${instance})`}`,
  );
  return { ...emptyProgress(), ...progress };
}

export function saveProgress(labId: string, progress: Progress, instance: string = DEFAULT_INSTANCE): void {
  writeState(progressFile(labId, instance), { ...progress, updatedAt: new Date().toISOString() });
}

/** Reads, changes and writes progress under a lock: concurrent updates of one instance all survive. */
export function updateProgress(
  labId: string,
  change: (progress: Progress) => void,
  instance: string = DEFAULT_INSTANCE,
): Progress {
  const file = progressFile(labId, instance);
  return withFileLock(file, () => {
    const progress = loadProgress(labId, instance);
    change(progress);
    saveProgress(labId, progress, instance);
    return progress;
  });
}

export function clearProgress(labId: string, instance: string = DEFAULT_INSTANCE): void {
  rmSync(progressFile(labId, instance), { force: true, recursive: true });
}

/** The instance's small JSON store (ctx.store). */
export function instanceStore(labId: string, instance: string) {
  const file = path.join(instanceDir(labId, instance), 'store.json');
  const schema = z.record(z.string(), z.unknown());
  const read = (): Record<string, unknown> =>
    readState<Record<string, unknown>>(
      file,
      schema,
      () => ({}),
      `the data of ${labId} (instance ${instance})`,
    );
  return {
    get<T = unknown>(key: string): T | undefined {
      return read()[key] as T | undefined;
    },
    set(key: string, value: unknown): void {
      withFileLock(file, () => writeState(file, { ...read(), [key]: value }));
    },
  };
}

/** Removes an instance's store, session record and process data (at `down`). Progress stays. */
export function clearInstanceFiles(labId: string, instance: string): void {
  rmSync(instanceDir(labId, instance), { recursive: true, force: true });
  rmSync(path.join(stateDir(), 'data', labId, instance), { recursive: true, force: true });
}

/** Where the learner's copy of a lab's starter lives: ~/storylabs/<lab>, or <lab>@<instance>. */
export function workspaceDir(labId: string, instance: string = DEFAULT_INSTANCE): string {
  const base = process.env.STORYLABS_WORKSPACES || path.join(os.homedir(), 'storylabs');
  return path.join(base, instance === DEFAULT_INSTANCE ? labId : `${labId}@${instance}`);
}

const workspaceRecordSchema = z.object({
  starter: z.string(),
  dir: z.string(),
  /** The workspace folder's inode when the starter was copied: a folder put in its place is another one. */
  inode: z.number().int(),
});

function workspaceRecordFile(labId: string, instance: string): string {
  return path.join(stateDir(), 'workspaces', labId, `${instance}.json`);
}

/** Records which starter a new workspace was made from. */
export function recordWorkspaceStarter(labId: string, instance: string, starter: string): void {
  const dir = workspaceDir(labId, instance);
  writeState(workspaceRecordFile(labId, instance), { starter, dir, inode: statSync(dir).ino });
}

/**
 * The starter the learner's workspace was made from; undefined when there is no workspace, or it is
 * not the folder the kit made (moved, replaced by a solution, or made before starters were recorded).
 */
export function workspaceStarter(labId: string, instance: string = DEFAULT_INSTANCE): string | undefined {
  const dir = workspaceDir(labId, instance);
  if (!existsSync(dir)) return undefined;
  const record = readState(
    workspaceRecordFile(labId, instance),
    workspaceRecordSchema.optional(),
    () => undefined,
    `the workspace record of ${labId}`,
  );
  if (!record || record.dir !== dir || record.inode !== statSync(dir).ino) return undefined;
  return record.starter;
}

/** A learner's program that a foreground session runs on the host. */
export interface SessionProcess {
  name: string;
  label: string;
  pid: number | undefined;
  port: number;
}

/** The foreground `pnpm lab <lab>` that owns an instance: who it is and what it runs on the host. */
export interface SessionRecord {
  pid: number;
  startedAt: string;
  workspace: string | undefined;
  processes: SessionProcess[];
}

const sessionSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  workspace: z.string().optional(),
  processes: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      pid: z.number().int().optional(),
      port: z.number().int(),
    }),
  ),
});

function sessionFile(labId: string, instance: string): string {
  return path.join(instanceDir(labId, instance), 'session.json');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live session that owns the instance, if any (a record whose process died is ignored). */
export function readSession(labId: string, instance: string): SessionRecord | undefined {
  const record = readState(
    sessionFile(labId, instance),
    sessionSchema.optional(),
    () => undefined,
    `the session record of ${labId}`,
  );
  if (!record) return undefined;
  return {
    pid: record.pid,
    startedAt: record.startedAt,
    workspace: record.workspace,
    processes: record.processes.map((p) => ({ name: p.name, label: p.label, pid: p.pid, port: p.port })),
  };
}

export function sessionAlive(record: SessionRecord | undefined): boolean {
  return record !== undefined && alive(record.pid);
}

export function writeSession(labId: string, instance: string, record: SessionRecord): void {
  writeState(sessionFile(labId, instance), record);
}

export function clearSession(labId: string, instance: string, pid: number = process.pid): void {
  const current = readSession(labId, instance);
  if (current && current.pid !== pid) return;
  rmSync(sessionFile(labId, instance), { force: true });
}

export { alive as processAlive };
