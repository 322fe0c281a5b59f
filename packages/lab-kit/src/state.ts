import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Per-lab progress, kept across restarts under the user's state directory (XDG_STATE_HOME). */
export interface Progress {
  /** Objectives that passed at least once. */
  passed: string[];
  /** How many hints of each objective have been revealed. */
  hintsRevealed: Record<string, number>;
  /** Answers recorded with `lab answer`. */
  answers: Record<string, string>;
  updatedAt: string | undefined;
}

export function stateDir(): string {
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'storylabs');
}

function progressFile(labId: string): string {
  return path.join(stateDir(), 'progress', `${labId}.json`);
}

export function emptyProgress(): Progress {
  return { passed: [], hintsRevealed: {}, answers: {}, updatedAt: undefined };
}

export function loadProgress(labId: string): Progress {
  try {
    const data = JSON.parse(readFileSync(progressFile(labId), 'utf8')) as Partial<Progress>;
    return { ...emptyProgress(), ...data };
  } catch {
    return emptyProgress();
  }
}

export function saveProgress(labId: string, progress: Progress): void {
  const file = progressFile(labId);
  mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a Ctrl-C never leaves half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(
    temporary,
    `${JSON.stringify({ ...progress, updatedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  renameSync(temporary, file);
}

export function updateProgress(labId: string, change: (progress: Progress) => void): Progress {
  const progress = loadProgress(labId);
  change(progress);
  saveProgress(labId, progress);
  return progress;
}

export function clearProgress(labId: string): void {
  rmSync(progressFile(labId), { force: true });
}

/** Where the learner's copy of a lab's starter lives. */
export function workspaceDir(labId: string): string {
  const base = process.env.STORYLABS_WORKSPACES || path.join(os.homedir(), 'storylabs');
  return path.join(base, labId);
}
