import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../infra/catalog';
import { physicalTableName } from '../../local/aws-services';
import { lastFullMonth, monthName } from '../../web/src/reports/months';
import { scrollWidth, seriousViolations, signInWithToken, useConsoleBrowser } from '../helpers/browser';
import { staff } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The Laporan screen in headless Chromium (a computer in New York's zone): the month picker defaults to the
 * last full month in WIB, a missing report is made on request, the figures show as bars with tables, the
 * CSV downloads with the console's sign-in, the month's items link to their pages, the platform accounts
 * are checked on request; and the evaluation and report pages stack their tables on a phone.
 * Screenshots go to SEBAR_SCREENSHOTS when it names a folder.
 */
const { rt } = useRuntime();
const SHOTS = process.env.SEBAR_SCREENSHOTS;
const ui = useConsoleBrowser(rt, { shots: () => SHOTS });

const LAST = lastFullMonth(new Date());
const ITEM_ID = 'c000000000seededreport1';
const ITEM_TITLE = 'Waspada demam berdarah di musim hujan';

const tableName = (name: string) => {
  const spec = tables.find((t) => t.name === name);
  if (!spec) throw new Error(`no table ${name}`);
  return physicalTableName(spec);
};

/** Last month's records, written as the workflow and the inbox write them (the API cannot backdate). */
const seed = async () => {
  const ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: rt.endpoints.dynamodb, region: rt.settings.AWS_REGION }),
  );
  const at = (day: string, hourUtc = '03') => `${LAST}-${day}T${hourUtc}:00:00.000Z`;
  const put = (table: string, Item: Record<string, unknown>) =>
    ddb.send(new PutCommand({ TableName: tableName(table), Item }));
  try {
    await put('items', {
      id: ITEM_ID,
      kind: 'item',
      title: ITEM_TITLE,
      caption: 'Kuras, tutup, dan daur ulang: cegah demam berdarah di rumah Anda.',
      platforms: ['instagram', 'x'],
      publishAt: at('04'),
      publishMonth: LAST,
      evaluateAfter: 'P2D',
      sources: [],
      media: [],
      approvers: ['kabid@dinkes.example.go.id'],
      approvalRule: 'any',
      approvalLanguage: 'id',
      approvalDeadline: at('03'),
      revisionHash: 'seeded',
      revision: 1,
      status: 'evaluated',
      statusRank: 90,
      createdAt: at('02'),
      createdBy: 'humas@localhost',
      updatedAt: at('06'),
      stages: { evaluated: { at: at('06') } },
      reportKey: `reports/items/${ITEM_ID}/evaluation.json`,
    });
    const metrics = (values: Record<string, number>) => [{ at: at('06'), values }];
    await put('publications', {
      itemId: ITEM_ID,
      key: 'instagram#r1',
      platform: 'instagram',
      revision: 1,
      state: 'published',
      attempts: 1,
      startedAt: at('04'),
      publishedAt: at('04'),
      postId: '17900000000000001',
      url: 'https://www.instagram.com/p/seeded/',
      metrics: metrics({ reach: 1840, likes: 120, comments: 14, shares: 9, saved: 21, views: 2600 }),
    });
    await put('publications', {
      itemId: ITEM_ID,
      key: 'x#r1',
      platform: 'x',
      revision: 1,
      state: 'published',
      attempts: 1,
      startedAt: at('04'),
      publishedAt: at('04', '04'),
      postId: '1900000000000000001',
      url: 'https://x.com/dinkes/status/1900000000000000001',
      metrics: metrics({
        impression_count: 5200,
        like_count: 64,
        retweet_count: 12,
        reply_count: 7,
        quote_count: 2,
        bookmark_count: 10,
      }),
    });
    const messages: [string, string, string, string | null, unknown[]][] = [
      [
        'instagram-9200000000000001',
        'Antre di puskesmas Sukajadi lama sekali',
        'complaint',
        'waiting_time',
        [],
      ],
      [
        'instagram-9200000000000002',
        'Fogging di RW 05 kapan ya?',
        'question',
        null,
        [
          {
            by: 'humas@localhost',
            at: at('07'),
            from: { label: 'complaint', category: 'facility' },
            to: { label: 'question', category: null },
          },
        ],
      ],
      ['instagram-9200000000000003', 'Terima kasih infonya, sangat membantu', 'appreciation', null, []],
    ];
    for (const [id, text, label, category, corrections] of messages)
      await put('feedback', {
        id,
        platform: 'instagram',
        platformId: id.slice('instagram-'.length),
        kind: 'comment',
        authorHandle: 'warga_sukajadi',
        text,
        createdAt: at('05'),
        receivedAt: at('05'),
        itemId: ITEM_ID,
        label,
        category,
        urgent: false,
        status: 'open',
        processedAt: at('05'),
        ...(corrections.length ? { corrections } : {}),
      });
  } finally {
    ddb.destroy();
  }
};

beforeAll(async () => {
  await seed();
}, 180_000);

const openConsole = async (width = 1366): Promise<Page> => {
  const page = await ui.open(width);
  await signInWithToken(page, rt.apiToken);
  return page;
};

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

const openLaporan = async (page: Page) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Laporan', exact: true }).click();
  await page.getByRole('heading', { name: 'Laporan', level: 1 }).waitFor();
  expect(page.url()).toMatch(/#\/laporan$/);
};

