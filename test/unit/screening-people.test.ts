import { describe, expect, it } from 'vitest';
import {
  findingMessage,
  findingReason,
  type ScreeningFinding,
  screenFindings,
  screenText,
} from '../../functions/domain/content/screening';

/** People named (or given by initials) together with their health, and the public texts that look alike. */

const kinds = (text: string): ScreeningFinding['kind'][] => screenFindings(text).map((f) => f.kind);
const details = (text: string): (string | undefined)[] => screenFindings(text).map((f) => f.detail);

describe('a name written with an age', () => {
  it.each([
    ['Siti Rahayu (34) ... positif TBC', 'Siti Rahayu (34), warga Kiaracondong, positif TBC.', 'Siti Rahayu'],
    ['a name, then "57 tahun"', 'Ujang Sopandi, 57 tahun, terkena stroke.', 'Ujang Sopandi'],
    ['"(23 thn)"', 'Intan Permatasari (23 thn) didiagnosis kanker serviks.', 'Intan Permatasari'],
    ['a name not on the list, with a title', 'Kakek Karta (80) mengalami diare berat.', 'Karta'],
    ['a name not on the list, with "(45 tahun)"', 'Sutarman (45 tahun) meninggal karena DBD.', 'Sutarman'],
    ['a name after its condition', 'Balita gizi buruk, Putri (2), dirawat di RSUD.', 'Putri'],
  ])('flags %s', (_what, text, name) => {
    expect(kinds(text)).toEqual(['name-with-health']);
    expect(details(text)).toEqual([name]);
  });

  it('passes a count per district written with a number in brackets', () => {
    expect(screenText('Kasus DBD per kecamatan: Coblong (12), Sukajadi (8), Cicendo (5).').excluded).toBe(
      false,
    );
  });

  it('passes the same name and age without any health word', () => {
    expect(screenText('Siti Rahayu (34) memenangkan lomba masak sehat tingkat kota.').excluded).toBe(false);
  });
});

describe('a name after "atas nama", "a.n.", "bernama", "Nama:"', () => {
  it.each([
    ['atas nama', 'Surat keterangan sakit atas nama Iwan Kurnia, diagnosis tifoid.', 'Iwan Kurnia'],
    ['a.n.', 'Rujukan a.n. Hendra Gunawan untuk kemoterapi.', 'Hendra Gunawan'],
    [
      'a.n. with a title',
      'Surat rujukan a.n. Ny. Tati Suhartini, diagnosis kanker payudara.',
      'Tati Suhartini',
    ],
    ['bernama', 'Seorang pemuda bernama Fajar Nugraha dilarikan ke IGD.', 'Fajar Nugraha'],
    ['yang bernama', 'Balita yang bernama Putri terkena campak.', 'Putri'],
    ['a record', 'Nama: Agus Salim\nDiagnosis: diabetes', 'Agus Salim'],
  ])('flags %s', (_what, text, name) => {
    expect(details(text)).toEqual([name]);
  });

  it('passes "atas nama" an office', () => {
    expect(
      screenText('Atas nama Dinas Kesehatan Kota Bandung, kami mengucapkan terima kasih kepada kader TBC.')
        .excluded,
    ).toBe(false);
  });

  it('passes a name after "bernama" with nothing about health', () => {
    expect(screenText('Posyandu baru bernama Posyandu Melati diresmikan hari ini.').excluded).toBe(false);
  });
});

describe('a name after a test result', () => {
  it.each([
    ['Hasil lab:', 'Hasil lab: Siti Aminah, HIV reaktif.', 'Siti Aminah'],
    ['a trailing initial', 'Hasil lab: Rahmat H., GDS 320 mg/dL.', 'Rahmat H'],
    ['Hasil swab', 'Hasil swab Andi Wijaya positif COVID-19.', 'Andi Wijaya'],
    ['a title after the cue', 'Hasil laboratorium Tn. Wahyu: trombosit 45.000.', 'Wahyu'],
    ['lines of a lab slip', 'Hasil Lab\nNama: Dodi\nHIV: reaktif', 'Dodi'],
  ])('flags %s', (_what, text, name) => {
    expect(details(text)).toEqual([name]);
  });

  it('passes a notice about collecting results', () => {
    expect(screenText('Hasil lab bisa diambil di loket 3 setiap hari kerja.').excluded).toBe(false);
  });
});

