import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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
  waitForApprovalLink,
  waitForItemStatus,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The item page in headless Chromium (set to New York's time zone) against the local runtime: an item
 * approved through the outbox link shows its timeline and its publications with links; a held item shows
 * the screening's findings and a supervisor overrides it from the page (a staff member without the group
 * is told a supervisor must decide); a pending approver gets a reminder; axe and a phone's width.
 */
/** Screenshots to look at: SEBAR_SHOTS, or beside the test runtime's data. */
const shots = () => shotsDir(rt);
const STAFF_ONLY = 'staff-only-token-0123456789';
const { rt } = useRuntime({ env: { SEBAR_STAFF_TOKEN: STAFF_ONLY } });
const ui = useConsoleBrowser(rt, { shots });

/** Signs in (with the supervisor's token unless told otherwise) and opens the item's page. */
const openItem = async (id: string, width = 1366, token = rt.apiToken): Promise<Page> => {
  const page = await ui.open(width);
  await signInWithToken(page, token);
  await page.goto(`${rt.endpoints.gateway}/#/item/${id}`);
  await page.getByRole('button', { name: 'Muat ulang', exact: true }).waitFor();
  return page;
};

/** Accessible, no sideways scrolling on a phone, and a screenshot of each width to look at. */
const checkBothWidths = async (id: string, state: string, ready: (page: Page) => Promise<unknown>) => {
  for (const width of [1366, 390]) {
    const page = await openItem(id, width);
    await ready(page);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${shots()}/item-${state}-${width}.png`, fullPage: true });
  }
};

describe('the item page', () => {
  it('shows an approved item’s timeline in words and its publications with links', async () => {
    const id = await submitItem(rt);
    expect((await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve')).status).toBe(200);
    await waitForPublished(rt, id);
    await waitForItemStatus(rt, id, 'published').catch(() => undefined);

    const page = await openItem(id);
    const timeline = page.getByRole('region', { name: 'Linimasa' });
    await timeline.getByText('Diajukan oleh humas@localhost.').waitFor();
    await timeline.getByText(/^Disetujui oleh /).waitFor();
    await timeline.getByText('Terbit di Instagram dan X.').waitFor();
    // Times in WIB although the browser is in New York; no machine notes.
    expect(await timeline.getByText(/WIB$/).count()).toBeGreaterThanOrEqual(3);
    expect(await timeline.textContent()).not.toMatch(/approved by|published to|sent to/);

    const publications = page.getByRole('region', { name: 'Penerbitan' });
    const item = (await staff(rt).request(`/content/${id}`)).body;
    const urls = Object.fromEntries(
      (item.publications as { platform: string; url: string }[]).map((p) => [p.platform, p.url]),
    );
    await expect(
      publications.getByRole('link', { name: 'Lihat di Instagram' }).getAttribute('href'),
    ).resolves.toBe(urls.instagram);
    await expect(publications.getByRole('link', { name: 'Lihat di X' }).getAttribute('href')).resolves.toBe(
      urls.x,
    );
    expect(await publications.getByText('Sudah terbit', { exact: true }).count()).toBe(2);

    await checkBothWidths(id, 'published', (p) => p.getByRole('link', { name: 'Lihat di X' }).waitFor());
  }, 120_000);

  it('shows a held item’s findings, tells a staff member a supervisor must decide, and lets one override', async () => {
    const id = await submitItem(rt, {
      caption: 'Ibu Siti Aminah (NIK 3273015203900001) positif DBD dan dirawat di RSHS.',
      publishAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    await waitForItemStatus(rt, id, 'blocked');
    await checkBothWidths(id, 'blocked', (p) => p.getByText('Yang ditemukan:').waitFor());

    const justification = 'NIK ini contoh fiktif dari materi pelatihan, bukan data pasien sungguhan.';
    const staffOnly = await openItem(id, 1366, STAFF_ONLY);
    const screening = staffOnly.getByRole('region', { name: 'Pemeriksaan data pribadi' });
    await screening.getByText(/Ada angka yang tampak seperti NIK/).waitFor();
    await screening.getByLabel('Alasan pengecualian').fill(justification);
    await screening.getByRole('button', { name: 'Setujui pengecualian', exact: true }).click();
    await screening.getByText(/Anda bukan supervisor/).waitFor();
    expect((await staff(rt).request(`/content/${id}`)).body.status).toBe('blocked');
    // The revision form is there too, with the item's own text.
    await expect(staffOnly.getByLabel('Keterangan', { exact: true }).inputValue()).resolves.toContain('NIK');

    const page = await openItem(id);
    const form = page.getByRole('region', { name: 'Pemeriksaan data pribadi' });
    await form.getByRole('button', { name: 'Setujui pengecualian', exact: true }).click();
    await form.getByText('Tulis alasan minimal 20 karakter.').first().waitFor();
    await form.getByLabel('Alasan pengecualian').fill(justification);
    await form.getByRole('button', { name: 'Setujui pengecualian', exact: true }).click();
    await form.getByText('Pengecualian disetujui. Konten dikirim ke penyetuju.').waitFor();
    const after = await waitForItemStatus(rt, id, 'awaiting-approval');
    expect(after.screeningOverride).toMatchObject({ by: 'humas@localhost', justification });
    await page.getByRole('button', { name: 'Muat ulang', exact: true }).click();
    await page.getByText(/Menunggu persetujuan dari/).waitFor();
    await page.getByText(`“${justification}”`).first().waitFor();
  }, 120_000);

  it('sends a pending approver a reminder from the page', async () => {
    const id = await submitItem(rt, { publishAt: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    await waitForItemStatus(rt, id, 'awaiting-approval');
    await waitForApprovalLink(rt, id);
    await checkBothWidths(id, 'awaiting', (p) => p.getByText(/Menunggu persetujuan dari/).waitFor());

    const page = await openItem(id, 390);
    const approvers = page.getByRole('region', { name: 'Penyetuju' });
    await approvers.getByText('Belum memutuskan').first().waitFor();
    await approvers
      .getByRole('button', { name: /^Kirim pengingat/ })
      .first()
      .click();
    await approvers.getByText(/^Pengingat dikirim ke /).waitFor();
    await approvers.getByText('Sudah diingatkan 1 kali.').waitFor();
    const pending = (await staff(rt).request('/approvals?status=pending')).body.approvals as {
      itemId: string;
      remindersSent: number;
    }[];
    expect(pending.filter((a) => a.itemId === id).map((a) => a.remindersSent)).toContain(1);
    // The schedule's place, with the WIB publish time, for the reschedule and cancel controls.
    await page
      .getByRole('region', { name: 'Jadwal' })
      .getByText(/WIB\.$/)
      .waitFor();
  }, 120_000);
});
