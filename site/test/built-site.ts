// Where the built site is, and whether it is older than what it is built from.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const siteDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = path.join(siteDir, 'dist');
const repoDir = path.join(siteDir, '..');

/** Everything the build reads: the site's source and config, the models, the manifests and lab output. */
function inputs(): string[] {
  const labsDir = path.join(repoDir, 'labs');
  const labs = existsSync(labsDir) ? readdirSync(labsDir).map((id) => path.join(labsDir, id)) : [];
  return [
    path.join(siteDir, 'src'),
    path.join(siteDir, 'public'),
    path.join(siteDir, 'astro.config.ts'),
    path.join(siteDir, 'package.json'),
    path.join(repoDir, 'packages', 'models', 'src'),
    path.join(repoDir, 'packages', 'lab-kit', 'src', 'manifest.ts'),
    path.join(repoDir, 'packages', 'lab-kit', 'src', 'figures.ts'),
    ...labs.flatMap((lab) => [
      path.join(lab, 'lab.ts'),
      path.join(lab, 'package.json'),
      path.join(lab, 'figures.ts'),
      path.join(lab, 'README.md'),
      path.join(lab, 'checks'),
      path.join(lab, 'bench'),
      path.join(lab, 'results'),
    ]),
  ];
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce(
    (newest, entry) =>
      entry === 'node_modules' ? newest : Math.max(newest, newestMtime(path.join(target, entry))),
    stats.mtimeMs,
  );
}

/** The base the site is built for: SITE_BASE, as astro.config.ts reads it, with slashes around it. */
export const basePath = `/${(process.env.SITE_BASE ?? '').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');

/** The base dist/ was built with, read from the favicon link every page has. */
export function builtBasePath(): string | undefined {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return undefined;
  return /<link rel="shortcut icon" href="([^"]*)favicon\.svg"/.exec(readFileSync(index, 'utf8'))?.[1];
}

/** True when dist/ is missing, was built for another base, or any input changed after it was built. */
export function isBuildStale(): boolean {
  const marker = path.join(distDir, 'index.html');
  if (!existsSync(marker) || builtBasePath() !== basePath) return true;
  const builtAt = statSync(marker).mtimeMs;
  return inputs().some((input) => newestMtime(input) > builtAt);
}

/** Every story's slug with the answer keywords its frontmatter lists (`answerKeywords`, a flow list). */
export function storyAnswerKeywords(): Array<{ slug: string; keywords: string[] }> {
  const storiesDir = path.join(siteDir, 'src', 'content', 'docs', 'stories');
  return readdirSync(storiesDir)
    .filter((file) => file.endsWith('.mdx'))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(storiesDir, file), 'utf8');
      const line = /^\s+answerKeywords:\s*(\[.*\])\s*$/m.exec(source)?.[1];
      if (!line) throw new Error(`${file}: no answerKeywords list in its frontmatter`);
      return { slug: file.replace(/\.mdx$/, ''), keywords: JSON.parse(line) as string[] };
    });
}
