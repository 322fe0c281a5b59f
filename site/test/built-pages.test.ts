// The built site as a reader's browser receives it: which scripts story pages ship, and that the pages
// made from frontmatter and manifests say what their sources say.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatNumber } from '@storylabs/models';
import { describe, expect, it } from 'vitest';
import type { Story } from '~/content.config.ts';
import { storyCredit } from '~/lib/credit.ts';
import { decisionsIn } from '~/lib/decisions.ts';
import { labFigures, labs } from '~/lib/labs.ts';
import { basePath, distDir, siteDir } from './built-site.ts';

const storiesDir = path.join(siteDir, 'src', 'content', 'docs', 'stories');
const storySlugs = readdirSync(storiesDir)
  .filter((file) => file.endsWith('.mdx'))
  .map((file) => file.replace(/\.mdx$/, ''));

function builtPage(pagePath: string): string {
  return readFileSync(path.join(distDir, pagePath, 'index.html'), 'utf8');
}

function frontmatter(slug: string): string {
  const source = readFileSync(path.join(storiesDir, `${slug}.mdx`), 'utf8');
  return /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
}

/** The page's text as a reader sees it: no tags, entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

interface Script {
  src: string | undefined;
  body: string;
}

function scriptsIn(html: string): Script[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(
    ([, attributes = '', body = '']) => ({
      src: /\ssrc="([^"]*)"/.exec(attributes)?.[1],
      body,
    }),
  );
}

/**
 * What each script a page may ship is for. Search, the theme switch and the calculator islands are
 * the site's; the rest is Starlight's own navigation (the mobile menu, the sidebar remembering what
 * is open, the table of contents marking the current section) and Expressive Code's copy buttons.
 */
const allowedScripts: Array<{ purpose: string; matches: (script: Script) => boolean }> = [
  {
    purpose: 'search',
    matches: (s) =>
      /\/Search\.astro_astro_type_script/.test(s.src ?? '') || s.body.includes('data-open-modal'),
  },
  {
    purpose: 'theme',
    matches: (s) => s.body.includes('StarlightThemeProvider') || s.body.includes('`starlight-theme`'),
  },
  {
    purpose: 'calculator',
    matches: (s) => /\/(Nat|Vm)Calculator\.astro_astro_type_script/.test(s.src ?? ''),
  },
  {
    purpose: 'navigation',
    matches: (s) => s.body.includes('sl-sidebar') || s.body.includes('starlight__sidebar'),
  },
  {
    purpose: 'navigation',
    matches: (s) => /\/(Mobile)?TableOfContents\.astro_astro_type_script/.test(s.src ?? ''),
  },
  { purpose: 'code blocks', matches: (s) => /\/_astro\/ec\.[\w-]+\.js$/.test(s.src ?? '') },
];

