// Entry points that an older Node may run (the `lab` bin, the root scripts' launcher) say which Node they
// need and how to get it, instead of failing on `.ts` or node:sqlite. An old Node is simulated with a
// preload that reports an older version, so this runs the same on every machine.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const entryPoints = ['packages/cli/bin/lab.js', 'scripts/require-node.mjs'];
const pretendNode20 =
  'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.19.0"});' +
  'Object.defineProperty(process,"version",{value:"v20.19.0"})';

describe('entry points under an old Node', () => {
  for (const file of entryPoints) {
    it(`${file} names the Node it needs and how to get it, exit 2`, () => {
      const args = file.endsWith('require-node.mjs') ? ['scripts/test.ts'] : ['--version'];
      const run = spawnSync(process.execPath, ['--import', pretendNode20, file, ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Storylabs needs Node.js 22.22 or newer (24 LTS recommended)');
      expect(run.stderr).toContain('this is Node.js v20.19.0');
      expect(run.stderr).toContain('./lab');
      expect(run.stderr).toContain('nvm install');
      expect(run.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|\n\s+at /);
    });

    it(`${file} checks the version package.json's engines.node asks for`, () => {
      const engines = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')).engines.node as string;
      const [major, minor] = engines.replace('>=', '').split('.');
      expect(readFileSync(`${repoRoot}${file}`, 'utf8')).toContain(`const NODE_MIN = [${major}, ${minor}];`);
    });
  }

  it('the launcher runs the script with the arguments it was given', () => {
    const run = spawnSync(
      process.execPath,
      ['scripts/require-node.mjs', 'packages/cli/test/fixtures/print-argv.ts', 'a', '--b'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['a', '--b']);
  });

  it('pnpm runs the root scripts on its own Node and keeps its messages off stdout', () => {
    const workspace = readFileSync(`${repoRoot}pnpm-workspace.yaml`, 'utf8');
    expect(workspace).toMatch(/^scriptsPrependNodePath: true$/m);
    expect(workspace).toMatch(/^useStderr: true$/m);
    expect(workspace).toMatch(/^updateNotifier: false$/m);
    expect(workspace).toMatch(/^engineStrict: true$/m);
  });

  it('sourcing scripts/provision.sh leaves no set -e/-u/pipefail and no exit in an interactive shell', () => {
    const run = spawnSync(
      'bash',
      [
        '--norc',
        '-i',
        '-c',
        '. scripts/provision.sh no-such-part; echo "returned $?"; set -o; false; echo alive',
      ],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TERM: 'dumb' },
      },
    );
    expect(run.stderr).toContain("provision: unknown part 'no-such-part'");
    expect(run.stdout).toContain('returned 2');
    expect(run.stdout).toMatch(/^errexit\s+off$/m);
    expect(run.stdout).toMatch(/^nounset\s+off$/m);
    expect(run.stdout).toMatch(/^pipefail\s+off$/m);
    expect(run.stdout).toContain('alive');
  });
});
