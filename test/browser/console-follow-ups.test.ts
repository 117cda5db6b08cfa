import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo, UpdateCommand } from '../../functions/common/aws/dynamo';
import { requireSetting } from '../../functions/common/config';
import { onOrNextWorkingDay, workingCalendar } from '../../functions/domain/support/working-days';
import { formatDay } from '../../web/src/follow-ups/board';
import {
  scrollWidth,
  seriousViolations,
  shotsDir,
  signInWithToken,
  useConsoleBrowser,
} from '../helpers/browser';
import { deliverInstagramComment, staff } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The Tindak lanjut board in headless Chromium (New York's zone, an English browser) against the local
 * runtime: follow-ups grouped by unit, the overdue one first with how many working days late, filters by unit
 * and status, a resolution that needs a note, a move to in progress; axe and a phone's width at both sizes.
 */
const shots = () => shotsDir(rt);
const STAFF_ONLY = 'staff-only-token-board-0123456789';
const { rt } = useRuntime({ env: { SEBAR_STAFF_TOKEN: STAFF_ONLY } });
const ui = useConsoleBrowser(rt, { shots });
let api: ReturnType<typeof staff>;

const LATE = 'Pelayanan di puskesmas Cibiru lambat sekali, antri 3 jam obat habis';
const FRESH = 'Posyandu di RW 05 Cibiru tutup terus minggu ini, padahal jadwal imunisasi';
const OTHER = 'Banyak jentik nyamuk di selokan dekat SD Cigending, mohon fogging';
const ids: Record<'late' | 'lateMessage' | 'fresh' | 'other', string> = {
  late: '',
  lateMessage: '',
  fresh: '',
  other: '',
};

/** A signed Instagram comment, as Meta delivers it; returns the stored feedback id once classified. */
const deliver = async (text: string): Promise<string> => String((await deliverInstagramComment(rt, text)).id);

const followUp = async (feedbackId: string, unit: string): Promise<string> => {
  const r = await api.request(`/feedback/${feedbackId}/follow-ups`, {
    method: 'POST',
    body: JSON.stringify({ unit }),
  });
  expect(r.status).toBe(201);
  return String(r.body.id);
};

beforeAll(async () => {
  api = staff(rt);
  ids.lateMessage = await deliver(LATE);
  ids.late = await followUp(ids.lateMessage, 'Puskesmas Cibiru');
  ids.fresh = await followUp(await deliver(FRESH), 'Puskesmas Cibiru');
  ids.other = await followUp(await deliver(OTHER), 'Bidang P2P');
  // Due two weeks ago: past the end of its due working day however weekends and holidays fall.
  await dynamo.send(
    new UpdateCommand({
      TableName: requireSetting('FOLLOWUPS_TABLE'),
      Key: { id: ids.late },
      UpdateExpression: 'SET dueAt = :d',
      ExpressionAttributeValues: { ':d': new Date(Date.now() - 14 * 86_400_000).toISOString() },
    }),
  );
  const moved = await api.request(`/follow-ups/${ids.other}`, {
    method: 'POST',
    body: JSON.stringify({ status: 'in_progress', note: 'Petugas dijadwalkan Kamis' }),
  });
  expect(moved.status).toBe(200);
}, 180_000);

/** Signs in and opens the board from the navigation. */
const openBoard = async (width = 1366, token = rt.apiToken): Promise<Page> => {
  const page = await ui.open(width);
  await signInWithToken(page, token);
  const nav = page.getByRole('navigation');
  if (width < 500 && !(await nav.getByRole('link', { name: 'Tindak lanjut', exact: true }).isVisible())) {
    await page.getByRole('button', { name: /menu/i }).click();
  }
  await nav.getByRole('link', { name: 'Tindak lanjut', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Tindak lanjut' }).waitFor();
  await page.getByRole('article').first().waitFor();
  return page;
};

const card = (page: Page, text: string) => page.getByRole('article', { name: new RegExp(text.slice(0, 30)) });

describe('the Tindak lanjut board', () => {
  it('groups by unit with the overdue one first, says how late in working days, and filters', async () => {
    const page = await openBoard();
    expect(page.url()).toMatch(/#\/tindak-lanjut$/);
    const late = (await api.request(`/follow-ups/${ids.late}`)).body;
    expect(late).toMatchObject({ overdue: true });
    const days = Number(late.workingDaysLate);
    expect(days).toBeGreaterThanOrEqual(5);

    // Units as sections: the one with the overdue follow-up first; inside it, the overdue one first.
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings[0]).toMatch(/^Puskesmas Cibiru \(2 tindak lanjut, 1 terlambat\)$/);
    expect(headings[1]).toMatch(/^Bidang P2P \(1 tindak lanjut\)$/);
    const cibiru = page.getByRole('region', { name: /^Puskesmas Cibiru/ });
    const articles = cibiru.getByRole('article');
    await expect(articles.first().getAttribute('aria-label')).resolves.toContain(LATE.slice(0, 30));
    const lateCard = card(page, LATE);
    await lateCard.getByText(`Terlambat ${days} hari kerja`, { exact: true }).waitFor();
    await lateCard.getByText(`“${LATE}”`).waitFor();
    // The due day in WIB and in words, although the browser is in New York and English.
    await expect(
      card(page, FRESH)
        .getByText(/^Tenggat \w+, \d{1,2} \w+ \d{4} \(akhir hari kerja, WIB\)/)
        .count(),
    ).resolves.toBe(1);
    await card(page, FRESH).getByText('Baru', { exact: true }).waitFor();
    await card(page, OTHER).getByText('Sedang dikerjakan', { exact: true }).waitFor();
    expect(
      await card(page, FRESH)
        .getByText(/Terlambat/)
        .count(),
    ).toBe(0);
    await expect(
      lateCard.getByRole('link', { name: 'Lihat pesan di Kotak masuk' }).getAttribute('href'),
    ).resolves.toBe(`#/kotak-masuk/${ids.lateMessage}`);

    // Filters by unit and by status.
    await page.getByLabel('Unit', { exact: true }).selectOption('Bidang P2P');
    await expect(page.getByRole('article').count()).resolves.toBe(1);
    await card(page, OTHER).waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Selesai' });
    await page.getByText(/Tidak ada tindak lanjut yang cocok/).waitFor();
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Semua unit' });
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Sedang dikerjakan' });
    await expect(page.getByRole('article').count()).resolves.toBe(1);
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Semua status' });
    await expect(page.getByRole('article').count()).resolves.toBe(3);
  }, 120_000);

  it('is accessible and fits a phone, at both widths', async () => {
    for (const width of [1366, 390]) {
      const page = await openBoard(width);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${shots()}/tindak-lanjut-${width}.png`, fullPage: true });
    }
  }, 120_000);
  it('resolves only with a note, and moves one to in progress', async () => {
    const page = await openBoard(390);
    const lateCard = card(page, LATE);
    await lateCard.getByLabel('Ubah status').selectOption({ label: 'Selesai' });
    await lateCard.getByRole('button', { name: 'Simpan', exact: true }).click();
    await lateCard.getByText('Tulis catatan penyelesaian: apa yang sudah dilakukan unit.').waitFor();
    await expect(lateCard.getByLabel('Catatan', { exact: true }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    expect((await api.request(`/follow-ups/${ids.late}`)).body.status).toBe('open');

    const note = 'Loket pendaftaran ditambah satu; stok obat dipenuhi dari gudang farmasi';
    await lateCard.getByLabel('Catatan', { exact: true }).fill(note);
    await lateCard.getByRole('button', { name: 'Simpan', exact: true }).click();
    await lateCard.getByText('Tersimpan. Status sekarang: Selesai.').waitFor();
    await lateCard.getByText(`Penyelesaian: ${note}`).waitFor();
    expect(await lateCard.getByText(/Terlambat/).count()).toBe(0);
    expect(await lateCard.getByLabel('Ubah status').count()).toBe(0);
    expect((await api.request(`/follow-ups/${ids.late}`)).body).toMatchObject({
      status: 'resolved',
      resolutionNote: note,
    });

    const fresh = card(page, FRESH);
    await expect(fresh.getByLabel('Ubah status').inputValue()).resolves.toBe('in_progress');
    await fresh.getByRole('button', { name: 'Simpan', exact: true }).click();
    await fresh.getByText('Tersimpan. Status sekarang: Sedang dikerjakan.').waitFor();
    expect((await api.request(`/follow-ups/${ids.fresh}`)).body.status).toBe('in_progress');
    // In progress, the only move left is to resolve.
    await expect(fresh.getByLabel('Ubah status').locator('option').allTextContents()).resolves.toEqual([
      'Selesai',
    ]);
  }, 120_000);

  it('lets a supervisor add an office leave day, which moves a due date, and tells staff they cannot', async () => {
    const before = (await api.request(`/follow-ups/${ids.fresh}`)).body;
    const dueDay = String(before.dueDay);
    const page = await openBoard();
    const panel = page.getByRole('region', { name: 'Hari cuti kantor' });
    await panel.getByText('Belum ada hari cuti kantor.').waitFor();
    await panel.getByRole('button', { name: 'Tambah', exact: true }).click();
    await panel.getByText('Pilih tanggal dulu, lalu tekan Tambah.').waitFor();
    await panel.getByLabel('Tanggal cuti').fill(dueDay);
    await panel.getByRole('button', { name: 'Tambah', exact: true }).click();
    await panel.getByText(formatDay(dueDay), { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Simpan hari cuti' }).click();
    await panel.getByText('Hari cuti tersimpan. Tenggat dihitung ulang.').waitFor();
    expect((await api.request('/settings/leave-days')).body).toMatchObject({ days: [dueDay], version: 1 });
    // The follow-up due that day now counts as due on the next working day, on the board too.
    const moved = onOrNextWorkingDay(workingCalendar([dueDay]), dueDay);
    expect(moved > dueDay).toBe(true);
    expect((await api.request(`/follow-ups/${ids.fresh}`)).body.dueDay).toBe(moved);
    await card(page, FRESH)
      .getByText(new RegExp(`^Tenggat ${formatDay(moved)}`))
      .waitFor();

    const staffPage = await openBoard(390, STAFF_ONLY);
    const staffPanel = staffPage.getByRole('region', { name: 'Hari cuti kantor' });
    await staffPanel.getByRole('button', { name: `Hapus ${formatDay(dueDay)} dari hari cuti` }).click();
    await staffPanel.getByRole('button', { name: 'Simpan hari cuti' }).click();
    await staffPanel.getByText(/^Hanya supervisor yang dapat mengubah hari cuti kantor/).waitFor();
    // The refused change is undone on the page too: the stored day is listed again.
    await staffPanel.getByText(formatDay(dueDay), { exact: true }).waitFor();
    expect((await api.request('/settings/leave-days')).body).toMatchObject({ days: [dueDay], version: 1 });
    expect(await seriousViolations(staffPage)).toEqual([]);
    expect(await scrollWidth(staffPage)).toBeLessThanOrEqual(390);
    await staffPage.screenshot({ path: `${shots()}/tindak-lanjut-cuti-390.png`, fullPage: true });
  }, 120_000);
});
