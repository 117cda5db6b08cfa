import { parseArgs } from 'node:util';
import { poster } from './make-ocr-fixtures';

/**
 * How long reading an image's text (OCR) takes with the adapter fact-finding uses: the worker start, then
 * each image at Instagram's portrait size (1080×1350) and a landscape size (1600×900), with the median and
 * the longest, and the process's peak memory. Figures, not a pass/fail test:
 * `npm run bench:ocr -- --images 5`.
 */

process.env.BUCKET_NAME ??= 'unused';
process.env.SEBAR_SILENT_LOGS = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({ options: { images: { type: 'string', default: '5' } } });
const perSize = Math.max(1, Math.min(30, Number(values.images) || 5));

const LINES = [
  ['Cegah DBD dengan 3M Plus', 'Menguras tempat air', 'Menutup wadah air', 'Mendaur ulang barang bekas'],
  [
    'Imunisasi campak-rubela gratis',
    'di puskesmas se-Kota Bandung',
    'Bawa buku KIA anak Anda',
    'Senin-Jumat 08.00-14.00',
  ],
  ['Pasien Tn. Budi Santoso (45)', 'positif TBC,', 'NIK 3273015708900001', 'dirawat di RS Kota.'],
  ['Cuci tangan pakai sabun', 'sebelum makan dan', 'sesudah dari toilet', 'Hotline 112'],
  ['Waspada diare saat musim hujan', 'Minum air yang dimasak', 'Oralit untuk anak', 'Segera ke puskesmas'],
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const main = async () => {
  const sizes: [number, number][] = [
    [1080, 1350],
    [1600, 900],
  ];
  const images = new Map<string, Buffer[]>();
  for (const [w, h] of sizes) {
    const list: Buffer[] = [];
    for (let i = 0; i < perSize; i++) {
      const lines = LINES[i % LINES.length] ?? [];
      list.push(await poster(w, h, i % 2 ? 'Info Sehat' : 'Dinkes Kota Bandung', lines));
    }
    images.set(`${w}×${h}`, list);
  }
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);

  // Loaded only now, as fact-finding loads it: the import itself does not start tesseract.js.
  const ocr = await import('../functions/adapters/image-text');
  const first = performance.now();
  const cpuFirst = process.cpuUsage();
  // The worker starts with the first image; time it alone on a tiny image, then read the real ones warm.
  await ocr.recognizeImage(await poster(200, 100, 'a', []), 60_000);
  const startMs = ocr.imageTextWorkerStartMs() ?? performance.now() - first;
  const startCpu = process.cpuUsage(cpuFirst);

  console.log(`OCR benchmark: tesseract.js, Indonesian (4.0.0_best_int), ${perSize} image(s) per size`);
  console.log(
    `worker start: ${startMs.toFixed(0)} ms (first tiny image included: ${(performance.now() - first).toFixed(0)} ms wall, ${((startCpu.user + startCpu.system) / 1000).toFixed(0)} ms CPU)`,
  );
  for (const [size, list] of images) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (const img of list) {
      // CPU time of the whole process (the worker thread included): steadier than wall time on a busy machine.
      const before = process.cpuUsage();
      times.push((await ocr.recognizeImage(img, 60_000)).ms);
      const used = process.cpuUsage(before);
      cpu.push(Math.round((used.user + used.system) / 1000));
    }
    console.log(
      `${size}: median ${median(times).toFixed(0)} ms, max ${Math.max(...times)} ms (${times.join(', ')} ms); CPU median ${median(cpu).toFixed(0)} ms, max ${Math.max(...cpu)} ms; JPEG ${(list.reduce((a, b) => a + b.length, 0) / list.length / 1024).toFixed(0)} KB on average`,
    );
  }
  clearInterval(sampler);
  await ocr.stopImageText();
  // maxRSS covers the whole process, the worker thread included, between the samples too.
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `memory: RSS ${mb(rssBefore)} before OCR, peak ${mb(Math.max(peak, maxRss))} (process maxRSS ${mb(maxRss)})`,
  );
};

await main();