describe('titles and initials', () => {
  it.each([
    ['Tn.', 'Tn. Ujang dirujuk ke RSHS karena stroke.', 'Ujang'],
    ['Ny. with a surname', 'Ny. Euis Komalasari menjalani cuci darah.', 'Euis Komalasari'],
    ['An.', 'An. Dimas demam tinggi, diduga DBD.', 'Dimas'],
    ['Kang', 'Kang Dadan sudah tiga bulan minum obat TBC.', 'Dadan'],
    ['Pak with an apposition', 'Pak Endang, penjual bakso, positif hepatitis A.', 'Endang'],
    ['Teh', 'Teh Rani positif TBC setelah batuk tiga minggu.', 'Rani'],
    ['Mang, a name not on the list', 'Mang Odon didiagnosis diabetes.', 'Odon'],
    ['Tn. H.S. (61)', 'Tn. H.S. (61) positif TBC.', 'H.S'],
    ['Ny. S (40)', 'Ny. S (40) dirawat karena diabetes.', 'S'],
    ['berinisial', 'Pasien berinisial RN (19) positif HIV.', 'RN'],
    ['a name in capitals', 'SITI RAHAYU positif TBC', 'SITI RAHAYU'],
    ['a name in the next sentence', 'Kami menjenguk Ibu Nining. Ia dirawat karena difteri.', 'Nining'],
  ])('flags %s', (_what, text, name) => {
    expect(details(text)).toEqual([name]);
  });

  it.each([
    ['"Pak RT dan Bu RW"', 'Pak RT dan Bu RW, ayo ajak warga cek tekanan darah!'],
    [
      'a disease acronym after "pasien"',
      'Salah satu pasien TBC yang sudah sembuh berbagi pengalaman minum obat.',
    ],
    ['a form of address without a name', 'Pak, Bu, yuk periksa tekanan darah rutin di posbindu.'],
    ['a title-case heading', 'Anak Usia Sekolah Wajib Imunisasi Campak'],
    ["the city's waste programme", 'Terima kasih Kang Pisman dan para kader yang mencegah DBD!'],
  ])('passes %s', (_what, text) => {
    expect(screenText(text).excluded).toBe(false);
  });
});

describe('a list of names next to a treatment', () => {
  it('flags the list once, with every name', () => {
    const text = 'Daftar penerima ARV bulan ini: Agus, Rudi Hartono, dan Sri Wahyuni.';
    expect(screenFindings(text)).toEqual([
      { kind: 'names-with-health', detail: 'Agus, Rudi Hartono, Sri Wahyuni' },
    ]);
    expect(screenText(text).reasons).toEqual([
      'lists people by name (Agus, Rudi Hartono, Sri Wahyuni) next to a health condition or treatment',
    ]);
  });

  it('includes a name not on the list when it sits in the list', () => {
    expect(details('Jadwal cuci darah Kamis: Rosita, Jajang, Sutarman.')).toEqual([
      'Rosita, Jajang, Sutarman',
    ]);
  });

  it('passes a list of districts next to a disease', () => {
    expect(screenText('Zona merah DBD: Coblong, Sukajadi, Cicendo, Andir, Astanaanyar.').excluded).toBe(
      false,
    );
  });

  it('passes a list of names with no health word', () => {
    expect(screenText('Pemenang lomba foto: Agus, Rudi Hartono, dan Sri Wahyuni.').excluded).toBe(false);
  });
});

describe('officials and health workers named with their role', () => {
  it.each([
    [
      'dr. and Kepala Dinas',
      'dr. Anhar Hadian, Kepala Dinas Kesehatan Kota Bandung, mengajak warga ikut PSN DBD.',
    ],
    ['Wali Kota', 'Wali Kota Bandung Muhammad Farhan meninjau penanganan DBD.'],
    ['Sp.A after the name', 'dr. Rina Kartika, Sp.A menjelaskan gejala campak pada anak.'],
    ['Camat before the district and the name', 'Camat Coblong Asep Sudrajat membuka skrining TBC gratis.'],
    ['Kepala Puskesmas, drg.', 'Kepala Puskesmas Padasuka, drg. Lina Marlina, mengingatkan imunisasi.'],
    ['Bidan', 'Bidan Yanti dari Puskesmas Ibrahim Adjie memberi penyuluhan ASI eksklusif.'],
    [
      'Menteri',
      'Menteri Kesehatan Budi Gunadi Sadikin meluncurkan cek kesehatan gratis untuk deteksi diabetes.',
    ],
    [
      'Ns. and a degree',
      'Perawat Puskesmas Tamansari, Ns. Ratna Dewi, S.Kep, menjelaskan cara minum obat TBC.',
    ],
    ['a kader', 'Kader TB Kang Asep mendampingi pasien minum obat.'],
    ['a place named after a person', 'Puskesmas Ibrahim Adjie dan RS Hasan Sadikin melayani pasien TBC.'],
    ['a street named after a person', 'Jalan Dewi Sartika ditutup untuk jalan sehat bebas DBD.'],
  ])('passes %s', (_what, text) => {
    expect(screenText(text)).toEqual({ excluded: false, reasons: [] });
  });

  it('flags an official whose own health state is reported', () => {
    expect(kinds('Camat Coblong Asep Sudrajat positif COVID-19 dan menjalani isolasi.')).toEqual([
      'name-with-health',
    ]);
  });
});

