/**
 * The words the personal-data screen reads, lower case, in plain Indonesian (with the Sundanese forms of
 * address used in Bandung). Two-word entries are matched on adjacent words ("cuci darah").
 */

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter((w) => w.length > 0));
const phrases = (s: string): ReadonlySet<string> =>
  new Set(
    s
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
  );

/**
 * Words that put a particular person in a health state: a result, a diagnosis, care, death. They make a
 * sentence about someone, not about a disease in general ("positif", "dirawat", "meninggal").
 */
export const STATE = words(`
  positif reaktif terkonfirmasi terdeteksi detected didiagnosis terdiagnosis menderita mengidap terkena
  terjangkit terinfeksi tertular dirawat dioperasi meninggal wafat tewas koma dilarikan suspek dinyatakan
  diisolasi opname overdosis keracunan kambuh positive
`);
export const STATE_PHRASES = phrases('rawat inap, cuci darah, meninggal dunia');

/** Other words that make health the subject when a person is named: referral, suspicion, complaints. */
export const OTHER_HEALTH = words('dirujuk diduga mengeluh isolasi diagnosis diagnosa rujukan sakit');

/** Diseases and conditions (health data about whoever the sentence is about). */
export const CONDITION = words(`
  tbc tb hiv aids odha covid campak difteri hepatitis diabetes stroke kanker tumor skizofrenia odgj depresi
  bipolar kusta lepra sifilis gonore ims malaria leptospirosis rabies tifoid tipes tifus diare pneumonia ispa
  hipertensi asma epilepsi keguguran perdarahan pendarahan infeksi dehidrasi demam trombosit sesak batuk
  serviks payudara cacar polio pertusis dengue dbd chikungunya anemia autisme jantung ginjal paru leukemia
  talasemia hemofilia gangren luka stunting influenza mpox monkeypox narkoba
`);
export const CONDITION_PHRASES = phrases(
  'gizi buruk, gangguan jiwa, gagal ginjal, demam berdarah, tb paru, gula darah, tekanan darah',
);

/** Treatment, care and tests. */
export const TREATMENT = words(`
  arv oat metadon kemoterapi kemo hemodialisa hemodialisis operasi caesar terapi icu nicu picu igd berobat
  pengobatan rumatan antitoksin profilaksis insulin transfusi rontgen swab pcr bta genexpert ns1 gds hbsag
  vct hd kontrol kemoradiasi
`);

/** Any word that makes health the subject. A named person in the same sentence is the finding. */
export const isHealthWord = (w: string): boolean =>
  STATE.has(w) || CONDITION.has(w) || TREATMENT.has(w) || OTHER_HEALTH.has(w);
export const isHealthPhrase = (p: string): boolean =>
  STATE_PHRASES.has(p) || CONDITION_PHRASES.has(p) || p === 'hasil lab' || p === 'minum obat';

/**
 * Titles and forms of address that come right before a person's name: "Tn. Ujang", "Ny. S", "Kang Dadan".
 * Includes the patient nouns that do the same ("pasien Budi", "balita Aisyah").
 */
export const TITLES = words(`
  tn tuan ny nyonya nn nona an sdr sdri saudara saudari bpk bapak pak ibu bu kang akang aa teh teteh mang bi
  bibi ceu neng mas mbak mba bang abang kak kakak dik adik om tante kakek nenek aki nini mbah eyang uwa uwak
  abah emak almarhum almarhumah alm almh pasien penderita korban balita bayi anak
`);

/**
 * Roles of officials and health workers. A name right after one is the person speaking in that role, which is
 * public ("dr. Anhar", "Camat Coblong Asep Sudrajat", "Wali Kota Bandung Muhammad Farhan").
 */
export const ROLES = words(`
  dr drg dokter prof profesor kepala kadis kadinkes kapus wali walikota wakil wawali gubernur wagub camat lurah
  menteri menkes wamenkes presiden direktur dirut ketua sekretaris sekda kabid kasi kasubag kasie bidan perawat
  ns apoteker kader petugas jubir plt plh bupati wabup anggota dprd ustaz ustadz kh pendeta pastor romo
  narasumber pembicara moderator epidemiolog ahli pakar penyuluh sanitarian nakes koordinator spesialis
  psikolog nutrisionis duta
`);

/** Degrees and specialist titles written after a health worker's name ("dr. Rina, Sp.A", "Ns. Ratna, S.Kep"). */
export const DEGREES = words(`
  sp spa sppd spog spkk sps spkj spp spb spm spot spjp mkes skm mph msc skep amd amk ners msi mm sked phd
  sgz stp mars mkm
`);

/**
 * Words that name a public place or body. A street address, a phone number or a capitalised name right after
 * one belongs to the place ("Puskesmas Ibrahim Adjie", "PMI Kota Bandung, Jl. Aceh No. 79").
 */
