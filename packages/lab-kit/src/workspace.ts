import { cpSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { didYouMean } from './did-you-mean.ts';
import { UsageError } from './errors.ts';
import { labStarters, type StarterInfo } from './manifest.ts';
import type { LabEntry } from './registry.ts';
import { DEFAULT_INSTANCE, recordWorkspaceStarter, workspaceDir, workspaceStarter } from './state.ts';

/** "typescript (default), go": a lab's starters as `help` and errors list them. */
export function describeStarters(starters: StarterInfo[]): string {
  return starters.map((s) => (s.default ? `${s.name} (default)` : s.name)).join(', ');
}

/**
 * The starter `--starter <name>` asks for, checked against the lab's starters (an unknown name is refused
 * with the list); undefined when none was asked for.
 */
export function chooseStarter(entry: LabEntry, requested: string | undefined): StarterInfo | undefined {
  if (requested === undefined) return undefined;
  const starters = labStarters(entry.lab);
  if (starters.length === 0) {
    throw new UsageError(
      `lab '${entry.id}' has no starters, so --starter does not apply to it`,
      'you write no code in this lab: start it without --starter',
    );
  }
  const found = starters.find((s) => s.name === requested);
  if (!found) {
    const suggestion = didYouMean(
      requested,
      starters.map((s) => s.name),
    );
    throw new UsageError(
      `lab '${entry.id}' has no starter '${requested}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      `starters: ${describeStarters(starters)}`,
    );
  }
  return found;
}

/**
 * The starter the learner works from: the one asked for, else the one their workspace was made from,
 * else the lab's default; undefined for a lab without starters. What a lab's preflight is told.
 */
export function currentStarter(
  entry: LabEntry,
  options: { requested?: string; instance?: string } = {},
): string | undefined {
  const starters = labStarters(entry.lab);
  if (starters.length === 0) return undefined;
  return (
    chooseStarter(entry, options.requested)?.name ??
    workspaceStarter(entry.id, options.instance ?? DEFAULT_INSTANCE) ??
    starters[0]?.name
  );
}

/**
 * Refuses, with what to do, a starter the lab does not have, or another starter than the learner's
 * existing workspace was made from (a starter never replaces work). Changes nothing.
 */
export function checkStarterChoice(
  entry: LabEntry,
  instance: string = DEFAULT_INSTANCE,
  requested?: string,
): StarterInfo | undefined {
  const chosen = chooseStarter(entry, requested);
  const dir = workspaceDir(entry.id, instance);
  if (chosen && existsSync(dir)) {
    const made = workspaceStarter(entry.id, instance);
    if (made !== chosen.name) {
      throw new UsageError(
        `your workspace ${dir} already exists${made ? ` (made from the '${made}' starter)` : ''}, and a starter is copied only into a new workspace`,
        `to start again from '${chosen.name}', move your work aside (mv ${dir} ${dir}.old) and run the same command again; to keep working on it, leave out --starter`,
      );
    }
  }
  return chosen;
}

/**
 * Copies the lab's starter (the one asked for, or the default) into the learner's workspace the first
 * time; never overwrites their work. Asking for another starter than the workspace was made from is
 * refused with what to do.
 */
export function ensureWorkspace(
  entry: LabEntry,
  instance: string = DEFAULT_INSTANCE,
  requested?: string,
): { dir: string; created: boolean; starter: string | undefined } | undefined {
  const starters = labStarters(entry.lab);
  const chosen = checkStarterChoice(entry, instance, requested);
  if (starters.length === 0) return undefined;
  const dir = workspaceDir(entry.id, instance);
  if (existsSync(dir)) return { dir, created: false, starter: workspaceStarter(entry.id, instance) };
  const starter = chosen ?? starters[0];
  if (!starter) return undefined;
  const source = path.resolve(entry.dir, starter.path);
  if (!existsSync(source)) {
    throw new UsageError(`lab '${entry.id}': its starter '${starter.name}' (${source}) does not exist`);
  }
  cpSync(source, dir, { recursive: true });
  recordWorkspaceStarter(entry.id, instance, starter.name);
  return { dir, created: true, starter: starter.name };
}

/** Moves the learner's workspace aside (to `<dir>.bak-<timestamp>`) so a solution can replace it. */
export function setWorkspaceAside(entry: LabEntry, instance?: string): string | undefined {
  const dir = workspaceDir(entry.id, instance);
  if (!existsSync(dir)) return undefined;
  const backup = `${dir}.bak-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(dir, backup);
  return backup;
}