describe('reasons and messages for the new kinds', () => {
  it('has an English reason and an Indonesian message for each', () => {
    const list: ScreeningFinding = { kind: 'names-with-health', detail: 'Agus, Dedi' };
    const indirect: ScreeningFinding = { kind: 'indirect-identification', detail: 'age, sex, RT/RW' };
    expect(findingReason(list)).toBe(
      'lists people by name (Agus, Dedi) next to a health condition or treatment',
    );
    expect(findingMessage(list)).toContain('daftar nama');
    expect(findingReason(indirect)).toBe(
      'identifies a person without naming them (age, sex, RT/RW) next to a health condition',
    );
    expect(findingMessage(indirect)).toContain('(usia, jenis kelamin, RT/RW)');
  });
});

describe('authors in a source citation (sources are screened too)', () => {
  it.each([
    'Rahayu S, Hidayat A. Faktor risiko DBD di Kota Bandung. 2023',
    'Rahayu, S. & Hidayat, A. (2023). Faktor Risiko DBD di Kota Bandung',
    'Santoso dkk. (2022) Evaluasi program ARV di puskesmas',
    'Wijaya et al. (2021) Stunting dan gizi buruk di Jawa Barat',
  ])('passes %j', (text) => {
    expect(screenText(text).excluded).toBe(false);
  });

  it('still flags a name with an initial followed by a health state', () => {
    expect(details('Siti S, positif TBC')).toEqual(['Siti']);
  });
});

describe('text in capitals (posters, image text)', () => {
  it.each([
    ['a lab slip', 'HASIL LAB: SITI AMINAH HIV REAKTIF', 'SITI AMINAH'],
    ['a title and a name', 'PASIEN: SITI RAHAYU (34) POSITIF TBC', 'SITI RAHAYU'],
  ])('flags %s', (_what, text, name) => {
    expect(details(text)).toEqual([name]);
  });

  it.each([
    'WASPADA DBD! HUBUNGI WA CENTER DINKES 0811-2233-4455',
    'PUSKESMAS SUKAJADI, JL. SUKAJADI NO. 12: SKRINING TBC GRATIS',
    'DR. ANHAR HADIAN, KEPALA DINAS KESEHATAN: CEGAH DBD DENGAN 3M PLUS',
  ])('passes %j', (text) => {
    expect(screenText(text).excluded).toBe(false);
  });
});

describe('two titles in a row', () => {
  it('names the initials after "Hasil lab: Tn.", not the title', () => {
    const text = 'Hasil lab: Tn. H.S. (61) HbA1c 9,2.';
    expect(kinds(text)).toEqual(['name-with-health']);
    expect(details(text)).toEqual(['H.S']);
  });

  it('names the person after "Pasien Tn.", not the second title', () => {
    const text = 'Pasien Tn. Budi Santoso (45) positif TBC.';
    expect(kinds(text)).toEqual(['name-with-health']);
    expect(details(text)).toEqual(['Budi Santoso']);
  });
});

describe('text that wraps over lines (an image read by OCR, a caption typed with line breaks)', () => {
  it('reads a line that goes on in lower case as the same sentence', () => {
    const text = 'Laporan Kasus\nPasien Tn. Budi Santoso (45)\npositif TBC,\ndirawat di RS Kota.';
    expect(kinds(text)).toEqual(['name-with-health']);
    expect(details(text)).toEqual(['Budi Santoso']);
  });

  it('still ends the sentence at a line that starts anew', () => {
    expect(
      screenText('Juara lomba: Budi Santoso (45)\nPositif TBC bisa sembuh dengan obat teratur.').excluded,
    ).toBe(false);
  });
});
