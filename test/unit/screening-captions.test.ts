import { describe, expect, it } from 'vitest';
import { screenText } from '../../functions/domain/content/screening';

/**
 * Whole captions as Humas writes them, written after the rules were frozen to look for gaps (each one that
 * failed was fixed; docs/decisions/0015). Public ones must pass; ones that identify someone must be stopped.
 */

describe('public captions pass', () => {
  it.each([
    'Bandung, 1 Desember 2026 — Dinas Kesehatan Kota Bandung memperingati Hari AIDS Sedunia. Kepala Dinas Kesehatan, dr. Anhar Hadian, menyampaikan bahwa layanan tes HIV tersedia gratis di seluruh puskesmas.\n\nInfo lebih lanjut: WA Center 0811-2233-4455.\n#HariAIDSSedunia #StopStigma',
    'Gerakan 1 Rumah 1 Jumantik! Ibu-ibu kader di RW 08 Kelurahan Cigadung rutin memeriksa jentik setiap Jumat. Terima kasih, Bu Euis dan tim!',
    'Selamat kepada Puskesmas Padasuka, juara 1 lomba inovasi layanan TBC se-Jawa Barat. Kepala Puskesmas, dr. Dewi Lestari, menerima penghargaan dari Gubernur Jawa Barat.',
    'Yuk donor darah! PMI Kota Bandung, Jl. Aceh No. 79. Setetes darah Anda menyelamatkan pasien talasemia.',
    'Jadwal posyandu balita: RW 01 Senin, RW 02 Selasa, RW 03 Rabu. Bawa buku KIA ya, Bunda!',
    'Kisah inspiratif Teh Rina, kader kesehatan yang setia mendampingi pasien TBC minum obat di Cibiru.',
    'Bapak/Ibu, cegah DBD dengan 3M Plus: menguras, menutup, mendaur ulang.',
    'Dr. Budi Santoso dari RSHS menjadi narasumber webinar diabetes hari ini pukul 19.00 WIB.',
    'Live IG bersama dr. Intan Permatasari, Sp.PD: "Kenali Gejala Hipertensi" Kamis 20.00 WIB.',
    'Kasus DBD minggu ke-47: Coblong 12, Sukajadi 8, Cicendo 5, Andir 4.',
    'Puskesmas Ahmad Yani melayani imunisasi campak setiap Rabu.',
    'Warga Kelurahan Sukaluyu antusias ikut cek gula darah gratis di posbindu.',
    'Terima kasih Pak Camat Coblong yang hadir dalam pencanangan bulan imunisasi anak sekolah.',
    'Ayo vaksin! Ibu hamil trimester 2, usia 20 tahun ke atas, bisa vaksin TT di puskesmas.',
    'Petugas surveilans Puskesmas Garuda melakukan penyelidikan epidemiologi setelah ada laporan kasus DBD.',
    'Sebanyak 1.200 siswa SD Negeri 12 Bandung mengikuti skrining TBC.',
    'Hotline pengaduan layanan BPJS Kesehatan: 0811-8165-165.',
    'RSUD Kota Bandung dan RS Immanuel kini melayani pasien hemodialisa BPJS.',
    'Pak Oded, almarhum Wali Kota Bandung, dikenang sebagai penggagas Kang Pisman.',
    'Terima kasih kepada Bu Euis. Ia rutin mengedukasi warga soal DBD dan TBC.',
    'Bersama Bu Lurah Cigadung, kader memeriksa jentik nyamuk DBD.',
    'Bu Bidan Yanti mengingatkan ibu hamil minum tablet tambah darah.',
    'Pemenang lomba kampung bebas DBD: RW 05 Sukaluyu, RW 08 Cigadung.',
    'Selamat ulang tahun, Kang Asep! Semoga sehat selalu.',
    'Narasumber: dr. Siti Nurhayati (Dinkes), Yanti Susanti (kader TBC).',
    'Simak penjelasan Prof. Dr. Hasan Basri tentang vaksin HPV dan kanker serviks.',
    'Kang Emil mengajak warga Jawa Barat memeriksakan diri jika batuk lebih dari dua minggu.',
    'Foto bersama peserta pelatihan kader posbindu PTM di Aula Dinkes.',
    'Senam bersama Ibu Ketua TP PKK dalam rangka Hari Diabetes Sedunia.',
  ])('%j', (text) => {
    expect(screenText(text)).toEqual({ excluded: false, reasons: [] });
  });
});

describe('captions that identify someone are stopped', () => {
  it.each([
    'Doakan kesembuhan Aa Ujang, tetangga kami yang sedang dirawat karena DBD.',
    'Ceu Popon (67) warga Babakan Ciamis meninggal dunia akibat diare.',
    'Alhamdulillah, Neng Salsa sudah sembuh dari TBC setelah 6 bulan berobat.',
    'Update: Tn. Rudi (45) masih dirawat di ICU RSHS.',
    'Atas permintaan keluarga, identitas pasien DBD yang meninggal, Bapak Sutardi (52), kami sampaikan.',
    'Foto: Ibu Yayah, pasien kusta, saat menerima obat MDT di Puskesmas Cibiru.',
    'Kontrol ARV: Senin (Deni, Yudi), Selasa (Rina, Tatang).',
    'Seorang santri Pesantren Al-Ikhlas berusia 14 tahun terkonfirmasi difteri.',
    'Perempuan 29 tahun, RT 04/RW 02 Kelurahan Cigadung, positif HIV.',
    'Pasien atas nama Sdr. Ilham Maulana dirujuk ke RSHS karena gagal ginjal.',
    'Hasil pemeriksaan: Ny. Nurlela, BTA +2.',
    'Terima kasih kepada Bu Euis. Ia positif TBC tetapi tetap semangat berobat.',
    'Dimas, 12 tahun, siswa SMPN 5, dirawat karena DBD.',
    'Korban keracunan: Ujang (10), Dede (8), dan Neneng (12).',
    'Ny. Hj. Aminah dirawat di RSUD karena stroke.',
  ])('%j', (text) => {
    expect(screenText(text).excluded).toBe(true);
  });
});
