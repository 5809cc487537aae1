import * as fs from 'fs';
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';

/**
 * Launches Debian's Chromium (apt-get install -y chromium) through playwright-core, headless, with
 * the flags that run it in a container without a sandbox, a GPU or background traffic. Playwright
 * gives every launch a fresh profile. Shared by the browser suites (test/browser/*.test.ts).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get update && apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** Where a suite saves its screenshots: test-reports/<suite>/ (gitignored, kept by CI as an artifact folder). */
export function screenshotDir(suite: string): string {
  const dir = path.join(__dirname, '..', '..', 'test-reports', suite);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Saves a full-page screenshot as `<dir>/<NN>-<name>.png`, numbered in the order taken. */
export function screenshotter(dir: string) {
  let n = 0;
  return async (page: Page, name: string) => {
    const file = path.join(dir, `${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}
