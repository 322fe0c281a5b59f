// The built site in chromium, served by `astro preview`: every page loads cleanly and passes axe in
// both themes, search finds a story, each calculator shows what @storylabs/models computes, and
// screenshots at desktop and phone widths are kept for review. One file, because Astro serves one
// preview per project.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { launchChromium } from '@storylabs/chromium';
import {
  formatUsd,
  gcpCloudNatMonthlyCost,
  gibFromTerabytes,
  selfManagedNatMonthlyCost,
  vmClusterSizing,
  vmMonthlyCostByRegion,
} from '@storylabs/models';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labs } from '~/lib/labs.ts';
import { type Preview, startPreview } from '../scripts/preview.ts';
import { basePath, distDir, siteDir, storyAnswerKeywords } from './built-site.ts';

/** Every page in the sitemap, as a path relative to the site's root ('' is the home page). */
function sitemapPages(): string[] {
  const sitemap = readFileSync(path.join(distDir, 'sitemap-0.xml'), 'utf8');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc = '']) => new URL(loc).pathname);
  const outside = locs.filter((loc) => !loc.startsWith(basePath));
  if (outside.length > 0)
    throw new Error(`sitemap entries outside the base ${basePath}: ${outside.join(', ')}`);
  return locs.map((loc) => loc.slice(basePath.length)).sort();
}

const screenshotDir = path.join(siteDir, 'test-results', 'screenshots');
const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 390, height: 844 },
];

/** The first story page that renders a calculator of this kind, found in the build. */
function pageWithCalculator(kind: string): string {
  const storiesDir = path.join(distDir, 'stories');
  const slug = readdirSync(storiesDir).find((dir) => {
    try {
      return readFileSync(path.join(storiesDir, dir, 'index.html'), 'utf8').includes(
        `data-calculator="${kind}"`,
      );
    } catch {
      return false;
    }
  });
  if (!slug) throw new Error(`no story page renders the ${kind} calculator`);
  return `stories/${slug}/`;
}

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), preview?.stop()]);
});

/** Opens a page and records everything that went wrong while it loaded. */
async function open(
  pagePath: string,
  options: { colorScheme?: 'dark' | 'light'; width?: number; height?: number } = {},
) {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'dark',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  // A shared two-core machine under load can take longer than Playwright's default 30 s to load a page.
  page.setDefaultNavigationTimeout(120_000);
  const response = await page.goto(new URL(pagePath, preview.url).href, { waitUntil: 'load' });
  return { page, problems, status: response?.status(), close: () => context.close() };
}

