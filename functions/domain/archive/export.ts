import type { Platform } from '../content/content';
import { csvTable } from '../support/csv';
import { renderArchiveHtml } from './archive-html';
import { daysOf, type ExportInput, rangeInstants } from './export-input';
import { type Manifest, manifestOf, zipFiles } from './package';
import { Pseudonyms, redactText } from './pseudonyms';
import {
  type ArchiveRecord,
  type DecisionRecord,
  type PlatformEventRecord,
  type PublicationRecord,
  prefixOfDay,
  type ReplyRecord,
} from './records';

/** A citizen's message as the export shows it (from the feedback table). */
export interface ExportMessage {
  readonly id: string;
  readonly platform: Platform;
  readonly platformId: string;
  readonly kind: string;
  readonly authorHandle: string;
  readonly authorId?: string;
  readonly text: string;
  readonly createdAt: string;
  readonly receivedAt: string;
  readonly itemId?: string;
  readonly postId?: string;
  readonly label?: string;
  readonly category?: string | null;
  readonly status?: string;
  readonly deletedAt?: string;
  readonly rawKey?: string;
}

/** What an export reads: the archive's records, the citizens' messages and their raw webhook deliveries. */
export interface ExportSources {
  readonly listRecordKeys: (prefix: string) => Promise<string[]>;
  readonly getRecordBytes: (key: string) => Promise<Buffer | undefined>;
  readonly messagesBetween: (start: string, end: string) => Promise<ExportMessage[]>;
  readonly getRawBytes: (key: string) => Promise<Buffer | undefined>;
}

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
}

export interface BuiltExport {
  readonly zip: Buffer;
  readonly manifest: Manifest;
}

const byTime = <T extends { at: string }>(a: T, b: T) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** Replaces a platform user object (X `user`, Instagram `from`) by its pseudonym, everywhere in a payload. */
const redactPayload = (value: unknown, platform: string, names: Pseudonyms): unknown => {
  if (Array.isArray(value)) return value.map((v) => redactPayload(v, platform, names));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const handle = o.screen_name ?? o.username;
  if (typeof handle === 'string') return { pseudonym: names.of(platform, handle) };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, redactPayload(v, platform, names)]));
};

const rawPlatform = (key: string): string => key.split('/')[1] ?? '';

/**
 * Builds one export: every record of the range's WIB days, the citizens' messages received in it with their
 * raw deliveries, index.html and CSVs, and manifest.json over all of them. `onProgress` hears after each
 * record and each raw delivery read.
 */
