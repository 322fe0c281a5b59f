// Builds the site once before the tests when dist/ is missing or older than its sources.
// STORYLABS_SITE_SKIP_BUILD=1 reuses whatever dist/ holds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { basePath, builtBasePath, distDir, isBuildStale, siteDir } from './built-site.ts';

export default function setup(): void {
  if (process.env.STORYLABS_SITE_SKIP_BUILD === '1') {
    if (!existsSync(path.join(distDir, 'index.html'))) {
      throw new Error(
        'STORYLABS_SITE_SKIP_BUILD=1 but site/dist has no build; run `pnpm --filter @storylabs/site build`',
      );
    }
    if (builtBasePath() !== basePath) {
      throw new Error(
        `site/dist was built for base '${builtBasePath()}', these tests expect '${basePath}' (SITE_BASE)`,
      );
    }
    return;
  }
  if (!isBuildStale()) return;
  const astro = path.join(siteDir, 'node_modules', '.bin', 'astro');
  const result = spawnSync(astro, ['build'], {
    cwd: siteDir,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, with which Astro builds a development site (no search UI, for one).
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`astro build failed (exit ${result.status ?? result.signal})`);
}
