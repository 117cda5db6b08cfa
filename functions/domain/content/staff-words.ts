import { findingMessage, type ScreeningFinding } from './screening';

/**
 * Words staff read in the console, in plain Indonesian, made from what the records hold in English
 * (screening reasons as fact-finding stored them, platform errors as the publishers recorded them). The
 * records keep their English for the audit trail and the approvers; only the console's view is translated.
 */

const FIELD_NAMES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^title$/, () => 'Judul'],
  [/^caption$/, () => 'Keterangan'],
  [/^media\.(\d+)\.altText$/, (m) => `Teks alternatif gambar ${Number(m[1]) + 1}`],
  // Findings in what an image says (OCR): `media.0 (image text, "Poster TBC")`.
  [/^media\.(\d+) \(image text[^)]*\)$/, (m) => `Tulisan di gambar ${Number(m[1]) + 1}`],
  [/^sources\.(\d+)\.title$/, (m) => `Judul sumber ${Number(m[1]) + 1}`],
];

const fieldName = (field: string): string => {
  for (const [pattern, name] of FIELD_NAMES) {
    const m = pattern.exec(field);
    if (m) return name(m);
  }
  return field;
};

const REASONS: [RegExp, (m: RegExpExecArray) => ScreeningFinding][] = [
  [/^contains what looks like a NIK \((.*)\)$/, (m) => ({ kind: 'nik', detail: m[1] })],
  [/^contains a personal phone number \((.*)\)$/, (m) => ({ kind: 'phone', detail: m[1] })],
  [/^contains a street address with a house number$/, () => ({ kind: 'address' })],
  [
    /^names a person \((.*)\) next to a health condition or treatment$/,
    (m) => ({ kind: 'name-with-health', detail: m[1] }),
  ],
];

/** A stored screening reason (`caption: contains what looks like a NIK (3273…)`) in Indonesian. */
export const screeningReasonInIndonesian = (reason: string): string => {
  const split = /^([\w.]+(?: \([^)]*\))?): (.*)$/.exec(reason);
  const field = split?.[1];
  const rest = split?.[2] ?? reason;
  for (const [pattern, finding] of REASONS) {
    const m = pattern.exec(rest);
    if (m) return `${field ? `${fieldName(field)}: ` : ''}${findingMessage(finding(m))}`;
  }
  return 'Ditahan karena mungkin memuat data pribadi. Buka konten ini untuk melihat rinciannya.';
};

const FAILURES: [RegExp, string][] = [
  [
    /access token|refused the access token|token is invalid|revoked|expired token|\b401\b/i,
    'Token akses akun tidak berlaku lagi. Perbarui token akun, lalu terbitkan ulang.',
  ],
  [
    /duplicate/i,
    'X menolak karena teksnya sama dengan unggahan sebelumnya. Ubah teksnya sedikit, lalu ajukan revisi.',
  ],
  [
    /rate limit|quota|publishing limit/i,
    'Batas jumlah unggahan di platform sudah tercapai. Coba lagi nanti.',
  ],
  [
    /media|image|container|aspect|jpeg/i,
    'Platform menolak gambarnya. Periksa format dan ukuran gambar, lalu ajukan revisi.',
  ],
  [
    /no answer|timed? ?out|timeout|unknown/i,
    'Platform tidak menjawab tepat waktu. Periksa di akun apakah unggahan sudah tampil sebelum mencoba lagi.',
  ],
  [/caption|text|too long|characters/i, 'Platform menolak teksnya. Periksa panjang teks dan tagar.'],
  [/workflow could not be started/i, 'Alur kerja tidak bisa dimulai. Ajukan konten ini sekali lagi.'],
];

/** Why a publication failed, in words staff can act on; never the platform's raw message. */
export const failureReasonInIndonesian = (error: string | undefined): string => {
  for (const [pattern, words] of FAILURES) if (error && pattern.test(error)) return words;
  return 'Penerbitan gagal karena kesalahan di platform. Buka konten ini untuk melihat rinciannya.';
};

const PLATFORM = { instagram: 'Instagram', x: 'X' } as const;

/** A platform token's state as one Indonesian sentence. */
export const tokenMessage = (
  platform: 'instagram' | 'x',
  state: { ok: boolean; daysLeft?: number; checked: boolean },
  warningDays: number,
): string => {
  const name = PLATFORM[platform];
  if (!state.checked)
    return `Akun ${name} belum pernah diperiksa. Jalankan pemeriksaan akun agar masalah token ketahuan lebih awal.`;
  if (!state.ok)
    return `Token ${name} tidak berlaku. Konten untuk ${name} akan gagal terbit sampai token diganti.`;
  if (state.daysLeft === undefined) return `Token ${name} berfungsi dan tidak punya tanggal kedaluwarsa.`;
  if (state.daysLeft <= 0) return `Token ${name} berakhir hari ini. Ganti token sekarang.`;
  if (state.daysLeft <= warningDays)
    return `Token ${name} berakhir dalam ${state.daysLeft} hari. Perbarui sebelum jadwal terbit berikutnya.`;
  return `Token ${name} berfungsi, masih berlaku ${state.daysLeft} hari.`;
};
