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
  /** Open questions past the response time (`workingDays` working days, counted in WIB). */
  readonly unansweredQuestions: {
    count: number;
    workingDays: number;
    entries: (DigestEntry & { dueDay: string; workingDaysLate: number })[];
  };
  readonly urgent: { count: number; entries: DigestEntry[] };
  readonly watches: { keyword: string; count: number; entries: DigestEntry[] }[];
  readonly overdueFollowUps: {
    count: number;
    entries: Pick<
      FollowUpView,
      'id' | 'unit' | 'dueAt' | 'dueDay' | 'workingDaysLate' | 'status' | 'summary' | 'feedbackId'
    >[];
  };
  /** Stored more than 15 minutes ago and still not classified: look at the dead-letter queue. */
  readonly unprocessed: number;
}

const STATUS_NAMES: Record<string, string> = {
  open: 'belum dijawab',
  answered: 'sudah dijawab',
  closed: 'ditutup',
};

const FOLLOW_UP_STATUS_NAMES: Record<string, string> = {
  open: 'baru',
  in_progress: 'sedang dikerjakan',
  resolved: 'selesai',
};

/** "terlambat 2 hari kerja"; a deadline passed with no working day since (a weekend) is just "lewat tenggat". */
export const lateWords = (workingDays: number): string =>
  workingDays > 0 ? `terlambat ${workingDays} hari kerja` : 'lewat tenggat';

/** A WIB day (`YYYY-MM-DD`) in Indonesian words: "Jumat, 25 Desember 2026". */
export const dayWords = (day: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', dateStyle: 'full' }).format(
        new Date(`${day}T00:00:00Z`),
      )
    : day;

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
  out.push(
    `Pertanyaan belum dijawab lewat batas waktu jawab (${d.unansweredQuestions.workingDays} hari kerja): ${d.unansweredQuestions.count}`,
  );
  out.push(
    ...d.unansweredQuestions.entries.map((x) => `${line(x)}, ${lateWords(x.workingDaysLate)}`),
    ...more(d.unansweredQuestions.count, d.unansweredQuestions.entries.length),
    '',
  );
  out.push(`Kata kunci yang dipantau: ${d.watches.length ? '' : 'tidak ada yang muncul'}`);
  for (const w of d.watches) out.push(` "${w.keyword}": ${w.count}`, ...w.entries.map(line));
  out.push('');
  out.push(`Tindak lanjut lewat tenggat: ${d.overdueFollowUps.count}`);
  for (const f of d.overdueFollowUps.entries)
    out.push(
      `  - ${f.unit}, tenggat ${dayWords(f.dueDay)} (${FOLLOW_UP_STATUS_NAMES[f.status] ?? f.status}), ${lateWords(f.workingDaysLate)}: "${f.summary.slice(0, 120)}" (GET /follow-ups/${f.id})`,
    );
  out.push(...more(d.overdueFollowUps.count, d.overdueFollowUps.entries.length));
  if (d.unprocessed)
    out.push(
      '',
      `${d.unprocessed} pesan belum terklasifikasi lebih dari 15 menit: periksa dead-letter queue.`,
    );
  return out.join('\n');
};
