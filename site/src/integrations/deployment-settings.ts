// A production build made without the deployment's address gets canonical links, og:url, the sitemap
// and RSS pointing at localhost, and a repository link that may be a guess. Say so loudly, at the
// start and again at the end of the build, where nobody can miss it.
import type { AstroIntegration } from 'astro';
import { resolveRepository } from '../lib/repository.ts';

export function deploymentProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (!env.SITE_URL?.trim()) {
    problems.push(
      'SITE_URL is not set: canonical links, og:url, the sitemap and RSS point at http://localhost:4321. ' +
        'Set SITE_URL (and SITE_BASE when served under a path) for any build you publish.',
    );
  }
  const repository = resolveRepository(env);
  if (repository.from === 'fallback') {
    problems.push(
      `SITE_REPOSITORY is not set: the repository, edit and clone links use ${repository.url}. ` +
        'Set SITE_REPOSITORY=https://github.com/<owner>/<repo> for any build you publish.',
    );
  }
  return problems;
}

export function deploymentSettings(): AstroIntegration {
  const problems = deploymentProblems(process.env);
  const shout = (logger: { warn: (message: string) => void }) => {
    for (const problem of problems) logger.warn(`\n\n!!! ${problem}\n`);
  };
  return {
    name: 'storylabs-deployment-settings',
    hooks: {
      'astro:build:start': ({ logger }) => shout(logger),
      'astro:build:done': ({ logger }) => shout(logger),
    },
  };
}
