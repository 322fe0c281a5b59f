import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labPackages, workspaceRoot } from '../src/packages.ts';

function workspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'storylabs-ws-'));
  writeFileSync(
    path.join(root, 'pnpm-workspace.yaml'),
    "packages:\n  - 'labs/*'\n  - tools/one\n\ncatalog:\n  x: 1\n",
  );
  const pkg = (dir: string, json: object) => {
    mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, dir, 'package.json'), JSON.stringify(json));
  };
  pkg('labs/beta', {
    name: '@x/lab-beta',
    storylabs: { lab: './lab.ts' },
    exports: { '.': './lab.ts', './figures': './figures.ts' },
  });
  pkg('labs/alpha', { name: '@x/lab-alpha', exports: { '.': './lab.ts' } });
  pkg('labs/not-a-lab', { name: '@x/util', exports: { '.': './index.ts' } });
  pkg('tools/one', { name: '@x/one', storylabs: { lab: './manifest.ts' } });
  pkg('elsewhere/lab', { name: '@x/outside', storylabs: { lab: './lab.ts' } });
  return root;
}

describe('lab packages', () => {
  it('are the workspace packages that declare a lab manifest, or export a lab.ts', () => {
    const root = workspace();
    const labs = labPackages(root);
    expect(labs.map((l) => [l.id, l.name])).toEqual([
      ['alpha', '@x/lab-alpha'],
      ['beta', '@x/lab-beta'],
      ['one', '@x/one'],
    ]);
    expect(labs[1]?.manifest).toBe(path.join(root, 'labs/beta/lab.ts'));
    expect(labs[1]?.figures).toBe(path.join(root, 'labs/beta/figures.ts'));
    expect(labs[2]?.manifest).toBe(path.join(root, 'tools/one/manifest.ts'));
  });

  it('are found from anywhere inside the workspace', () => {
    const root = workspace();
    expect(workspaceRoot(path.join(root, 'labs', 'beta'))).toBe(root);
    expect(labPackages().map((l) => l.id)).toContain('toy-redis');
  });
});