describe('Laporan in the console', () => {
  it('defaults to last month, makes a missing report, and shows its figures, CSV and items', async () => {
    const page = await openConsole();
    await openLaporan(page);
    const picker = page.getByLabel('Bulan', { exact: true });
    expect(await picker.inputValue()).toBe(LAST);
    expect(await picker.locator('option:checked').textContent()).toBe(monthName(LAST));

    await page.getByText(`Belum ada laporan untuk ${monthName(LAST)}.`).waitFor();
    await page.getByRole('button', { name: 'Buat laporan', exact: true }).click();
    const csvButton = page.getByRole('button', { name: 'Unduh CSV', exact: true });
    await csvButton.waitFor({ timeout: 30_000 });

    // The summary and the charts' tables hold the seeded figures.
    await page.getByText('jangkauan Instagram').waitFor();
    const weeks = page.getByRole('figure', { name: 'Jangkauan (Instagram) dan tayangan (X) per minggu' });
    expect(await weeks.getByRole('cell', { name: '1.840', exact: true }).count()).toBe(1);
    expect(await weeks.getByRole('cell', { name: '5.200', exact: true }).count()).toBe(1);
    const kinds = page.getByRole('figure', { name: 'Tanggapan warga per jenis' });
    expect(await kinds.getByRole('row', { name: 'Keluhan 1' }).count()).toBe(1);

    // Label corrections of the month.
    const corrections = page.getByRole('region', { name: 'Koreksi label oleh staf' });
    await expect(corrections.textContent()).resolves.toContain('1 dari 3');
    await expect(corrections.textContent()).resolves.toContain('Keluhan (Fasilitas) → Pertanyaan (1 kali)');

    // The month's items link to their pages.
    const items = page.getByRole('region', { name: 'Evaluasi per konten' });
    const link = items.getByRole('link', { name: ITEM_TITLE, exact: true });
    expect(await link.getAttribute('href')).toBe(`#/item/${ITEM_ID}`);

    // The CSV downloads with the console's sign-in.
    const [download] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
    expect(download.suggestedFilename()).toBe(`laporan-${LAST}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(`month,${LAST}`);
    expect(csv).toContain('labelCorrections.corrections,1');

    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'laporan-1366');

    // Another month without a report says so.
    await picker.selectOption(monthBeforeLast());
    await page.getByText(`Belum ada laporan untuk ${monthName(monthBeforeLast())}.`).waitFor();
  });

  it('shows the platform accounts and checks them on request', async () => {
    const page = await openConsole();
    await openLaporan(page);
    const accounts = page.getByRole('region', { name: 'Akun platform' });
    await accounts.getByRole('heading', { name: 'Akun platform' }).waitFor();
    await accounts.getByRole('button', { name: 'Periksa akun sekarang', exact: true }).click();
    await accounts.getByText('Selesai diperiksa.').waitFor({ timeout: 30_000 });
    const text = (await accounts.textContent()) ?? '';
    expect(text).toContain('Instagram:');
    expect(text).toContain('X:');
    expect(text).toMatch(/Berlaku sampai .+ WIB · berakhir dalam \d+ hari/);
    expect(text).toMatch(/Diperiksa .+ WIB/);
    // Tokens stay on the server.
    expect(text).not.toMatch(/token[=:]\s*\S{12,}/i);
  });

  it('fits a phone: no sideways scrolling, accessible', async () => {
    const page = await openConsole(390);
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await page.getByRole('link', { name: 'Laporan', exact: true }).click();
    await page.getByRole('heading', { name: 'Laporan', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Unduh CSV', exact: true }).waitFor({ timeout: 30_000 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'laporan-390');
  });
});

describe('the evaluation and report pages on a phone', () => {
  it('stack their tables into labelled cards, without sideways scrolling', async () => {
    const api = staff(rt);
    const ev = await api.request(`/evaluations/${ITEM_ID}`);
    expect(ev.status).toBe(200);
    const evaluationLink = (ev.body.links as { html: string }).html;
    const report = await api.request(`/reports/${LAST}`);
    const reportLink = (report.body.links as { html: string }).html;

    for (const width of [390, 1366]) {
      const context = await ui.newContext({ viewport: { width, height: 900 }, isMobile: width < 500 });
      const page = await context.newPage();
      await page.goto(evaluationLink);
      await page.getByRole('heading', { name: `Evaluasi: ${ITEM_TITLE}` }).waitFor();
      expect(await scrollWidth(page), `evaluation at ${width}`).toBeLessThanOrEqual(width);
      const text = (await page.textContent('body')) ?? '';
      for (const word of [
        'Jangkauan: 1.840',
        'Suka: 120',
        'Komentar: 14',
        'Disimpan: 21',
        'Tingkat interaksi',
      ])
        expect(text).toContain(word);
      // On a phone each row is a card: its cells are blocks, each with its column's name before it.
      const display = await page.evaluate<string>(
        "getComputedStyle(document.querySelector('table.stack td')).display",
      );
      expect(display).toBe(width < 600 ? 'block' : 'table-cell');
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `evaluation-${width}`);

      await page.goto(reportLink);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await scrollWidth(page), `report at ${width}`).toBeLessThanOrEqual(width);
      const reportCell = await page.evaluate<string>(
        "getComputedStyle(document.querySelector('table.stack td')).display",
      );
      expect(reportCell).toBe(width < 600 ? 'block' : 'table-cell');
      await shot(page, `report-html-${width}`);
    }
  });
});

function monthBeforeLast(): string {
  const i = Number(LAST.slice(0, 4)) * 12 + Number(LAST.slice(5, 7)) - 2;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
