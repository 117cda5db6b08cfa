import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecordExistsError } from '../../functions/adapters/archive-store';
import { renderArchiveHtml } from '../../functions/domain/archive/archive-html';
import type { ExportMessage } from '../../functions/domain/archive/export';
import { daysOf, exportInput, rangeInstants } from '../../functions/domain/archive/export-input';
import {
  MANIFEST,
  manifestOf,
  unzipFiles,
  verifyFiles,
  verifyZip,
  zipFiles,
} from '../../functions/domain/archive/package';
import { Pseudonyms, redactText } from '../../functions/domain/archive/pseudonyms';
import {
  type DecisionRecord,
  keepRecord,
  type PublicationRecord,
  recordBytes,
  recordKey,
} from '../../functions/domain/archive/records';

const head = {
  from: '2026-12-02',
  to: '2026-12-02',
  createdAt: '2026-12-02T05:00:00.000Z',
  redactedAuthors: false,
  counts: {},
};

const sample = () =>
  new Map<string, Buffer>([
    ['records/2026/12/02/publication/a.json', Buffer.from('{"a":1}\n')],
    ['index.html', Buffer.from('<!doctype html><p>Halo</p>')],
    ['csv/pesan-warga.csv', Buffer.from('\uFEFFid\r\n1\r\n')],
  ]);

describe('the export manifest and its verification', () => {
  it('lists every file but itself with its SHA-256 and size, and a fresh zip verifies', async () => {
    const files = sample();
    const manifest = manifestOf(files, head);
    expect(manifest.files.map((f) => f.path).sort()).toEqual([...files.keys()].sort());
    expect(manifest.files.find((f) => f.path === 'index.html')).toEqual({
      path: 'index.html',
      sha256: createHash('sha256')
        .update(files.get('index.html') ?? '')
        .digest('hex'),
      bytes: files.get('index.html')?.length,
    });
    const zip = await zipFiles(files, manifest);
    const back = await unzipFiles(zip);
    expect([...back.keys()].sort()).toEqual([MANIFEST, ...files.keys()].sort());
    expect(await verifyZip(zip)).toMatchObject({ files: 3, problems: [] });
  });

  it('names a changed byte, a missing file and a file the manifest does not list', () => {
    const files = sample();
    const manifest = manifestOf(files, head);
    const tampered = new Map(files);
    tampered.set(MANIFEST, Buffer.from(JSON.stringify(manifest)));
    const bytes = Buffer.from(tampered.get('index.html') ?? '');
    bytes[bytes.length - 3] = 0x21;
    tampered.set('index.html', bytes);
    tampered.delete('csv/pesan-warga.csv');
    tampered.set('extra.txt', Buffer.from('added later'));
    const problems = verifyFiles(tampered);
    expect(problems.map((p) => [p.problem, p.path]).sort()).toEqual(
      [
        ['changed', 'index.html'],
        ['missing', 'csv/pesan-warga.csv'],
        ['not-listed', 'extra.txt'],
      ].sort(),
    );
  });

  it('refuses a zip without a manifest, and bytes that are not a zip', async () => {
    expect(verifyFiles(sample())).toEqual([expect.objectContaining({ path: MANIFEST, problem: 'missing' })]);
    const notZip = await verifyZip(Buffer.from('not a zip at all'));
    expect(notZip.problems[0]).toMatchObject({ path: '(zip)', problem: 'manifest' });
  });
});

describe('pseudonyms for citizens', () => {
  it('give the same citizen the same name within one export, whatever the case or @, and others a different one', () => {
    const names = new Pseudonyms(Buffer.alloc(32, 7));
    const a = names.of('instagram', 'Budi_Bdg');
    expect(a).toMatch(/^Warga-[0-9A-F]{6}$/);
    expect(names.of('instagram', '@budi_bdg')).toBe(a);
    expect(names.of('instagram', 'siti.rw05')).not.toBe(a);
    expect(names.of('x', 'budi_bdg')).not.toBe(a);
  });

  it('are not the same across exports (a key per export), so two exports cannot be joined on them', () => {
    expect(new Pseudonyms().of('x', 'warga1')).not.toBe(new Pseudonyms().of('x', 'warga1'));
  });

  it('replace handles inside text as whole words only', () => {
    const names = new Pseudonyms(Buffer.alloc(32, 1));
    const p = names.of('x', 'ani');
    expect(redactText('Terima kasih @ani, ani sudah kami catat; Daniel tidak.', names.replacements())).toBe(
      `Terima kasih ${p}, ${p} sudah kami catat; Daniel tidak.`,
    );
  });
});

describe('record keys and bytes', () => {
  const decision: DecisionRecord = {
    kind: 'decision',
    id: 'approval-abc',
    at: '2026-12-01T18:30:00.000Z',
    itemId: 'c1',
    action: 'approved',
    by: 'kepala@dinkes.example.go.id',
    comment: 'Setuju',
  };

  it('files a record under its WIB day (01:30 WIB on 2 December is still 1 December in UTC)', () => {
    expect(recordKey(decision)).toBe('records/2026/12/02/decision/approval-abc.json');
  });

  it('writes equal records as equal bytes, whatever the order of their fields', () => {
    const reordered = Object.fromEntries(Object.entries(decision).reverse()) as unknown as DecisionRecord;
    expect(recordBytes(reordered).equals(recordBytes(decision))).toBe(true);
  });

  it('throws a retryable error when the store fails, and a refusal to overwrite as it is', async () => {
    await expect(
      keepRecord(decision, async () => {
        throw new Error('socket hang up');
      }),
    ).rejects.toMatchObject({ name: 'TransientError' });
    const exists = new RecordExistsError('records/2026/12/02/decision/approval-abc.json');
    await expect(
      keepRecord(decision, async () => {
        throw exists;
      }),
    ).rejects.toBe(exists);
  });
});

