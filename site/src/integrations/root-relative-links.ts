// Story writers link to other pages root-relative (`/labs/<id>/`). When the site is built for a
// sub-path (`base: '/storylabs'`, as on GitHub Pages), this puts the base in front of every such link
// in Markdown and MDX, before the link validator sees them.
import type { AstroIntegration } from 'astro';

interface HastElementLike {
  properties?: Record<string, unknown>;
}
interface MdxJsxElementLike {
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
}
interface HastContext {
  setProperty(node: unknown, key: string, value: unknown): void;
}

/** '/labs/x/' -> '/storylabs/labs/x/'; anything else (external, protocol-relative, relative, hash) unchanged. */
export function prefixBase(href: string, base: string): string {
  const prefix = base.replace(/\/$/, '');
  if (prefix === '' || !href.startsWith('/') || href.startsWith('//')) return href;
  if (href === prefix || href.startsWith(`${prefix}/`)) return href;
  return `${prefix}${href}`;
}

function rewriteJsxHref(node: MdxJsxElementLike, base: string): MdxJsxElementLike | undefined {
  let changed = false;
  const attributes = node.attributes.map((attribute) => {
    if (
      attribute.type !== 'mdxJsxAttribute' ||
      attribute.name !== 'href' ||
      typeof attribute.value !== 'string'
    ) {
      return attribute;
    }
    const value = prefixBase(attribute.value, base);
    if (value === attribute.value) return attribute;
    changed = true;
    return { ...attribute, value };
  });
  return changed ? { ...node, attributes } : undefined;
}

export function rootRelativeLinksPlugin(base: string) {
  return {
    name: 'storylabs-root-relative-links',
    element: {
      filter: ['a'],
      visit(node: HastElementLike, ctx: HastContext) {
        const href = node.properties?.href;
        if (typeof href !== 'string') return;
        const value = prefixBase(href, base);
        if (value !== href) ctx.setProperty(node, 'href', value);
      },
    },
    mdxJsxFlowElement: { filter: [], visit: (node: MdxJsxElementLike) => rewriteJsxHref(node, base) },
    mdxJsxTextElement: { filter: [], visit: (node: MdxJsxElementLike) => rewriteJsxHref(node, base) },
  };
}

export function rootRelativeLinks(): AstroIntegration {
  return {
    name: 'storylabs-root-relative-links',
    hooks: {
      'astro:config:setup'({ config }) {
        if (config.base === '/' || config.base === '') return;
        const processor = config.markdown.processor as {
          name?: string;
          options?: { hastPlugins?: unknown[] };
        };
        if (processor.name !== 'satteri' || !Array.isArray(processor.options?.hastPlugins)) {
          throw new Error(`storylabs: expected the satteri Markdown processor, found '${processor.name}'`);
        }
        processor.options.hastPlugins.unshift(rootRelativeLinksPlugin(config.base));
      },
    },
  };
}
