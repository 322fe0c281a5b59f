// The starters a learner chooses from (`pnpm lab toy-redis --starter <name>`), and the preflight that
// asks whether this machine has the chosen starter's toolchain.
import { spawnSync } from 'node:child_process';
import type { LabInput, PreflightResult } from '@storylabs/lab-kit/manifest';

export const starters = {
  typescript: {
    path: 'starter',
    description: 'TypeScript, run directly by Node.js 22.18 or newer (the Node.js the lab itself runs on)',
  },
  go: {
    path: 'starter-go',
    description: 'Go 1.19 or newer, standard library only (the language of the original exercise)',
  },
} satisfies LabInput['starters'];

export const GO_INSTALL_FIX =
  'install Go 1.19 or newer: on Debian/Ubuntu `apt-get install golang-go` (as root), elsewhere https://go.dev/dl/';

/** Go on the PATH, when the Go starter is the one in use. */
export function goToolchain(starter: string | undefined, run = spawnSync): PreflightResult {
  if (starter !== 'go') {
    return { ok: true, detail: `not needed: your workspace uses the ${starter ?? 'typescript'} starter` };
  }
  const result = run('go', ['version'], { encoding: 'utf8', timeout: 30_000 });
  const version = typeof result.stdout === 'string' ? result.stdout.trim() : '';
  if (result.error || result.status !== 0 || !version) {
    const why =
      (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
        ? 'not found on the PATH'
        : `\`go version\` failed${result.error ? ` (${result.error.message})` : ''}`;
    return { ok: false, detail: `the Go starter needs Go, and go is ${why}`, fix: GO_INSTALL_FIX };
  }
  return { ok: true, detail: version };
}
