import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Manifest,
  manifestOf,
  unzipFiles,
  verifyZip,
  zipFiles,
} from '../../functions/domain/archive/package';
import {
  decideThroughPage,
  sampleItem,
  staff,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
  waitForProcessedFeedback,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The records archive end to end, through the local runtime: a day with a post on both platforms, a
 * rejection, a reschedule and a cancellation, citizens' comments, a staff reply and a deletion X reports.
 * The export (POST /archive/exports, then GET until ready) holds every one of them; its zip verifies, and
 * a changed byte makes verification name the file, in code and through `npx sebar archive verify`.
 */
const COLLEAGUE = 'colleague-token-0123456789';
const { rt } = useRuntime({ env: { SEBAR_STAFF_TOKEN: COLLEAGUE } });
const X_SECRET = 'sebar-local-x-consumer-secret';
const todayWib = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

const sendX = (body: string) =>
  fetch(`${rt.endpoints.gateway}/webhooks/x`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}`,
    },
    body,
  });

const comment = async (platform: string, postId: string, text: string, author: string) => {
  const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
    method: 'POST',
    body: JSON.stringify({ platform, postId, text, author }),
  });
  expect(r.status).toBe(201);
  const id = `${platform}-${((await r.json()) as { comment: { id: string } }).comment.id}`;
  await waitForProcessedFeedback(rt, id);
  return id;
};

describe('a day of records, exported and verified', () => {
  it('holds every post, message, reply and decision; verify passes, and fails naming a changed file', async () => {
    const api = staff(rt);
    // A post on both platforms, approved through the page.
    const published = await api.request(
      '/content',
      post(await sampleItem({ title: 'Imunisasi <campak> & rubela' })),
    );
    const itemId = String(published.body.id);
    await decideThroughPage(rt, await waitForApprovalLink(rt, itemId), 'approve', 'Silakan terbit');
    const posts = await waitForPublished(rt, itemId);
    // A rejection.
    const rejected = String(
      (await api.request('/content', post(await sampleItem({ title: 'Ditolak' })))).body.id,
    );
    await decideThroughPage(rt, await waitForApprovalLink(rt, rejected), 'reject', 'Data belum lengkap');
    await waitForItemStatus(rt, rejected, 'rejected');
    // Approved for later, moved, then cancelled.
    const later = String(
      (
        await api.request(
          '/content',
          post(
            await sampleItem({ title: 'Nanti', publishAt: new Date(Date.now() + 3_600_000).toISOString() }),
          ),
        )
      ).body.id,
    );
    await decideThroughPage(rt, await waitForApprovalLink(rt, later), 'approve');
    await waitForItemStatus(rt, later, 'scheduled');
    const moved = await api.request(
      `/content/${later}/schedule`,
      post({ publishAt: new Date(Date.now() + 7_200_000).toISOString(), note: 'Menunggu data terbaru' }),
    );
    expect(moved.status).toBe(200);
    expect((await api.request(`/content/${later}/cancel`, post({ reason: 'Acara ditunda' }))).status).toBe(
      200,
    );

    // Citizens answer; staff reply to one; X reports another deleted by its author.
    const question = await comment(
      'instagram',
      posts.instagram ?? '',
      'Imunisasi di Antapani jam berapa?',
      'warga_antapani',
    );
    const thanks = await comment('x', posts.x ?? '', 'Terima kasih infonya <3', 'siti_bdg');
    const reply = await api.request(
      `/feedback/${question}/reply`,
      post({ text: 'Pukul 08.00–11.00 WIB, kak.' }),
    );
    expect(reply.status).toBe(200);
    const tweetId = `19${Date.now()}`;
    const create = JSON.stringify({
      for_user_id: '1500000000000000001',
      tweet_create_events: [
        {
          id_str: tweetId,
          text: 'salah tulis, saya hapus',
          created_at: new Date().toUTCString(),
          in_reply_to_status_id_str: posts.x,
          user: { id_str: '4242', screen_name: 'warga_hapus' },
        },
      ],
    });
    expect((await sendX(create)).status).toBe(200);
    await waitForProcessedFeedback(rt, `x-${tweetId}`);
    const deletion = JSON.stringify({
      for_user_id: '1500000000000000001',
      tweet_delete_events: [{ status: { id: tweetId, user_id: '4242' }, timestamp_ms: String(Date.now()) }],
    });
    expect(await (await sendX(deletion)).json()).toMatchObject({ deleted: 1 });

    // Staff without the supervisor group may not export; bad ranges are refused and queue nothing.
    const colleague = await fetch(`${rt.endpoints.gateway}/archive/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${COLLEAGUE}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: todayWib(), to: todayWib() }),
    });
    expect(colleague.status).toBe(403);
    const backwards = await api.request('/archive/exports', post({ from: '2026-12-03', to: '2026-12-01' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues).toEqual([
      { path: 'to', message: expect.stringContaining('tidak boleh sebelum') },
    ]);
    expect(
      (await api.request('/archive/exports', post({ from: '2025-01-01', to: '2026-12-01' }))).status,
    ).toBe(400);
    expect((await api.request('/archive/exports/not-an-id')).status).toBe(400);

    const day = todayWib();
    const started = await api.request('/archive/exports', post({ from: day, to: day }));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'queued', from: day, to: day });
    const ready = await waitFor('the export to be ready', async () => {
      const s = (await api.request(`/archive/exports/${String(started.body.id)}`)).body;
      if (s.state === 'failed') throw new Error(`export failed: ${String(s.error)}`);
      return s.state === 'ready' ? s : undefined;
    });
    expect(ready.progress).toMatchObject({ done: expect.any(Number), total: expect.any(Number) });
    const zip = Buffer.from(await (await fetch(String(ready.url))).arrayBuffer());
    const files = await unzipFiles(zip);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as Manifest;
    expect(manifest).toMatchObject({ from: day, to: day, createdAt: expect.any(String) });
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      [...files.keys()].filter((p) => p !== 'manifest.json').sort(),
    );

    const records = [...files.entries()]
      .filter(([p]) => p.startsWith('records/'))
      .map(([, b]) => JSON.parse(b.toString('utf8')) as Record<string, unknown>);
    const of = (kind: string, more: (r: Record<string, unknown>) => boolean = () => true) =>
      records.filter((r) => r.kind === kind && more(r));
    const pubs = of('publication', (r) => r.itemId === itemId);
    expect(pubs.map((r) => r.platform).sort()).toEqual(['instagram', 'x']);
    for (const p of pubs) {
      expect(p.postId).toBe(posts[String(p.platform)]);
      expect(p.approvals).toEqual([
        expect.objectContaining({
          decision: 'approved',
          comment: 'Silakan terbit',
          ip: expect.any(String),
          userAgent: expect.any(String),
        }),
      ]);
      expect((p.media as { sha256: string }[])[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(of('reply', (r) => r.feedbackId === question)).toEqual([
      expect.objectContaining({ text: 'Pukul 08.00–11.00 WIB, kak.', by: 'humas@localhost' }),
    ]);
    const decisions = (id: string) =>
      of('decision', (r) => r.itemId === id)
        .map((r) => r.action)
        .sort();
    expect(decisions(itemId)).toEqual(['approved']);
    expect(decisions(rejected)).toEqual(['rejected']);
    expect(decisions(later)).toEqual(['approved', 'cancelled', 'rescheduled']);
    expect(of('platform-event', (r) => r.feedbackId === `x-${tweetId}`)).toEqual([
      expect.objectContaining({ action: 'deleted', rawKey: expect.stringMatching(/^webhooks\/x\//) }),
    ]);

    // The citizens' messages, raw and in the CSV; the page shows the post, the comments and the reply.
    const raw = [...files.keys()].filter((p) => p.startsWith('raw/webhooks/'));
    expect(raw.length).toBeGreaterThanOrEqual(3);
    const csv = files.get('csv/pesan-warga.csv')?.toString('utf8') ?? '';
    for (const id of [question, thanks, `x-${tweetId}`]) expect(csv).toContain(id);
    const html = files.get('index.html')?.toString('utf8') ?? '';
    expect(html).toContain('Imunisasi &lt;campak&gt; &amp; rubela');
    expect(html).toContain('Imunisasi di Antapani jam berapa?');
    expect(html).toContain('Terima kasih infonya &lt;3');
    expect(html).toContain('Pukul 08.00–11.00 WIB, kak.');
    expect(html).toContain('Dibatalkan');
    expect(html.indexOf('Imunisasi di Antapani jam berapa?')).toBeLessThan(
      html.indexOf('Pukul 08.00–11.00 WIB, kak.'),
    );

    expect(await verifyZip(zip)).toMatchObject({ problems: [] });
    // One byte changed in one file, the manifest left as it was.
    const changed = new Map(files);
    const page = Buffer.from(html, 'utf8');
    page[page.indexOf('Antapani')] = 'a'.charCodeAt(0);
    changed.set('index.html', page);
    const tampered = await zipFiles(changed, manifest);
    const check = await verifyZip(tampered);
    expect(check.problems).toEqual([expect.objectContaining({ path: 'index.html', problem: 'changed' })]);

    const dir = await mkdtemp(join(tmpdir(), 'sebar-archive-'));
    await writeFile(join(dir, 'good.zip'), zip);
    await writeFile(join(dir, 'bad.zip'), tampered);
    const cli = (file: string) =>
      spawnSync('npx', ['tsx', 'bin/sebar.ts', 'archive', 'verify', join(dir, file)], { encoding: 'utf8' });
    const good = cli('good.zip');
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('OK:');
    const bad = cli('bad.zip');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('BERUBAH: index.html');
    // A new manifest over the changed file would verify: the manifest is what the officer keeps a hash of.
    expect((await verifyZip(await zipFiles(changed, manifestOf(changed, manifest)))).problems).toEqual([]);
  }, 180_000);

  it('with redactAuthors, no citizen handle or id is left anywhere in the zip, and each has one pseudonym', async () => {
    const api = staff(rt);
    const day = todayWib();
    const started = await api.request('/archive/exports', post({ from: day, to: day, redactAuthors: true }));
    expect(started.status).toBe(202);
    const ready = await waitFor('the redacted export', async () => {
      const s = (await api.request(`/archive/exports/${String(started.body.id)}`)).body;
      return s.state === 'ready' ? s : undefined;
    });
    const zip = Buffer.from(await (await fetch(String(ready.url))).arrayBuffer());
    expect((await verifyZip(zip)).problems).toEqual([]);
    const files = await unzipFiles(zip);
    const everything = [...files.values()].map((b) => b.toString('utf8')).join('\n');
    for (const handle of ['warga_antapani', 'siti_bdg', 'warga_hapus', '"4242"'])
      expect(everything).not.toContain(handle);
    const csv = files.get('csv/pesan-warga.csv')?.toString('utf8') ?? '';
    const names = new Set(csv.match(/Warga-[0-9A-F]{6}/g));
    expect(names.size).toBe(3);
    // Staff stay named: the reply is signed by who sent it.
    expect(files.get('index.html')?.toString('utf8')).toContain('Balasan petugas: humas@localhost');
  }, 60_000);

  it('refuses to overwrite a record through the adapter', async () => {
    const { putRecordOnce, getRecordBytes } = await import('../../functions/adapters/archive-store');
    const key = `records/${todayWib().replaceAll('-', '/')}/decision/test-overwrite.json`;
    expect(await putRecordOnce(key, '{"a":1}\n')).toBe(true);
    expect(await putRecordOnce(key, '{"a":1}\n')).toBe(false);
    await expect(putRecordOnce(key, '{"a":2}\n')).rejects.toMatchObject({
      name: 'RecordExistsError',
      statusCode: 409,
    });
    expect((await getRecordBytes(key))?.toString()).toBe('{"a":1}\n');
  });
});
