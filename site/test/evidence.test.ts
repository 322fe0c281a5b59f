// Each story's evidence pack: the commands its page shows, run in bash on the generated file, find what
// the story finds (a pack whose commands find nothing teaches nothing). The generators are seeded, so a
// pack is the same file on every build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evidencePacks } from '~/evidence/packs.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'storylabs-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence packs', () => {
  it('have one file name each', () => {
    const files = evidencePacks.map((pack) => pack.file);
    expect(new Set(files).size).toBe(files.length);
  });

  it.each(evidencePacks.map((pack) => [pack.file, pack] as const))(
    "%s: the page's commands find the story's answer in it",
    (_, pack) => {
      const folder = mkdtempSync(path.join(dir, `${pack.story}-`));
      writeFileSync(path.join(folder, pack.file), pack.generate());
      const output = execFileSync('bash', ['-o', 'pipefail', '-c', pack.commands], {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
        timeout: 30_000,
      });
      for (const pattern of pack.finds) expect(output).toMatch(pattern);
      for (const pattern of pack.absent ?? []) expect(output).not.toMatch(pattern);
    },
  );

  it.each(evidencePacks.map((pack) => [pack.file, pack] as const))(
    '%s is the same on every build',
    (_, pack) => {
      expect(pack.generate()).toBe(pack.generate());
    },
  );
});
