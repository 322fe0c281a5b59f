import { execFileSync } from 'node:child_process';

// Where the site's source lives, for the repository link, "edit this page" and the lab pages' clone
// command. SITE_REPOSITORY sets it (https://github.com/<owner>/<repo>); a GitHub Pages deployment
// (SITE_URL=https://<owner>.github.io, SITE_BASE=/<repo>) implies it. Otherwise the fallback below
// is used, and a production build says so loudly (src/integrations/deployment-settings.ts).

export const FALLBACK_REPOSITORY = 'https://github.com/storylabs/storylabs';

export interface RepositorySetting {
  url: string;
  /** Where the URL came from: the reader of a build log needs to know when it is a guess. */
  from: 'SITE_REPOSITORY' | 'GitHub Pages address' | 'fallback';
}

export function resolveRepository(env: Record<string, string | undefined>): RepositorySetting {
  const explicit = env.SITE_REPOSITORY?.trim();
  if (explicit) {
    const url = new URL(explicit);
    if (url.protocol !== 'https:')
      throw new Error(`SITE_REPOSITORY must be an https:// URL, got ${explicit}`);
    return { url: explicit.replace(/\/+$/, '').replace(/\.git$/, ''), from: 'SITE_REPOSITORY' };
  }
  const pages = /^https:\/\/([a-z0-9-]+)\.github\.io\/?$/i.exec(env.SITE_URL ?? '');
  const repo = (env.SITE_BASE ?? '').replace(/^\/+|\/+$/g, '');
  if (pages && repo && !repo.includes('/')) {
    return { url: `https://github.com/${pages[1]}/${repo}`, from: 'GitHub Pages address' };
  }
  return { url: FALLBACK_REPOSITORY, from: 'fallback' };
}

export const repository: RepositorySetting = resolveRepository(process.env);

/** A file in the repository, on GitHub: `repositoryFile('labs/<id>/README.md')`. */
export function repositoryFile(path: string): string {
  return `${repository.url}/blob/main/${path}`;
}

/** The date of the last commit that touched `path` (relative to the repository root), if git knows one. */
export function lastCommitDate(path: string): Date | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cI', '--', path], {
      cwd: new URL('../../..', import.meta.url),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out ? new Date(out) : undefined;
  } catch {
    return undefined;
  }
}
