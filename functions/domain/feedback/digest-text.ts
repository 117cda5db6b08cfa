import { formatLocal } from '../support/time';
import type { FollowUpView } from './follow-ups';

/** The daily digest's shape and its plain-text form (no AWS here: the CLI prints it too). */

export interface DigestEntry {
  readonly id: string;
  readonly platform: string;
  readonly author: string;
  readonly text: string;
  readonly createdAt: string;
  readonly itemId?: string;
  readonly status: string;
}

export interface Digest {
  readonly generatedAt: string;
  readonly since: string;
  readonly newFeedback: number;
  readonly complaintsByCategory: { category: string; name: string; count: number; examples: DigestEntry[] }[];
  readonly unansweredQuestions: { count: number; entries: DigestEntry[] };
  readonly urgent: { count: number; entries: DigestEntry[] };
  readonly watches: { keyword: string; count: number; entries: DigestEntry[] }[];
  readonly overdueFollowUps: {
    count: number;
    entries: Pick<FollowUpView, 'id' | 'unit' | 'dueAt' | 'status' | 'summary' | 'feedbackId'>[];
  };
  /** Stored more than 15 minutes ago and still not classified: look at the dead-letter queue. */
  readonly unprocessed: number;
}

const STATUS_NAMES: Record<string, string> = {
  open: 'belum dijawab',
  answered: 'sudah dijawab',
  closed: 'ditutup',
};

/** The digest as the email's plain text (the HTML part carries the same lines). */
export const digestText = (d: Digest, timeZone: string): string => {
  const when = (iso: string) => formatLocal(iso, timeZone);
  const line = (x: DigestEntry) =>
    `  - [${x.platform === 'instagram' ? 'IG' : 'X'}] @${x.author}, ${when(x.createdAt)}: "${x.text}" (${STATUS_NAMES[x.status] ?? x.status}; GET /feedback/${x.id})`;
  const more = (count: number, shown: number) =>
    count > shown ? [`  ... dan ${count - shown} lainnya`] : [];
  const out: string[] = [
    `Ringkasan 24 jam terakhir (sejak ${when(d.since)}): ${d.newFeedback} tanggapan baru.`,
    '',
  ];
  out.push(`DARURAT: ${d.urgent.count}`);
  out.push(...d.urgent.entries.map(line), ...more(d.urgent.count, d.urgent.entries.length), '');
  out.push(`Keluhan baru per kategori: ${d.complaintsByCategory.reduce((n, c) => n + c.count, 0)}`);
  for (const c of d.complaintsByCategory) out.push(` ${c.name}: ${c.count}`, ...c.examples.map(line));
  out.push('');
  out.push(`Pertanyaan belum dijawab lebih dari 24 jam: ${d.unansweredQuestions.count}`);
  out.push(
    ...d.unansweredQuestions.entries.map(line),
    ...more(d.unansweredQuestions.count, d.unansweredQuestions.entries.length),
    '',
  );
  out.push(`Kata kunci yang dipantau: ${d.watches.length ? '' : 'tidak ada yang muncul'}`);
  for (const w of d.watches) out.push(` "${w.keyword}": ${w.count}`, ...w.entries.map(line));
  out.push('');
  out.push(`Tindak lanjut lewat tenggat: ${d.overdueFollowUps.count}`);
  for (const f of d.overdueFollowUps.entries)
    out.push(
      `  - ${f.unit}, tenggat ${when(f.dueAt)} (${f.status}): "${f.summary.slice(0, 120)}" (GET /follow-ups/${f.id})`,
    );
  out.push(...more(d.overdueFollowUps.count, d.overdueFollowUps.entries.length));
  if (d.unprocessed)
    out.push(
      '',
      `${d.unprocessed} pesan belum terklasifikasi lebih dari 15 menit: periksa dead-letter queue.`,
    );
  return out.join('\n');
};
