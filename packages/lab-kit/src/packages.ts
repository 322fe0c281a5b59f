// Labs are packages: a workspace package whose package.json says `"storylabs": { "lab": "./lab.ts" }` is
// a lab, and its manifest is that file (a package whose main export is a `lab.ts` counts too). The CLI and the site find labs this way, through the
// workspace's own package list (pnpm-workspace.yaml), never through a path of this repository.
// Light on purpose (node:fs only): the site's build imports it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LabPackage {
  /** The lab id: the package folder's name (its manifest's id must match). */
  id: string;
  /** The package name, e.g. @storylabs/lab-<id>. */
  name: string;
  /** The package's folder. */
  dir: string;
  /** The manifest module's absolute path. */
  manifest: string;
  /** The module of figures the lab's page shows (package export "./figures"), if it has one. */
  figures: string | undefined;
}

/** The nearest folder upward from `from` that holds pnpm-workspace.yaml. */
export function workspaceRoot(
  from: string = path.dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The package folder patterns of pnpm-workspace.yaml (`packages:` list; `dir/*` and exact paths). */
function workspacePatterns(root: string): string[] {
  const text = readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^packages:\s*$/.test(line)) {
      inPackages = true;
      continue;
    }
    if (inPackages) {
      const item = /^\s+-\s+['"]?([^'"#\s]+)['"]?/.exec(line);
      if (item?.[1]) patterns.push(item[1]);
      else if (/^\S/.test(line)) inPackages = false;
    }
  }
  return patterns;
}

function packageDirs(root: string): string[] {
  const dirs: string[] = [];
  for (const pattern of workspacePatterns(root)) {
    if (pattern.startsWith('!')) continue;
    if (pattern.endsWith('/*')) {
      const parent = path.join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(path.join(parent, entry.name));
      }
    } else dirs.push(path.join(root, pattern));
  }
  return dirs.filter((dir) => existsSync(path.join(dir, 'package.json'))).sort();
}

interface PackageJson {
  name?: string;
  storylabs?: { lab?: string };
  exports?: Record<string, string>;
}

/** Every lab package of the workspace, sorted by id. */
export function labPackages(root: string | undefined = workspaceRoot()): LabPackage[] {
  if (!root) return [];
  const labs: LabPackage[] = [];
  for (const dir of packageDirs(root)) {
    const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    const main = json.exports?.['.'];
    const manifest = json.storylabs?.lab ?? (main && path.basename(main) === 'lab.ts' ? main : undefined);
    if (!manifest) continue;
    const figures = json.exports?.['./figures'];
    labs.push({
      id: path.basename(dir),
      name: json.name ?? path.basename(dir),
      dir,
      manifest: path.join(dir, manifest),
      figures: figures ? path.join(dir, figures) : undefined,
    });
  }
  return labs.sort((a, b) => a.id.localeCompare(b.id));
}
