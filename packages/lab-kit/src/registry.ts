import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { didYouMean } from './did-you-mean.ts';
import { errorMessage, LabError, UsageError } from './errors.ts';
import { type Lab, labSchema, ManifestError } from './manifest.ts';
import { type LabPackage, labPackages } from './packages.ts';

export interface LabEntry {
  id: string;
  /** The lab's directory: build contexts and the starter are relative to it. */
  dir: string;
  lab: Lab;
}

/**
 * Where labs come from: undefined means the workspace's lab packages (the normal case); a folder of lab
 * folders (STORYLABS_LABS_DIR, or a test's fixtures) overrides it.
 */
export function defaultLabsDir(): string | undefined {
  return process.env.STORYLABS_LABS_DIR || undefined;
}

/** The lab folders of a fixtures-style directory: each folder holding a lab.ts. */
function folderLabs(labsDir: string): LabPackage[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(labsDir, entry.name, 'lab.ts')))
    .map((entry) => folderLab(path.join(labsDir, entry.name)))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** A lab folder outside the workspace's lab packages: its id is the folder's name, its manifest its lab.ts. */
function folderLab(dir: string): LabPackage {
  const id = path.basename(dir);
  return { id, name: id, dir, manifest: path.join(dir, 'lab.ts'), figures: undefined };
}

function sources(labsDir: string | undefined): LabPackage[] {
  return labsDir === undefined ? labPackages() : folderLabs(labsDir);
}

/** The ids of the labs, without importing them (cheap: for suggestions and listings). */
export function labIds(labsDir: string | undefined = defaultLabsDir()): string[] {
  return sources(labsDir).map((lab) => lab.id);
}

/** Loads the lab in a folder (its `lab.ts`); the manifest id must be the folder's name. */
export async function importLabDir(dir: string): Promise<LabEntry> {
  const labDir = path.resolve(dir);
  // A workspace lab package brings its package name and figures; any other folder (a test's fixture)
  // is read as a folder lab.
  const workspaceLab = labPackages().find((lab) => path.resolve(lab.dir) === labDir);
  return importLab(workspaceLab ?? folderLab(labDir));
}

async function importLab(source: LabPackage): Promise<LabEntry> {
  const { id, dir } = source;
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(source.manifest).href);
  } catch (error) {
    if (error instanceof ManifestError) throw new LabError(error.message);
    throw new LabError(`lab '${id}' could not be loaded: ${errorMessage(error)}`, { cause: error });
  }
  const parsed = labSchema.safeParse(module.default);
  if (!parsed.success) {
    throw new LabError(
      `lab '${id}': ${path.relative(process.cwd(), source.manifest)} must \`export default defineLab({...})\``,
    );
  }
  if (parsed.data.id !== id) {
    throw new LabError(
      `lab '${id}': its manifest id is '${parsed.data.id}'; the id must match the folder name`,
    );
  }
  return { id, dir, lab: parsed.data };
}

/** Finds a lab by name; a typo gets `unknown lab 'my-lba'; did you mean 'my-lab'?`. */
export async function findLab(
  name: string,
  labsDir: string | undefined = defaultLabsDir(),
): Promise<LabEntry> {
  const all = sources(labsDir);
  const source = all.find((lab) => lab.id === name);
  if (!source) {
    const ids = all.map((lab) => lab.id);
    const suggestion = didYouMean(name, ids);
    throw new UsageError(
      `unknown lab '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      ids.length > 0
        ? `labs: ${ids.join(', ')}`
        : `no labs found${labsDir ? ` in ${labsDir}` : ' in this workspace'}`,
    );
  }
  return importLab(source);
}

export async function loadLabs(labsDir: string | undefined = defaultLabsDir()): Promise<LabEntry[]> {
  return Promise.all(sources(labsDir).map((source) => importLab(source)));
}
