import { screeningReasonInIndonesian } from '../content/staff-words';
import { categoryName, labelName, platformName as platform } from '../support/display-names';
import { escapeHtml as e } from '../support/html';
import { once } from '../support/once';
import type { ExportMessage } from './export';
import {
  ARCHIVE_TIME_ZONE,
  type DecisionAction,
  type DecisionRecord,
  type PlatformEventRecord,
  type PublicationRecord,
  type ReplyRecord,
} from './records';

/**
 * index.html of an export, for the information officer (PPID): in Indonesian, one file with no outside
 * assets, every post with its text, link and approvals, then the citizens' comments and the staff's
 * replies in time order, all times in WIB. Every value from a record is escaped.
 */
export interface ArchivePage {
  readonly from: string;
  readonly to: string;
  readonly createdAt: string;
  readonly redacted: boolean;
  readonly officeName: string;
  readonly posts: readonly PublicationRecord[];
  readonly messages: readonly ExportMessage[];
  readonly replies: readonly ReplyRecord[];
  readonly decisions: readonly DecisionRecord[];
  readonly events: readonly PlatformEventRecord[];
  readonly counts: Record<string, number>;
  readonly rawMissing: readonly string[];
}

const WHEN = once(
  () =>
    new Intl.DateTimeFormat('id-ID', {
      timeZone: ARCHIVE_TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
);
/** "Rabu, 2 Desember 2026 pukul 09.12 WIB". */
const when = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `${WHEN().format(ms)} WIB` : '—';
};
const DAY_NAME = once(
  () =>
    new Intl.DateTimeFormat('id-ID', {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
);
/** "Rabu, 2 Desember 2026" (ICU writes the day as "02" when no time follows). */
const dayName = (day: string) => {
  const parts = Object.fromEntries(
    DAY_NAME()
      .formatToParts(new Date(`${day}T00:00:00Z`))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday}, ${Number(parts.day)} ${parts.month} ${parts.year}`;
};

const ACTION: Record<DecisionAction, string> = {
  approved: 'Disetujui',
  rejected: 'Ditolak',
  'changes-requested': 'Diminta perubahan',
  override: 'Hasil penyaringan dikesampingkan oleh supervisor',
  rescheduled: 'Dijadwalkan ulang',
  cancelled: 'Dibatalkan',
};
const action = (a: string) => ACTION[a as DecisionAction] ?? a;

const KIND: Record<string, string> = {
  comment: 'Komentar',
  reply: 'Balasan warga',
  mention: 'Sebutan',
  message: 'Pesan langsung',
};

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
main{max-width:60rem;margin:0 auto;padding:1rem}
header.page{background:#0b4f6c;color:#fff;padding:1.25rem 1rem}
header.page .inner{max-width:60rem;margin:0 auto}
header.page h1{margin:0 0 .25rem;font-size:1.5rem;line-height:1.25}
header.page p{margin:.15rem 0}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:1rem 0 .5rem}
section.card,nav.card,article.post{background:#fff;border:1px solid #d7dce2;border-radius:8px;padding:1rem;margin:0 0 1rem}
.card>h2:first-child,article.post>h2:first-child{margin-top:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600;color:#444}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f6f8;border-left:4px solid #0b4f6c;padding:.5rem .75rem;margin:.5rem 0}
.muted{color:#555}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;overflow-wrap:anywhere}
ol.thread,ul.plain{padding-left:1.25rem}
ul.plain{list-style:none;padding:0}
ul.plain>li{border-top:1px solid #e3e7eb;padding:.6rem 0}
ul.plain>li:first-child{border-top:0}
.msg .who{font-weight:600}
.reply{margin:.5rem 0 0 1rem;padding:.5rem .75rem;border-left:4px solid #2e7d32;background:#f1f8f2}
.tag{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:4px;background:#e8edf2;color:#223;margin-left:.25rem}
.deleted{background:#fdecea;color:#8a1c10}
a{color:#0b4f6c}
nav ol{padding-left:1.25rem}
footer{color:#555;font-size:.9rem;margin:2rem 0}
@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.35rem}main{padding:.75rem}}
@media print{body{background:#fff}header.page{background:#fff;color:#000;border-bottom:2px solid #000}section.card,nav.card,article.post{border-color:#999}}
`;

const facts = (rows: [string, string][]) =>
  `<dl class="facts">${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;

const replyHtml = (r: ReplyRecord) =>
  `<div class="reply"><span class="who">Balasan petugas: ${e(r.by)}</span> <span class="muted">· ${e(when(r.at))}</span><div class="text">${e(r.text)}</div></div>`;

const messageHtml = (m: ExportMessage, replies: readonly ReplyRecord[]) => {
  const label = m.label
    ? `<span class="tag">${e(labelName(m.label))}${m.category ? `: ${e(categoryName(m.category))}` : ''}</span>`
    : '';
  const deleted = m.deletedAt
    ? `<p class="tag deleted">Dihapus oleh penulisnya di ${e(platform(m.platform))} pada ${e(when(m.deletedAt))}; teks aslinya tetap disimpan.</p>`
    : '';
  return `<li class="msg"><span class="who">${e(m.authorHandle.startsWith('Warga-') ? m.authorHandle : `@${m.authorHandle}`)}</span> <span class="muted">· ${e(KIND[m.kind] ?? m.kind)} · ${e(when(m.createdAt || m.receivedAt))}</span>${label}
<div class="text">${e(m.text)}</div>${deleted}${replies.map(replyHtml).join('')}
<p class="muted">Berkas asli: <span class="hash">${e(m.rawKey ? `raw/${m.rawKey}` : '—')}</span></p></li>`;
};

const approvalList = (p: PublicationRecord) =>
  p.approvals.length
    ? `<ul>${p.approvals
        .map(
          (a) =>
            `<li><strong>${e(action(a.decision))}</strong> oleh ${e(a.by)} pada ${e(when(a.at))}${a.comment ? ` — “${e(a.comment)}”` : ''}<br><span class="muted">dari IP ${e(a.ip ?? '—')}, peramban: ${e(a.userAgent ?? '—')}</span></li>`,
        )
        .join('')}</ul>`
    : '<p class="muted">Tidak ada persetujuan tercatat untuk revisi ini.</p>';

const screeningHtml = (p: PublicationRecord) => {
  const blocked = (p.screening as { blocked?: { reasons?: string[] } | null } | null)?.blocked;
  const override = p.screeningOverride as { by?: string; at?: string; justification?: string } | null;
  const parts: string[] = [];
  if (blocked?.reasons?.length)
    parts.push(
      `<p>Penyaringan data pribadi menahan konten ini:</p><ul>${blocked.reasons.map((r) => `<li>${e(screeningReasonInIndonesian(r))}</li>`).join('')}</ul>`,
    );
  else parts.push('<p>Penyaringan data pribadi: tidak ada temuan.</p>');
  if (override?.by)
    parts.push(
      `<p><strong>Dikesampingkan</strong> oleh ${e(override.by)} pada ${e(when(override.at ?? ''))}: “${e(override.justification ?? '')}”</p>`,
    );
  return parts.join('');
};

const postHtml = (
  p: PublicationRecord,
  n: number,
  messages: readonly ExportMessage[],
  replies: (id: string) => ReplyRecord[],
) => {
  const texts =
    p.texts.length > 1
      ? `<ol class="thread">${p.texts.map((t) => `<li><div class="text">${e(t)}</div></li>`).join('')}</ol>`
      : `<div class="text">${e(p.texts[0] ?? '')}</div>`;
  const media = p.media.length
    ? `<ul>${p.media.map((m) => `<li>${e(m.altText)}<br><span class="hash">${e(m.key)} · SHA-256 ${e(m.sha256)} · ${m.bytes} bita</span></li>`).join('')}</ul>`
    : '<p class="muted">Tanpa gambar.</p>';
  return `<article class="post" id="unggahan-${n}">
<h2>${n}. ${e(p.title)} <span class="tag">${e(platform(p.platform))}</span></h2>
${facts([
  ['Terbit', e(when(p.at))],
  ['Tautan', `<a href="${e(p.url)}" rel="noopener noreferrer">${e(p.url)}</a>`],
  ['ID unggahan', `<span class="hash">${e(p.postId)}</span>`],
  ['Item, revisi', `<span class="hash">${e(p.itemId)}</span>, revisi ${p.revision}`],
])}
<h3>${p.texts.length > 1 ? `Teks yang diterbitkan (utas ${p.texts.length} bagian)` : 'Teks yang diterbitkan'}</h3>${texts}
${p.warning ? `<p class="tag deleted">${e(p.warning)}</p>` : ''}
<h3>Gambar yang dikirim</h3>${media}
<h3>Persetujuan</h3>${approvalList(p)}
<h3>Penyaringan</h3>${screeningHtml(p)}
<h3>Tanggapan warga dan balasan petugas (${messages.length})</h3>
${messages.length ? `<ul class="plain">${messages.map((m) => messageHtml(m, replies(m.id))).join('')}</ul>` : '<p class="muted">Belum ada tanggapan warga dalam rentang ini.</p>'}
</article>`;
};

export const renderArchiveHtml = (page: ArchivePage): string => {
  const repliesTo = (id: string) => page.replies.filter((r) => r.feedbackId === id);
  const onPost = (p: PublicationRecord) => (m: ExportMessage) =>
    m.platform === p.platform &&
    (m.postId === p.postId ||
      (p.threadIds ?? []).includes(m.postId ?? '') ||
      (!m.postId && m.itemId === p.itemId));
  const shown = new Set<string>();
  const posts = page.posts.map((p, i) => {
    const mine = page.messages.filter(onPost(p));
    for (const m of mine) shown.add(m.id);
    return postHtml(p, i + 1, mine, repliesTo);
  });
  const others = page.messages.filter((m) => !shown.has(m.id));
  const titleOf = new Map(page.posts.map((p) => [p.itemId, p.title]));
  const range = page.from === page.to ? dayName(page.from) : `${dayName(page.from)} s.d. ${dayName(page.to)}`;
  const c = page.counts;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Arsip publikasi dan tanggapan warga, ${e(range)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="page"><div class="inner">
<h1>Arsip publikasi dan tanggapan warga</h1>
<p>${e(page.officeName)} · ${e(range)} (WIB)</p>
<p>Dibuat ${e(when(page.createdAt))}</p>
</div></header>
<main>
<section class="card" aria-labelledby="ringkasan">
<h2 id="ringkasan">Ringkasan</h2>
${facts([
  ['Unggahan', String(c.publications ?? 0)],
  ['Pesan warga', String(c.messages ?? 0)],
  ['Balasan petugas', String(c.replies ?? 0)],
  ['Keputusan', String(c.decisions ?? 0)],
  ['Laporan platform', String(c.platformEvents ?? 0)],
])}
${page.redacted ? '<p><strong>Nama akun warga disamarkan</strong> (mis. “Warga-3F9A1C”): satu warga mendapat nama samaran yang sama di seluruh arsip ini, dan nama itu tidak dapat dicocokkan dengan arsip lain.</p>' : '<p>Nama akun warga ditampilkan apa adanya. Untuk diserahkan ke pihak luar, buat ekspor dengan <code>--redact-authors</code>.</p>'}
<p>Setiap berkas dalam arsip ini tercantum di <code>manifest.json</code> dengan sidik SHA-256 dan ukurannya. Periksa keutuhannya dengan <code>npx sebar archive verify NAMA-BERKAS.zip</code>. Data lengkap ada di folder <code>records/</code> (JSON), pesan asli dari platform di <code>raw/</code>, dan tabel di <code>csv/</code>.</p>
${page.rawMissing.length ? `<p class="tag deleted">${page.rawMissing.length} berkas asli tidak ditemukan: ${page.rawMissing.map((k) => e(k)).join(', ')}</p>` : ''}
</section>
${page.posts.length ? `<nav class="card" aria-labelledby="daftar"><h2 id="daftar">Daftar unggahan</h2><ol>${page.posts.map((p, i) => `<li><a href="#unggahan-${i + 1}">${e(p.title)}</a> — ${e(platform(p.platform))}, ${e(when(p.at))}</li>`).join('')}</ol></nav>` : '<section class="card"><p>Tidak ada unggahan yang terbit dalam rentang ini.</p></section>'}
${posts.join('\n')}
<section class="card" aria-labelledby="keputusan">
<h2 id="keputusan">Keputusan (${page.decisions.length})</h2>
${page.decisions.length ? `<ul class="plain">${page.decisions.map((d) => `<li><strong>${e(action(d.action))}</strong> — ${e(titleOf.get(d.itemId) ?? d.itemId)}${d.revision ? `, revisi ${d.revision}` : ''}<br>oleh ${e(d.by)} pada ${e(when(d.at))}${d.comment ? `<div class="text">${e(d.comment)}</div>` : ''}${d.ip || d.userAgent ? `<span class="muted">dari IP ${e(d.ip ?? '—')}, peramban: ${e(d.userAgent ?? '—')}</span>` : ''}${d.action === 'rescheduled' && d.detail ? `<br><span class="muted">dari ${e(when(String(d.detail.from ?? '')))} ke ${e(when(String(d.detail.to ?? '')))}</span>` : ''}</li>`).join('')}</ul>` : '<p class="muted">Tidak ada keputusan dalam rentang ini.</p>'}
</section>
<section class="card" aria-labelledby="lainnya">
<h2 id="lainnya">Pesan warga lainnya (${others.length})</h2>
<p class="muted">Pesan yang diterima dalam rentang ini untuk unggahan yang terbit di luar rentang, atau tanpa unggahan.</p>
${others.length ? `<ul class="plain">${others.map((m) => messageHtml(m, repliesTo(m.id))).join('')}</ul>` : '<p class="muted">Tidak ada.</p>'}
</section>
<section class="card" aria-labelledby="platform">
<h2 id="platform">Laporan dari platform (${page.events.length})</h2>
${page.events.length ? `<ul class="plain">${page.events.map((ev) => `<li>Pesan <span class="hash">${e(ev.feedbackId)}</span> dihapus oleh penulisnya di ${e(platform(ev.platform))}, dilaporkan ${e(when(ev.at))}. Teks aslinya tetap disimpan; laporan asli: <span class="hash">raw/${e(ev.rawKey)}</span></li>`).join('')}</ul>` : '<p class="muted">Tidak ada penghapusan atau perubahan yang dilaporkan.</p>'}
</section>
<footer>Semua waktu dalam WIB (Asia/Jakarta). Arsip ini dibuat oleh Sebar dari catatan yang ditulis sekali dan tidak dapat diubah.</footer>
</main>
</body>
</html>
`;
};
