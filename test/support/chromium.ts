// Debian's Chromium driven by playwright-core, launched as /work/shared/ENVIRONMENT.md says: headless, as root
// without its sandbox, and without the background connections to Google's hosts (refused here). Playwright
// gives every launch a fresh temporary profile.
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.BCH_CHROMIUM ?? '/usr/bin/chromium';

const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium; close the browser when done. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: flags, headless: true });
}
