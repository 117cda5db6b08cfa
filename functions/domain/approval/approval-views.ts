import type { ContentItem } from '../content/content';
import { splitForX } from '../publishing/x-thread';
import { platformName } from '../support/display-names';
import { escapeHtml as e } from '../support/html';
import { formatLocal } from '../support/time';
import type { LateChoice, LateError } from './late-approval';

export type Lang = 'id' | 'en';

const t = {
  id: {
    subject: (title: string) => `Mohon persetujuan: ${title}`,
    intro: 'Konten berikut menunggu persetujuan Anda sebelum dipublikasikan.',
    open: 'Buka halaman persetujuan',
    linkNote: 'Membuka tautan belum memutuskan apa pun; keputusan dibuat dengan tombol di halaman.',
    caption: 'Keterangan (caption)',
    platforms: 'Platform',
    publishAt: 'Jadwal terbit',
    sources: 'Sumber',
    deadline: 'Batas persetujuan',
    approve: 'Setujui',
    reject: 'Tolak',
    changes: 'Minta perbaikan',
    comment: 'Komentar atau alasan (wajib untuk menolak atau meminta perbaikan)',
    xVersion: 'Versi X (dipecah menjadi utas)',
    factFinding: 'Hasil pencarian fakta',
    relatedTitle: 'Pertanyaan dan keluhan warga terkait (30 hari terakhir)',
    factFindingClear:
      'Sumber tercatat; tidak ditemukan informasi yang dikecualikan (data pribadi/kesehatan).',
    imagesUnread: (which: string) =>
      `Tulisan pada ${which} tidak dapat dibaca otomatis: periksa sendiri apakah gambar memuat data pribadi.`,
    imageWord: (n: number) => `gambar ${n}`,
    mediaPlan: 'Gambar per platform',
    imageFor: (platforms: string) => `Hanya untuk ${platforms}`,
    overridden: (reasons: string, by: string, why: string) =>
      `Pemeriksaan menandai informasi yang dikecualikan (${reasons}); supervisor ${by} membatalkan penandaan ini dengan alasan: ${why}`,
    rule: 'Aturan persetujuan',
    ruleAny: 'cukup satu penyetuju',
    ruleAll: 'semua penyetuju harus menyetujui',
    revisionLabel: 'Revisi',
    decidedChanges: 'Permintaan perbaikan Anda telah dikirim ke tim Humas.',
    approvalRecordedWaiting:
      'Persetujuan Anda tercatat. Konten dijadwalkan setelah semua penyetuju menyetujui.',
    needComment: 'Tuliskan perbaikan yang diminta.',
    reminderSubject: (title: string) => `Pengingat persetujuan: ${title}`,
    reminderIntro: 'Pengingat: konten berikut masih menunggu keputusan Anda.',
    pageTitle: 'Persetujuan konten',
    decidedApproved: 'Terima kasih. Konten telah disetujui dan dijadwalkan.',
    decidedRejected: 'Konten telah ditolak. Tim Humas akan diberi tahu.',
    alreadyDecided:
      'Keputusan untuk konten ini sudah dibuat sebelumnya. Tautan ini tidak dapat dipakai lagi.',
    expired: 'Tautan ini sudah kedaluwarsa. Minta tim Humas mengirim ulang permintaan persetujuan.',
    invalid: 'Tautan ini tidak sah atau telah diubah. Gunakan tautan asli dari email.',
    notFound: 'Permintaan persetujuan ini tidak ditemukan.',
    staleForm: 'Halaman ini sudah terlalu lama terbuka. Muat ulang halaman lalu putuskan lagi.',
    tryAgain:
      'Keputusan Anda sudah tercatat, tetapi belum terkirim karena gangguan sistem. Buka lagi tautan dari email beberapa saat lagi untuk mengirimkannya.',
    resendIntro: (decision: string) =>
      `Keputusan Anda, "${decision}", sudah tercatat, tetapi belum terkirim karena gangguan sistem. Tekan tombol di bawah untuk mengirimkannya lagi. Keputusannya tetap sama dan tidak dapat diubah di sini.`,
    resend: 'Kirim ulang keputusan',
    needReason: 'Tuliskan alasan penolakan.',
    closed: 'Permintaan persetujuan ini sudah ditutup (kedaluwarsa atau dibatalkan).',
    recordedNotWaiting:
      'Keputusan Anda sudah tercatat. Sebar meneruskannya secara otomatis saat permintaan persetujuan diproses ulang, jadi Anda tidak perlu memutuskan lagi. Bila konten dibatalkan atau batas persetujuannya lewat, tim Humas melihatnya di Sebar.',
    latePassed: (when: string) => `Waktu terbit yang direncanakan, ${when}, sudah lewat.`,
    lateHow:
      'Jika Anda menyetujui, pilih kapan konten diterbitkan. Menolak atau meminta perbaikan tidak perlu memilih.',
    lateLegend: 'Kapan diterbitkan jika disetujui?',
    lateNow: 'Terbitkan sekarang',
    lateNewTime: 'Terbitkan pada waktu baru',
    lateField: (zone: string) => `Waktu terbit baru (tanggal dan jam, ${zone})`,
    lateHint: (days: number, now: string) =>
      `Harus setelah saat ini (${now}) dan paling lambat ${days} hari dari sekarang.`,
    lateJump: 'Ke pilihan waktu terbit',
    lateErrors: {
      choiceMissing:
        'Waktu terbit sudah lewat. Pilih "Terbitkan sekarang" atau "Terbitkan pada waktu baru", lalu tekan Setujui lagi.',
      timeMissing: 'Isi waktu terbit baru (tanggal dan jam), lalu tekan Setujui lagi.',
      timeInvalid:
        'Waktu terbit baru tidak terbaca. Isi tanggal dan jam yang ada, misalnya 2026-12-07 08.00.',
      timeNotFuture: 'Waktu terbit baru harus setelah saat ini. Pilih waktu yang belum lewat.',
      timeTooFar: 'Waktu terbit baru terlalu jauh. Pilih waktu yang lebih dekat.',
    } satisfies Record<LateError, string>,
    decidedLateNow: 'Terima kasih. Konten telah disetujui dan segera diterbitkan.',
    decidedLateNewTime: 'Terima kasih. Konten telah disetujui dan dijadwalkan pada waktu baru.',
    scheduleLine: (when: string) => `Jadwal terbit: ${when}.`,
  },
  en: {
    subject: (title: string) => `Approval requested: ${title}`,
    intro: 'The following content is waiting for your approval before it is published.',
    open: 'Open the approval page',
    linkNote: 'Opening the link decides nothing; you decide with the buttons on the page.',
    caption: 'Caption',
    platforms: 'Platforms',
    publishAt: 'Publish time',
    sources: 'Sources',
    deadline: 'Approval deadline',
    approve: 'Approve',
    reject: 'Reject',
    changes: 'Request changes',
    comment: 'Comment or reason (required to reject or request changes)',
    xVersion: 'X version (split into a thread)',
    factFinding: 'Fact-finding result',
    relatedTitle: 'Related citizen questions and complaints (last 30 days)',
    factFindingClear: 'Sources recorded; no excluded (personal or health) information found.',
    imagesUnread: (which: string) =>
      `The text of ${which} could not be read automatically: check yourself whether it shows personal data.`,
    imageWord: (n: number) => `image ${n}`,
    mediaPlan: 'Images per platform',
    imageFor: (platforms: string) => `For ${platforms} only`,
    overridden: (reasons: string, by: string, why: string) =>
      `Screening flagged excluded information (${reasons}); supervisor ${by} overrode it, writing: ${why}`,
    rule: 'Approval rule',
    ruleAny: 'any one approver',
    ruleAll: 'every approver must approve',
    revisionLabel: 'Revision',
    decidedChanges: 'Your request for changes was sent to the PR team.',
    approvalRecordedWaiting:
      'Your approval is recorded. The content is scheduled once every approver has approved.',
    needComment: 'Please write which changes you need.',
    reminderSubject: (title: string) => `Approval reminder: ${title}`,
    reminderIntro: 'Reminder: the following content is still waiting for your decision.',
    pageTitle: 'Content approval',
    decidedApproved: 'Thank you. The content is approved and scheduled.',
    decidedRejected: 'The content was rejected. The PR team will be told.',
    alreadyDecided: 'A decision on this content was already made. This link cannot be used again.',
    expired: 'This link has expired. Ask the PR team to send the approval request again.',
    invalid: 'This link is not valid or was altered. Use the original link from the email.',
    notFound: 'This approval request does not exist.',
    staleForm: 'This page was open for too long. Reload it and decide again.',
    tryAgain:
      'Your decision is recorded but was not sent because of a system fault. Open the link from the email again in a moment to send it.',
    resendIntro: (decision: string) =>
      `Your decision, "${decision}", is recorded but was not sent because of a system fault. Press the button below to send it again. The decision stays the same and cannot be changed here.`,
    resend: 'Send the decision again',
    needReason: 'Please write the reason for rejecting.',
    closed: 'This approval request is closed (expired or cancelled).',
    recordedNotWaiting:
      'Your decision is recorded. Sebar passes it on automatically when the approval request is processed again, so you need not decide again. If the content is cancelled or its approval deadline passes, the PR team sees it in Sebar.',
    latePassed: (when: string) => `The planned publish time, ${when}, has passed.`,
    lateHow:
      'If you approve, choose when the content is published. Rejecting or requesting changes needs no choice.',
    lateLegend: 'When should it be published if approved?',
    lateNow: 'Publish now',
    lateNewTime: 'Publish at a new time',
    lateField: (zone: string) => `New publish time (date and time, ${zone})`,
    lateHint: (days: number, now: string) =>
      `Must be later than now (${now}) and at most ${days} days from now.`,
    lateJump: 'Go to the publish time choice',
    lateErrors: {
      choiceMissing:
        'The publish time has passed. Choose "Publish now" or "Publish at a new time", then press Approve again.',
      timeMissing: 'Fill in the new publish time (date and time), then press Approve again.',
      timeInvalid:
        'The new publish time could not be read. Enter a real date and time, e.g. 2026-12-07 08:00.',
      timeNotFuture: 'The new publish time must be later than now. Choose a time that has not passed.',
      timeTooFar: 'The new publish time is too far ahead. Choose a nearer time.',
    } satisfies Record<LateError, string>,
    decidedLateNow: 'Thank you. The content is approved and is being published now.',
    decidedLateNewTime: 'Thank you. The content is approved and scheduled at the new time.',
    scheduleLine: (when: string) => `Publish time: ${when}.`,
  },
} as const;

