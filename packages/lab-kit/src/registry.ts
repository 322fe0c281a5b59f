import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { didYouMean } from './did-you-mean.ts';
import { errorMessage, LabError, UsageError } from './errors.ts';
import { type Lab, labSchema, ManifestError } from './manifest.ts';

export interface LabEntry {
  id: string;
  /** The lab's directory: build contexts and the starter are relative to it. */
  dir: string;
  lab: Lab;
}

/** labs/ of this repository, unless STORYLABS_LABS_DIR points elsewhere (tests use fixtures). */
export function defaultLabsDir(): string {
  return process.env.STORYLABS_LABS_DIR ?? fileURLToPath(new URL('../../../labs/', import.meta.url));
}

/** The ids of the labs in a directory, without importing them (cheap: for suggestions and listings). */
export function labIds(labsDir: string = defaultLabsDir()): string[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(labsDir, entry.name, 'lab.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Loads the lab in a folder (its `lab.ts`); the manifest id must be the folder's name. */
export async function importLabDir(dir: string): Promise<LabEntry> {
  return importLab(path.dirname(path.resolve(dir)), path.basename(path.resolve(dir)));
}

async function importLab(labsDir: string, id: string): Promise<LabEntry> {
  const dir = path.join(labsDir, id);
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(path.join(dir, 'lab.ts')).href);
  } catch (error) {
    if (error instanceof ManifestError) throw new LabError(error.message);
    throw new LabError(`lab '${id}' could not be loaded: ${errorMessage(error)}`, { cause: error });
  }
  const parsed = labSchema.safeParse(module.default);
  if (!parsed.success) {
    throw new LabError(`lab '${id}': labs/${id}/lab.ts must \`export default defineLab({...})\``);
  }
  if (parsed.data.id !== id) {
    throw new LabError(
      `lab '${id}': its manifest id is '${parsed.data.id}'; the id must match the folder name`,
    );
  }
  return { id, dir, lab: parsed.data };
}

/** Finds a lab by name; a typo gets `unknown lab 'toy-rdis'; did you mean 'toy-redis'?`. */
export async function findLab(name: string, labsDir: string = defaultLabsDir()): Promise<LabEntry> {
  const ids = labIds(labsDir);
  if (!ids.includes(name)) {
    const suggestion = didYouMean(name, ids);
    throw new UsageError(
      `unknown lab '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      ids.length > 0 ? `labs: ${ids.join(', ')}` : `no labs found in ${labsDir}`,
    );
  }
  return importLab(labsDir, name);
}

export async function loadLabs(labsDir: string = defaultLabsDir()): Promise<LabEntry[]> {
  return Promise.all(labIds(labsDir).map((id) => importLab(labsDir, id)));
}
