import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureConsoleBuilt } from '../../local/console-build';
import type { LocalRuntime } from '../../local/runtime';

/**
 * Headless Chromium for the browser tests: Debian's Chromium (CI installs it), started with the flags that
 * keep it off the closed network, and the checks every screen gets (axe, sideways scrolling).
 */
export const CHROMIUM = process.env.SEBAR_CHROMIUM ?? '/usr/bin/chromium';

export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
};

/**
 * A page of the staff console at `width` px, in a browser set to New York's time zone and an English
 * locale: what the console shows must not depend on either.
 */
export const openConsolePage = async (
  browser: Browser,
  baseUrl: string,
  width = 1366,
  path = '/',
): Promise<{ page: Page; context: BrowserContext }> => {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 900 },
    isMobile: width < 500,
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  return { page, context };
};

/** Signs in on the console's sign-in page with a token, and waits for the navigation. */
export const signInWithToken = async (page: Page, token: string): Promise<void> => {
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('navigation').waitFor();
};

/** Serious and critical axe findings (WCAG 2.0 A/AA and 2.1 AA), described for a readable failure. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

/** How wide the page is; more than the viewport means sideways scrolling. */
export const scrollWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** Screenshots to look at: SEBAR_SHOTS, or beside the test runtime's data. */
export const shotsDir = (rt: Pick<LocalRuntime, 'dataDir'>): string =>
  process.env.SEBAR_SHOTS ?? join(rt.dataDir, 'shots');

/**
 * Chromium for one test file against the console `rt` serves: before the tests the console is built, the
 * screenshot folder made (when `shots` names one) and Chromium started; after them every page's context
 * and Chromium are closed. `open` gives a page of the console at a width (see openConsolePage).
 */
export const useConsoleBrowser = (
  rt: Pick<LocalRuntime, 'endpoints'>,
  options: { shots?: () => string | undefined } = {},
) => {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const started = (): Browser => {
    if (!browser) throw new Error('Chromium is not started yet (use it inside a test or hook)');
    return browser;
  };
  beforeAll(async () => {
    await ensureConsoleBuilt({ quiet: true });
    const shots = options.shots?.();
    if (shots) await mkdir(shots, { recursive: true });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    /** A new browser context, closed after the file's tests. */
    newContext: async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
      const context = await started().newContext(...args);
      contexts.push(context);
      return context;
    },
    open: async (width = 1366, path = '/'): Promise<Page> => {
      const { page, context } = await openConsolePage(started(), rt.endpoints.gateway, width, path);
      contexts.push(context);
      return page;
    },
  };
};
