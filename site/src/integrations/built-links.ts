// Checks every internal link in the built site, including those made by components and generated
// pages (lab pages, cards, the sidebar), which starlight-links-validator does not see: it only reads
// Markdown and MDX. A link is broken when its page or file is not in dist/ or its #fragment is not an
// id on the target page. Any broken link fails the build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export interface BrokenLink {
  /** The page the link is on, relative to dist/. */
  page: string;
  href: string;
  reason: string;
}

/** Links a browser follows or loads: a/link href, img/script/source src. */
const TAG = /<(a|link|img|script|source)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const ID = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
/** Fragments handled by the browser itself (Starlight's "Overview" entry points at #_top). */
const BUILT_IN_FRAGMENTS = new Set(['', '_top', 'top']);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A page's canonical URL names the page itself for search engines; it is not a link to follow. */
const CANONICAL = /\srel\s*=\s*["']canonical["']/i;

export function linksIn(html: string): string[] {
  const links: string[] = [];
  for (const [, tag = '', attributes = ''] of html.matchAll(TAG)) {
    if (tag.toLowerCase() === 'link' && CANONICAL.test(attributes)) continue;
    for (const match of attributes.matchAll(ATTRIBUTE)) {
      links.push(decodeEntities(match[2] ?? match[3] ?? ''));
    }
  }
  return links;
}

export function idsIn(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(ID)) ids.add(decodeEntities(match[1] ?? match[2] ?? ''));
  return ids;
}

/** The page's URL path for a file in dist/: 'labs/x/index.html' -> '/labs/x/'. */
function pageUrlPath(page: string, base: string): string {
  const withoutIndex = page.replace(/(^|\/)index\.html$/, '$1');
  return `${base}/${withoutIndex}`.replace(/\/{2,}/g, '/');
}

export interface BuiltSite {
  /** Every file in dist/, relative, with forward slashes. */
  files: ReadonlySet<string>;
  /** The HTML of a page, by its path relative to dist/. */
  html(file: string): string;
}

/** Finds the file a path inside the site resolves to, the way a static host does. */
function resolveFile(site: BuiltSite, sitePath: string): string | undefined {
  const relative = sitePath.replace(/^\//, '');
  const candidates =
    relative === '' || relative.endsWith('/')
      ? [`${relative}index.html`]
      : [relative, `${relative}/index.html`];
  return candidates.find((candidate) => site.files.has(candidate));
}

export function findBrokenLinks(
  site: BuiltSite,
  options: { base: string; site?: string | undefined },
): BrokenLink[] {
  const base = options.base.replace(/\/$/, '');
  const origin = 'http://storylabs.invalid';
  const siteOrigin = options.site ? new URL(options.site).origin : undefined;
  const broken: BrokenLink[] = [];
  const idCache = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let ids = idCache.get(file);
    if (!ids) {
      ids = idsIn(site.html(file));
      idCache.set(file, ids);
    }
    return ids;
  };

  for (const page of [...site.files].filter((file) => file.endsWith('.html')).sort()) {
    const pageUrl = new URL(pageUrlPath(page, base), origin);
    for (const href of new Set(linksIn(site.html(page)))) {
      if (href === '' || /^(mailto|tel|data|javascript):/i.test(href)) continue;
      const url = new URL(href, pageUrl);
      if (url.origin !== origin && url.origin !== siteOrigin) continue;

      const pathname = decodeURIComponent(url.pathname);
      if (base !== '' && pathname !== base && !pathname.startsWith(`${base}/`)) {
        broken.push({ page, href, reason: `does not start with the site's base '${base}/'` });
        continue;
      }
      const target = resolveFile(site, pathname.slice(base.length));
      if (!target) {
        broken.push({ page, href, reason: 'no such page or file in the build' });
        continue;
      }
      const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
      if (target.endsWith('.html') && !BUILT_IN_FRAGMENTS.has(fragment) && !idsOf(target).has(fragment)) {
        broken.push({ page, href, reason: `no element with id '${fragment}' on ${target}` });
      }
    }
  }
  return broken;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

export function builtSiteAt(dir: string): BuiltSite {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`no built site at ${dir}`);
  return {
    files: new Set(listFiles(dir)),
    html: (file) => readFileSync(path.join(dir, file), 'utf8'),
  };
}

export function formatBrokenLinks(broken: BrokenLink[]): string {
  return broken.map((link) => `  ${link.page}: ${link.href} (${link.reason})`).join('\n');
}

export function builtLinks(): AstroIntegration {
  let base = '/';
  let site: string | undefined;
  return {
    name: 'storylabs-built-links',
    hooks: {
      'astro:config:done'({ config }) {
        base = config.base;
        site = config.site;
      },
      'astro:build:done'({ dir, logger }) {
        const broken = findBrokenLinks(builtSiteAt(fileURLToPath(dir)), { base, site });
        if (broken.length > 0) {
          throw new Error(
            `${broken.length} broken internal link(s) in the built site:\n${formatBrokenLinks(broken)}`,
          );
        }
        logger.info('every internal link in the built site resolves');
      },
    },
  };
}
