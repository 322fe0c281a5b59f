import { existsSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.ts';
import { DEFAULT_STARTER, defineLab, labStarters } from '../src/manifest.ts';
import { findLab } from '../src/registry.ts';
import { workspaceDir, workspaceStarter } from '../src/state.ts';
import { chooseStarter, currentStarter, describeStarters, ensureWorkspace } from '../src/workspace.ts';

const starterLabs = fileURLToPath(new URL('./fixtures/starter-labs/', import.meta.url));

const base = {
  id: 'demo',
  title: 'Demo',
  story: 'stories/demo',
  summary: 'A demo.',
  difficulty: 'beginner' as const,
  minutes: 10,
  briefing: 'Fix it.',
  services: {},
  objectives: [
    { id: 'works', title: 'It works', check: async () => ({ ok: true as const }), hints: ['Look.'] },
  ],
  solution: { walkthrough: 'Do it.', apply: async () => {} },
};

beforeEach(() => {
  process.env.XDG_STATE_HOME = mkdtempSync(path.join(os.tmpdir(), 'storylabs-starters-state-'));
  process.env.STORYLABS_WORKSPACES = mkdtempSync(path.join(os.tmpdir(), 'storylabs-starters-ws-'));
});

describe('a lab declares its starters', () => {
  it('one `starter` folder is a starter named "default"', () => {
    expect(labStarters(defineLab({ ...base, starter: 'starter' }))).toEqual([
      { name: DEFAULT_STARTER, path: 'starter', description: undefined, default: true },
    ]);
    expect(labStarters(defineLab(base))).toEqual([]);
  });

  it('several `starters` keep their order, the first being the default', () => {
    const lab = defineLab({
      ...base,
      starters: { typescript: { path: 'ts', description: 'TS' }, go: { path: 'go', description: 'Go' } },
    });
    expect(labStarters(lab).map((s) => [s.name, s.path, s.default])).toEqual([
      ['typescript', 'ts', true],
      ['go', 'go', false],
    ]);
    expect(describeStarters(labStarters(lab))).toBe('typescript (default), go');
  });

  it('refuses both forms at once, an empty list, and a starter without a description', () => {
    expect(() =>
      defineLab({ ...base, starter: 'a', starters: { b: { path: 'b', description: 'B' } } }),
    ).toThrow('starters: give either `starter` (one) or `starters` (several to choose from), not both');
    expect(() => defineLab({ ...base, starters: {} })).toThrow('starters: name at least one starter');
    expect(() => defineLab({ ...base, starters: { b: { path: 'b' } } } as never)).toThrow(
      'starters.b.description',
    );
    expect(() => defineLab({ ...base, starters: { B: { path: 'b', description: 'B' } } })).toThrow(
      'starters.B',
    );
  });

  it('processes need a starter of either form', () => {
    const processes = { server: { command: ['x'] } };
    expect(() => defineLab({ ...base, processes })).toThrow('set `starter` or `starters`');
    expect(() =>
      defineLab({ ...base, processes, starters: { one: { path: 'one', description: 'One' } } }),
    ).not.toThrow();
  });
});

describe('the workspace is made from the chosen starter', () => {
  it('copies the default starter, and records it', async () => {
    const entry = await findLab('two-starters', starterLabs);
    const made = ensureWorkspace(entry);
    expect(made).toEqual({ dir: workspaceDir('two-starters'), created: true, starter: 'plain' });
    expect(readFileSync(path.join(made?.dir ?? '', 'main.mjs'), 'utf8')).toContain('plain');
    expect(workspaceStarter('two-starters')).toBe('plain');
    expect(ensureWorkspace(entry)).toEqual({ dir: made?.dir, created: false, starter: 'plain' });
  });

  it('copies the starter asked for, per instance', async () => {
    const entry = await findLab('two-starters', starterLabs);
    const made = ensureWorkspace(entry, 'ada', 'fancy');
    expect(made?.starter).toBe('fancy');
    expect(readFileSync(path.join(made?.dir ?? '', 'main.mjs'), 'utf8')).toContain('fancy');
    expect(workspaceStarter('two-starters', 'ada')).toBe('fancy');
    expect(workspaceStarter('two-starters')).toBeUndefined();
    expect(ensureWorkspace(entry, 'ada', 'fancy')?.created).toBe(false);
  });

  it('refuses an unknown starter with the list, and a near miss with a suggestion', async () => {
    const entry = await findLab('two-starters', starterLabs);
    const unknown = (() => {
      try {
        chooseStarter(entry, 'rust');
      } catch (error) {
        return error as UsageError;
      }
    })();
    expect(unknown).toBeInstanceOf(UsageError);
    expect(unknown?.message).toBe("lab 'two-starters' has no starter 'rust'");
    expect(unknown?.hint).toBe('starters: plain (default), fancy');
    expect(() => ensureWorkspace(entry, 'default', 'fanci')).toThrow(
      "has no starter 'fanci'; did you mean 'fancy'?",
    );
    expect(existsSync(workspaceDir('two-starters'))).toBe(false);
  });

  it('never replaces work: another starter than the workspace was made from is refused with what to do', async () => {
    const entry = await findLab('two-starters', starterLabs);
    ensureWorkspace(entry);
    let error: UsageError | undefined;
    try {
      ensureWorkspace(entry, 'default', 'fancy');
    } catch (caught) {
      error = caught as UsageError;
    }
    const dir = workspaceDir('two-starters');
    expect(error?.message).toBe(
      `your workspace ${dir} already exists (made from the 'plain' starter), and a starter is copied only into a new workspace`,
    );
    expect(error?.hint).toContain(`mv ${dir} ${dir}.old`);
    expect(readFileSync(path.join(dir, 'main.mjs'), 'utf8')).toContain('plain');
  });

  it('a folder put where the workspace was is not taken for the one the starter made', async () => {
    const entry = await findLab('two-starters', starterLabs);
    const dir = ensureWorkspace(entry, 'default', 'fancy')?.dir ?? '';
    renameSync(dir, `${dir}.moved`);
    ensureWorkspace(entry, 'other');
    renameSync(workspaceDir('two-starters', 'other'), dir);
    expect(workspaceStarter('two-starters')).toBeUndefined();
  });

  it("tells the preflight the starter asked for, else the workspace's, else the default", async () => {
    const entry = await findLab('two-starters', starterLabs);
    expect(currentStarter(entry)).toBe('plain');
    ensureWorkspace(entry, 'default', 'fancy');
    expect(currentStarter(entry)).toBe('fancy');
    expect(currentStarter(entry, { requested: 'plain' })).toBe('plain');
    expect(currentStarter(entry, { instance: 'ada' })).toBe('plain');
    expect(() => currentStarter(entry, { requested: 'rust' })).toThrow("has no starter 'rust'");
  });
});
