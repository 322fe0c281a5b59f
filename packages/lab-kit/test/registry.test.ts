import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LabError } from '../src/errors.ts';
import { importLabDir } from '../src/registry.ts';

const fixtureLabs = fileURLToPath(new URL('./fixtures/labs/', import.meta.url));
const workspaceLabs = fileURLToPath(new URL('../../../labs/', import.meta.url));

describe('importLabDir', () => {
  it('loads a fixture folder by its lab.ts, named after the folder, wherever the path is relative to', async () => {
    const relative = path.relative(process.cwd(), path.join(fixtureLabs, 'hello-http'));
    const entry = await importLabDir(relative);
    expect(entry.id).toBe('hello-http');
    expect(entry.dir).toBe(path.join(fixtureLabs, 'hello-http'));
    expect(entry.lab.title).toBe('Hello HTTP (fixture)');
  });

  it("loads a workspace lab package from its folder, through the package's manifest", async () => {
    const entry = await importLabDir(path.join(workspaceLabs, 'nat-routing', '.'));
    expect(entry.id).toBe('nat-routing');
    expect(entry.dir).toBe(path.join(workspaceLabs, 'nat-routing'));
    expect(entry.lab.id).toBe('nat-routing');
  });

  it('says which lab could not be loaded when a folder has no lab.ts', async () => {
    const missing = path.join(fixtureLabs, 'no-such-lab');
    await expect(importLabDir(missing)).rejects.toThrow(LabError);
    await expect(importLabDir(missing)).rejects.toThrow("lab 'no-such-lab' could not be loaded");
  });
});