describe('export requests', () => {
  it('takes WIB days, both included, up to 366 of them', () => {
    expect(exportInput.parse({ from: '2026-12-01', to: '2026-12-02' })).toEqual({
      from: '2026-12-01',
      to: '2026-12-02',
      redactAuthors: false,
    });
    expect(daysOf('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(rangeInstants('2026-12-02', '2026-12-02')).toEqual({
      start: '2026-12-01T17:00:00.000Z',
      end: '2026-12-02T17:00:00.000Z',
    });
    expect(exportInput.safeParse({ from: '2026-01-01', to: '2026-12-31' }).success).toBe(true);
  });

  it.each([
    [{ from: '2026-12-32', to: '2026-12-31' }, 'from', 'tidak ada'],
    [{ from: '02-12-2026', to: '2026-12-31' }, 'from', 'YYYY-MM-DD'],
    [{ from: '2026-12-03', to: '2026-12-02' }, 'to', 'sebelum'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'to', '366'],
    [{ from: '2026-12-01', to: '2026-12-02', extra: 1 }, '', ''],
  ])('refuses %j naming the field', (input, path, words) => {
    const out = exportInput.safeParse(input);
    expect(out.success).toBe(false);
    const issue = out.error?.issues[0];
    expect(issue?.path.join('.') ?? '').toBe(path);
    expect(issue?.message).toContain(words);
  });
});

describe('index.html', () => {
  const post: PublicationRecord = {
    kind: 'publication',
    id: 'c1-r1-x',
    at: '2026-12-02T02:12:00.000Z',
    itemId: 'c1',
    revision: 1,
    title: 'Cegah <DBD> & "3M"',
    platform: 'x',
    postId: '1900',
    url: 'https://x.com/i/status/1900"><script>alert(1)</script>',
    texts: ['Bagian satu <b>', 'Bagian dua'],
    media: [],
    approvals: [
      {
        by: 'kepala@dinkes.example.go.id',
        decision: 'approved',
        comment: 'Ok <i>',
        at: '2026-12-02T01:00:00.000Z',
        ip: '10.0.0.1',
        userAgent: 'Mail <x>',
      },
    ],
    screening: { factFinding: null, blocked: null },
    screeningOverride: null,
  };
  const page = renderArchiveHtml({
    from: '2026-12-02',
    to: '2026-12-02',
    createdAt: '2026-12-02T05:00:00.000Z',
    redacted: false,
    officeName: 'Dinas Kesehatan Kota Bandung',
    posts: [post],
    messages: (
      [
        {
          id: 'x-2',
          platform: 'x',
          platformId: '2',
          kind: 'reply',
          authorHandle: 'warga2',
          text: 'kedua',
          createdAt: '2026-12-02T03:00:00.000Z',
          receivedAt: '2026-12-02T03:00:01.000Z',
          postId: '1900',
        },
        {
          id: 'x-1',
          platform: 'x',
          platformId: '1',
          kind: 'reply',
          authorHandle: 'warga<1>',
          text: '<img src=x onerror=alert(1)>',
          createdAt: '2026-12-02T02:30:00.000Z',
          receivedAt: '2026-12-02T02:30:01.000Z',
          postId: '1900',
        },
      ] satisfies ExportMessage[]
    ).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1)),
    replies: [
      {
        kind: 'reply',
        id: 'x-1-r',
        at: '2026-12-02T02:45:00.000Z',
        feedbackId: 'x-1',
        platform: 'x',
        inReplyTo: '1',
        platformReplyId: '1901',
        by: 'humas@dinkes.example.go.id',
        text: 'Terima kasih & salam',
      },
    ],
    decisions: [],
    events: [],
    counts: { publications: 1, messages: 2, replies: 1, decisions: 0, platformEvents: 0 },
    rawMissing: [],
  });

  it('escapes every value from the records', () => {
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('Cegah &lt;DBD&gt; &amp; &quot;3M&quot;');
    expect(page).toContain('href="https://x.com/i/status/1900&quot;&gt;&lt;script&gt;');
    expect(page).toContain('@warga&lt;1&gt;');
    expect(page).toContain('Mail &lt;x&gt;');
  });

  it('is Indonesian, self-contained, in WIB, with comments and replies in time order under the post', () => {
    expect(page).toContain('<html lang="id">');
    expect(page).not.toMatch(/<link |<script|src="http/);
    expect(page).toContain('Rabu, 2 Desember 2026 pukul 09.12 WIB');
    expect(page).toContain('Dinas Kesehatan Kota Bandung · Rabu, 2 Desember 2026 (WIB)');
    expect(page).toContain('utas 2 bagian');
    const first = page.indexOf('@warga&lt;1&gt;');
    const reply = page.indexOf('Terima kasih &amp; salam');
    const second = page.indexOf('@warga2');
    expect(first).toBeGreaterThan(page.indexOf('Tanggapan warga dan balasan petugas (2)'));
    expect(first).toBeLessThan(reply);
    expect(reply).toBeLessThan(second);
  });
});