describe('story pages', () => {
  it('exist for every story', () => {
    expect(storySlugs.length).toBeGreaterThan(0);
    for (const slug of storySlugs)
      expect(existsSync(path.join(distDir, 'stories', slug, 'index.html'))).toBe(true);
  });

  it.each(storySlugs)(
    '%s ships no script beyond search, theme, calculators and Starlight navigation',
    (slug) => {
      const html = builtPage(`stories/${slug}`);
      const unexpected = scriptsIn(html).filter(
        (script) => !allowedScripts.some((allowed) => allowed.matches(script)),
      );
      expect(unexpected.map((s) => s.src ?? s.body.slice(0, 120))).toEqual([]);
      expect(html).not.toContain('<astro-island');
      const rendersCalculator = html.includes('data-calculator=');
      const shipsCalculator = scriptsIn(html).some((s) =>
        /Calculator\.astro_astro_type_script/.test(s.src ?? ''),
      );
      expect(shipsCalculator).toBe(rendersCalculator);
    },
  );

  it.each(storySlugs)(
    '%s credits the original, and shows the notice and the lab card its frontmatter asks for',
    (slug) => {
      const html = builtPage(`stories/${slug}`);
      const meta = frontmatter(slug);
      const source = /^\s+source:\s*(\S+)/m.exec(meta)?.[1];
      expect(source).toBeDefined();
      const credit = /<p class="story-credit[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
      expect(credit).toContain(`href="${source}"`);
      const kind = /^\s+kind:\s*(\S+)/m.exec(meta)?.[1] as Story['kind'];
      const expected = storyCredit({ kind } as Story);
      expect(textOf(credit)).toContain(`${expected.link}${expected.after}`);
      expect(html.includes('What is reconstructed')).toBe(/^\s+reconstruction:/m.test(meta));
      const lab = /^\s+lab:\s*(\S+)/m.exec(meta)?.[1];
      expect(html.includes('id="run-it-yourself"')).toBe(lab !== undefined);
      if (lab) expect(html).toContain(`href="${basePath}labs/${lab}/"`);
    },
  );

  it.each(storySlugs.filter((slug) => !/^\s+kind:\s*reading-list\b/m.test(frontmatter(slug))))(
    '%s offers its evidence pack, with the commands that read it, after the first decision point',
    (slug) => {
      const html = builtPage(`stories/${slug}`);
      const pack = html.indexOf('<section class="evidence-pack');
      expect(pack, 'an evidence pack on the page').toBeGreaterThan(-1);
      expect(pack).toBeGreaterThan(html.search(/<div class="decision[ "]/));

      const file = /<a href="[^"]*\/evidence\/([^"]+)" download[ >]/.exec(html.slice(pack))?.[1] ?? '';
      expect(existsSync(path.join(distDir, 'evidence', file))).toBe(true);
      const section = html.slice(pack, html.indexOf('</section>', pack));
      expect(section).toContain('<pre data-language="bash"');
    },
  );

  it.each(storySlugs)('%s marks where the figures in its prose come from', (slug) => {
    const html = builtPage(`stories/${slug}`);
    const marks = [...html.matchAll(/<span class="fig[^"]*" data-from="(story|model|lab|ours)"/g)];
    expect(marks.length).toBeGreaterThan(0);
    // A lab's figure says which lab, and what the number is there.
    for (const [tag] of html.matchAll(/<span class="fig[^"]*" data-from="lab"[^>]*>[\s\S]*?<\/sup>/g))
      expect(tag).toMatch(/title="from the [a-z0-9-]+ lab: [^"]+"/);
  });
});

/**
 * A story page's decision points as the built page has them: where each starts, its collapsed answer
 * (the `<details>`), and the text a reader sees above and below it with every answer left closed.
 */
function decisionPoints(html: string) {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const head = [
    /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '',
    /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? '',
  ].join(' ');
  const points = [...main.matchAll(/<div class="decision[ "][^>]*\sid="([^"]+)"/g)].map((m) => {
    const open = main.indexOf('<details class="decision-reveal', m.index);
    const close = main.indexOf('</details>', open) + '</details>'.length;
    // An answer holds no <details> of its own: the first </details> closes it.
    expect(main.slice(open + 1, close).includes('<details'), `${m[1]}: a <details> inside the answer`).toBe(
      false,
    );
    return { id: m[1] ?? '', open, close };
  });
  /** Text of main between two offsets, with every answer in between taken out. */
  const closed = (from: number, to: number) => {
    let text = '';
    let at = from;
    for (const p of points) {
      if (p.close <= from || p.open >= to) continue;
      text += main.slice(at, Math.max(at, p.open));
      at = Math.max(at, p.close);
    }
    return textOf(text + main.slice(at, to));
  };
  // Every heading is in the table of contents, which a reader sees before any decision point.
  const headings = [...main.matchAll(/<h[2-6][^>]*>([\s\S]*?)<\/h[2-6]>/g)]
    .map((m) => textOf(m[1] ?? ''))
    .join(' | ');
  return points.map((p) => ({
    id: p.id,
    headings,
    answer: textOf(main.slice(p.open, p.close)),
    above: `${textOf(head)} ${headings} ${closed(0, p.open)}`,
    below: closed(p.close, main.length),
  }));
}