type Catalog = (typeof t)['id'];
export type Messages = {
  [K in keyof Catalog]: Catalog[K] extends string
    ? string
    : Catalog[K] extends Record<LateError, string>
      ? Record<LateError, string>
      : Catalog[K];
};
/** Keys of the plain-text messages (not the subject builders). */
export type MessageKey = { [K in keyof Catalog]: Catalog[K] extends string ? K : never }[keyof Catalog];
export const messages = (lang: Lang): Messages => t[lang];
export const text = (lang: Lang, key: MessageKey): string => messages(lang)[key] as string;

/** Images whose text fact-finding could not read (OCR failed or timed out): the approver checks them. */
const unreadImages = (item: ContentItem, m: Messages): string => {
  const unread = (item.factFinding?.images ?? []).filter((i) => !i.ok).map((i) => m.imageWord(i.index + 1));
  return unread.length ? m.imagesUnread(unread.join(', ')) : '';
};

/** The parts of the item an approver must see, shared by the email and the page. */
const summary = (item: ContentItem, lang: Lang, timeZone: string) => {
  const m = messages(lang);
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const thread = item.platforms.includes('x') ? splitForX(item.caption) : [];
  return {
    m,
    when: formatLocal(item.publishAt, timeZone, locale),
    deadline: formatLocal(item.approvalDeadline, timeZone, locale),
    platforms: item.platforms.map(platformName).join(', '),
    rule: item.approvalRule === 'all' ? m.ruleAll : m.ruleAny,
    xThread: thread.length > 1 ? thread : [],
    // When images are meant for one platform each, approvers read which platform gets which.
    mediaPlan: item.media.some((i) => i.platforms)
      ? item.platforms
          .map(
            (p) =>
              `${platformName(p)}: ${item.media
                .flatMap((i, n) => (!i.platforms || i.platforms.includes(p) ? [m.imageWord(n + 1)] : []))
                .join(', ')}`,
          )
          .join('; ')
      : '',
    // Approvers see an override of the screening, with who made it and why, before they decide.
    // An image whose text could not be read is said either way: the approver checks it by eye.
    facts: [
      item.screeningOverride?.revision === item.revision
        ? m.overridden(
            item.screeningOverride.reasons.join('; '),
            item.screeningOverride.by,
            item.screeningOverride.justification,
          )
        : item.factFinding && !item.factFinding.excluded
          ? m.factFindingClear
          : '',
      unreadImages(item, m),
    ]
      .filter(Boolean)
      .join(' '),
    related: (item.factFinding?.related ?? []).slice(0, 5).map((r) => `${r.platform}: ${r.text}`),
  };
};

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The approval (or reminder) email; `imageCid` names the inline image part when there is one. */
export const approvalEmail = (
  item: ContentItem,
  link: string,
  timeZone: string,
  lang: Lang = 'id',
  opts: { reminder?: boolean; imageCid?: string } = {},
): EmailContent => {
  const x = summary(item, lang, timeZone);
  const { m } = x;
  const intro = opts.reminder ? m.reminderIntro : m.intro;
  const sources = item.sources.map((s) => `- ${s.title}: ${s.url}`).join('\n');
  const text = [
    intro,
    '',
    `${item.title} (${m.revisionLabel} ${item.revision})`,
    '',
    `${m.caption}:`,
    item.caption,
    ...(x.xThread.length ? ['', `${m.xVersion}:`, ...x.xThread.map((p) => `- ${p}`)] : []),
    '',
    `${m.platforms}: ${x.platforms}`,
    ...(x.mediaPlan ? [`${m.mediaPlan}: ${x.mediaPlan}`] : []),
    `${m.publishAt}: ${x.when}`,
    `${m.deadline}: ${x.deadline}`,
    `${m.rule}: ${x.rule}`,
    ...(x.facts ? [`${m.factFinding}: ${x.facts}`] : []),
    ...(x.related.length ? [`${m.relatedTitle}:`, ...x.related.map((r) => `- ${r}`)] : []),
    `${m.sources}:`,
    sources,
    '',
    `${m.open}: ${link}`,
    m.linkNote,
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;max-width:600px">
<p>${e(intro)}</p><h2>${e(item.title)} <small>(${e(m.revisionLabel)} ${item.revision})</small></h2>
${opts.imageCid ? `<p><img src="cid:${e(opts.imageCid)}" alt="${e(item.media[0]?.altText ?? '')}" style="max-width:100%"></p>` : ''}
<p><strong>${e(m.caption)}</strong></p><p style="white-space:pre-wrap">${e(item.caption)}</p>
${x.xThread.length ? `<p><strong>${e(m.xVersion)}</strong></p><ol>${x.xThread.map((p) => `<li style="white-space:pre-wrap">${e(p)}</li>`).join('')}</ol>` : ''}
<p><strong>${e(m.platforms)}:</strong> ${e(x.platforms)}<br>
${x.mediaPlan ? `<strong>${e(m.mediaPlan)}:</strong> ${e(x.mediaPlan)}<br>` : ''}<strong>${e(m.publishAt)}:</strong> ${e(x.when)}<br><strong>${e(m.deadline)}:</strong> ${e(x.deadline)}<br>
<strong>${e(m.rule)}:</strong> ${e(x.rule)}</p>
${x.facts ? `<p><strong>${e(m.factFinding)}:</strong> ${e(x.facts)}</p>` : ''}
${x.related.length ? `<p><strong>${e(m.relatedTitle)}:</strong></p><ul>${x.related.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` : ''}
<p><strong>${e(m.sources)}:</strong></p><ul>${item.sources.map((s) => `<li><a href="${e(s.url)}">${e(s.title)}</a></li>`).join('')}</ul>
<p><a href="${e(link)}" style="display:inline-block;padding:12px 20px;background:#0b6e4f;color:#fff;text-decoration:none;border-radius:6px">${e(m.open)}</a></p>
<p style="color:#555">${e(m.linkNote)}</p></body></html>`;
  return { subject: opts.reminder ? m.reminderSubject(item.title) : m.subject(item.title), text, html };
};

const layout = (lang: Lang, title: string, body: string): string => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>${e(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:640px;padding:16px;line-height:1.5;color:#1b1b1b}
img{max-width:100%;height:auto;border:1px solid #ddd}.caption{white-space:pre-wrap;background:#f5f5f5;padding:12px;border-radius:6px}
button{font-size:1rem;padding:12px 20px;border-radius:6px;border:0;margin:6px 6px 6px 0;cursor:pointer}
.approve{background:#0b6e4f;color:#fff}.changes{background:#8a5a00;color:#fff}.reject{background:#b3261e;color:#fff}textarea{width:100%;min-height:80px;font:inherit;box-sizing:border-box}
.notice{padding:12px;border-radius:6px;background:#eef4ff}
.late{padding:12px;border-radius:6px;background:#fff4e0;border-left:6px solid #8a5a00}
fieldset{border:1px solid #8a5a00;border-radius:6px;padding:12px;margin:0 0 16px;min-width:0}legend{font-weight:600;padding:0 4px}
.choice{display:flex;align-items:center;gap:8px;margin:8px 0}.choice input{width:24px;height:24px;margin:0}
input[type=datetime-local]{font:inherit;padding:8px;max-width:100%;box-sizing:border-box;min-height:44px}
.error{color:#8c1d18;font-weight:600}.hint{color:#444;margin:4px 0 0}</style></head><body>${body}</body></html>`;

export interface ApprovalPageModel {
  readonly item: ContentItem;
  readonly imageUrls: readonly string[];
  readonly formAction: string;
  readonly hidden: Record<string, string>;
  readonly timeZone: string;
  readonly error?: string;
  /** The same page in the other language. */
  readonly switchUrl?: string;
  /** The publish time has passed: the notice, and the choice approving needs (docs/decisions/0017). */
  readonly late?: {
    readonly plannedAt: string;
    /** When the page was made: the hint says what "now" is in the zone. */
    readonly now: string;
    /** The new-time field's bounds, as datetime-local values in the zone. */
    readonly min: string;
    readonly max: string;
    readonly maxDays: number;
    /** What the approver sent, shown again with the error when the form was refused. */
    readonly choice?: LateChoice;
    readonly newPublishAt?: string;
    readonly error?: LateError;
  };
  /** The comment the approver had typed, when the page comes back with an error. */
  readonly comment?: string;
}

const zoneLabel = (timeZone: string) => (timeZone === 'Asia/Jakarta' ? 'WIB' : timeZone);

/** The late notice at the top of the page. */
const lateNotice = (lang: Lang, p: ApprovalPageModel): string => {
  if (!p.late) return '';
  const m = messages(lang);
  const when = formatLocal(p.late.plannedAt, p.timeZone, lang === 'id' ? 'id-ID' : 'en-GB');
  // A form sent back with an error lands at the top of the page: the error is said here, with a link to the
  // choice further down, and announced once (the field refers to its copy beside it).
  const error = p.late.error
    ? `<p class="error">${e(m.lateErrors[p.late.error])}</p><p><a href="#late-choice">${e(m.lateJump)}</a></p>`
    : '';
  return `<div class="late" id="late-notice"${error ? ' role="alert"' : ''}><p><strong>${e(m.latePassed(when))}</strong></p>${error || `<p>${e(m.lateHow)}</p>`}</div>`;
};

/** The two choices approving a late item needs; the error, when the form came back, is announced. */
const lateChoices = (lang: Lang, p: ApprovalPageModel): string => {
  const late = p.late;
  if (!late) return '';
  const m = messages(lang);
  const error = late.error ? m.lateErrors[late.error] : '';
  const timeError = late.error !== undefined && late.error !== 'choiceMissing';
  const checked = (c: LateChoice) => (late.choice === c ? ' checked' : '');
  const describedBy = `late-hint${error ? ' late-error' : ''}`;
  const now = formatLocal(late.now, p.timeZone, lang === 'id' ? 'id-ID' : 'en-GB');
  return `<fieldset id="late-choice"${error ? ' aria-describedby="late-error"' : ''}><legend>${e(m.lateLegend)}</legend>
${error ? `<p class="error" id="late-error">${e(error)}</p>` : ''}
<div class="choice"><input type="radio" id="late-now" name="lateChoice" value="now"${checked('now')}><label for="late-now">${e(m.lateNow)}</label></div>
<div class="choice"><input type="radio" id="late-new-time" name="lateChoice" value="new-time"${checked('new-time')}><label for="late-new-time">${e(m.lateNewTime)}</label></div>
<label for="newPublishAt">${e(m.lateField(zoneLabel(p.timeZone)))}</label><br>
<input type="datetime-local" id="newPublishAt" name="newPublishAt" min="${e(late.min)}" max="${e(late.max)}" value="${e(late.newPublishAt ?? '')}" aria-describedby="${describedBy}"${timeError ? ' aria-invalid="true"' : ''}>
<p class="hint" id="late-hint">${e(m.lateHint(late.maxDays, now))}</p></fieldset>`;
};

export const confirmationPage = (lang: Lang, p: ApprovalPageModel): string => {
  const { item } = p;
  const x = summary(item, lang, p.timeZone);
  const { m } = x;
  const hidden = Object.entries(p.hidden)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('');
  // Rejecting or asking for changes needs no publish time: a half-typed one must not stop those buttons.
  const skipChecks = p.late ? ' formnovalidate' : '';
  const images = p.imageUrls
    .map((url, i) => {
      const only = item.media[i]?.platforms;
      const img = `<img src="${e(url)}" alt="${e(item.media[i]?.altText ?? '')}">`;
      return only
        ? `<figure>${img}<figcaption>${e(m.imageWord(i + 1))}: ${e(m.imageFor(only.map(platformName).join(', ')))}</figcaption></figure>`
        : `<p>${img}</p>`;
    })
    .join('');
  return layout(
    lang,
    `${m.pageTitle}: ${item.title}`,
    `${p.switchUrl ? `<p style="text-align:right"><a href="${e(p.switchUrl)}" lang="${lang === 'en' ? 'id' : 'en'}">${lang === 'en' ? 'Bahasa Indonesia' : 'English'}</a></p>` : ''}<h1>${e(item.title)}</h1>${p.error ? `<p class="notice" role="alert">${e(p.error)}</p>` : ''}${lateNotice(lang, p)}${images}
<p>${e(m.revisionLabel)} ${item.revision}</p>
<h2>${e(m.caption)}</h2><div class="caption">${e(item.caption)}</div>
${x.xThread.length ? `<h2>${e(m.xVersion)}</h2><ol>${x.xThread.map((t) => `<li class="caption">${e(t)}</li>`).join('')}</ol>` : ''}
<p><strong>${e(m.platforms)}:</strong> ${e(x.platforms)}<br>
${x.mediaPlan ? `<strong>${e(m.mediaPlan)}:</strong> ${e(x.mediaPlan)}<br>` : ''}<strong>${e(m.publishAt)}:</strong> ${e(x.when)}<br>
<strong>${e(m.deadline)}:</strong> ${e(x.deadline)}<br>
<strong>${e(m.rule)}:</strong> ${e(x.rule)}</p>
${x.facts ? `<p><strong>${e(m.factFinding)}:</strong> ${e(x.facts)}</p>` : ''}
${x.related.length ? `<h2>${e(m.relatedTitle)}</h2><ul>${x.related.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` : ''}
<h2>${e(m.sources)}</h2><ul>${item.sources.map((s) => `<li><a href="${e(s.url)}" rel="noreferrer">${e(s.title)}</a></li>`).join('')}</ul>
<form method="post" action="${e(p.formAction)}">${hidden}
${lateChoices(lang, p)}
<label for="comment">${e(m.comment)}</label><textarea id="comment" name="comment" maxlength="2000">${e(p.comment ?? '')}</textarea>
<button class="approve" type="submit" name="decision" value="approve">${e(m.approve)}</button>
<button class="changes" type="submit" name="decision" value="changes"${skipChecks}>${e(m.changes)}</button>
<button class="reject" type="submit" name="decision" value="reject"${skipChecks}>${e(m.reject)}</button></form>`,
  );
};

/** The page for a decision recorded but not yet delivered: one button sends the same decision again. */
export interface ResendPageModel {
  readonly title: string;
  readonly decision: 'approve' | 'changes' | 'reject';
  readonly formAction: string;
  readonly hidden: Record<string, string>;
}

export const resendPage = (lang: Lang, p: ResendPageModel): string => {
  const m = messages(lang);
  const hidden = Object.entries(p.hidden)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('');
  return layout(
    lang,
    `${m.pageTitle}: ${p.title}`,
    `<h1>${e(p.title)}</h1><p class="notice">${e(m.resendIntro(m[p.decision]))}</p>
<form method="post" action="${e(p.formAction)}">${hidden}<button class="${p.decision}" type="submit">${e(m.resend)}</button></form>`,
  );
};

export const messagePage = (
  lang: Lang,
  title: string,
  message: string,
  /** A late approval: when the item now publishes. */
  schedule?: { readonly publishAt: string; readonly timeZone: string },
): string => {
  const line = schedule
    ? ` ${messages(lang).scheduleLine(formatLocal(schedule.publishAt, schedule.timeZone, lang === 'id' ? 'id-ID' : 'en-GB'))}`
    : '';
  return layout(lang, title, `<h1>${e(title)}</h1><p class="notice">${e(message)}${e(line)}</p>`);
};
