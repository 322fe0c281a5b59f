import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  checkInstanceName,
  clearProgress,
  instanceStore,
  loadProgress,
  stateDir,
  takeStateWarnings,
  updateProgress,
  workspaceDir,
} from '../src/state.ts';

describe('progress state', () => {
  const previous = process.env.XDG_STATE_HOME;
  beforeEach(() => {
    process.env.XDG_STATE_HOME = mkdtempSync(path.join(os.tmpdir(), 'storylabs-state-'));
  });
  afterEach(() => {
    process.env.XDG_STATE_HOME = previous;
  });

  it('lives under XDG_STATE_HOME and survives a reload', () => {
    expect(stateDir()).toBe(path.join(process.env.XDG_STATE_HOME ?? '', 'storylabs'));
    updateProgress('demo', (p) => {
      p.passed.push('works');
      p.hintsRevealed.works = 2;
      p.answers.cost = '4608';
    });
    const reloaded = loadProgress('demo');
    expect(reloaded.passed).toEqual(['works']);
    expect(reloaded.hintsRevealed).toEqual({ works: 2 });
    expect(reloaded.answers).toEqual({ cost: '4608' });
    const file = JSON.parse(readFileSync(path.join(stateDir(), 'progress', 'demo', 'default.json'), 'utf8'));
    expect(file.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('starts empty and can be cleared', () => {
    expect(loadProgress('other').passed).toEqual([]);
    updateProgress('other', (p) => {
      p.passed.push('x');
    });
    clearProgress('other');
    expect(loadProgress('other').passed).toEqual([]);
  });

  it('keeps instances apart', () => {
    updateProgress('demo', (p) => p.passed.push('a'), 'alice');
    updateProgress('demo', (p) => p.passed.push('b'), 'bob');
    expect(loadProgress('demo', 'alice').passed).toEqual(['a']);
    expect(loadProgress('demo', 'bob').passed).toEqual(['b']);
    expect(loadProgress('demo').passed).toEqual([]);
    expect(workspaceDir('demo', 'alice')).not.toBe(workspaceDir('demo'));
  });

  it('moves an unreadable or wrong-shaped file aside, says so, and never loses the next run', () => {
    const dir = path.join(stateDir(), 'progress', 'demo');
    mkdirSync(dir, { recursive: true });
    // All three are moved aside within the same millisecond, as a fast machine may do: none replaces another.
    vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z'), toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    for (const content of ['{"passed": "oops"}', '{"passed": [', '']) {
      writeFileSync(path.join(dir, 'default.json'), content);
      expect(loadProgress('demo').passed).toEqual([]);
      const [warning] = takeStateWarnings();
      expect(warning).toMatch(/the progress of demo could not be read .*kept it as .*unreadable/);
      updateProgress('demo', (p) => p.passed.push('kept'));
      expect(loadProgress('demo').passed).toEqual(['kept']);
    }
    expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toHaveLength(3);
  });

  it('copes with a folder where the file should be, leaving no temporary file', () => {
    const file = path.join(stateDir(), 'progress', 'demo', 'default.json');
    mkdirSync(file, { recursive: true });
    expect(loadProgress('demo').passed).toEqual([]);
    expect(takeStateWarnings()[0]).toMatch(/a folder stands where the file should be/);
    updateProgress('demo', (p) => p.passed.push('x'));
    expect(loadProgress('demo').passed).toEqual(['x']);
    expect(readdirSync(path.dirname(file)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('loses no write when many processes update one instance at once', { timeout: 120_000 }, async () => {
    const { spawn } = await import('node:child_process');
    const script = `import { updateProgress } from ${JSON.stringify(new URL('../src/state.ts', import.meta.url).href)};
for (let i = 0; i < 20; i++) updateProgress('demo', (p) => { p.passed.push(process.argv[1] + '-' + i); });`;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script, name], {
              env: { ...process.env },
              stdio: 'inherit',
            });
            child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
          }),
      ),
    );
    expect(loadProgress('demo').passed).toHaveLength(80);
    expect(existsSync(`${path.join(stateDir(), 'progress', 'demo', 'default.json')}.lock`)).toBe(false);
  });

  it('keeps a small store per instance', () => {
    const store = instanceStore('demo', 'alice');
    store.set('figures', { samples: 42 });
    expect(instanceStore('demo', 'alice').get('figures')).toEqual({ samples: 42 });
    expect(instanceStore('demo', 'bob').get('figures')).toBeUndefined();
  });

  it('refuses instance names that cannot name a container', () => {
    expect(checkInstanceName('alice-2')).toBe('alice-2');
    expect(() => checkInstanceName('Alice')).toThrow(/not a valid instance name/);
    expect(() => checkInstanceName('a/b')).toThrow(/not a valid instance name/);
  });
});
