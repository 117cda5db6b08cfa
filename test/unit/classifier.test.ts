import { describe, expect, it } from 'vitest';
import { classify, explain, normalise } from '../../functions/domain/feedback/classifier';
import { evaluate, parseDataset, readDataset } from '../../scripts/evaluate-classifier';

// Floors: a little under what was measured when the rules were frozen (docs/decisions/0006). The dev set
// was used to write the rules; the holdout was written before and never used to tune them.
const DEV_FLOOR = 0.97; // measured 1.000
const HOLDOUT_FLOOR = 0.76; // measured 0.795 (round 1), 0.787 (round 2, holdout not read)

describe('normalise', () => {
  it('expands informal spellings and abbreviations', () => {
    expect(normalise('yg gak blm udh bgt min kak')).toBe('yang tidak belum sudah banget admin kakak');
    expect(normalise('tdk dgn krn jg sy org bs gmn knp dmn tlg')).toBe(
      'tidak dengan karena juga saya orang bisa bagaimana kenapa dimana tolong',
    );
    expect(normalise('makasih mksh trims')).toBe('terima kasih terima kasih terima kasih');
    expect(normalise('nggak engga ga')).toBe('tidak tidak tidak');
  });

  it('translates the Sundanese that Bandung mixes in', () => {
    expect(normalise('punten hatur nuhun kumaha teu acan lami pisan seep')).toBe(
      'permisi terima kasih bagaimana belum lama sekali habis',
    );
    expect(normalise('abdi nuju teu damang pisan')).toBe('saya sedang tidak damang sekali');
  });

  it('handles colloquial and Sundanese affixes and reduplication', () => {
    expect(normalise('ngantri obatna dibales2 kejang-kejang nungguin')).toBe(
      'antre obat dibalas kejang menunggu',
    );
    expect(normalise('petugasna dijelasin')).toBe('petugas dijelaskan');
  });

  it('reads "ka" as kakak when it opens the message and as "ke" inside it', () => {
    expect(normalise('Ka, abdi bade ka puskesmas')).toBe('kakak saya mau ke puskesmas');
  });

  it('joins a word split by an apostrophe, typed or curly', () => {
    expect(normalise("jum'at")).toBe('jumat');
    expect(normalise('jum\u2019at')).toBe('jumat');
  });

  it('keeps the question mark as a signal and drops links and handles', () => {
    expect(normalise('Cek https://dinkes.bandung.go.id @budi?')).toBe('cek xmention ?');
  });
});

describe('classify: labels', () => {
  it.each([
    'Min, posbindu di kelurahan Cigadung buka hari apa?',
    'kak mau nanya, syarat bikin kartu kuning buat kerja apa aja',
    'Iraha vaksin campak kanggo orok dibuka deui?',
    'Sabaraha biayana cek darah lengkap di labkesda?',
    'Bisakah anak umur 5 tahun ikut imunisasi susulan',
  ])('question: %s', (text) => {
    expect(classify(text)).toEqual({ label: 'question', category: null, urgent: false });
  });

  it.each([
    'Nuhun pisan min, informasina mangpaat',
    'Mantap, petugas posyandu ramah dan cekatan',
    'Keren dinkes, programnya bermanfaat bgt buat warga',
    'Alhamdulillah sudah divaksin, terima kasih nakes',
  ])('appreciation: %s', (text) => {
    expect(classify(text)).toEqual({ label: 'appreciation', category: null, urgent: false });
  });

  it.each([
    'Hadir dari Coblong',
    'Selamat pagi warga Bandung',
    'promo obat herbal murah cek profil kami',
    '@budi_s nih baca',
  ])('other: %s', (text) => {
    expect(classify(text)).toEqual({ label: 'other', category: null, urgent: false });
  });

  it('reads the clause after "tapi" as the point', () => {
    expect(classify('Bagus acaranya, tapi pendaftarannya ribet pisan').label).toBe('complaint');
    expect(classify('Terima kasih infonya, tapi kapan dibuka lagi?').label).toBe('question');
  });

  it('turns negated praise into a complaint', () => {
    expect(classify('Puskesmasnya gak ramah sama lansia').label).toBe('complaint');
    expect(classify('Infonya kurang jelas min').label).toBe('complaint');
  });

  it('treats a rhetorical "gimana sih" as a complaint, not a question', () => {
    expect(classify('Pake BPJS tetep disuruh bayar obat, ini gimana sih')).toMatchObject({
      label: 'complaint',
      category: 'cost_insurance',
    });
  });
});

