import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearProgress, loadProgress, stateDir, updateProgress } from '../src/state.ts';

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
    const file = JSON.parse(readFileSync(path.join(stateDir(), 'progress', 'demo.json'), 'utf8'));
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
});
