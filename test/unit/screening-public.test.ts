import { describe, expect, it } from 'vitest';
import { type ScreeningFinding, screenFindings, screenText } from '../../functions/domain/content/screening';

/** Indirect identification, and what is public: facilities' addresses, offices' lines, counts, testimonies. */

const kinds = (text: string): ScreeningFinding['kind'][] => screenFindings(text).map((f) => f.kind);

describe('a person identified without a name', () => {
  it.each([
    [
      'age, sex and RT/RW',
      'Seorang perempuan 34 tahun di RT 03/RW 07 Kelurahan Sekeloa positif TBC.',
      'age, sex, RT/RW',
    ],
    [
      'RW alone, with age and sex',
      'Laki-laki usia 60 tahun warga RW 09 Cicadas meninggal karena DBD.',
      'age, sex, RT/RW',
    ],
    [
      'RT and RW written apart',
      'Bayi perempuan berusia 8 bulan di RT 5 RW 2 terkena campak.',
      'age, sex, RT/RW',
    ],
    ['a school', 'Seorang guru SD Negeri 12 Bandung dinyatakan positif TBC.', 'workplace'],
    ['a company', 'Karyawan pabrik tekstil PT Kahatex berusia 30 tahun positif TBC.', 'age, workplace'],
    ['a facility', 'Seorang perawat di Puskesmas Garuda terkonfirmasi COVID-19.', 'workplace'],
    [
      'a kelurahan, age and sex',
      'Pria 52 tahun di Kelurahan Cijerah meninggal karena leptospirosis.',
      'age, sex, kelurahan',
    ],
    [
      'a case attributed to someone',
      'Kasus HIV pada laki-laki 25 tahun di RW 08 Antapani.',
      'age, sex, RT/RW',
    ],
  ])('flags %s', (_what, text, detail) => {
    const found = screenFindings(text).filter((f) => f.kind === 'indirect-identification');
    expect(found).toEqual([{ kind: 'indirect-identification', detail }]);
  });

  it.each([
    ['a count by district', '12 kasus DBD di Kecamatan Coblong pekan ini.'],
    ['a count of people', 'Sebanyak 23 anak di Kecamatan Bandung Kulon terkena campak.'],
    ['a count in words', 'Tiga warga Kecamatan Cibeunying Kidul meninggal karena DBD bulan ini.'],
    [
      'a count with an age band',
      'Kasus campak di Kelurahan Cigadung bertambah 4 anak usia di bawah 5 tahun.',
    ],
    ['an anonymous testimony', 'Seorang warga bercerita tentang pengalamannya sembuh dari TBC.'],
    ['"salah satu pasien"', 'Salah satu pasien mengaku terbantu dengan layanan antar obat ARV.'],
    ['a woman in a district', 'Seorang ibu di Kecamatan Cibiru berbagi tips mencegah DBD di rumah.'],
    ['an age band for a service', 'Lansia usia 60 tahun ke atas dianjurkan vaksin influenza.'],
    ['a duration of treatment', 'Pasien TBC wajib minum obat setiap hari selama 6 bulan.'],
    ['an RW activity', 'Fogging dilakukan di RW 05 Kelurahan Sukaluyu setelah ditemukan jentik.'],
    ['a school vaccination', 'Imunisasi campak untuk siswa SD Negeri 1 Coblong pada hari Senin.'],
    ['a health worker teaching', 'Seorang perawat di Puskesmas Garuda mengajarkan cara minum obat TBC.'],
  ])('passes %s', (_what, text) => {
    expect(screenText(text)).toEqual({ excluded: false, reasons: [] });
  });
});

describe('addresses', () => {
  it.each([
    ['a puskesmas', 'Skrining TBC gratis di Puskesmas Puter, Jl. Puter No. 2, Senin-Jumat.'],
    ['PMI', 'Donor darah di PMI Kota Bandung, Jl. Aceh No. 79, buka setiap hari.'],
    ['a school', 'Vaksinasi HPV di SMP Negeri 2 Bandung, Jalan Sumatera Nomor 42.'],
    ['a hospital', 'RSUD Kota Bandung di Jl. Rumah Sakit No. 22 melayani pasien BPJS.'],
    ['a hospital written out', 'Rumah Sakit Umum Daerah, Jl. Rumah Sakit No. 22, Ujungberung.'],
    ['an office', 'Kantor Dinas Kesehatan, Jl. Supratman No. 73, tutup saat libur nasional.'],
    [
      'a clinic named before its street',
      'Klinik PKBI Jawa Barat, Jl. Pelajar Pejuang 45 No. 14, melayani tes HIV.',
    ],
    ['a posyandu with RT/RW', 'Posyandu Melati RT 02/RW 04 buka setiap Selasa.'],
  ])('passes the address of %s', (_what, text) => {
    expect(screenText(text)).toEqual({ excluded: false, reasons: [] });
  });

  it.each([
    ['a patient living there', 'Pasien tinggal di Jl. Cikutra No. 45, positif DBD.'],
    ['a house', 'Rumah pasien DBD di Gg. Mawar No. 7 sudah difogging.'],
    [
      'a home after a facility is mentioned',
      'Pasien Puskesmas Puter yang tinggal di Jl. Cikutra No. 45 dirawat.',
    ],
  ])('flags %s', (_what, text) => {
    expect(kinds(text)).toContain('address');
  });
});

describe('phone numbers', () => {
  it.each([
    ['a WA Center', 'Pengaduan layanan kesehatan lewat WA Center Dinkes 0811-2345-6789.'],
    ['a call center', 'Call center Puskesmas Pasirkaliki: 0812-2000-3000 (jam kerja).'],
    ['a hotline', 'Hotline DBD Dinas Kesehatan Kota Bandung 0813-9999-1234 siap 24 jam.'],
    ['a layanan number', 'Nomor layanan pengaduan RSUD Kota Bandung: 0821-4455-6677.'],
    ["an office's WhatsApp", 'Konsultasi DBD lewat Layanan WhatsApp Dinkes Kota Bandung: 0811-2233-4455.'],
  ])("passes %s's mobile number", (_what, text) => {
    expect(screenText(text)).toEqual({ excluded: false, reasons: [] });
  });

  it.each([
    ['a family member', 'Keluarga pasien DBD bisa dihubungi di 0857-2211-3344.'],
    ['a person after an office is named', 'Hotline Dinkes, atau Bu Sri (pasien TBC) di 0812-3456-7890.'],
    ['a bare number', 'Konsultasi DBD gratis: hubungi 0811-2233-4455.'],
  ])('flags %s', (_what, text) => {
    expect(kinds(text)).toContain('phone');
  });
});
