import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

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