describe('classify: complaint categories', () => {
  it.each([
    ['Pelayanan loket KIA lelet bgt, sejam baru dilayani', 'waiting_time'],
    ['Lami pisan, tos dua jam teu acan disauran', 'waiting_time'],
    ['Perawatnya galak, anak sy nangis malah dibentak', 'staff_attitude'],
    ['Kamar mandi puskesmas jorok, kran rusak udh lama', 'facility'],
    ['Vaksin rabies seep di puskesmas, kedah ka RS swasta', 'stock'],
    ['Pake BPJS tetep disuruh bayar obat, ini gimana sih', 'cost_insurance'],
    ['Informasinya simpang siur, di web sama di IG beda jadwal', 'unclear_information'],
    ['Chat WA pengaduan dinkes cuma centang satu dr kemarin, gak dibales', 'responsiveness'],
    ['Laporan saya soal sampah di TPS dekat posyandu blm ditindaklanjuti sampe skrg', 'follow_up'],
  ])('%s -> %s', (text, category) => {
    expect(classify(text)).toEqual({ label: 'complaint', category, urgent: false });
  });
});

describe('classify: urgent', () => {
  it.each([
    'Tolong! Bapak sy tiba2 pingsan dan tidak sadarkan diri, ambulans ke rumah bisa?',
    'Ibu saya nyeri dada hebat sejak tadi',
    'Satu RT keracunan setelah makan nasi kotak, banyak warga yang muntah',
    'Anak abdi kejang, kedah kamana ieu?',
    'Nini teu sadar di kamar, darurat!',
  ])('urgent: %s', (text) => {
    expect(classify(text).urgent).toBe(true);
  });

  it.each([
    'Nomor ambulans gratis berapa ya?',
    'Stok tablet tambah darah kosong sebulan',
    'Ambulans datang cepat banget tadi malam, terima kasih banyak',
    'Anak saya keracunan jajanan kemarin, sekarang sudah sembuh',
  ])('not urgent: %s', (text) => {
    expect(classify(text).urgent).toBe(false);
  });

  it('is independent of the label, and an emergency never lands in "other"', () => {
    expect(classify('Anak saya kejang dan demam tinggi, puskesmas mana yang buka malam ini?')).toEqual({
      label: 'question',
      category: null,
      urgent: true,
    });
    expect(classify('Ibu saya nyeri dada hebat sejak tadi')).toEqual({
      label: 'complaint',
      category: 'responsiveness',
      urgent: true,
    });
  });
});

describe('normalise: informal writing (round 2)', () => {
  it('expands more abbreviations and slang', () => {
    expect(normalise('kpn brp aq trs sampe pake gatau msh')).toBe(
      'kapan berapa saya terus sampai pakai tidak tahu masih',
    );
    expect(normalise('bener2 dll')).toBe('benar dan lainnya');
  });

  it('undoes stretched letters, but leaves short doubled words alone', () => {
    expect(normalise('lamaaa bangeeet makasiiih kereen maaaf')).toBe('lama banget terima kasih keren maaf');
    expect(normalise('gg sukaasih')).toBe('gg sukaasih');
  });

  it('collapses reduplication written with a hyphen or a 2', () => {
    expect(normalise('antri-antri lama2 nunggu berjam-jam')).toBe('antre lama menunggu berjam');
  });

  it('reads emoji and emoticons as words, but not a time of day', () => {
    expect(normalise('mantap 👍 kesel 😡 sedih :( 🙄 😂 :)')).toBe(
      'mantap xemojisuka kesal xemojimarah sedih xemojisedih xemojikesal xemojitawa xemojisenyum',
    );
    expect(normalise('buka jam 10:30')).toBe('buka jam 10 30');
  });

  it('reads laughter as one word and drops accents and apostrophes', () => {
    expect(normalise("wkwkwk hahaha saé jum'at")).toBe('wkwk wkwk bagus jumat');
  });

  it('translates more Sundanese', () => {
    expect(normalise('abdi hoyong naros, obatna beak, euweuh nu ngantosan')).toBe(
      'saya mau tanya obat habis tidak ada yang menunggu',
    );
  });

  it('reads a tag of the office as addressing staff, a tag of anyone else as a mention', () => {
    expect(normalise('@dinkes_bdg @budi')).toBe('admin xmention');
  });
});

