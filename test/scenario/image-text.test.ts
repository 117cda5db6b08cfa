import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { approvalLinks, staff, submitItem, waitForApprovalLink, waitForItemStatus } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * Issue 12: fact-finding reads the text of every image (OCR) and screens it like the caption. The whole
 * workflow runs: the real ASL, the real fact-finding handler with tesseract.js in this process, the images
 * in the local S3 as staff submitted them.
 */

const { rt } = useRuntime();
const fixture = async (name: string) =>
  (await readFile(new URL(`../fixtures/ocr/${name}`, import.meta.url))).toString('base64');

describe('the text of an item’s images', () => {
  it('an image whose text names a patient blocks the item, the reason naming the image', async () => {
    const id = await submitItem(rt, {
      title: 'Cegah TBC',
      media: [
        { dataBase64: await fixture('public.jpg'), altText: 'Poster 3M Plus' },
        { dataBase64: await fixture('patient.jpg'), altText: 'Laporan kasus' },
      ],
    });
    const blocked = await waitForItemStatus(rt, id, 'blocked', 90_000);
    const reasons = (blocked.screening as { reasons: string[] }).reasons;
    // The second image (media.1), by its alt text; the NIK only as its first four digits.
    expect(reasons).toContain(
      'media.1 (image text, "Laporan kasus"): contains what looks like a NIK (3273…)',
    );
    expect(reasons).toContainEqual(
      expect.stringMatching(/^media\.1 .*: names a person \(.+\) next to a health/),
    );
    expect(reasons.some((r) => r.startsWith('media.0'))).toBe(false);
    expect(JSON.stringify(blocked)).not.toContain('3273015708900001');
    // Staff read it in Indonesian, with the image named.
    expect(blocked.screeningFindings).toContain(
      'Tulisan di gambar 2: Ada angka yang tampak seperti NIK (3273…). Hapus NIK sebelum terbit.',
    );
    const facts = blocked.factFinding as {
      images: { index: number; ok: boolean; ms: number; excerpt?: string }[];
    };
    expect(facts.images.map((i) => [i.index, i.ok])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(facts.images[1]?.excerpt).toMatch(/Budi Santoso.*NIK 3273…/);
    for (const i of facts.images) expect(i.ms).toBeGreaterThan(0);
    // Nobody was asked to approve it.
    expect(await approvalLinks(rt, id)).toEqual([]);
  }, 120_000);

  it('an image with only public text passes, and the note says how long each image took', async () => {
    const id = await submitItem(rt, {
      title: 'Cegah DBD dengan 3M Plus',
      media: [{ dataBase64: await fixture('public.jpg'), altText: 'Poster 3M Plus' }],
    });
    await waitForApprovalLink(rt, id);
    const item = (await staff(rt).request(`/content/${id}`)).body;
    const facts = item.factFinding as { excluded: boolean; reasons: string[]; images: { ok: boolean }[] };
    expect(facts).toMatchObject({ excluded: false, reasons: [] });
    expect(facts.images).toMatchObject([{ ok: true }]);
    const timeline = item.timeline as { stage: string; note?: string }[];
    expect(timeline.find((e) => e.stage === 'fact-finding')?.note).toMatch(
      /; 0 related citizen message\(s\); image text read \(OCR\): media\.0 \d+ ms$/,
    );
  }, 120_000);
});
