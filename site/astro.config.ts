import { pathToFileURL } from 'node:url';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { labPackages } from '@storylabs/lab-kit/packages';
import { defineConfig } from 'astro/config';
import starlightLinksValidator from 'starlight-links-validator';
import { builtLinks } from './src/integrations/built-links.ts';
import { deploymentSettings } from './src/integrations/deployment-settings.ts';
import { labPackagesPlugin } from './src/integrations/lab-packages.ts';
import { rootRelativeLinks } from './src/integrations/root-relative-links.ts';
import { repository } from './src/lib/repository.ts';

// Where the site is served from. A deployment sets both, e.g. for GitHub Pages:
// SITE_URL=https://<owner>.github.io SITE_BASE=/storylabs. The default is the local preview server.
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const base = process.env.SITE_BASE ?? '/';
const basePrefix = base.replace(/\/$/, '');

// Pages made by src/pages/ rather than from Markdown. starlight-links-validator cannot see their
// headings, so it skips links to them; the built-links check validates those links in the output.
// The sidebar names each lab by its manifest's title: the workspace's lab packages, as the CLI finds them.
const labs = await Promise.all(
  labPackages().map(async (lab) => {
    const module = (await import(pathToFileURL(lab.manifest).href)) as {
      default: { id: string; title: string };
    };
    return { id: lab.id, title: module.default.title };
  }),
);
const customPages = new Set([
  '/stories/',
  '/labs/',
  '/techniques/',
  ...labs.map((lab) => `/labs/${lab.id}/`),
]);

function isLinkToCustomPage(link: string): boolean {
  const pathname = link.split(/[?#]/)[0] ?? '';
  const withinSite =
    basePrefix && pathname.startsWith(basePrefix) ? pathname.slice(basePrefix.length) : pathname;
  // Evidence packs (src/pages/evidence/) are files, not pages; built-links checks them too.
  if (withinSite.startsWith('/evidence/')) return true;
  return customPages.has(withinSite.endsWith('/') ? withinSite : `${withinSite}/`);
}

export default defineConfig({
  site,
  base,
  vite: { plugins: [labPackagesPlugin()] },
  // Starlight turns on prefetching every link; story pages ship no script beyond search, the theme
  // switch, calculators and Starlight's navigation, so it stays off.
  prefetch: false,
  integrations: [
    deploymentSettings(),
    rootRelativeLinks(),
    starlight({
      title: 'Storylabs',
      description:
        'Real-world debugging stories you can read, then run: each one ends in a lab that puts you inside the broken system.',
      // The date of the page's last commit, an "edit this page" link and the repository in the header.
      lastUpdated: true,
      editLink: { baseUrl: `${repository.url}/edit/main/site/` },
      social: [{ icon: 'github', label: 'Source repository', href: repository.url }],
      // Long command lines wrap instead of scrolling sideways: readable on a phone, and no scrollable
      // region that needs keyboard focus.
      expressiveCode: { defaultProps: { wrap: true } },
      pagination: true,
      customCss: ['./src/styles/storylabs.css'],
      head: [
        {
          tag: 'link',
          attrs: {
            rel: 'alternate',
            type: 'application/rss+xml',
            title: 'Storylabs stories',
            href: `${basePrefix}/rss.xml`,
          },
        },
      ],
      components: {
        PageTitle: './src/components/overrides/PageTitle.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
        LanguageSelect: './src/components/overrides/LanguageSelect.astro',
      },
      sidebar: [
        {
          label: 'Stories',
          items: [{ label: 'All stories', link: '/stories/' }, { autogenerate: { directory: 'stories' } }],
        },
        {
          label: 'Labs',
          items: [
            { label: 'All labs', link: '/labs/' },
            ...labs.map((lab) => ({ label: lab.title, link: `/labs/${lab.id}/` })),
          ],
        },
        { label: 'Techniques', link: '/techniques/' },
        { label: 'Reading list', link: '/reading-list/' },
      ],
      plugins: [starlightLinksValidator({ exclude: ({ link }) => isLinkToCustomPage(link) })],
    }),
    mdx({ optimize: true }),
    builtLinks(),
  ],
});