describe('decision points', () => {
  it.each(storySlugs)(
    '%s: each answer gives nothing away above it, and the page reads on without it',
    (slug) => {
      const source = readFileSync(path.join(storiesDir, `${slug}.mdx`), 'utf8');
      const declared = decisionsIn(source, `${slug}.mdx`);
      const built = decisionPoints(builtPage(`stories/${slug}`));
      expect(built.map((p) => p.id)).toEqual(declared.map((d) => d.id));
      expect(built.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const [i, point] of built.entries()) {
        const reveals = declared[i]?.reveals ?? [];
        if (reveals.length === 0) problems.push(`${point.id}: no reveals="..." on the decision point`);
        const has = (text: string, word: string) => text.toLowerCase().includes(word.toLowerCase());
        // The text after a closed answer does not open by pointing back into it ("That is the bet").
        const next = point.below.trim().split(/(?<=[.:?!])\s/)[0] ?? '';
        if (/^(that|this|these|those|it|exactly|so)\b/i.test(next))
          problems.push(`${point.id}: the text after it starts by pointing into the answer: "${next}"`);
        for (const word of reveals) {
          if (!has(point.answer, word)) problems.push(`${point.id}: '${word}' is not in its answer`);
          if (has(point.above, word))
            problems.push(`${point.id}: '${word}' is given away above it (answers closed)`);
          if (!has(point.below, word))
            problems.push(`${point.id}: '${word}' is only in the answer; the text after it never says it`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(storySlugs)(
    '%s: no heading (the table of contents shows them all from the start) holds an answer keyword',
    (slug) => {
      const keywords = JSON.parse(
        /^\s+answerKeywords:\s*(\[.*\])\s*$/m.exec(frontmatter(slug))?.[1] ?? '[]',
      ) as string[];
      expect(keywords.length).toBeGreaterThan(0);
      const headings = (decisionPoints(builtPage(`stories/${slug}`))[0]?.headings ?? '').toLowerCase();
      expect(keywords.filter((k) => headings.includes(k.toLowerCase()))).toEqual([]);
    },
  );
});

describe('the shape of each story', () => {
  const sections = (slug: string) =>
    [...builtPage(`stories/${slug}`).matchAll(/<h2 id="[^"]*">([\s\S]*?)<\/h2>/g)].map((m) =>
      textOf(m[1] ?? '').trim(),
    );

  it("no two stories share their sections' headings, and none closes on a generic one", () => {
    const closing = storySlugs.map((slug) => {
      const headings = sections(slug).filter((h) => h !== 'Try it');
      expect(headings.length, slug).toBeGreaterThan(2);
      return { slug, headings, last: headings.at(-1) ?? '' };
    });
    for (const { slug, last } of closing)
      expect(last, `${slug} closes on a generic heading`).not.toMatch(
        /^(lessons|outcome|the fix|conclusion)$/i,
      );
    expect(new Set(closing.map((c) => c.last)).size).toBe(closing.length);
    expect(new Set(closing.map((c) => c.headings.join(' / '))).size).toBe(closing.length);
  });

  it.each(storySlugs)('%s does not explain itself with a stock opening ("Nothing was broken")', (slug) => {
    expect(textOf(builtPage(`stories/${slug}`))).not.toMatch(/nothing was broken/i);
  });

  it('the reading list is not told as an incident: no root cause, fix or lessons', () => {
    expect(sections('database-reading-list').join(' / ')).not.toMatch(/root cause|the fix|lessons|outcome/i);
  });
});

describe('measured data', () => {
  const figures = labs.flatMap((lab) =>
    Object.entries(labFigures(lab.id)).map(
      ([name, figure]) => [`${lab.id}: ${name}`, lab.id, name, figure] as const,
    ),
  );

  it('at least one lab exports figures (toy-redis: its benchmark)', () => {
    expect(figures.map(([label]) => label)).toContain('toy-redis: benchmark');
  });

  it.each(figures)(
    'the lab page draws %s with how it was measured and its numbers',
    (_, id, name, figure) => {
      const html = builtPage(`labs/${id}`);
      const text = textOf(html);
      expect(html).toContain(`id="figure-${id}-${name}-title"`);
      expect(html).toMatch(
        new RegExp(
          `<figure class="chart"[^>]*data-measured[^>]*>\\s*<svg[^>]*aria-labelledby="figure-${id}-${name}-title`,
        ),
      );
      expect(text).toContain(figure.method);
      expect(text).toContain(figure.source);
      for (const row of figure.rows) {
        for (const value of row.values) expect(text).toContain(formatNumber(Math.round(value)));
      }
    },
  );

  it('the toy Redis story charts the benchmark its lab exports, saying how it was run', () => {
    const text = textOf(builtPage('stories/toy-redis'));
    const figure = labFigures('toy-redis').benchmark;
    expect(figure).toBeDefined();
    expect(builtPage('stories/toy-redis')).toContain('id="figure-toy-redis-benchmark-title"');
    // How it was run: the machine's cores, client and servers on one machine, both sides' persistence.
    expect(text).toMatch(/Run on [^.]*\b\d+ cores\b/);
    expect(text).toContain('Client and servers ran on the same machine, on 127.0.0.1');
    expect(text).toMatch(/Persistence: both sides [^.]*fsync/);
    for (const row of figure?.rows ?? [])
      expect(text).toContain(formatNumber(Math.round(row.values[1] ?? 0)));
  });

  it("the EFS story shows the lab's committed before/after run, each where it gives nothing away", () => {
    const html = builtPage('stories/slow-api-efs');
    const run = JSON.parse(
      readFileSync(path.join(siteDir, '..', 'labs', 'efs-latency', 'results', 'run.json'), 'utf8'),
    ) as { date: string; machine: string; before: Record<string, number>; after: Record<string, number> };
    const figures = labFigures('efs-latency');
    const ms = (v = 0) => (v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toPrecision(3)} s`);
    const at = (name: string) => html.indexOf(`id="figure-efs-latency-${name}-title"`);
    const decisions = [...html.matchAll(/<div class="decision[ "]/g)].map((m) => m.index);
    expect(decisions.length).toBeGreaterThan(0);
    // Before: after the first decision point (which asks what to measure), where the page shows the shape.
    expect(at('before')).toBeGreaterThan(decisions[0] ?? Number.POSITIVE_INFINITY);
    // After: past every decision point and past the root cause.
    expect(at('after')).toBeGreaterThan(Math.max(...decisions));
    expect(at('after')).toBeGreaterThan(html.indexOf('id="where-the-eight-seconds-went"'));
    for (const side of ['before', 'after'] as const) {
      const figure = figures[side];
      expect(figure).toBeDefined();
      const start = at(side);
      const figureHtml = html.slice(start, html.indexOf('</figure>', start));
      const text = textOf(figureHtml);
      // What ran, on what machine, when: all of it from run.json.
      expect(text).toContain(`Measured on ${run.date.slice(0, 10)}.`);
      expect(text).toContain(run.machine);
      expect(text).toContain(`${run.date.slice(11, 16)} UTC`);
      expect(text).toContain('pnpm --filter @storylabs/lab-efs-latency bench');
      expect(text).toContain(`${run[side].requests} requests`);
      const w = run[side];
      expect(text).toContain(`p50 ${ms(w.p50)}, p90 ${ms(w.p90)}, p99 ${ms(w.p99)}`);
      // The histogram's numbers, one row per latency range.
      for (const row of figure?.rows ?? [])
        expect(figureHtml).toContain(`<th scope="row">${row.label}</th><td>${row.values[0]}</td>`);
    }
  });
});

describe('lab pages', () => {
  it.each(labs.map((lab) => [lab.id, lab] as const))('%s is generated from its manifest', (id, lab) => {
    const html = builtPage(`labs/${id}`);
    const text = textOf(html);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]).toBe(lab.title.replace(/&/g, '&amp;'));
    for (const objective of lab.objectives) expect(text).toContain(objective.title);
    for (const hint of lab.objectives.flatMap((objective) => objective.hints))
      expect(text).not.toContain(hint);
    for (const verb of ['', 'check ', 'hint ', 'down ']) expect(text).toContain(`pnpm lab ${verb}${id}`);
    const diagramDescription =
      /<svg[^>]*role="img"[\s\S]*?<desc id="lab-diagram-[^"]+"[^>]*>([^<]+)<\/desc>/.exec(html)?.[1];
    for (const service of Object.keys(lab.services)) expect(diagramDescription).toContain(service);
  });

  it.each(labs.filter((lab) => lab.instructor).map((lab) => [lab.id, lab] as const))(
    '%s has instructor notes from its manifest, folded away as spoilers',
    (id, lab) => {
      const html = builtPage(`labs/${id}`);
      const notes = /<details class="lab-instructor[^"]*"[^>]*>([\s\S]*?)<\/details>/.exec(html)?.[1] ?? '';
      const text = textOf(notes);
      expect(text).toMatch(/^\s*Instructor notes \(they give answers away/);
      for (const question of lab.instructor?.debrief ?? []) expect(text).toContain(question);
      for (const turn of lab.instructor?.wrongTurns ?? [])
        expect(text).toContain(textOf(turn.text).replace(/`/g, ''));
      for (const timing of lab.instructor?.timings ?? [])
        expect(text).toContain(textOf(timing.figure).replace(/`/g, ''));
      if (lab.instructor?.timings.length === 0) expect(text).toContain('No timings measured yet');
    },
  );
});

describe('feeds and indexes', () => {
  it('the RSS feed lists every story with its page', () => {
    const rss = readFileSync(path.join(distDir, 'rss.xml'), 'utf8');
    for (const slug of storySlugs) expect(rss).toMatch(new RegExp(`<link>[^<]*/stories/${slug}/</link>`));
  });

  it('the sitemap lists every story and every lab', () => {
    const sitemap = readFileSync(path.join(distDir, 'sitemap-0.xml'), 'utf8');
    for (const slug of storySlugs) expect(sitemap).toContain(`/stories/${slug}/</loc>`);
    for (const lab of labs) expect(sitemap).toContain(`/labs/${lab.id}/</loc>`);
  });
});

describe('the build', () => {
  it('is a production build: the search dialog has its search box, not the dev-server notice', () => {
    const home = builtPage('');
    expect(home).toContain('id="starlight__search"');
    expect(existsSync(path.join(distDir, 'pagefind', 'pagefind-ui.js'))).toBe(true);
  });
});
