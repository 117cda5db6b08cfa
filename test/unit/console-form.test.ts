import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ComposeForm,
  contentBody,
  draftData,
  emptyForm,
  formFromDraft,
} from '../../web/src/compose/form';
import { fieldId, issueField, validateForm } from '../../web/src/compose/validate';
import { en } from '../../web/src/locales/en';
import { id } from '../../web/src/locales/id';
import * as itemMessages from '../../web/src/locales/item';
import { parseHash } from '../../web/src/routes';

beforeAll(async () => {
  await i18next.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } } });
});

const NOW = Date.parse('2026-12-01T03:00:00Z'); // 10.00 WIB

const filled = (): ComposeForm => {
  const base = emptyForm();
  return {
    ...base,
    title: ' Imunisasi campak ',
    caption: 'Imunisasi campak-rubela gratis di puskesmas. #Imunisasi',
    images: [
      {
        localId: 'i1',
        fileName: 'poster.jpg',
        state: 'ready',
        progress: 1,
        key: 'uploads/abc.jpg',
        altText: 'Poster imunisasi',
      },
    ],
    publishAt: '2026-12-24T09:00',
    sources: [{ localId: 's1', url: 'https://dinkes.bandung.go.id/imunisasi', title: 'Jadwal imunisasi' }],
    evaluationDays: 7,
    approvers: 'kepala@dinkes.go.id, sekretaris@dinkes.go.id',
    approvalRule: 'all',
  };
};

describe('the compose form as a POST /content body', () => {
  it('reads the publish time as WIB and names every field the API expects', () => {
    expect(contentBody(filled(), 'd0000000000000000000001')).toEqual({
      title: 'Imunisasi campak',
      caption: 'Imunisasi campak-rubela gratis di puskesmas. #Imunisasi',
      platforms: ['instagram', 'x'],
      publishAt: '2026-12-24T09:00:00+07:00',
      evaluateAfter: 'P7D',
      sources: [{ url: 'https://dinkes.bandung.go.id/imunisasi', title: 'Jadwal imunisasi' }],
      media: [{ s3Key: 'uploads/abc.jpg', altText: 'Poster imunisasi' }],
      approvers: ['kepala@dinkes.go.id', 'sekretaris@dinkes.go.id'],
      approvalRule: 'all',
      draftId: 'd0000000000000000000001',
    });
  });

  it('leaves approvers out when empty, so the office default applies', () => {
    const body = contentBody({ ...filled(), approvers: ' ' });
    expect(body).not.toHaveProperty('approvers');
    expect(body).not.toHaveProperty('draftId');
  });

  it('comes back the same from a saved draft', () => {
    const again = formFromDraft(JSON.parse(JSON.stringify(draftData(filled()))));
    expect(again.title).toBe(' Imunisasi campak ');
    expect(again.publishAt).toBe('2026-12-24T09:00');
    expect(again.evaluationDays).toBe(7);
    expect(again.approvalRule).toBe('all');
    expect(again.approvers).toBe('kepala@dinkes.go.id, sekretaris@dinkes.go.id');
    expect(again.sources.map((s) => [s.url, s.title])).toEqual([
      ['https://dinkes.bandung.go.id/imunisasi', 'Jadwal imunisasi'],
    ]);
    expect(again.images.map((i) => [i.key, i.altText, i.state])).toEqual([
      ['uploads/abc.jpg', 'Poster imunisasi', 'checking'],
    ]);
  });

  it('keeps a half-written draft without inventing a publish time', () => {
    const data = draftData({ ...emptyForm(), title: 'Baru mulai', publishAt: '2026-12' });
    expect(data).not.toHaveProperty('publishAt');
    expect(data.sources).toEqual([]);
    expect(formFromDraft({}).sources).toHaveLength(1);
  });
});

