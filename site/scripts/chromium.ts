// Debian's chromium driven by playwright-core: browsers cannot be downloaded on these machines.
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = process.env.STORYLABS_CHROMIUM ?? '/usr/bin/chromium';

/** The flags that make Debian's chromium run headless as root in a container, quietly. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}
