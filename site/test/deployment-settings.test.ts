import { describe, expect, it } from 'vitest';
import { deploymentProblems } from '~/integrations/deployment-settings.ts';
import { FALLBACK_REPOSITORY, resolveRepository } from '~/lib/repository.ts';

describe('resolveRepository', () => {
  it('takes SITE_REPOSITORY as given, without a trailing slash or .git', () => {
    expect(resolveRepository({ SITE_REPOSITORY: 'https://github.com/acme/storylabs.git' })).toEqual({
      url: 'https://github.com/acme/storylabs',
      from: 'SITE_REPOSITORY',
    });
    expect(() => resolveRepository({ SITE_REPOSITORY: 'http://example.com/x' })).toThrow(/https/);
  });

  it('reads the repository from a GitHub Pages address', () => {
    expect(resolveRepository({ SITE_URL: 'https://acme.github.io', SITE_BASE: '/storylabs/' })).toEqual({
      url: 'https://github.com/acme/storylabs',
      from: 'GitHub Pages address',
    });
  });

  it('falls back, and says it did', () => {
    expect(resolveRepository({ SITE_URL: 'https://labs.example.com' })).toEqual({
      url: FALLBACK_REPOSITORY,
      from: 'fallback',
    });
  });
});

describe('deploymentProblems', () => {
  it('names SITE_URL and SITE_REPOSITORY when a build has neither', () => {
    const problems = deploymentProblems({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/SITE_URL is not set.*localhost/);
    expect(problems[1]).toMatch(/SITE_REPOSITORY is not set/);
  });

  it('is quiet for a GitHub Pages deployment', () => {
    expect(deploymentProblems({ SITE_URL: 'https://acme.github.io', SITE_BASE: '/storylabs' })).toEqual([]);
  });
});
