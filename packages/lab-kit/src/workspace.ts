import { cpSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.ts';
import type { LabEntry } from './registry.ts';
import { workspaceDir } from './state.ts';

/** Copies the lab's starter into the learner's workspace the first time; never overwrites their work. */
export function ensureWorkspace(
  entry: LabEntry,
  instance?: string,
): { dir: string; created: boolean } | undefined {
  if (!entry.lab.starter) return undefined;
  const dir = workspaceDir(entry.id, instance);
  if (existsSync(dir)) return { dir, created: false };
  const starter = path.resolve(entry.dir, entry.lab.starter);
  if (!existsSync(starter)) throw new UsageError(`lab '${entry.id}': its starter ${starter} does not exist`);
  cpSync(starter, dir, { recursive: true });
  return { dir, created: true };
}

/** Moves the learner's workspace aside (to `<dir>.bak-<timestamp>`) so a solution can replace it. */
export function setWorkspaceAside(entry: LabEntry, instance?: string): string | undefined {
  const dir = workspaceDir(entry.id, instance);
  if (!existsSync(dir)) return undefined;
  const backup = `${dir}.bak-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(dir, backup);
  return backup;
}
