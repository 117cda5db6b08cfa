import { describe, expect, it } from 'vitest';
import {
  decideThroughPage,
  staff,
  submitItem,
  waitForApprovalLink,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * A table of figures becomes images through the gateway (POST /infographics), and those images go out through
 * the normal submit → approval → publish path with the alt text written from the same data.
 */
const { rt } = useRuntime();

const cases = {
  template: 'bar',
  title: 'Kasus DBD per kecamatan, November 2026',
  source: 'Dinas Kesehatan Kota Bandung',
  data: {
    unit: 'kasus',
    rows: [
      { label: 'Bojongloa Kidul', value: 42 },
      { label: 'Cibeunying Kaler', value: 31 },
      { label: 'Ujungberung', value: 12 },
    ],
  },
};

describe('infographics through the API', () => {
  it('renders an Instagram and an X image, and they publish through approval with their alt text', async () => {
    const api = staff(rt);
    const portrait = await api.request('/infographics', {
      method: 'POST',
      body: JSON.stringify({ ...cases, size: 'instagram-portrait' }),
    });
    expect(portrait.status, JSON.stringify(portrait.body)).toBe(201);
    expect(portrait.body).toMatchObject({ width: 1080, height: 1350 });
    expect(String(portrait.body.s3Key)).toMatch(/^uploads\/infographic-[0-9a-f]+\.png$/);
    const altText = String(portrait.body.altText);
    for (const part of ['Bojongloa Kidul', '42', 'Cibeunying Kaler', '31', 'Ujungberung', '12']) {
      expect(altText).toContain(part);
    }

    const landscape = await api.request('/infographics', {
      method: 'POST',
      body: JSON.stringify({ ...cases, size: 'x-landscape', format: 'jpeg' }),
    });
    expect(landscape.status).toBe(201);
    expect(landscape.body).toMatchObject({ width: 1600, height: 900 });

    const id = await submitItem(rt, {
      title: 'Kasus DBD per kecamatan',
      media: [{ s3Key: portrait.body.s3Key, altText }],
      platforms: ['instagram'],
    });
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const posts = await waitForPublished(rt, id, ['instagram']);
    expect(posts.instagram).toBeTruthy();
  });

  it('refuses bad data with the row and field, and a name next to a diagnosis', async () => {
    const api = staff(rt);
    const bad = await api.request('/infographics', {
      method: 'POST',
      body: JSON.stringify({
        ...cases,
        size: 'instagram-square',
        data: {
          unit: 'kasus',
          rows: [
            { label: 'Coblong', value: 3 },
            { label: 'Sukajadi', value: 'dua belas' },
          ],
        },
      }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('data.rows[1].value: harus angka');

    const personal = await api.request('/infographics', {
      method: 'POST',
      body: JSON.stringify({
        ...cases,
        size: 'instagram-square',
        title: 'Siti Rahayu (34) positif TBC',
      }),
    });
    expect(personal.status).toBe(400);
    expect(JSON.stringify(personal.body)).toContain('Siti Rahayu');
  });
});
