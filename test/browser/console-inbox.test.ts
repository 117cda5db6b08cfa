import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  scrollWidth,
  seriousViolations,
  shotsDir,
  signInWithToken,
  useConsoleBrowser,
} from '../helpers/browser';
import {
  decideThroughPage,
  sampleItem,
  staff,
  waitFor,
  waitForApprovalLink,
  waitForProcessedFeedback,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * Kotak masuk in headless Chromium (set to New York's time zone) against the local runtime, found by role and
 * label as a screen reader would: urgent first and filters; a message with the post it answers and why its
 * label; a colleague writing and then answering first (the console says who, and keeps the text); `Ubah
 * label`, `Jadikan tindak lanjut`, assignment, closing, a saved reply filled in the box; axe and 390 px.
 */
const shots = () => shotsDir(rt);
const COLLEAGUE = 'colleague-token-0123456789';
const { rt } = useRuntime({ env: { SEBAR_STAFF_TOKEN: COLLEAGUE } });
const ui = useConsoleBrowser(rt, { shots });
const posts: Record<string, string> = {};
const ids = { thanks: '', question: '', complaint: '', urgent: '', other: '' };

const asColleague = (path: string, body: unknown) =>
  fetch(`${rt.endpoints.gateway}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${COLLEAGUE}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const comment = async (platform: string, text: string, author: string) => {
  const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
    method: 'POST',
    body: JSON.stringify({ platform, postId: posts[platform], text, author }),
  });
  const id = `${platform}-${((await r.json()) as { comment: { id: string } }).comment.id}`;
  await waitForProcessedFeedback(rt, id);
  return id;
};

const repliesTo = async (feedbackId: string) => {
  const platformId = feedbackId.replace(/^(instagram|x)-/, '');
  const { comments } = (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`)).json()) as {
    comments: { id: string; replyTo?: string }[];
  };
  return comments.filter((c) => c.replyTo === platformId);
};

beforeAll(async () => {
  const r = await staff(rt).request('/content', {
    method: 'POST',
    body: JSON.stringify(await sampleItem({ title: 'Imunisasi campak gratis' })),
  });
  const itemId = String(r.body.id);
  await decideThroughPage(rt, await waitForApprovalLink(rt, itemId), 'approve');
  Object.assign(posts, await waitForPublished(rt, itemId));
  ids.thanks = await comment('instagram', 'Terima kasih infonya, sangat membantu', 'ibu_sari');
  ids.question = await comment('instagram', 'Posyandu di Antapani buka hari apa ya kak?', 'warga_antapani');
  ids.complaint = await comment('instagram', 'antri dari jam 7 blm dipanggil, lama banget', 'kang_dadan');
  ids.urgent = await comment(
    'instagram',
    'tolong ada warga pingsan di antrian puskesmas, ambulans belum datang',
    'teh_euis',
  );
  ids.other = await comment('instagram', 'Obatnya sudah ada belum di puskesmas Cibiru', 'mang_ujang');
  const saved = await staff(rt).request('/saved-replies', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Jadwal posyandu',
      text: 'Halo {nama}, posyandu buka setiap Rabu pukul 08.00 WIB. Terima kasih.',
    }),
  });
  expect(saved.status).toBe(201);
}, 180_000);

const signIn = async (width = 1366): Promise<Page> => {
  const page = await ui.open(width);
  await signInWithToken(page, rt.apiToken);
  return page;
};

const openMessage = async (id: string, width = 1366): Promise<Page> => {
  const page = await signIn(width);
  await page.goto(`${rt.endpoints.gateway}/#/kotak-masuk/${id}`);
  await page.getByRole('heading', { level: 2, name: /^Pesan dari @/ }).waitFor();
  return page;
};

const checkPage = async (page: Page, width: number, name: string) => {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
  await page.screenshot({ path: `${shots()}/inbox-${name}-${width}.png`, fullPage: true });
};

