/** What staff read for the classifier's labels and complaint categories (classifier-lexicon.ts), in Indonesian. */
export const LABEL_NAMES: Record<string, string> = {
  complaint: 'Keluhan',
  question: 'Pertanyaan',
  appreciation: 'Apresiasi',
  other: 'Lainnya',
  unclassified: 'Belum diklasifikasi',
};

export const CATEGORY_NAMES: Record<string, string> = {
  waiting_time: 'Waktu tunggu',
  staff_attitude: 'Sikap petugas',
  facility: 'Fasilitas',
  stock: 'Ketersediaan obat/stok',
  cost_insurance: 'Biaya/BPJS',
  unclear_information: 'Informasi kurang jelas',
  responsiveness: 'Respons lambat',
  // A citizen's report that nothing has come of (id kept). Not "Tindak lanjut": that is a unit's follow-up.
  follow_up: 'Laporan belum ditangani',
  uncategorised: 'Tanpa kategori',
};

/** A category's name for staff; anything unknown is shown as stored. */
export const categoryName = (c: string): string => CATEGORY_NAMES[c] ?? c;
export const labelName = (l: string): string => LABEL_NAMES[l] ?? l;

const PLATFORM_NAMES: Record<string, string> = { instagram: 'Instagram', x: 'X' };
/** A platform's name as staff and citizens write it. */
export const platformName = (p: string): string => PLATFORM_NAMES[p] ?? p;

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
/** `2026-11` as "November 2026". */
export const monthTitle = (month: string): string =>
  `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
