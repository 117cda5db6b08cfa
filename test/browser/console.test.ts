import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isoToWibInput } from '../../web/src/time';
import { scrollWidth, seriousViolations, signInWithToken, useConsoleBrowser } from '../helpers/browser';
import { staff } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The staff console in headless Chromium against the local runtime, from a computer set to New York's
 * time zone: sign in with the token, the shell, composing an item with an image, sources and a WIB time,
 * a draft kept across a reload, accessibility (axe) and no sideways scrolling on a phone.
 */
const IMAGE = join(import.meta.dirname, '../../scripts/assets/sample-infographic.jpg');

const { rt } = useRuntime();
const ui = useConsoleBrowser(rt);

const openConsole = async (width = 1366): Promise<Page> => {
  const page = await ui.open(width);
  return page;
};

const signIn = (page: Page) => signInWithToken(page, rt.apiToken);

/** A WIB wall-clock time two days ahead at 09:00, as typed into the datetime-local input. */
const wibTimeAhead = (): string =>
  `${isoToWibInput(new Date(Date.now() + 2 * 86_400_000)).slice(0, 10)}T09:00`;

const fillItem = async (page: Page, publishAt: string) => {
  await page.getByLabel('Judul', { exact: true }).fill('Imunisasi campak gratis');
  await page
    .getByLabel('Keterangan', { exact: true })
    .fill(
      `Imunisasi campak-rubela gratis di puskesmas se-Kota Bandung bulan ini. Bawa buku KIA anak Anda. Kode ${Date.now().toString(36)}.`,
    );
  await page.getByLabel('Gambar', { exact: true }).setInputFiles(IMAGE);
  await page.getByText('Seperti yang akan diterima Instagram').waitFor({ timeout: 30_000 });
  await page.getByLabel('Teks alternatif', { exact: true }).fill('Poster imunisasi campak-rubela');
  await page.getByLabel('Tautan sumber', { exact: true }).fill('https://dinkes.bandung.go.id/imunisasi');
  await page.getByLabel('Judul sumber', { exact: true }).fill('Jadwal imunisasi Dinkes Kota Bandung');
  await page.getByRole('button', { name: 'Tambah sumber' }).click();
  await page.getByLabel('Tautan sumber', { exact: true }).nth(1).fill('https://www.kemkes.go.id/campak');
  await page.getByLabel('Judul sumber', { exact: true }).nth(1).fill('Campak dan rubela, Kemenkes');
  await page.getByLabel('Waktu terbit', { exact: true }).fill(publishAt);
};

