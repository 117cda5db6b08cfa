/** One thing the screen found: what kind, and the masked value, the name or the details it saw. */
export interface ScreeningFinding {
  readonly kind:
    | 'nik'
    | 'phone'
    | 'address'
    | 'name-with-health'
    | 'names-with-health'
    | 'indirect-identification';
  readonly detail?: string;
}

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
    case 'names-with-health':
      return `lists people by name (${f.detail}) next to a health condition or treatment`;
    case 'indirect-identification':
      return `identifies a person without naming them (${f.detail}) next to a health condition`;
  }
};

const INDONESIAN_DETAIL: Record<string, string> = {
  age: 'usia',
  sex: 'jenis kelamin',
  'RT/RW': 'RT/RW',
  workplace: 'tempat kerja atau sekolah',
  kelurahan: 'kelurahan',
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
    case 'names-with-health':
      return `Ada daftar nama orang (${f.detail}) di dekat keterangan penyakit atau pengobatan. Hapus nama-nama itu.`;
    case 'indirect-identification': {
      const what = (f.detail ?? '')
        .split(', ')
        .map((d) => INDONESIAN_DETAIL[d] ?? d)
        .join(', ');
      return `Ada keterangan yang bisa menunjuk satu orang (${what}) bersama penyakitnya, walau tanpa nama. Sebut jumlah kasus per kecamatan saja.`;
    }
  }
};
