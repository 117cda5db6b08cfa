import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { localUrl, sampleItem, staff, waitFor, waitForApprovalLink } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The approval page in a real browser (Debian's Chromium, driven by playwright-core), on a phone-sized
 * screen: loading it changes nothing; pressing Approve moves the item on. CI installs chromium.
 */
const { rt } = useRuntime();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the approval page in headless Chromium', () => {
  it('opens from the outbox link without deciding, then approves with one tap', async () => {
    const api = staff(rt);
    // Published ten minutes later, so the item is still `scheduled` after the click, however slow the browser.
    const created = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem({ publishAt: new Date(Date.now() + 600_000).toISOString() })),
    });
    const id = String(created.body.id);
    const link = localUrl(rt, await waitForApprovalLink(rt, id));

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('button', { name: 'Setujui' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Minta perbaikan' }).isVisible()).resolves.toBe(true);
    // The image loaded (from a short-lived presigned URL) and the page fits the phone's width.
    const image = page.locator('img').first();
    expect(
      await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(rt.dataDir, 'approval-page.png'), fullPage: true });

    // Loading (and reloading) the page decided nothing.
    await page.reload();
    expect((await api.request(`/content/${id}`)).body.status).toBe('awaiting-approval');

    await page.getByRole('button', { name: 'Setujui' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('Persetujuan konten');
    expect(await page.content()).toContain('disetujui');
    await waitFor(
      'the item to be scheduled',
      async () => (await api.request(`/content/${id}`)).body.status === 'scheduled',
    );
    await context.close();
  });
});
