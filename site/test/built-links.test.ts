import { describe, expect, it } from 'vitest';
import { type BuiltSite, findBrokenLinks, linksIn } from '~/integrations/built-links.ts';

function site(pages: Record<string, string>, assets: string[] = []): BuiltSite {
  return {
    files: new Set([...Object.keys(pages), ...assets]),
    html: (file) => pages[file] ?? '',
  };
}

const page = (body: string, ids = '') => `<html><head></head><body>${ids}${body}</body></html>`;

describe('findBrokenLinks', () => {
  it('accepts links to pages, headings and files that exist', () => {
    const built = site(
      {
        'index.html': page(
          '<a href="/labs/toy-redis/">lab</a><a href="/labs/toy-redis/#commands">cmd</a><img src="/favicon.svg">',
        ),
        'labs/toy-redis/index.html': page(
          '<a href="../">up</a><a href="#_top">top</a>',
          '<h2 id="commands">Commands</h2>',
        ),
        'labs/index.html': page(''),
      },
      ['favicon.svg'],
    );
    expect(findBrokenLinks(built, { base: '/' })).toEqual([]);
  });

  it('reports a missing page, a missing heading and a missing file', () => {
    const built = site({
      'index.html': page(
        '<a href="/labs/toy-rdis/">typo</a><a href="/#nowhere">hash</a><link rel="icon" href="/favicon.svg">',
      ),
    });
    expect(findBrokenLinks(built, { base: '/' })).toEqual([
      { page: 'index.html', href: '/labs/toy-rdis/', reason: 'no such page or file in the build' },
      { page: 'index.html', href: '/#nowhere', reason: "no element with id 'nowhere' on index.html" },
      { page: 'index.html', href: '/favicon.svg', reason: 'no such page or file in the build' },
    ]);
  });

  it('reports a root-relative link that ignores the base', () => {
    const built = site({
      'index.html': page('<a href="/storylabs/stories/">ok</a><a href="/stories/">no base</a>'),
      'stories/index.html': page(''),
    });
    expect(findBrokenLinks(built, { base: '/storylabs' })).toEqual([
      { page: 'index.html', href: '/stories/', reason: "does not start with the site's base '/storylabs/'" },
    ]);
  });

  it('checks absolute links to the site itself and ignores other origins and canonical URLs', () => {
    const built = site({
      'index.html': page(
        '<link rel="canonical" href="https://example.org/gone/"><a href="https://one2n.io/x">out</a><a href="https://example.org/missing/">in</a>',
      ),
    });
    expect(findBrokenLinks(built, { base: '/', site: 'https://example.org' })).toEqual([
      {
        page: 'index.html',
        href: 'https://example.org/missing/',
        reason: 'no such page or file in the build',
      },
    ]);
  });
});

describe('linksIn', () => {
  it('reads href and src of links, scripts and images, decoding entities', () => {
    const html =
      '<a class="x" href="/a/?q=1&amp;r=2">a</a><script type="module" src=\'/s.js\'></script><div href="/not-a-link"></div>';
    expect(linksIn(html)).toEqual(['/a/?q=1&r=2', '/s.js']);
  });
});
