// Debian's chromium driven by playwright-core (browsers cannot be downloaded on these machines), launched
// one way by every browser test (the site's, the board's) and by the site's Lighthouse script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/** Debian's DejaVu fonts (fonts-dejavu-core): all a fresh machine and CI have. */
export const dejavuDir = '/usr/share/fonts/truetype/dejavu';

/**
 * chromium's environment: on Linux with Debian's DejaVu present, fontconfig sees only those fonts
 * (this package's fonts.conf), so layout is tested as CI renders it whatever else is installed.
 */
export function chromiumEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (process.platform !== 'linux' || !existsSync(dejavuDir)) return env;
  return { ...env, FONTCONFIG_FILE: fileURLToPath(new URL('../fonts.conf', import.meta.url)) };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, env: chromiumEnv() });
}