export const FACILITIES = words(`
  puskesmas pustu rsud rs rsia rshs rsup klinik pmi posyandu posbindu kantor dinas dinkes balai sekolah sd sdn
  smp smpn sma sman smk smkn mi mts madrasah pesantren ponpes universitas kampus gedung masjid gereja kelurahan
  kecamatan pemkot pemprov labkesda laboratorium apotek gor aula taman lapangan stadion yayasan pkbi bkkbn
  kemenkes bpjs polsek polres kodim koramil kejaksaan pengadilan perpustakaan museum terminal stasiun bandara
  pasar hotel pt cv bank tk paud politeknik akademi
`);

/** Words that say the address or number is where someone lives or can be reached privately. */
export const RESIDENCE = words(`
  rumah rumahnya tinggal bertempat kediaman alamat alamatnya beralamat domisili kos kost kontrakan indekos
  keluarga pasien pribadi istri suami anaknya ibunya ayahnya orangtua korban
`);

/** Words that mark an office's public line: "WA Center", "call center", "hotline", "layanan". */
export const HOTLINE = words(`
  center centre hotline layanan pengaduan posko helpdesk humas resmi puskesmas dinkes dinas rsud rs pmi kantor
  kemenkes bpjs pemkot klinik satgas sms contact
`);

/** Occupations: with a specific workplace and a health state, they point at one person. */
export const OCCUPATIONS = words(`
  guru dosen karyawan karyawati pegawai staf staff buruh pekerja satpam sopir supir pengemudi koki juru kasir
  pelayan pedagang penjual perawat bidan dokter petugas siswa siswi murid santri mahasiswa mahasiswi office
  cleaning security tukang montir pramuniaga ob marbot
`);

/** Words after which a capitalised word or a number is a particular workplace or school. */
export const WORKPLACES = words(`
  sd sdn smp smpn sma sman smk smkn mi mts tk paud pt cv pabrik kantor kantin hotel restoran toko minimarket
  puskesmas rs rsud klinik bank balai sekolah pasar universitas kampus pesantren perusahaan dinas apotek
  kelurahan kecamatan gudang warung restoran salon bengkel
`);

/** Words that say who the person is by sex or family role, for indirect identification. */
export const SEX = words(`
  laki lelaki perempuan pria wanita ibu bapak putra putri pemuda pemudi gadis janda duda ayah istri suami
  cowok cewek kakek nenek
`);

/** Age units after a number: "34 tahun", "(52 th)", "8 bulan". */
export const AGE_UNITS = words('tahun th thn tahunan bulan bln');

/** Words around a number that make it a range or a duration, not someone's age. */
export const NOT_AN_AGE_BEFORE = words(
  'bawah atas dari selama sejak sudah setelah sampai hingga tiap setiap per',
);
export const NOT_AN_AGE_AFTER = words('ke keatas lalu terakhir sampai hingga s lebih kebawah');

/** Nouns that, after a count, make a sentence about many people ("12 kasus", "23 anak"). */
export const COUNTED = words(`
  kasus orang warga anak siswa siswi pasien balita penderita jiwa karyawan pekerja guru korban bayi lansia
  ibu murid santri keluarga kk pegawai
`);
export const COUNT_WORDS = words(`
  dua tiga empat lima enam tujuh delapan sembilan sepuluh belasan puluhan ratusan ribuan beberapa sejumlah
  banyak para sebanyak
`);

/** Capitalised words that are never a person's name here (places, bodies, days, months, common headings). */
export const NOT_NAMES = words(`
  anda kamu kita kami mereka saya beliau dia ia tuhan allah bandung jawa barat indonesia jakarta kota kabupaten
  senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september
  oktober november desember negeri swasta puskesmas rsud dinas kesehatan kecamatan kelurahan hamil menyusui
  lansia kader info informasi layanan hotline whatsapp instagram twitter hasil lab selamat yuk ayo mari
  covid dbd tbc hiv arv oat bpjs ktp nik pisman
`);

/**
 * Verbs of someone speaking to the public about health: "Kang Emil mengajak warga ...". A name followed by
 * one is a speaker, not a patient, unless the sentence also gives a health state.
 */
export const ADVOCACY = words(`
  mengajak mengimbau menghimbau mengingatkan menjelaskan menyampaikan membuka meresmikan meninjau memimpin
  mengedukasi menyosialisasikan mensosialisasikan berbagi memberi memberikan mendampingi melatih memandu
  mengampanyekan mengkampanyekan mendorong meminta mengunjungi menyerahkan berpesan menegaskan mengatakan
`);

/** Pronouns and phrases that continue a sentence about the same person ("Ia positif TBC."). */
export const SAME_PERSON_OPENERS = words('ia dia beliau ybs keduanya');

/** Phrases that introduce a name: "atas nama", "bernama", "hasil lab:". */
export const NAME_CUES = words('bernama namanya nama berinisial inisial');
export const RESULT_NOUNS = words(
  'lab laboratorium tes test swab pcr pemeriksaan rontgen rapid skrining uji cek biopsi ct',
);

/** Upper-case words that look like initials but are bodies, places or units ("Pak RT", "Bu RW"). */
export const NOT_INITIALS = words(`
  rt rw rs kb tb dbd hiv igd icu arv oat pmi sd smp sma pkk kia ktp nik bpjs wib td mg dl ml kg cm hb
`);
