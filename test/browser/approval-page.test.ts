import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, scrollWidth, seriousViolations } from '../helpers/browser';
import { localUrl, sampleItem, staff, waitFor, waitForApprovalLink } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/** Where screenshots go: SEBAR_SCREENSHOT_DIR to keep them, else the test's data folder. */
const shot = (name: string) => join(process.env.SEBAR_SCREENSHOT_DIR ?? rt.dataDir, name);

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

  it('a late item: says the time has passed, asks how to publish, and takes a new WIB time by keyboard', async () => {
    const api = staff(rt);
    const publishAt = new Date(Date.now() + 1500).toISOString();
    const created = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem({ publishAt })),
    });
    const id = String(created.body.id);
    const link = localUrl(rt, await waitForApprovalLink(rt, id));
    await waitFor('the publish time to pass', async () => Date.now() > new Date(publishAt).getTime() + 500);

    for (const width of [390, 1366]) {
      const context = await browser.newContext({
        viewport: { width, height: width < 500 ? 844 : 900 },
        isMobile: width < 500,
      });
      const page = await context.newPage();
      expect((await page.goto(link))?.status()).toBe(200);
      await expect(
        page.getByText(/^Waktu terbit yang direncanakan, .* WIB, sudah lewat\.$/).isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByRole('radio', { name: 'Terbitkan sekarang' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('radio', { name: 'Terbitkan pada waktu baru' }).isVisible()).resolves.toBe(
        true,
      );
      await expect(page.getByLabel('Waktu terbit baru (tanggal dan jam, WIB)').isVisible()).resolves.toBe(
        true,
      );
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: shot(`approval-late-${width}.png`), fullPage: true });
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(link);
    // Approve without a choice: the page comes back saying what to do, and nothing is decided.
    await page.getByRole('button', { name: 'Setujui' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Pilih "Terbitkan sekarang"');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: shot('approval-late-error-390.png'), fullPage: true });
    expect((await api.request(`/content/${id}`)).body.status).toBe('awaiting-approval');

    // By keyboard: the radio with the space bar, the time typed into its field, Approve with Enter.
    const newTime = new Date(Date.now() + 2 * 3_600_000);
    const wib = new Date(newTime.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    await page.getByRole('radio', { name: 'Terbitkan pada waktu baru' }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'Terbitkan pada waktu baru' }).isChecked()).toBe(true);
    await page.getByLabel('Waktu terbit baru (tanggal dan jam, WIB)').fill(wib);
    await page.getByRole('button', { name: 'Setujui' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Jadwal terbit: .* WIB\./).waitFor();
    expect(await page.content()).toContain('dijadwalkan pada waktu baru');
    const scheduled = await waitFor('the item to be scheduled at the new time', async () => {
      const body = (await api.request(`/content/${id}`)).body;
      return body.status === 'scheduled' ? body : undefined;
    });
    expect(scheduled.publishAt).toBe(new Date(`${wib}:00+07:00`).toISOString());
    await context.close();
  });
});