async function axeViolations(page: Page): Promise<string[]> {
  // Let scripts that run when the browser is idle (Starlight's, Expressive Code's) finish first.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

describe('every page in the sitemap', () => {
  const pages = sitemapPages();

  it('lists the home page, the stories, the labs, the techniques and the reading list', () => {
    expect(pages).toContain('');
    expect(pages).toContain('stories/');
    expect(pages).toContain('techniques/');
    expect(pages).toContain('reading-list/');
    for (const lab of labs) expect(pages).toContain(`labs/${lab.id}/`);
  });

  it.each(pages.map((p) => [p || '(home)', p]))(
    '%s loads cleanly and axe finds nothing, dark and light',
    async (_, pagePath) => {
      for (const colorScheme of ['dark', 'light'] as const) {
        const visit = await open(pagePath, { colorScheme });
        try {
          expect(visit.status).toBe(200);
          await expect
            // The theme script runs after load; on a loaded machine that can take seconds.
            .poll(() => visit.page.evaluate(() => document.documentElement.dataset.theme), {
              timeout: 30_000,
            })
            .toBe(colorScheme);
          expect(visit.problems).toEqual([]);
          expect(await axeViolations(visit.page)).toEqual([]);
          if (colorScheme === 'dark') {
            // Nothing may stick out sideways, on the narrowest phones either: the page scrolls only
            // vertically. (Measured with whatever fonts the machine has; CI has only DejaVu.)
            for (const width of [320, 390, 1280]) {
              await visit.page.setViewportSize({ width, height: 800 });
              const overflow = await visit.page.evaluate(
                () => document.documentElement.scrollWidth - window.innerWidth,
              );
              expect(overflow, `sideways overflow at ${width}px`).toBeLessThanOrEqual(0);
            }
          }
        } finally {
          await visit.close();
        }
      }
    },
    // Two themes, axe twice and three widths: on a shared two-core machine a long story takes a minute.
    240_000,
  );

  it.each(pages.filter((p) => p.startsWith('stories/')).map((p) => [p, p]))(
    '%s lists the prices used under every chart and calculator that prices something',
    async (_, pagePath) => {
      const visit = await open(pagePath);
      try {
        const missing = await visit.page.evaluate(() => {
          const priced = [
            ...document.querySelectorAll('main figure.chart:not([data-measured])'),
            ...document.querySelectorAll('main form[data-calculator]'),
          ];
          return priced
            .filter((element) => {
              const next = element.nextElementSibling;
              const list = next?.matches('.price-sources') ? next : undefined;
              return !list || list.querySelectorAll('li a[href^="https://"] + time, li time').length === 0;
            })
            .map((element) => element.getAttribute('aria-label') ?? element.id ?? element.className);
        });
        expect(missing).toEqual([]);
      } finally {
        await visit.close();
      }
    },
  );

  it.each(labs.map((lab) => [lab.id, lab.id]))(
    'the %s lab page says how to run it from a clone',
    async (_, id) => {
      const visit = await open(`labs/${id}/`);
      try {
        const text = (await visit.page.locator('main').textContent()) ?? '';
        for (const expected of ['git clone', 'pnpm install', 'pnpm lab doctor', `pnpm lab ${id}`]) {
          expect(text).toContain(expected);
        }
        await expect(
          visit.page.locator('main a[href^="https://github.com/"]').first().getAttribute('href'),
        ).resolves.toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
      } finally {
        await visit.close();
      }
    },
  );
});

/** The keywords that occur in `text`, case-insensitively. */
function keywordsIn(text: string, keywords: readonly string[]): string[] {
  const haystack = text.toLowerCase();
  return keywords.filter((keyword) => haystack.includes(keyword.toLowerCase()));
}

describe('stories as puzzles', () => {
  const stories = storyAnswerKeywords();

  it.each(stories.map((story) => [story.slug, story] as const))(
    '%s: nothing above the first decision point contains an answer keyword',
    async (_, { slug, keywords }) => {
      const visit = await open(`stories/${slug}/`);
      try {
        const above = await visit.page.evaluate(() => {
          const main = document.querySelector('main');
          const answer = document.querySelector('main .decision .decision-answer');
          if (!main || !answer) return undefined;
          const range = document.createRange();
          range.setStart(main, 0);
          range.setEndBefore(answer);
          const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content') ?? '';
          return [
            document.title,
            meta('meta[name="description"]'),
            meta('meta[property="og:description"]'),
            range.toString(),
          ].join('\n');
        });
        expect(above, 'the page has a decision point inside <main>').toBeDefined();
        expect(keywordsIn(above ?? '', keywords)).toEqual([]);
        // Each story opens with the "what you see" diagram, above the first decision point.
        const sceneFirst = await visit.page.evaluate(() => {
          const scene = document.querySelector('main figure.scene');
          const decision = document.querySelector('main .decision');
          return Boolean(
            scene && decision && scene.compareDocumentPosition(decision) & Node.DOCUMENT_POSITION_FOLLOWING,
          );
        });
        expect(sceneFirst).toBe(true);
      } finally {
        await visit.close();
      }
    },
  );

  it('a search for a story by its title or description shows no answer keyword in its result', async () => {
    const visit = await open('');
    try {
      await visit.page.locator('button[data-open-modal]').click();
      const input = visit.page.locator('#starlight__search .pagefind-ui__search-input');
      const leaks: string[] = [];
      for (const { slug, keywords } of stories) {
        const html = readFileSync(path.join(distDir, 'stories', slug, 'index.html'), 'utf8');
        const title = /<h1[^>]*>([^<]+)<\/h1>/.exec(html)?.[1] ?? '';
        const description = /<meta name="description" content="([^"]+)"/.exec(html)?.[1] ?? '';
        expect(title, `${slug}: a title in the built page`).not.toBe('');
        for (const query of [title, description].filter(Boolean)) {
          await input.fill(query.replace(/&#39;|&quot;|&amp;/g, ' '));
          const result = visit.page
            .locator('#starlight__search li.pagefind-ui__result', {
              has: visit.page.locator(`a.pagefind-ui__result-link[href$="/stories/${slug}/"]`),
            })
            .first();
          await result.waitFor({ timeout: 30_000 });
          // What a reader sees of the result: its title, its excerpt, and any section excerpts shown
          // (innerText, not textContent: hidden section excerpts are not seen).
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
          const found = keywordsIn(await result.innerText(), keywords);
          if (found.length > 0) leaks.push(`${slug} (query "${query}"): ${found.join(', ')}`);
        }
      }
      expect(leaks).toEqual([]);
    } finally {
      await visit.close();
    }
  });

  it.each(['', 'stories/'])('the story cards on "%s" give nothing away', async (pagePath) => {
    const visit = await open(pagePath);
    try {
      for (const { slug, keywords } of stories) {
        const card = visit.page.locator('.story-card', {
          has: visit.page.locator(`a[href$="/stories/${slug}/"]`),
        });
        await expect(card.count()).resolves.toBe(1);
        expect(keywordsIn((await card.textContent()) ?? '', keywords)).toEqual([]);
      }
    } finally {
      await visit.close();
    }
  });
});

describe('the 404 page', () => {
  it('answers an unknown address with a way back: search, stories and labs', async () => {
    const visit = await open('no-such-story/');
    try {
      expect(visit.status).toBe(404);
      await expect(visit.page.locator('h1').textContent()).resolves.toContain('does not exist');
      for (const href of ['stories/', 'labs/']) {
        await expect(
          visit.page.locator(`main a[href="${new URL(href, preview.url).pathname}"]`).count(),
        ).resolves.toBe(1);
      }
      // The only thing that failed to load is the missing page itself.
      expect(visit.problems.sort()).toEqual(
        [
          'console error: Failed to load resource: the server responded with a status of 404 (Not Found)',
          `HTTP 404: ${new URL('no-such-story/', preview.url).href}`,
        ].sort(),
      );
      expect(await axeViolations(visit.page)).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});

describe('search', () => {
  it('finds a story by a word only that story uses', async () => {
    // "bimodal" is how story 1 describes its latency; no other page uses the word.
    const source = readFileSync(path.join(siteDir, 'src/content/docs/stories/slow-api-efs.mdx'), 'utf8');
    expect(source).toContain('bimodal');
    const visit = await open('');
    try {
      await visit.page.locator('button[data-open-modal]').click();
      await visit.page.locator('#starlight__search .pagefind-ui__search-input').fill('bimodal');
      const firstResult = visit.page.locator('#starlight__search .pagefind-ui__result-link').first();
      await expect
        .poll(() => firstResult.getAttribute('href'), { timeout: 10_000 })
        .toBe(new URL('stories/slow-api-efs/', preview.url).pathname);
      expect(visit.problems).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});

describe('screenshots', () => {
  const shots = [
    { name: 'home', path: '' },
    { name: 'story', path: 'stories/slow-api-efs/' },
    { name: 'calculator', path: 'stories/nat-costs-iptables/' },
    { name: 'vm-calculator', path: 'stories/victoriametrics-region-move/' },
    { name: 'lab', path: `labs/${labs[0]?.id}/` },
    { name: 'techniques', path: 'techniques/' },
    { name: 'reading-list', path: 'reading-list/' },
  ];

  it.each(
    shots.flatMap((shot) =>
      viewports.map((viewport) => [`${shot.name} at ${viewport.width}px`, shot, viewport] as const),
    ),
  )('%s', async (_, shot, viewport) => {
    mkdirSync(screenshotDir, { recursive: true });
    const visit = await open(shot.path, viewport);
    try {
      // Nothing may stick out sideways on a phone: the page scrolls only vertically.
      const overflow = await visit.page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await visit.page.screenshot({
        path: path.join(screenshotDir, `${shot.name}-${viewport.name}.png`),
        fullPage: true,
      });
      expect(visit.problems).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});

async function openCalculator(kind: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultNavigationTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL(pageWithCalculator(kind), preview.url).href);
  const form = page.locator(`form[data-calculator="${kind}"]`);
  await form.scrollIntoViewIfNeeded();
  return { page, form, errors, close: () => context.close() };
}

const output = (page: Page, kind: string, name: string) =>
  page.locator(`form[data-calculator="${kind}"] output[name="${name}"]`);

describe('the NAT calculator', () => {
  const natTotal = (tb: number, vms: number) =>
    formatUsd(gcpCloudNatMonthlyCost({ gibPerMonth: gibFromTerabytes(tb), vms }).total);
  const selfManagedTotal = (tb: number, instances: number, machineType: string) =>
    formatUsd(selfManagedNatMonthlyCost({ gibPerMonth: gibFromTerabytes(tb), instances, machineType }).total);

  it('serves the default input’s result, readable without JavaScript', async () => {
    const { page, form, close } = await openCalculator('nat', false);
    try {
      const tb = Number(await form.locator('input[name="tbPerMonth"]').inputValue());
      const vms = Number(await form.locator('input[name="vms"]').inputValue());
      await expect(output(page, 'nat', 'cloudNat').textContent()).resolves.toBe(natTotal(tb, vms));
    } finally {
      await close();
    }
  });

  it('recomputes with the models as the reader types', async () => {
    const { page, form, errors, close } = await openCalculator('nat');
    try {
      await form.locator('input[name="tbPerMonth"]').fill('250');
      await form.locator('input[name="vms"]').fill('10');
      await form.locator('input[name="natInstances"]').fill('2');
      await form.locator('select[name="machineType"]').selectOption('e2-standard-4');
      await expect.poll(() => output(page, 'nat', 'cloudNat').textContent()).toBe(natTotal(250, 10));
      await expect
        .poll(() => output(page, 'nat', 'selfManaged').textContent())
        .toBe(selfManagedTotal(250, 2, 'e2-standard-4'));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says which input to fix instead of showing a wrong number', async () => {
    const { page, form, close } = await openCalculator('nat');
    try {
      await form.locator('input[name="natInstances"]').fill('0');
      await expect
        .poll(() => form.locator('[data-calculator-error]').textContent())
        .toContain('Self-managed NAT VMs');
      await expect(form.getAttribute('data-invalid')).resolves.toBe('');
      await form.locator('input[name="natInstances"]').fill('3');
      await expect.poll(() => form.locator('[data-calculator-error]').textContent()).toBe('');
      await expect(output(page, 'nat', 'selfManaged').isVisible()).resolves.toBe(true);
    } finally {
      await close();
    }
  });
});

describe('the VictoriaMetrics calculator', () => {
  it('serves the default input’s result, readable without JavaScript', async () => {
    const { page, form, close } = await openCalculator('vm', false);
    try {
      const sizing = vmClusterSizing({
        activeSeries: Number(await form.locator('input[name="activeSeries"]').inputValue()),
        scrapeIntervalSeconds: Number(await form.locator('input[name="scrapeIntervalSeconds"]').inputValue()),
        retentionMonths: Number(await form.locator('input[name="retentionMonths"]').inputValue()),
        replicationFactor: Number(await form.locator('input[name="replicationFactor"]').inputValue()),
      });
      const to = (await form.locator('select[name="to"]').inputValue()) as Parameters<
        typeof vmMonthlyCostByRegion
      >[1];
      await expect(output(page, 'vm', 'toCost').textContent()).resolves.toBe(
        formatUsd(vmMonthlyCostByRegion(sizing, to).total),
      );
    } finally {
      await close();
    }
  });

  it('recomputes with the models as the reader types', async () => {
    const { page, form, errors, close } = await openCalculator('vm');
    try {
      await form.locator('input[name="activeSeries"]').fill('5000000');
      await form.locator('input[name="scrapeIntervalSeconds"]').fill('30');
      await form.locator('input[name="retentionMonths"]').fill('12');
      await form.locator('input[name="replicationFactor"]').fill('2');
      await form.locator('select[name="from"]').selectOption('us-east-1');
      await form.locator('select[name="to"]').selectOption('eu-central-1');
      const sizing = vmClusterSizing({
        activeSeries: 5_000_000,
        scrapeIntervalSeconds: 30,
        retentionMonths: 12,
        replicationFactor: 2,
      });
      await expect
        .poll(() => output(page, 'vm', 'fromCost').textContent())
        .toBe(formatUsd(vmMonthlyCostByRegion(sizing, 'us-east-1').total));
      await expect
        .poll(() => output(page, 'vm', 'toCost').textContent())
        .toBe(formatUsd(vmMonthlyCostByRegion(sizing, 'eu-central-1').total));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