export const buildExport = async (
  input: ExportInput,
  sources: ExportSources,
  options: { now: Date; onProgress?: (p: ExportProgress) => void | Promise<void>; officeName?: string },
): Promise<BuiltExport> => {
  const { start, end } = rangeInstants(input.from, input.to);
  const keys = (
    await Promise.all(daysOf(input.from, input.to).map((d) => sources.listRecordKeys(prefixOfDay(d))))
  )
    .flat()
    .sort();
  const messages = (await sources.messagesBetween(start, end)).sort((a, b) =>
    a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0,
  );
  const records: ArchiveRecord[] = [];
  const storedRecords = new Map<string, Buffer>();
  let done = 0;
  const rawKeys = new Set<string>();
  const total = () => keys.length + rawKeys.size;
  for (const key of keys) {
    let bytes: Buffer | undefined;
    try {
      bytes = await sources.getRecordBytes(key);
    } catch (error) {
      // A record in Deep Archive must be restored first: say which one.
      throw new Error(`${key}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (bytes) {
      storedRecords.set(key, bytes);
      const record = JSON.parse(bytes.toString('utf8')) as ArchiveRecord;
      records.push(record);
      if (record.kind === 'platform-event') rawKeys.add(record.rawKey);
    }
    done += 1;
    if (done % 25 === 0) await options.onProgress?.({ done, total: total() });
  }
  for (const m of messages) if (m.rawKey) rawKeys.add(m.rawKey);

  const names = input.redactAuthors ? new Pseudonyms() : undefined;
  const author = (platform: string, handle: string) => (names ? names.of(platform, handle) : handle);
  for (const m of messages) {
    author(m.platform, m.authorHandle);
    if (names && m.authorId) names.of(m.platform, m.authorId);
  }
  const shownMessages: ExportMessage[] = messages.map((m) => {
    if (!names) return m;
    const { authorId: _id, ...rest } = m;
    return {
      ...rest,
      authorHandle: author(m.platform, m.authorHandle),
      text: redactText(m.text, names.replacements()),
    };
  });

  const files = new Map<string, Buffer>();
  for (const [key, bytes] of storedRecords) {
    if (!names) {
      files.set(key, bytes);
      continue;
    }
    // Staff names stay; a citizen's handle or id inside a record (a reply's text, a deletion's author) does not.
    files.set(key, Buffer.from(redactText(bytes.toString('utf8'), names.replacements()), 'utf8'));
  }
  const rawMissing: string[] = [];
  for (const key of [...rawKeys].sort()) {
    const bytes = await sources.getRawBytes(key);
    done += 1;
    await options.onProgress?.({ done, total: total() });
    if (!bytes) {
      rawMissing.push(key);
      continue;
    }
    let out = bytes;
    if (names) {
      const platform = rawPlatform(key);
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const text =
        parsed === undefined
          ? bytes.toString('utf8')
          : JSON.stringify(redactPayload(parsed, platform, names), null, 2);
      out = Buffer.from(redactText(text, names.replacements()), 'utf8');
    }
    files.set(`raw/${key}`, out);
  }
  await options.onProgress?.({ done, total: total() });

  const posts = records.filter((r): r is PublicationRecord => r.kind === 'publication').sort(byTime);
  const replies = records.filter((r): r is ReplyRecord => r.kind === 'reply').sort(byTime);
  const decisions = records.filter((r): r is DecisionRecord => r.kind === 'decision').sort(byTime);
  const events = records.filter((r): r is PlatformEventRecord => r.kind === 'platform-event').sort(byTime);
  const shownReplies = names
    ? replies.map((r) => ({ ...r, text: redactText(r.text, names.replacements()) }))
    : replies;
  const createdAt = options.now.toISOString();
  const counts = {
    publications: posts.length,
    messages: messages.length,
    replies: replies.length,
    decisions: decisions.length,
    platformEvents: events.length,
    rawDeliveries: rawKeys.size - rawMissing.length,
  };

  files.set(
    'index.html',
    Buffer.from(
      renderArchiveHtml({
        from: input.from,
        to: input.to,
        createdAt,
        redacted: input.redactAuthors,
        officeName: options.officeName ?? 'Dinas Kesehatan Kota Bandung',
        posts,
        messages: shownMessages,
        replies: shownReplies,
        decisions,
        events,
        counts,
        rawMissing,
      }),
      'utf8',
    ),
  );
  const csv = (name: string, header: string[], rows: (string | number | null | undefined)[][]) =>
    files.set(`csv/${name}.csv`, Buffer.from(csvTable(header, rows), 'utf8'));
  csv(
    'unggahan',
    ['waktu_utc', 'platform', 'item', 'revisi', 'judul', 'post_id', 'tautan', 'teks', 'disetujui_oleh'],
    posts.map((p) => [
      p.at,
      p.platform,
      p.itemId,
      p.revision,
      p.title,
      p.postId,
      p.url,
      p.texts.join('\n\n'),
      p.approvals.map((a) => `${a.by} (${a.decision})`).join('; '),
    ]),
  );
  csv(
    'pesan-warga',
    [
      'diterima_utc',
      'platform',
      'id',
      'jenis',
      'penulis',
      'teks',
      'label',
      'kategori',
      'item',
      'post_id',
      'dihapus_utc',
      'berkas_asli',
    ],
    shownMessages.map((m) => [
      m.receivedAt,
      m.platform,
      m.id,
      m.kind,
      m.authorHandle,
      m.text,
      m.label,
      m.category,
      m.itemId,
      m.postId,
      m.deletedAt,
      m.rawKey ? `raw/${m.rawKey}` : '',
    ]),
  );
  csv(
    'balasan',
    ['waktu_utc', 'platform', 'pesan', 'oleh', 'teks', 'id_balasan'],
    shownReplies.map((r) => [r.at, r.platform, r.feedbackId, r.by, r.text, r.platformReplyId]),
  );
  csv(
    'keputusan',
    ['waktu_utc', 'item', 'revisi', 'keputusan', 'oleh', 'catatan', 'ip', 'user_agent'],
    decisions.map((d) => [d.at, d.itemId, d.revision, d.action, d.by, d.comment, d.ip, d.userAgent]),
  );

  const manifest = manifestOf(files, {
    from: input.from,
    to: input.to,
    createdAt,
    redactedAuthors: input.redactAuthors,
    counts,
  });
  return { zip: await zipFiles(files, manifest), manifest };
};