describe('checking the form before it is sent', () => {
  it('accepts a complete form', () => {
    expect(validateForm(filled(), NOW)).toEqual({});
  });

  it('says in Indonesian what is missing, next to each field', () => {
    const form = emptyForm();
    const errors = validateForm(form, NOW);
    expect(errors[fieldId.title]).toBe('Isi judul.');
    expect(errors[fieldId.caption]).toBe('Isi keterangan.');
    expect(errors[fieldId.images]).toBe('Tambahkan minimal satu gambar.');
    expect(errors[fieldId.publishAt]).toBe('Isi waktu terbit (WIB).');
    expect(errors[fieldId.sourceUrl(form.sources[0]?.localId ?? '')]).toBe('Isi tautan sumber.');
  });

  it('refuses a time already past in WIB, an image without alt text, and a bad approver', () => {
    const form = filled();
    const errors = validateForm(
      {
        ...form,
        publishAt: '2026-12-01T09:59',
        images: form.images.map((i) => ({ ...i, altText: ' ' })),
        approvers: 'kepala@dinkes',
        instagram: false,
        x: false,
      },
      NOW,
    );
    expect(errors[fieldId.publishAt]).toMatch(/sudah lewat/);
    expect(errors[fieldId.alt('i1')]).toBe('Isi teks alternatif untuk gambar ini.');
    expect(errors[fieldId.approvers]).toMatch(/kepala@dinkes/);
    expect(errors[fieldId.platforms]).toMatch(/Instagram atau X/);
    expect(validateForm({ ...form, publishAt: '2026-12-01T10:01' }, NOW)).toEqual({});
  });

  it('refuses more than four images for X and a caption over Instagram limits', () => {
    const image = filled().images[0]!;
    const five = Array.from({ length: 5 }, (_, n) => ({ ...image, localId: `i${n}` }));
    expect(validateForm({ ...filled(), images: five }, NOW)[fieldId.images]).toMatch(/4 gambar/);
    expect(validateForm({ ...filled(), images: five, x: false }, NOW)[fieldId.images]).toBeUndefined();
    const tags = Array.from({ length: 31 }, (_, n) => `#t${n}`).join(' ');
    expect(validateForm({ ...filled(), caption: tags }, NOW)[fieldId.caption]).toMatch(
      /30 tagar \(sekarang 31\)/,
    );
  });

  it('puts a server issue next to the field it names', () => {
    const form = filled();
    expect(issueField({ path: 'media.0.altText', message: 'x' }, form)).toBe(fieldId.alt('i1'));
    expect(issueField({ path: 'sources.0.url', message: 'x' }, form)).toBe(fieldId.sourceUrl('s1'));
    expect(issueField({ path: 'publishAt', message: 'x' }, form)).toBe(fieldId.publishAt);
    expect(issueField({ path: '(root)', message: 'x' }, form)).toBe(fieldId.general);
  });
});

describe('hash routes', () => {
  it('names the screen and its id', () => {
    expect(parseHash('')).toEqual({ screen: 'beranda' });
    expect(parseHash('#/tulis')).toEqual({ screen: 'tulis' });
    expect(parseHash('#/tulis/d0000000000000000000001')).toEqual({
      screen: 'tulis',
      param: 'd0000000000000000000001',
    });
    expect(parseHash('#/item/c0abc')).toEqual({ screen: 'item', param: 'c0abc' });
    expect(parseHash('#/kotak-masuk')).toEqual({ screen: 'kotak-masuk' });
    expect(parseHash('#/item')).toEqual({ screen: 'not-found' });
    expect(parseHash('#/kalender/x')).toEqual({ screen: 'not-found' });
    expect(parseHash('#/token=abc')).toEqual({ screen: 'not-found' });
  });
});

describe('the English messages', () => {
  const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'string'
        ? [`${prefix}${k.replace(/_(one|other)$/, '')}`]
        : keys(v as Record<string, unknown>, `${prefix}${k}.`),
    );
  it('have every key the Indonesian ones have, and no other', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(id))].sort());
  });
  it('of the item page have every key the Indonesian ones have, and no other, and none the main ones have', () => {
    const itemKeys = [...new Set(keys(itemMessages.id))].sort();
    expect([...new Set(keys(itemMessages.en))].sort()).toEqual(itemKeys);
    expect(itemKeys.filter((k) => keys(id).includes(k))).toEqual([]);
  });
  it('use plural forms where a count is shown, and Indonesian needs none', () => {
    expect(i18next.t('compose.evaluationDays', { count: 1, lng: 'en' })).toBe('1 day after publishing');
    expect(i18next.t('compose.evaluationDays', { count: 7, lng: 'en' })).toBe('7 days after publishing');
    expect(i18next.t('compose.evaluationDays', { count: 1 })).toBe('1 hari setelah terbit');
  });
});