describe('Kotak masuk', () => {
  it('opens from the navigation, lists urgent first, and filters', async () => {
    const page = await signIn();
    await page.getByRole('navigation').getByRole('link', { name: 'Kotak masuk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kotak masuk' }).waitFor();
    const list = page.getByRole('region', { name: /^Daftar pesan/ });
    await list.getByRole('link').first().waitFor();
    await expect(list.getByRole('link').first().textContent()).resolves.toContain('pingsan');
    await expect(
      list.getByRole('listitem').first().getByText('Mendesak', { exact: true }).count(),
    ).resolves.toBe(1);
    // Times in WIB whatever the browser's zone.
    const urgentRow = (await staff(rt).request(`/feedback/${ids.urgent}`)).body;
    const wib = new Date(Date.parse(String(urgentRow.receivedAt)) + 7 * 3_600_000);
    const hhmm = `${String(wib.getUTCHours()).padStart(2, '0')}.${String(wib.getUTCMinutes()).padStart(2, '0')}`;
    await expect(list.getByRole('link').first().textContent()).resolves.toContain(`${hhmm} WIB`);

    await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Pertanyaan' });
    await waitFor('the question filter', async () => {
      const texts = await list.getByRole('link').allTextContents();
      return (
        texts.length > 0 &&
        texts.every((t) => !t.includes('pingsan')) &&
        texts.some((t) => t.includes('Antapani'))
      );
    });
    await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Semua' });
    await page.getByLabel('Kata pantauan').fill('x');
    await page.getByRole('button', { name: 'Terapkan saringan' }).click();
    await page.getByText('Tulis minimal 2 huruf, atau kosongkan.').waitFor();
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await list.getByRole('link', { name: /pingsan/ }).waitFor();

    for (const width of [1366, 390]) {
      const p = width === 1366 ? page : await signIn(width);
      if (width === 390) {
        await p.goto(`${rt.endpoints.gateway}/#/kotak-masuk`);
        await p.getByRole('heading', { level: 1, name: 'Kotak masuk' }).waitFor();
        await p
          .getByRole('region', { name: /^Daftar pesan/ })
          .getByRole('link')
          .first()
          .waitFor();
      }
      await checkPage(p, width, 'list');
    }
  }, 120_000);

  it('shows the post and the label’s reason, says a colleague is writing, and who answered first', async () => {
    const page = await openMessage(ids.question);
    const post = page.getByRole('region', { name: 'Konten yang ditanggapi' });
    await expect(post.getByRole('img', { name: 'Poster imunisasi campak-rubela' }).count()).resolves.toBe(1);
    await post.getByText(/Imunisasi campak-rubela gratis/).waitFor();
    await post.getByRole('link', { name: 'Buka halaman konten “Imunisasi campak gratis”' }).waitFor();
    const why = page.getByRole('region', { name: 'Label dan alasannya' });
    await why.getByText('Pertanyaan', { exact: true }).waitFor();
    await why.getByText(/^Penanda label:/).waitFor();
    await expect(why.getByText(/^Penanda label:/).textContent()).resolves.toMatch(/tanda tanya|“/);

    // The colleague starts writing: the console says so (by name) once it has heard.
    expect((await asColleague(`/feedback/${ids.question}/writing`, { active: true })).status).toBe(200);
    await page.reload();
    await page.getByText('Staf Humas sedang menulis balasan…').waitFor();

    // A saved reply is filled in the box, the citizen's handle in place of {nama}.
    await page.getByLabel('Pilih balasan tersimpan').selectOption({ label: 'Jadwal posyandu' });
    await page.getByRole('button', { name: 'Pakai balasan tersimpan' }).click();
    const box = page.getByLabel('Balasan', { exact: true });
    await expect(box.inputValue()).resolves.toBe(
      'Halo @warga_antapani, posyandu buka setiap Rabu pukul 08.00 WIB. Terima kasih.',
    );

    // The colleague sends first; this reply is refused in words, and the text stays in the box.
    const theirs = await asColleague(`/feedback/${ids.question}/reply`, {
      text: 'Hari Rabu, kak.',
      seenReplies: 0,
    });
    expect(theirs.status).toBe(200);
    await page.getByRole('button', { name: 'Kirim balasan', exact: true }).click();
    const alert = page.getByText(/^Pesan ini sudah dibalas oleh Staf Humas pukul \d\d\.\d\d WIB\./);
    await alert.waitFor();
    await expect(box.inputValue()).resolves.toContain('Halo @warga_antapani');
    expect(await repliesTo(ids.question)).toHaveLength(1);
    await page
      .getByRole('region', { name: 'Riwayat' })
      .getByText('Dibalas oleh Staf Humas: “Hari Rabu, kak.”')
      .waitFor();

    for (const width of [1366, 390]) {
      const p = width === 1366 ? page : await openMessage(ids.question, width);
      await checkPage(p, width, 'message');
    }
  }, 120_000);

  it('replies, corrects the label, makes a follow-up, assigns and closes', async () => {
    const page = await openMessage(ids.complaint, 390);
    await page
      .getByLabel('Balasan', { exact: true })
      .fill('Mohon maaf atas antreannya, kak. Kami sampaikan ke puskesmas.');
    await page.getByRole('button', { name: 'Kirim balasan', exact: true }).click();
    await page.getByText('Balasan terkirim ke Instagram.').waitFor();
    await expect(page.getByLabel('Balasan', { exact: true }).inputValue()).resolves.toBe('');
    expect(await repliesTo(ids.complaint)).toHaveLength(1);

    await page.getByRole('button', { name: 'Ubah label', exact: true }).click();
    await page.getByLabel('Label baru').selectOption({ label: 'Keluhan' });
    await page.getByLabel('Kategori baru').selectOption({ label: 'Fasilitas' });
    await page.getByRole('button', { name: 'Simpan label' }).click();
    await page.getByText('Label diubah menjadi Keluhan.').waitFor();
    const relabelled = (await staff(rt).request(`/feedback/${ids.complaint}`)).body;
    expect(relabelled.category).toBe('facility');
    expect((relabelled.corrections as { by: string }[]).at(-1)).toMatchObject({
      by: 'humas@localhost',
      to: { label: 'complaint', category: 'facility' },
    });
    await page.getByText(/^Diubah oleh Humas pada /).waitFor();

    await page.getByRole('button', { name: 'Jadikan tindak lanjut', exact: true }).click();
    await page.getByLabel('Unit', { exact: true }).fill('Puskesmas Antapani');
    // Thirty days ahead at 10.00 on the WIB wall clock (the browser is in New York).
    const dueDay = new Date(Date.now() + 30 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    await page.getByLabel('Tenggat').fill(`${dueDay}T10:00`);
    await page.getByRole('button', { name: 'Simpan tindak lanjut', exact: true }).click();
    await page
      .getByText(/^Tindak lanjut dibuat untuk Puskesmas Antapani, tenggat .* pukul 10\.00 WIB\.$/)
      .waitFor();
    const { followUps } = (await staff(rt).request('/follow-ups?unit=Puskesmas%20Antapani')).body as {
      followUps: { feedbackId: string; unit: string; dueAt: string }[];
    };
    const fu = followUps.find((f) => f.feedbackId === ids.complaint);
    expect(fu).toMatchObject({ unit: 'Puskesmas Antapani', dueAt: `${dueDay}T03:00:00.000Z` });

    await page.getByLabel('Tugaskan ke', { exact: true }).fill('rina@dinkes.example.go.id');
    await page.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    await page.getByText('Pesan ditugaskan ke Rina.').waitFor();
    expect((await staff(rt).request(`/feedback/${ids.complaint}`)).body.assignedTo).toBe(
      'rina@dinkes.example.go.id',
    );

    await page.getByRole('button', { name: 'Tutup pesan' }).click();
    await page.getByText('Tulis catatan penutupan dulu.').waitFor();
    await page.getByLabel('Catatan penutupan').fill('Sudah diteruskan ke Puskesmas Antapani.');
    await page.getByRole('button', { name: 'Tutup pesan' }).click();
    await page.getByText('Pesan ditutup.').waitFor();
    expect((await staff(rt).request(`/feedback/${ids.complaint}`)).body.status).toBe('closed');
    const history = page.getByRole('region', { name: 'Riwayat' });
    await history.getByText('Humas mengubah label dari', { exact: false }).waitFor();
    await history.getByText('Humas menugaskan ke Rina.').waitFor();
    await history.getByText('Ditutup oleh Humas: “Sudah diteruskan ke Puskesmas Antapani.”').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  }, 120_000);

  it('manages saved replies', async () => {
    const page = await signIn();
    await page.goto(`${rt.endpoints.gateway}/#/kotak-masuk`);
    const region = page.getByRole('region', { name: 'Balasan tersimpan' });
    await region.getByText('Jadwal posyandu', { exact: true }).waitFor();
    await region.getByRole('button', { name: 'Tambah balasan tersimpan' }).click();
    await region.getByLabel('Judul').fill('Stok obat');
    await region.getByLabel('Teks balasan').fill('Halo {nma}, stok obat kami cek.');
    await region.getByRole('button', { name: 'Simpan balasan tersimpan' }).click();
    await region.getByText(/Placeholder yang dikenal hanya/).waitFor();
    await region.getByLabel('Teks balasan').fill('Halo {nama}, stok obat kami cek dulu ya.');
    await region.getByRole('button', { name: 'Simpan balasan tersimpan' }).click();
    await region.getByText('Balasan tersimpan “Stok obat” ditambahkan.').first().waitFor();
    await region.getByRole('button', { name: 'Ubah “Stok obat”' }).click();
    await region.getByLabel('Teks balasan').fill('Halo {nama}, stok obat di {platform} kami cek.');
    await region.getByRole('button', { name: 'Simpan perubahan' }).click();
    await region.getByText('Halo {nama}, stok obat di {platform} kami cek.').waitFor();
    await region.getByRole('button', { name: 'Hapus “Stok obat”' }).click();
    await region.getByText('Balasan tersimpan “Stok obat” dihapus.').first().waitFor();
    const list = (await staff(rt).request('/saved-replies')).body.savedReplies as { title: string }[];
    expect(list.map((s) => s.title)).toEqual(['Jadwal posyandu']);
  }, 60_000);
});