describe('the staff console in headless Chromium', () => {
  it('signs in with the local token; a wrong token is refused in Indonesian', async () => {
    const page = await openConsole();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await page.getByLabel('Token', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Token', { exact: true }).fill('not-the-right-token-000');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByText('Token tidak dikenali').waitFor();
    await expect(page.getByRole('navigation').count()).resolves.toBe(0);

    await signIn(page);
    expect(page.url()).not.toContain(rt.apiToken);
    // Kept for this tab only, and still signed in after a reload.
    expect(await page.evaluate<string | null>("sessionStorage.getItem('sebar.token')")).toBe(rt.apiToken);
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain(rt.apiToken);
    await page.reload();
    await page.getByRole('navigation').waitFor();

    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.getByLabel('Token', { exact: true }).waitFor();
    expect(await page.evaluate<string | null>("sessionStorage.getItem('sebar.token')")).toBeNull();
  });

  it('shows the shell with its navigation, accessible and without sideways scrolling on a phone', async () => {
    const page = await openConsole();
    await signIn(page);
    const nav = page.getByRole('navigation');
    for (const name of [
      'Beranda',
      'Kalender',
      'Tulis',
      'Persetujuan',
      'Kotak masuk',
      'Tindak lanjut',
      'Laporan',
    ]) {
      await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await nav.getByRole('link', { name: 'Kalender', exact: true }).click();
    await page.getByRole('heading', { name: 'Kalender', level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/kalender$/);
    expect(await seriousViolations(page)).toEqual([]);

    const phone = await openConsole(390);
    await signIn(phone);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await phone.getByRole('button', { name: 'Menu', exact: true }).click();
    await phone.getByRole('link', { name: 'Tulis', exact: true }).click();
    await phone.getByLabel('Judul', { exact: true }).waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(phone)).toEqual([]);
  });

  it('has every compose field by its name, with WIB beside the time, and says what is missing', async () => {
    const page = await openConsole();
    await signIn(page);
    await page.getByRole('link', { name: 'Tulis', exact: true }).click();
    await page.getByLabel('Judul', { exact: true }).waitFor();
    for (const label of ['Judul', 'Keterangan', 'Gambar', 'Waktu terbit', 'Tautan sumber', 'Judul sumber']) {
      await expect(page.getByLabel(label, { exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.getByRole('checkbox', { name: 'Instagram', exact: true }).isChecked()).resolves.toBe(
      true,
    );
    await expect(page.getByRole('checkbox', { name: 'X', exact: true }).isChecked()).resolves.toBe(true);
    expect(await page.getByLabel('Waktu terbit', { exact: true }).getAttribute('type')).toBe(
      'datetime-local',
    );
    await expect(page.locator('#publish-at-zone').textContent()).resolves.toBe('WIB');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Ajukan untuk persetujuan', exact: true }).click();
    await page.getByRole('heading', { name: 'Periksa kembali isian berikut' }).waitFor();
    const title = page.getByLabel('Judul', { exact: true });
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await title.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).resolves.toBe(
      'Isi judul.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing was created.
    expect(((await staff(rt).request('/content')).body.items as unknown[]).length).toBe(0);
  });

  // Needs wt-c: uploads, media preview, screening, drafts and draftId.
  it('composes an item with an image, sources and a WIB time, and stores that instant', async () => {
    const page = await openConsole();
    await signIn(page);
    await page.getByRole('link', { name: 'Tulis', exact: true }).click();
    const typed = wibTimeAhead();
    await fillItem(page, typed);
    await page.getByText('Tidak ditemukan data pribadi.').waitFor({ timeout: 10_000 });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Ajukan untuk persetujuan', exact: true }).click();
    await page.waitForURL(/#\/item\/[A-Za-z0-9]+$/, { timeout: 30_000 });
    const id = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { name: 'Imunisasi campak gratis' }).waitFor();
    await page.getByText('09.00 WIB').waitFor();

    const item = (await staff(rt).request(`/content/${id}`)).body;
    // The browser is in New York; the time typed was read as WIB (UTC+7).
    expect(new Date(String(item.publishAt)).getTime()).toBe(Date.parse(`${typed}:00+07:00`));
    expect(item.sources).toEqual([
      { url: 'https://dinkes.bandung.go.id/imunisasi', title: 'Jadwal imunisasi Dinkes Kota Bandung' },
      { url: 'https://www.kemkes.go.id/campak', title: 'Campak dan rubela, Kemenkes' },
    ]);
    expect((item.media as { altText: string }[]).map((m) => m.altText)).toEqual([
      'Poster imunisasi campak-rubela',
    ]);
  });

  // Needs wt-c: uploads and drafts.
  it('keeps a draft across a reload, and continues it from the draft list', async () => {
    const page = await openConsole(390);
    await signIn(page);
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await page.getByRole('link', { name: 'Tulis', exact: true }).click();
    const typed = wibTimeAhead();
    await fillItem(page, typed);
    await page.getByRole('button', { name: 'Simpan draf', exact: true }).click();
    await page.getByText('Draf disimpan').waitFor();
    expect(page.url()).toMatch(/#\/tulis\/d[0-9a-z]+$/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    await page.reload();
    await expect(page.getByLabel('Judul', { exact: true }).inputValue()).resolves.toBe(
      'Imunisasi campak gratis',
    );
    await expect(page.getByLabel('Waktu terbit', { exact: true }).inputValue()).resolves.toBe(typed);
    await expect(page.getByLabel('Teks alternatif', { exact: true }).inputValue()).resolves.toBe(
      'Poster imunisasi campak-rubela',
    );
    await expect(page.getByLabel('Judul sumber', { exact: true }).nth(1).inputValue()).resolves.toBe(
      'Campak dan rubela, Kemenkes',
    );
    await page.getByText('Seperti yang akan diterima Instagram').waitFor({ timeout: 30_000 });

    // A second save goes on from the stored version.
    await page.getByLabel('Judul', { exact: true }).fill('Imunisasi campak gratis (revisi)');
    await page.getByRole('button', { name: 'Simpan draf', exact: true }).click();
    await page.getByText('Draf disimpan').waitFor();
    const draftId = page.url().split('/').pop() ?? '';
    const stored = (await staff(rt).request(`/drafts/${draftId}`)).body;
    expect(stored.version).toBe(2);
    expect((stored.data as { title: string }).title).toBe('Imunisasi campak gratis (revisi)');

    // Listed for later, and submitting it removes the draft.
    const fresh = await openConsole();
    await signIn(fresh);
    await fresh.getByRole('link', { name: 'Tulis', exact: true }).click();
    await fresh.getByRole('link', { name: 'Imunisasi campak gratis (revisi)' }).click();
    await expect(fresh.getByLabel('Judul', { exact: true }).inputValue()).resolves.toBe(
      'Imunisasi campak gratis (revisi)',
    );
    await fresh.getByText('Seperti yang akan diterima Instagram').waitFor({ timeout: 30_000 });
    await fresh.getByRole('button', { name: 'Ajukan untuk persetujuan', exact: true }).click();
    await fresh.waitForURL(/#\/item\//, { timeout: 30_000 });
    expect((await staff(rt).request(`/drafts/${draftId}`)).status).toBe(404);
  });
});