describe('classify: round 2 vocabulary and rules', () => {
  it.each([
    'min jam berapa buka puskesmas cibeunying',
    'bisa pake bpjs min',
    'Kak, boleh bawa anak pas vaksin booster',
    'puskesmas ujungberung buka hari minggu gak ya min',
    'vaksin rabies udah dateng belum kak',
    'masih buka pendaftaran kader min',
    'kpn posyandu lansia buka lg',
    'Punten abdi hoyong naros, iraha imunisasi di posyandu RW 7',
    'sabaraha biaya cek kolesterol di puskesmas',
    'daftar antrean online lewat aplikasi apa min',
    'info dong min jadwal fogging di Cijerah',
    'Ini hoax bukan ya',
    'Selamat pagi min, mau tanya cara daftar BPJS mandiri',
  ])('question without a question mark: %s', (text) => {
    expect(classify(text)).toEqual({ label: 'question', category: null, urgent: false });
  });

  it.each([
    'makasiiih min infonya 🙏',
    'nuhun pisan kang, tos dibales 👍',
    'mantul dinkes, pelayanannya gercep',
    'terbantu banget sama infonya, jazakallah khair',
    'petugas puskesmas someah pisan, hatur nuhun',
    '👍👍👍',
    'Respect buat nakes puskesmas kopo 👏👏',
    'Pelayanannya gak lama kok, cepet',
    'Thx bgt min, langsung dibales. Gercep pisan',
  ])('appreciation: %s', (text) => {
    expect(classify(text)).toEqual({ label: 'appreciation', category: null, urgent: false });
  });

  it.each([
    '@budi liat nih',
    '@sari_dewi @tono coba cek',
    'jual masker medis murah, cek ig kami',
    'Open order madu herbal ampuh, dijamin asli',
    'follow back ya kak',
    'aamiin',
    'Aamiiin ya rabbal alamin',
    'semangat!',
    'Semangat terus para kader 💪',
    'Assalamualaikum',
    'Apa kabar warga Bandung',
    'wkwkwk',
    'nyimak',
    'Sampurasun',
    'hari ini hujan gede di buahbatu',
    'Semoga cepat sembuh buat semua yang sakit',
    '🙏',
  ])('other: %s', (text) => {
    expect(classify(text)).toEqual({ label: 'other', category: null, urgent: false });
  });

  it.each([
    ['lamaaa bgt antri di loket, dari subuh baru dipanggil siang', 'waiting_time'],
    ['antri 4 jam cuma buat ambil obat 😡', 'waiting_time'],
    ['Sy udh antri dr jam 6, skrg jam 11 blm dipanggil', 'waiting_time'],
    ['ngaret terus jadwal posyandu, kapok', 'waiting_time'],
    ['petugasnya sombong, ditanya malah sewot', 'staff_attitude'],
    ['Petugas loket main hp wae, pasien dicuekin', 'staff_attitude'],
    ['WC na jorok pisan, pesing', 'facility'],
    ['Aduh, ruang tunggu pengap, AC mati :(', 'facility'],
    ['aplikasi antrean error mulu, ga bisa login', 'facility'],
    ['obat darah tinggi beak deui di puskesmas', 'stock'],
    ['Kenapa setiap ke puskesmas obatnya gak ada terus', 'stock'],
    ['ditarik uang 50rb padahal katanya gratis, pungutan apa ini', 'cost_insurance'],
    ['BPJS sy tiba2 nonaktif, berobat jadi disuruh bayar umum', 'cost_insurance'],
    ['info jadwal vaksin plin plan, ganti2 terus ga ada pemberitahuan', 'unclear_information'],
    ['Infonya beda2, di web bilang gratis di loket bilang bayar', 'unclear_information'],
    ['hotline dinkes gak bisa dihubungi dr kmrn', 'responsiveness'],
    ['slow respon bgt adminnya, DM udh seminggu', 'responsiveness'],
    ['udh lapor genangan jentik 2 bulan lalu, belum ada kelanjutan', 'follow_up'],
    ['Mohon di-follow up laporan saya dari minggu lalu', 'follow_up'],
    ['@dinkesbdg tolong ditindak itu klinik yg buang limbah, udh dilaporin dr bulan lalu', 'follow_up'],
  ])('complaint: %s -> %s', (text, category) => {
    expect(classify(text)).toEqual({ label: 'complaint', category, urgent: false });
  });

  it('reads praise next to a complaint and an eye-roll or a laugh as sarcasm', () => {
    expect(classify('Mantap pelayanannya, antri 5 jam 🙄')).toEqual({
      label: 'complaint',
      category: 'waiting_time',
      urgent: false,
    });
    expect(classify('keren bgt ya, nunggu dari pagi sampe sore wkwk').label).toBe('complaint');
    // Without a complaint, a laugh does not turn praise around.
    expect(classify('Keren bgt kontennya wkwk').label).toBe('appreciation');
  });

  it('does not read everyday phrases that contain a cue word as spam, chatter or a question', () => {
    expect(classify('Bisa-bisanya petugas ngobrol terus, pasien dibiarin nunggu')).toMatchObject({
      label: 'complaint',
      category: 'staff_attitude',
    });
    expect(classify('Masih sama aja, antri lama kayak dulu').label).toBe('complaint');
    expect(classify('Tadi mampir ke puskesmas, petugasnya ramah banget').label).toBe('appreciation');
    expect(classify('Puskesmas Garuda sekarang buka 24 jam').label).toBe('other');
  });
});

