import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumEnv, chromiumFlags, dejavuDir } from '../src/index.ts';

describe('chromiumEnv', () => {
  it("keeps the caller's environment", () => {
    expect(chromiumEnv({ LANG: 'C.UTF-8' })).toMatchObject({ LANG: 'C.UTF-8' });
  });

  it('points fontconfig at a configuration of the DejaVu fonts alone, where Debian has them', () => {
    const file = chromiumEnv({}).FONTCONFIG_FILE;
    if (process.platform !== 'linux' || !existsSync(dejavuDir)) {
      expect(file).toBeUndefined();
      return;
    }
    expect(file && existsSync(file), file).toBe(true);
    const dirs = [...readFileSync(file ?? '', 'utf8').matchAll(/<dir>([^<]+)<\/dir>/g)].map((m) => m[1]);
    expect(dirs).toEqual([dejavuDir]);
  });
});

it('launches headless, without a sandbox (root in a container) and without background traffic', () => {
  expect(chromiumFlags).toEqual(
    expect.arrayContaining(['--headless', '--no-sandbox', '--disable-background-networking']),
  );
});
