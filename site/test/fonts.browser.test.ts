// The site's browser tests render with Debian's DejaVu fonts only, as a fresh machine and CI do, so a
// machine with more fonts cannot hide an overflow that CI then finds (issue 9: 1.9 px at 390px).
// The fonts chromium actually used are read from the DevTools protocol, for the site's own font stacks.
import { launchChromium } from '@storylabs/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The platform fonts chromium used to draw the text of `selector`. */
async function fontsUsedFor(html: string, selector: string): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((font) => font.familyName);
  } finally {
    await page.close();
  }
}

describe('fonts in the browser tests', () => {
  // Starlight's stacks (--sl-font-system, --sl-font-mono) and the generic families.
  const stacks: [string, string][] = [
    [
      "ui-sans-serif, system-ui, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
      'DejaVu Sans',
    ],
    ['sans-serif', 'DejaVu Sans'],
    ['Arial, Helvetica, sans-serif', 'DejaVu Sans'],
    [
      "ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, 'Liberation Mono', 'Courier New', monospace",
      'DejaVu Sans Mono',
    ],
    ['serif', 'DejaVu Serif'],
  ];
  for (const [stack, expected] of stacks) {
    it(`${stack.split(',')[0]}... renders with ${expected}`, async () => {
      const fonts = await fontsUsedFor(
        `<p id="t" style="font-family: ${stack}">The lab's services: redis 6379</p>`,
        '#t',
      );
      expect(fonts).toEqual([expected]);
    });
  }
});
