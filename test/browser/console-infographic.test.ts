import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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
  sandboxPosts,
  staff,
  waitForApprovalLink,
  waitForItemStatus,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * "Buat infografis" in Tulis, in headless Chromium against the local runtime: a table of cases per
 * kecamatan pasted as a spreadsheet gives an Instagram portrait and an X landscape with alt texts; both are
 * attached, the item is approved through the email link and each platform gets only its own image. A bad
 * cell is refused naming its row and column. Axe and sideways scrolling at 1366 and 390 px.
 */
const { rt } = useRuntime();
const shots = () => shotsDir(rt);
const ui = useConsoleBrowser(rt, { shots });
const tag = Date.now().toString(36);

// Tabs, as cells copied from a spreadsheet arrive.
const TABLE = [
  'Kecamatan\tKasus DBD',
  'Coblong\t42',
  'Sukajadi\t35',
  'Bandung Kulon\t28',
  'Antapani\t21',
  'Cibiru\t1.250',
].join('\n');

const open = async (width: number): Promise<Page> => {
  const page = await ui.open(width, '/#/tulis');
  await signInWithToken(page, rt.apiToken);
  await page.getByRole('heading', { name: 'Tulis konten', exact: true }).waitFor();
  return page;
};

/**
 * The panel moves focus in an effect after the render that shows the result, so focus is waited for
 * (briefly) rather than read at once; the wait fails if it never arrives.
 */
