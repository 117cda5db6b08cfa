/**
 * Screenshots of every console screen at 390 and 1366 px, for looking at the console as staff see it.
 * Needs a running `npm start` (and Debian's Chromium). Not a test: it prints where it wrote the pictures.
 *
 *   npm run screenshots -- [--url http://127.0.0.1:3000] [--out shots] [--item <content id>]
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { launchChromium, openConsolePage, signInWithToken } from '../test/helpers/browser';

const args = z
  .object({
    url: z.url().default('http://127.0.0.1:3000'),
    out: z.string().min(1).default('shots'),
    item: z
      .string()
      .regex(/^c[0-9a-z]{21}$/, 'not a content item id')
      .optional(),
    token: z.string().min(1).optional(),
  })
  .parse(
    parseArgs({
      options: {
        url: { type: 'string' },
        out: { type: 'string' },
        item: { type: 'string' },
        token: { type: 'string' },
      },
    }).values,
  );

const main = async () => {
  const token =
    args.token ?? process.env.SEBAR_API_TOKEN ?? (await readFile('.sebar/api-token', 'utf8')).trim();
  const screens = ['beranda', 'kalender', 'tulis', 'persetujuan', 'kotak-masuk', 'tindak-lanjut', 'laporan'];
  if (args.item) screens.push(`item/${args.item}`);
  await mkdir(args.out, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const width of [390, 1366]) {
      const { page, context } = await openConsolePage(browser, args.url, width);
      await page.screenshot({ path: join(args.out, `${width}-masuk.png`), fullPage: true });
      await signInWithToken(page, token);
      for (const screen of screens) {
        await page.goto(`${args.url}/#/${screen}`);
        // Screens load their data after the first paint; give them a moment to settle.
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        const file = join(args.out, `${width}-${screen.replace('/', '-')}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
