import { sendEmail } from '../../adapters/mailer';
import { config } from '../../common/config';
import { log } from '../../common/logger';
import { putMetric } from '../../common/metrics';
import { platformName } from '../support/display-names';
import { escapeHtml } from '../support/html';
import type { Email } from '../support/mime';
import { formatLocal } from '../support/time';

/**
 * What happens when a platform refuses an item for good (the workflow's retries are spent): a `PublishFailed`
 * metric per platform, which the alarm and the dashboard read, and an email to the staff at once, in
 * Indonesian, with the platform's reason and what to do next. Called once per item revision, when the item's
 * status moves (record-status), so a retried step neither counts nor emails twice.
 */

export interface FailedPlatform {
  readonly platform: string;
  /** The platform's reason, as record-status explains it ("PlatformRejectedError: ..."). */
  readonly reason: string;
}

export interface PublishFailure {
  readonly itemId: string;
  readonly title: string;
  readonly publishAt: string;
  readonly failed: readonly FailedPlatform[];
  /** Where the item did go out; empty when nothing was published. */
  readonly published: readonly { platform: string; url?: string }[];
}

export interface PublishFailureDeps {
  readonly sendEmail: (email: Email) => Promise<string>;
  readonly putMetric: typeof putMetric;
  readonly from: string;
  readonly staffEmail: string;
  readonly timeZone: string;
}

const defaultDeps = (): PublishFailureDeps => {
  const cfg = config();
  return {
    sendEmail,
    putMetric,
    from: cfg.MAIL_FROM,
    staffEmail: cfg.STAFF_EMAIL,
    timeZone: cfg.DISPLAY_TIME_ZONE,
  };
};

/** A plain-words hint for the reasons staff meet most; the platform's own words follow it. */
const hintFor = (reason: string): string | undefined => {
  if (/token|OAuth|session has expired|unauthori[sz]ed|\b401\b/i.test(reason))
    return 'Token akun tidak berlaku atau sudah berakhir.';
  if (/duplicate/i.test(reason)) return 'Platform menganggap teksnya sama dengan unggahan sebelumnya.';
  if (/media|image|gambar/i.test(reason)) return 'Platform tidak bisa memproses gambarnya.';
  if (/limit|quota/i.test(reason)) return 'Batas unggahan platform tercapai.';
  return undefined;
};

/** The email's subject and plain text (the HTML part carries the same lines). Pure, for tests. */
export const publishFailureText = (
  f: PublishFailure,
  timeZone: string,
): { subject: string; text: string } => {
  const names = f.failed.map((p) => platformName(p.platform)).join(' dan ');
  const lines: string[] = [
    `Konten "${f.title}" GAGAL TERBIT di ${names}.`,
    '',
    `Jadwal terbit: ${formatLocal(f.publishAt, timeZone)}`,
    `ID konten: ${f.itemId}`,
    '',
  ];
  for (const p of f.failed) {
    const hint = hintFor(p.reason);
    lines.push(`${platformName(p.platform)}:`);
    if (hint) lines.push(`  ${hint}`);
    lines.push(`  Alasan dari platform: ${p.reason}`);
  }
  lines.push('');
  if (f.published.length) {
    lines.push('Sudah terbit di:');
    for (const p of f.published) lines.push(`  - ${platformName(p.platform)}${p.url ? `: ${p.url}` : ''}`);
  } else {
    lines.push('Konten ini tidak terbit di platform mana pun; statusnya sekarang Gagal.');
  }
  lines.push(
    '',
    'Yang perlu dilakukan:',
    '  1. Baca alasannya di atas (juga tercatat di halaman konten).',
    '  2. Bila masalahnya token akun, perbarui token di pengaturan rahasia (Secrets Manager), lalu jalankan POST /platforms/check.',
    `  3. Sebar tidak mencoba lagi sendiri: terbitkan ulang di ${names} (ajukan konten baru atau unggah manual).`,
  );
  return {
    subject: `[Sebar] Gagal terbit di ${names}: ${f.title}`,
    text: lines.join('\n'),
  };
};

/**
 * Counts the failure and tells the staff. Never throws: the item's status is already recorded, and a mail
 * outage must not turn a recorded outcome into a failed workflow step (the alarm on PublishFailed still
 * fires, and the error is logged).
 */
export const reportPublishFailure = async (
  f: PublishFailure,
  deps: PublishFailureDeps = defaultDeps(),
): Promise<{ emailed: boolean }> => {
  if (f.failed.length === 0) return { emailed: false };
  for (const p of f.failed)
    deps.putMetric('PublishFailed', 1, { Platform: p.platform }, { itemId: f.itemId });
  const { subject, text } = publishFailureText(f, deps.timeZone);
  try {
    await deps.sendEmail({
      from: deps.from,
      to: [deps.staffEmail],
      subject,
      text,
      html: `<pre style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</pre>`,
      headers: { 'X-Sebar-Alert': 'publish-failed', 'X-Sebar-Item': f.itemId },
    });
    return { emailed: true };
  } catch (error) {
    log.error('publish failure email not sent', { itemId: f.itemId, error });
    return { emailed: false };
  }
};