describe('classify: urgent (round 2)', () => {
  it.each([
    'udah sejam nelpon ambulans gak dateng2, pasien sesak',
    'ambulans tidak datang padahal sudah ditelpon',
    'napasnya susah, bibirnya biru',
    'nini sesek napas, kedah kumaha',
    'Anak kejang2 dari tadi',
    'Pendarahan hebat setelah melahirkan, tolong!',
    'keracunan di pesantren, puluhan santri dibawa ke RS',
    'suami nyeri dada sebelah kiri, keringetan',
  ])('urgent: %s', (text) => {
    expect(classify(text).urgent).toBe(true);
  });

  it.each([
    'Kemarin ada penyuluhan kejang demam di posyandu, bermanfaat',
    'obat sesak napas buat asma ada di puskesmas?',
    'saya tidak sadar kalau jadwalnya berubah',
    'Pelayanan di unit gawat darurat lambat',
    'berapa nomor darurat ambulans',
    'antri lamaaa bgt 😡😡',
    'Petugasnya jutek, kesel 😤',
    'segera perbaiki toiletnya',
  ])('not urgent: %s', (text) => {
    expect(classify(text).urgent).toBe(false);
  });
});

describe('explain', () => {
  it('shows the cues behind a decision', () => {
    const e = explain('Petugasna jutek pisan, ditaros teu dijawab');
    expect(e.label).toBe('complaint');
    expect(e.category).toBe('staff_attitude');
    expect(e.matches.map((m) => m.cue)).toEqual(expect.arrayContaining(['jutek', 'tidak dijawab']));
    expect(e.labelScores.complaint).toBeGreaterThan(e.labelScores.other);
  });

  it('is deterministic', () => {
    const text = 'Obatna seep deui, kedah meser di luar';
    expect(classify(text)).toEqual(classify(text));
    expect(classify(text)).toEqual({ label: 'complaint', category: 'stock', urgent: false });
  });
});

describe('evaluation', () => {
  it('computes per-label precision, recall, F1 and the confusion matrix', () => {
    const { rows } = parseDataset(
      [
        '{"text":"a","label":"complaint","category":"stock"}',
        '{"text":"b","label":"complaint","category":"facility","urgent":true}',
        '{"text":"c","label":"question"}',
        '{"text":"d","label":"other"}',
      ].join('\n'),
    );
    const predictions = {
      a: { label: 'complaint', category: 'stock', urgent: false },
      b: { label: 'question', category: null, urgent: true },
      c: { label: 'question', category: null, urgent: true },
      d: { label: 'other', category: null, urgent: false },
    } as const;
    const report = evaluate(rows, (text) => predictions[text as keyof typeof predictions]);
    expect(report.perLabel.complaint).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(report.perLabel.question).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(report.perLabel.appreciation.f1).toBe(0);
    // Macro-F1 averages the labels that occur, gold or predicted: no appreciation here, so three of them.
    expect(report.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 10);
    expect(report.accuracy).toBe(0.75);
    expect(report.categoryAccuracy).toBe(0.5);
    expect(report.urgent).toMatchObject({ precision: 0.5, recall: 1 });
    expect(report.confusion.complaint.question).toBe(1);
    expect(report.mistakes).toHaveLength(2);
  });

  it('reports malformed lines with their line numbers', () => {
    const { rows, errors } = parseDataset(
      [
        '{"text":"ok","label":"question"}',
        'not json',
        '',
        '{"text":"x","label":"complaint"}',
        '{"text":"y","label":"praise"}',
        '{"text":"z","label":"question","category":"stock"}',
      ].join('\n'),
    );
    expect(rows).toHaveLength(1);
    expect(errors.map((e) => e.line)).toEqual([2, 4, 5, 6]);
    expect(errors[0]?.message).toBe('not valid JSON');
    expect(errors[1]?.message).toContain('category');
  });

  it.each([
    ['test/fixtures/feedback-id.dev.jsonl', DEV_FLOOR, 103],
    ['test/fixtures/feedback-id.holdout.jsonl', HOLDOUT_FLOOR, 74],
  ])('%s: macro-F1 is at least %s', async (file, floor, lines) => {
    const { rows, errors } = await readDataset(file);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(lines);
    expect(evaluate(rows).macroF1).toBeGreaterThanOrEqual(floor);
  });
});

describe('topicsOf (related citizen messages)', () => {
  it('keeps the topic words, stemmed and normalised, and drops words every health message shares', async () => {
    const { topicsOf } = await import('../../functions/domain/feedback/related-feedback');
    const topics = topicsOf('Imunisasi campak gratis di puskesmas se-Kota Bandung');
    expect(topics.has('campak')).toBe(true);
    expect(topics.has('imunisasi')).toBe(true);
    expect(topics.has('puskesmas')).toBe(false);
    expect(topics.has('gratis')).toBe(false);
    expect([...topicsOf('vaksin campak blm ada min?')]).toEqual(expect.arrayContaining(['vaksin', 'campak']));
  });
});
