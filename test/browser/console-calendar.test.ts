import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoToWibInput } from '../../web/src/time';
import {
  scrollWidth,
  seriousViolations,
  shotsDir,
  signInWithToken,
  useConsoleBrowser,
} from '../helpers/browser';
import {
  decideThroughPage,
  staff,
  submitItem,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * Kalender, Beranda and Persetujuan in headless Chromium against the local runtime, from a computer set to
 * New York's time zone: an item approved from the outbox link and published shows on its WIB day with its
 * status; another is rescheduled and a third cancelled from the calendar's panel; a waiting item shows on
 * Beranda and Persetujuan. Axe and sideways scrolling at 1366 and 390 px; screenshots to look at in
 * SEBAR_SHOTS (or beside the runtime's data).
 */
const { rt } = useRuntime();
const shots = () => shotsDir(rt);
const ui = useConsoleBrowser(rt, { shots });
const tag = Date.now().toString(36);
const ids: Record<'published' | 'moved' | 'cancelled' | 'waiting', string> = {
  published: '',
  moved: '',
  cancelled: '',
  waiting: '',
};
const titles = {
  published: `Terbit segera ${tag}`,
  moved: `Pindah jadwal ${tag}`,
  cancelled: `Akan dibatalkan ${tag}`,
  waiting: `Menunggu keputusan ${tag}`,
};

const approve = async (id: string) => {
  const link = await waitForApprovalLink(rt, id);
  expect((await decideThroughPage(rt, link, 'approve')).status).toBe(200);
};

beforeAll(async () => {
  const inTwoHours = new Date(Date.now() + 2 * 3_600_000).toISOString();
  ids.published = await submitItem(rt, {
    title: titles.published,
    publishAt: new Date(Date.now() + 4000).toISOString(),
    evaluateAfter: 'P7D',
  });
  ids.moved = await submitItem(rt, { title: titles.moved, publishAt: inTwoHours });
  ids.cancelled = await submitItem(rt, { title: titles.cancelled, publishAt: inTwoHours });
  ids.waiting = await submitItem(rt, { title: titles.waiting, publishAt: inTwoHours });
  await Promise.all([approve(ids.published), approve(ids.moved), approve(ids.cancelled)]);
  await Promise.all([
    waitForPublished(rt, ids.published),
    waitForItemStatus(rt, ids.published, 'published'),
    waitForItemStatus(rt, ids.moved, 'scheduled'),
    waitForItemStatus(rt, ids.cancelled, 'scheduled'),
    waitForItemStatus(rt, ids.waiting, 'awaiting-approval'),
  ]);
}, 180_000);

const open = async (screen: string, width = 1366): Promise<Page> => {
  const page = await ui.open(width, `/#/${screen}`);
  await signInWithToken(page, rt.apiToken);
  return page;
};

const event = (page: Page, title: string) => page.getByRole('button', { name: new RegExp(`^${title}, `) });

describe('Kalender in headless Chromium, from New York', () => {
  it('shows the published item on its WIB day with its status, holidays and a legend in words', async () => {
    const page = await open('kalender');
    const published = event(page, titles.published);
    await published.waitFor({ timeout: 20_000 });
    expect(await published.getAttribute('aria-label')).toContain('Sudah terbit');
    await expect(published.textContent()).resolves.toContain('Sudah terbit');
    await expect(published.textContent()).resolves.toMatch(/\d{2}\.\d{2} WIB/);
    const item = (await staff(rt).request(`/content/${ids.published}`)).body;
    const wibDay = isoToWibInput(String(item.publishAt)).slice(0, 10);
    const day = await published.evaluate((el) => el.closest('[data-date]')?.getAttribute('data-date'));
    expect(day).toBe(wibDay);
    await page.getByRole('heading', { name: 'Arti warna' }).waitFor();
    await page.getByText('Hari libur nasional').waitFor();
    await page.screenshot({ path: `${shots()}/kalender-1366.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Every event is reached by Tab, and Enter opens its panel.
    await published.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: titles.published });
    await dialog.waitFor();
    await dialog.getByText('Sudah terbit').first().waitFor();
    await expect(dialog.getByRole('link', { name: 'Buka item' }).getAttribute('href')).resolves.toBe(
      `#/item/${ids.published}`,
    );
    // Published: neither reschedule nor cancel is offered.
    await expect(dialog.getByLabel('Waktu terbit baru').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('reschedules an approved item from its panel; the approval holds', async () => {
    const page = await open('kalender');
    await event(page, titles.moved).click();
    const dialog = page.getByRole('dialog', { name: titles.moved });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots()}/kalender-dialog-1366.png` });
    const typed = isoToWibInput(new Date(Date.now() + 5 * 3_600_000));
    await dialog.getByLabel('Waktu terbit baru', { exact: true }).fill(typed);
    await dialog.getByRole('button', { name: 'Simpan jadwal', exact: true }).click();
    await dialog.getByText('Jadwal baru disimpan').waitFor();
    // The panel refreshes the item after saving; the confirmation stays (it is not re-created).
    await page.waitForTimeout(1500);
    await dialog.getByText('Jadwal baru disimpan').waitFor({ timeout: 1000 });
    const item = (await staff(rt).request(`/content/${ids.moved}`)).body;
    expect(Date.parse(String(item.publishAt))).toBe(Date.parse(`${typed}:00+07:00`));
    expect(item.status).toBe('scheduled');
  });

  it('cancels an item from its panel after a confirmation', async () => {
    const page = await open('kalender');
    await event(page, titles.cancelled).click();
    const dialog = page.getByRole('dialog', { name: titles.cancelled });
    await dialog.getByLabel('Alasan pembatalan', { exact: true }).fill('Acara diundur oleh puskesmas');
    await dialog.getByRole('button', { name: 'Batalkan item', exact: true }).click();
    await dialog.getByRole('button', { name: 'Ya, batalkan item', exact: true }).click();
    await dialog.getByText('Item dibatalkan.').waitFor();
    await waitForItemStatus(rt, ids.cancelled, 'cancelled');
    // The panel refreshes the item, now cancelled; the confirmation stays (it is not re-created).
    await page.waitForTimeout(1500);
    await dialog.getByText('Item dibatalkan.').waitFor({ timeout: 1000 });
  });

  it('opens in the list view on a phone, without sideways scrolling', async () => {
    const page = await open('kalender', 390);
    await event(page, titles.moved).waitFor({ timeout: 20_000 });
    const selected = page.locator('[aria-selected="true"], [aria-pressed="true"]');
    await expect(selected.filter({ hasText: 'Daftar' }).count()).resolves.toBe(1);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots()}/kalender-390.png`, fullPage: true });
    await event(page, titles.moved).click();
    await page.getByRole('dialog', { name: titles.moved }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${shots()}/kalender-dialog-390.png` });
  });
});

describe('Beranda and Persetujuan show what waits', () => {
  for (const width of [1366, 390]) {
    it(`Beranda at ${width} px`, async () => {
      const page = await open('beranda', width);
      const waiting = page.getByRole('region', { name: 'Menunggu persetujuan' });
      await waiting.getByRole('link', { name: titles.waiting }).waitFor({ timeout: 20_000 });
      await expect(waiting.getByRole('link', { name: titles.waiting }).getAttribute('href')).resolves.toBe(
        `#/item/${ids.waiting}`,
      );
      await waiting
        .getByText(/Batas persetujuan .* WIB/)
        .first()
        .waitFor();
      await page.getByText('Tidak ada konten yang tertahan.').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${shots()}/beranda-${width}.png`, fullPage: true });
    });

    it(`Persetujuan at ${width} px, with a reminder that says when it was sent`, async () => {
      const page = await open('persetujuan', width);
      const link = page.getByRole('link', { name: titles.waiting });
      await link.waitFor({ timeout: 20_000 });
      const row = page.locator('li', { has: link });
      await row.getByText(/Batas .* WIB/).waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      expect(await seriousViolations(page)).toEqual([]);
      await row.getByRole('button', { name: /^Kirim pengingat/ }).click();
      await row.getByText(/Pengingat terkirim .* WIB\./).waitFor();
      await page.screenshot({ path: `${shots()}/persetujuan-${width}.png`, fullPage: true });
    });
  }

  it('checks the platform accounts from Beranda, and shows what the check found', async () => {
    const page = await open('beranda');
    const tokens = page.getByRole('region', { name: 'Akses platform' });
    // Never checked in this runtime: both platforms say so.
    await tokens
      .getByText(/belum pernah diperiksa/)
      .first()
      .waitFor({ timeout: 20_000 });
    await tokens.getByRole('button', { name: 'Periksa akun sekarang' }).click();
    // The sandbox accounts are healthy: after the check nothing needs attention.
    await tokens.getByText('Tidak ada token platform yang perlu diperbarui.').waitFor({ timeout: 30_000 });
    const accounts = (await staff(rt).request('/platforms')).body.accounts as {
      platform: string;
      ok: boolean;
    }[];
    expect(accounts.map((a) => [a.platform, a.ok]).sort()).toEqual([
      ['instagram', true],
      ['x', true],
    ]);
  });

  it('counts the reminders the API recorded', async () => {
    const approvals = await waitFor('the reminders', async () => {
      const r = await staff(rt).request('/approvals?status=pending');
      const mine = (r.body.approvals as { itemId: string; remindersSent: number }[]).filter(
        (a) => a.itemId === ids.waiting,
      );
      return mine.some((a) => a.remindersSent >= 2) ? mine : undefined;
    });
    expect(approvals.length).toBeGreaterThan(0);
  });
});
