import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { sampleItem, staff, startTestRuntime, testEnv, waitFor } from '../helpers/local';

/*
 * The staff console's routes over real HTTP through the local gateway, as the browser calls them: upload
 * an image with a presigned POST (from the console's origin), preview it as Instagram will get it, screen
 * text, keep a draft, submit it, find the item on the calendar and the dashboard, and every 4xx on the way.
 */

let rt: LocalRuntime;
let api: ReturnType<typeof staff>;
const post = (path: string, body: unknown) =>
  api.request(path, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  rt = await startTestRuntime(await testEnv());
  api = staff(rt);
});
afterAll(async () => {
  await rt?.stop();
});

/** A tall PNG (1:2), which Instagram would refuse: converted and padded to 4:5. */
const tallPng = () =>
  sharp({ create: { width: 600, height: 1200, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .png()
    .toBuffer();

const upload = async (bytes: Buffer, contentType: string) => {
  const r = await post('/uploads', { fileName: 'poster.png', contentType, bytes: bytes.length });
  expect(r.status).toBe(201);
  const u = r.body as { key: string; upload: { url: string; fields: Record<string, string> } };
  const form = new FormData();
  for (const [k, v] of Object.entries(u.upload.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'poster.png');
  const sent = await fetch(u.upload.url, {
    method: 'POST',
    body: form,
    headers: { origin: rt.endpoints.gateway },
  });
  return { key: u.key, status: sent.status, allowOrigin: sent.headers.get('access-control-allow-origin') };
};

describe('the console API over HTTP', () => {
  it('refuses every new route without the staff token', async () => {
    for (const [method, path] of [
      ['GET', '/dashboard'],
      ['GET', '/calendar'],
      ['GET', '/drafts'],
      ['POST', '/uploads'],
      ['POST', '/screening'],
      ['POST', '/media/preview'],
    ] as const) {
      const r = await fetch(`${rt.endpoints.gateway}${path}`, { method });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
  });

  it('uploads straight to storage, previews the Instagram conversion, and refuses bad requests', async () => {
    const png = await tallPng();
    const up = await upload(png, 'image/png');
    expect(up.status).toBe(204);
    expect(up.allowOrigin).toBe(rt.endpoints.gateway);
    expect(up.key).toMatch(/^uploads\/[0-9a-f]{24}\.png$/);

    const preview = await post('/media/preview', { s3Key: up.key });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ width: 960, height: 1200, contentType: 'image/jpeg' });
    expect(preview.body.changes).toEqual([
      'Gambar PNG diubah menjadi JPEG',
      'Diberi bingkai putih di kiri dan kanan agar rasio 4:5',
    ]);
    const image = await fetch(String(preview.body.url));
    expect(image.status).toBe(200);
    const got = Buffer.from(await image.arrayBuffer());
    expect(got.length).toBe(preview.body.bytes);
    expect(await sharp(got).metadata()).toMatchObject({ format: 'jpeg', width: 960, height: 1200 });

    const webp = await post('/uploads', { fileName: 'a.webp', contentType: 'image/webp', bytes: 100 });
    expect(webp.status).toBe(400);
    expect(webp.body.issues).toEqual([expect.objectContaining({ path: 'contentType' })]);
    const big = await post('/uploads', {
      fileName: 'a.jpg',
      contentType: 'image/jpeg',
      bytes: 9 * 1024 * 1024,
    });
    expect(big.status).toBe(400);
    expect((await post('/uploads', { fileName: 'a.jpg', contentType: 'image/jpeg' })).status).toBe(400);
    expect((await post('/media/preview', { s3Key: 'uploads/missing.jpg' })).status).toBe(404);
    expect((await post('/media/preview', { s3Key: 'reports/x.json' })).status).toBe(400);
  });

  it('screens text as staff type, in Indonesian', async () => {
    const clean = await post('/screening', { title: 'Cegah DBD', caption: 'Lakukan 3M Plus di rumah.' });
    expect(clean).toEqual({ status: 200, body: { ok: true, findings: [] } });
    const found = await post('/screening', {
      caption: 'Pasien Budi Santoso positif DBD',
      altTexts: ['poster'],
    });
    expect(found.status).toBe(200);
    expect(found.body.ok).toBe(false);
    expect(found.body.findings).toEqual([
      { field: 'caption', message: expect.stringContaining('Budi Santoso') },
    ]);
    expect((await post('/screening', { caption: 5 })).status).toBe(400);
    expect((await post('/screening', { body: 'x' })).status).toBe(400);
  });

  it('keeps a draft, refuses a stale save, and deletes it once the item is submitted', async () => {
    const up = await upload(await tallPng(), 'image/png');
    const base = await sampleItem({ publishAt: new Date(Date.now() + 2 * 3600_000).toISOString() });
    const partial = {
      title: base.title,
      caption: base.caption,
      media: [{ s3Key: up.key, altText: 'Poster' }],
    };
    const created = await post('/drafts', { data: partial });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(created.body).toMatchObject({ version: 1, data: partial });
    expect((await api.request('/drafts')).body.drafts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, title: base.title, updatedBy: 'humas@localhost' }),
      ]),
    );
    const full = { ...partial, platforms: base.platforms, publishAt: base.publishAt, sources: base.sources };
    const put = (version: number, data: unknown) =>
      api.request(`/drafts/${id}`, { method: 'PUT', body: JSON.stringify({ version, data }) });
    expect((await put(1, full)).body).toMatchObject({ id, version: 2 });
    const stale = await put(1, partial);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('ConflictError');
    expect((await api.request(`/drafts/${id}`)).body).toMatchObject({ version: 2, data: full });
    expect((await post('/drafts', { data: { title: 'x'.repeat(300) } })).status).toBe(400);
    expect((await post('/drafts', { data: { nope: 1 } })).status).toBe(400);
    expect((await api.request('/drafts/not-a-draft')).status).toBe(400);
    expect((await api.request('/drafts/d000000000000000000000')).status).toBe(404);

    const submitted = await post('/content', { ...base, media: full.media, draftId: id });
    expect(submitted.status).toBe(201);
    const itemId = String(submitted.body.id);
    expect((await api.request(`/drafts/${id}`)).status).toBe(404);
    // The same draft again: refused before anything is created.
    const again = await post('/content', { ...base, media: full.media, draftId: id });
    expect(again.status).toBe(404);

    // The calendar (through the publish-month index) and the dashboard show it.
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const cal = await api.request(`/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(cal.status).toBe(200);
    expect(cal.body.items).toEqual(
      expect.arrayContaining([
        {
          id: itemId,
          title: base.title,
          status: expect.any(String),
          publishAt: base.publishAt,
          platforms: base.platforms,
          revision: 1,
        },
      ]),
    );
    const dash = await waitFor('the item waiting for approval on the dashboard', async () => {
      const d = (await api.request('/dashboard')).body as Record<string, { itemId?: string; id?: string }[]>;
      return d.awaitingApproval?.some((a) => a.itemId === itemId) ? d : undefined;
    });
    expect([...(dash.today ?? []), ...(dash.week ?? [])].map((e) => e.id)).toContain(itemId);
    const waiting = dash.awaitingApproval?.find((a) => a.itemId === itemId) as unknown as {
      approvers: { email: string; status: string }[];
    };
    expect(waiting.approvers).toEqual([{ email: expect.any(String), status: 'pending' }]);
    expect(dash.tokens).toHaveLength(2);
    for (const key of ['blocked', 'failed', 'urgent', 'overdueFollowUps'])
      expect(Array.isArray(dash[key])).toBe(true);

    // Cancelled, it stays on the calendar with its status.
    expect((await post(`/content/${itemId}/cancel`, { reason: 'Jadwal diganti' })).status).toBe(200);
    const after = await api.request(
      `/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect((after.body.items as { id: string; status: string }[]).find((e) => e.id === itemId)?.status).toBe(
      'cancelled',
    );

    const del = await post('/drafts', { data: {} });
    const removed = await fetch(`${rt.endpoints.gateway}/drafts/${del.body.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${rt.apiToken}` },
    });
    expect(removed.status).toBe(204);
    expect((await api.request(`/drafts/${del.body.id}`)).status).toBe(404);
  });

  it('refuses calendar ranges that are missing, reversed or longer than 62 days', async () => {
    const at = (days: number) =>
      encodeURIComponent(new Date(Date.UTC(2026, 10, 1) + days * 86_400_000).toISOString());
    expect((await api.request('/calendar')).status).toBe(400);
    expect((await api.request(`/calendar?from=${at(5)}&to=${at(1)}`)).status).toBe(400);
    const long = await api.request(`/calendar?from=${at(0)}&to=${at(63)}`);
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('62 days');
    expect((await api.request(`/calendar?from=2026-11-01&to=2026-11-02`)).status).toBe(400);
    expect((await api.request(`/calendar?from=${at(0)}&to=${at(62)}`)).status).toBe(200);
  });
});
