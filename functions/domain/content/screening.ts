/**
 * Screens text for information excluded from publication (UU 14/2008 art. 17; health data is specific
 * personal data under UU 27/2022): anything that identifies a person together with their health.
 * Deliberately conservative about public-health content: district names, case counts, hospital names
 * and public lines (119, 112, hotlines, office landlines) pass.
 */

export interface ScreeningResult {
  readonly excluded: boolean;
  readonly reasons: string[];
}

// Province codes in use on the NIK (Dukcapil), first two digits.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73,
  74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

/** A 16-digit number whose region and birth-date parts are plausible (women's day is +40). */
export const looksLikeNik = (digits: string): boolean => {
  if (!/^\d{16}$/.test(digits)) return false;
  const province = Number(digits.slice(0, 2));
  const day = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const realDay = day > 40 ? day - 40 : day;
  return PROVINCES.has(province) && realDay >= 1 && realDay <= 31 && month >= 1 && month <= 12;
};

// A NIK is written as 16 digits in a row, or grouped 4-4-4-4, 6-6-4 or 2-2-2-6-4 (the KTP layout);
// never read across other numbers ("NIK ... - 34 tahun").
const NIK_CANDIDATE =
  /(?<![\d.-])(\d{16}|\d{4}([ .-])\d{4}\2\d{4}\2\d{4}|\d{6}([ .-])\d{6}\3\d{4}|\d{2}([ .-])\d{2}\4\d{2}\4\d{6}\4\d{4})(?![\d]|[.-]\d)/g;
// Mobile prefixes run 081-089; 0800 is toll-free and public.
const MOBILE = /(?<![\d+])(?:\+62|62|0)[\s.-]?8[1-9](?:[\s.-]?\d){7,10}(?!\d)/g;
const STREET_WITH_NUMBER =
  /\b(?:jl|jln|jalan|gg|gang|komplek|komp|perum(?:ahan)?)\.?\s+[a-z0-9][\w .'-]{1,50}?\s+(?:no|nomor|nomer)\.?\s*\d+[a-z]?\b/i;
const RT_RW = /\brt\.?\s*0*\d{1,3}\s*\/\s*rw\.?\s*0*\d{1,3}\b/i;

// The honorific in any case ("Ibu", "ibu"), the name capitalised: "Ibu Siti Aminah", "pasien Budi".
const HONORIFIC =
  /\b(?:[Bb]apak|[Bb]pk|[Pp]ak|[Ii]bu|[Bb]u|[Ss]dr|[Ss]dri|[Ss]audara|[Ss]audari|[Tt]n|[Nn]y|[Nn]n|[Aa]n|[Aa]nak|[Pp]asien|[Pp]enderita|[Aa]lmarhum|[Aa]lmarhumah|[Aa]lm)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})/g;
// Pronouns, titles and roles that follow an honorific without naming anyone ("anak Anda", "Ibu Hamil").
const NOT_A_NAME =
  /^(?:Anda|Kamu|Kita|Kami|Mereka|Saya|Beliau|Walikota|Wali|Wakil|Gubernur|Camat|Lurah|Kepala|Kader|Dokter|Bidan|Perawat|Hamil|Menyusui|Direktur|Menteri|Presiden|Ketua|Rumah|Puskesmas)\b/;
const HEALTH_CONDITION =
  /\b(?:positif|terkonfirmasi|didiagnosis|diagnosa|diagnosis|menderita|mengidap|dirawat|meninggal|terinfeksi|terjangkit|suspek|kanker|hiv|aids|tbc|tb paru|tuberkulosis|dbd|demam berdarah|covid|campak|difteri|hepatitis|diabetes|stroke|gangguan jiwa|odgj|skizofrenia|kusta|sifilis|rawat inap|operasi|cuci darah|hemodialisa|kemoterapi)\b/i;

const mask = (s: string): string => `${s.replace(/\D/g, '').slice(0, 4)}…`;

/** One thing the screen found: what kind, and the masked value or the name it saw. */
export interface ScreeningFinding {
  readonly kind: 'nik' | 'phone' | 'address' | 'name-with-health';
  readonly detail?: string;
}

export const screenFindings = (text: string): ScreeningFinding[] => {
  const found: ScreeningFinding[] = [];
  for (const m of text.matchAll(NIK_CANDIDATE)) {
    const digits = (m[1] ?? '').replace(/\D/g, '');
    if (looksLikeNik(digits)) found.push({ kind: 'nik', detail: mask(digits) });
  }
  for (const m of text.matchAll(MOBILE)) found.push({ kind: 'phone', detail: mask(m[0]) });
  if (STREET_WITH_NUMBER.test(text) || RT_RW.test(text)) found.push({ kind: 'address' });
  for (const m of text.matchAll(HONORIFIC)) {
    if (NOT_A_NAME.test(m[1] ?? '')) continue;
    const start = Math.max(0, (m.index ?? 0) - 80);
    const window = text.slice(start, (m.index ?? 0) + m[0].length + 120);
    if (HEALTH_CONDITION.test(window)) found.push({ kind: 'name-with-health', detail: m[1] });
  }
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = `${f.kind}|${f.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** The reason as stored on the item and shown to approvers (English, as fact-finding has always written it). */
export const findingReason = (f: ScreeningFinding): string => {
  switch (f.kind) {
    case 'nik':
      return `contains what looks like a NIK (${f.detail})`;
    case 'phone':
      return `contains a personal phone number (${f.detail})`;
    case 'address':
      return 'contains a street address with a house number';
    case 'name-with-health':
      return `names a person (${f.detail}) next to a health condition or treatment`;
  }
};

/** The same finding in plain Indonesian, for the staff console. */
export const findingMessage = (f: ScreeningFinding): string => {
  switch (f.kind) {
    case 'nik':
      return `Ada angka yang tampak seperti NIK (${f.detail}). Hapus NIK sebelum terbit.`;
    case 'phone':
      return `Ada nomor telepon pribadi (${f.detail}). Gunakan nomor layanan resmi saja.`;
    case 'address':
      return 'Ada alamat rumah lengkap dengan nomor. Sebut wilayahnya saja, tanpa alamat.';
    case 'name-with-health':
      return `Ada nama orang (${f.detail}) di dekat keterangan penyakit atau perawatan. Hapus nama atau keterangan itu.`;
  }
};

export const screenText = (text: string): ScreeningResult => {
  const reasons = screenFindings(text).map(findingReason);
  return { excluded: reasons.length > 0, reasons };
};

/** Screens every text of an item that could be published. */
export const screenItem = (texts: Record<string, string>): ScreeningResult => {
  const reasons = Object.entries(texts).flatMap(([field, text]) =>
    screenText(text).reasons.map((r) => `${field}: ${r}`),
  );
  return { excluded: reasons.length > 0, reasons };
};