const waitForFocus = async (page: Page, target: Locator): Promise<void> => {
  await page.waitForFunction(
    (el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
    await target.elementHandle(),
    { timeout: 5_000 },
  );
};

const makeImages = async (page: Page, table: string) => {
  await page.getByRole('button', { name: 'Buat infografis', exact: true }).click();
  await page.getByRole('heading', { name: 'Buat infografis dari tabel' }).waitFor();
  await page.getByLabel('Jenis infografis').selectOption('bar');
  await page.getByLabel('Judul pada gambar').fill(`Kasus DBD per kecamatan, November 2026 ${tag}`);
  await page
    .getByLabel('Sumber data (tidak wajib)')
    .fill('Sumber: Dinkes Kota Bandung, data s.d. 30 November 2026');
  await page.getByLabel('Tabel data').fill(table);
  await page.getByRole('button', { name: 'Buat pratinjau', exact: true }).click();
};

describe('Buat infografis in Tulis', () => {
  it('turns a pasted table into an Instagram and an X image that each platform gets on its own', async () => {
    const page = await open(1366);
    await page.getByLabel('Judul', { exact: true }).fill(`Kasus DBD November ${tag}`);
    await page
      .getByLabel('Keterangan', { exact: true })
      .fill(`Kasus DBD per kecamatan bulan November. Lakukan 3M Plus di rumah. Kode ${tag}.`);
    // Both platforms are ticked by default: the panel offers the portrait and the landscape.
    await makeImages(page, TABLE);
    expect(await page.getByLabel('Instagram potret, 1080 × 1350 px').isChecked()).toBe(true);
    expect(await page.getByLabel('X lanskap, 1600 × 900 px').isChecked()).toBe(true);
    await page.getByText('2 gambar siap.', { exact: false }).waitFor({ timeout: 60_000 });
    const altPortrait = page.getByLabel('Teks alternatif untuk Instagram potret, 1080 × 1350 px');
    const altLandscape = page.getByLabel('Teks alternatif untuk X lanskap, 1600 × 900 px');
    // The alt text names every kecamatan with its figure, highest first.
    for (const words of ['Cibiru 1.250', 'Coblong 42', 'Sukajadi 35', 'Bandung Kulon 28', 'Antapani 21'])
      expect(await altPortrait.inputValue()).toContain(words);
    expect(await altLandscape.inputValue()).toMatch(/Cibiru 1\.250/);
    // "Sumber:" typed in front of the source is not doubled.
    expect(await altPortrait.inputValue()).toMatch(/ Sumber: Dinkes Kota Bandung/);
    expect(await altPortrait.inputValue()).not.toContain('Sumber: Sumber:');
    const sizes = await page
      .locator('.infographic-results img')
      .evaluateAll((imgs) =>
        imgs.map((i) => [
          (i as unknown as { naturalWidth: number }).naturalWidth,
          (i as unknown as { naturalHeight: number }).naturalHeight,
        ]),
      );
    expect(sizes).toEqual([
      [1080, 1350],
      [1600, 900],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots(), 'tulis-infografis-1366.png'), fullPage: true });

    await altLandscape.fill(
      'Diagram batang kasus DBD per kecamatan: Cibiru 1.250 kasus tertinggi, Antapani 21 terendah.',
    );
    await page.getByRole('button', { name: 'Lampirkan 2 gambar ke konten' }).click();
    await page.getByText('2 infografis dilampirkan sebagai gambar 1 sampai 2.').waitFor();
    await waitForFocus(page, page.getByRole('button', { name: 'Buat infografis', exact: true }));
    const choices = page.getByLabel('Terbit di');
    expect(await choices.count()).toBe(2);
    expect(await choices.nth(0).inputValue()).toBe('instagram');
    expect(await choices.nth(1).inputValue()).toBe('x');
    await page.getByText('Gambar asli, seperti yang akan diterima X').waitFor();
    await page.getByText('Seperti yang akan diterima Instagram').waitFor({ timeout: 30_000 });

    await page.getByLabel('Tautan sumber', { exact: true }).fill('https://dinkes.bandung.go.id/dbd');
    await page.getByLabel('Judul sumber', { exact: true }).fill('Data kasus DBD Dinkes Kota Bandung');
    const soon = isoToWibInput(new Date(Date.now() + 2 * 60_000));
    await page.getByLabel('Waktu terbit', { exact: true }).fill(soon);
    await page.getByRole('button', { name: 'Ajukan untuk persetujuan', exact: true }).click();
    await page.waitForURL(/#\/item\/[A-Za-z0-9]+$/, { timeout: 30_000 });
    const id = page.url().split('/').pop() ?? '';
    // The item page says which image goes where.
    await page.getByText('(hanya untuk Instagram)').waitFor();
    await page.getByText('(hanya untuk X)').waitFor();

    const item = (await staff(rt).request(`/content/${id}`)).body;
    const media = item.media as { altText: string; platforms?: string[] }[];
    expect(media.map((m) => m.platforms)).toEqual([['instagram'], ['x']]);
    expect(media[1]?.altText).toBe(
      'Diagram batang kasus DBD per kecamatan: Cibiru 1.250 kasus tertinggi, Antapani 21 terendah.',
    );

    // Approved through the email's page, it is published at its time, two minutes on.
    // Fact-finding reads the text of both images first (OCR), which takes a while on a busy machine.
    await waitForItemStatus(rt, id, 'awaiting-approval', 180_000);
    const link = await waitForApprovalLink(rt, id);
    expect((await decideThroughPage(rt, link, 'approve')).status).toBe(200);
    const postIds = await waitForPublished(rt, id, ['instagram', 'x'], 240_000);
    const posts = await sandboxPosts(rt);
    const ig = posts.find((p) => p.id === postIds.instagram);
    const x = posts.find((p) => p.id === postIds.x);
    expect(ig?.media).toHaveLength(1);
    expect(x?.media).toHaveLength(1);
    expect(x?.media[0]).toMatchObject({
      altText: 'Diagram batang kasus DBD per kecamatan: Cibiru 1.250 kasus tertinggi, Antapani 21 terendah.',
    });
    expect(ig?.media[0]).toMatchObject({ width: 1080, height: 1350 });
  }, 400_000);

  it('names the row and column of a bad cell, and works on a phone', async () => {
    const page = await open(390);
    await makeImages(page, 'Kecamatan;Kasus\nCoblong;7\nSukasari;dua belas\n');
    // The refusal is the API's answer, so it is awaited before the field's state is read.
    await page
      .getByText(
        'Gambar belum bisa dibuat: baris 3, kolom Kasus: "dua belas" bukan angka (tulis mis. 1.250 atau 12,5)',
      )
      .waitFor({ timeout: 30_000 });
    const table = page.getByLabel('Tabel data');
    expect(await table.getAttribute('aria-invalid')).toBe('true');
    await waitForFocus(page, table);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots(), 'tulis-infografis-salah-390.png'), fullPage: true });

    await table.fill('Kecamatan;Kasus\nCoblong;7\nSukasari;12\n');
    await page.getByRole('button', { name: 'Buat pratinjau', exact: true }).click();
    await page.getByText('2 gambar siap.', { exact: false }).waitFor({ timeout: 60_000 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots(), 'tulis-infografis-390.png'), fullPage: true });
    // Changing the table after the preview asks for a new one before attaching.
    await table.fill('Kecamatan;Kasus\nCoblong;8\nSukasari;12\n');
    await page.getByText('Isian berubah sejak pratinjau dibuat.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Lampirkan 2 gambar ke konten' }).isDisabled()).toBe(true);
  }, 180_000);
});
