import { createHash } from 'node:crypto';
import * as z from 'zod';
import { getObjectBytes, headObject, presignedGetUrl, putObject } from '../../adapters/media-store';
import { NotFoundError, ValidationError } from '../../common/errors';
import { CONVERSION_VERSION, prepareForInstagram } from '../publishing/instagram-media';
import { MAX_IMAGE_BYTES, requireImage } from './media';
import { mediaKey } from './media-key';

/**
 * What Instagram will receive: the publisher's own conversion (JPEG, padded into 4:5 to 1.91:1, scaled,
 * turned upright) run on an uploaded image, kept under previews/ and shown through a short-lived link.
 * The same image always gives the same preview key, so asking twice converts once.
 */
export const previewInput = z
  .object({
    s3Key: mediaKey,
  })
  .strict();

const CHANGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(\w+) is not JPEG$/, (m) => `Gambar ${(m[1] ?? '').toUpperCase()} diubah menjadi JPEG`],
  [/narrower than 4:5/, () => 'Diberi bingkai putih di kiri dan kanan agar rasio 4:5'],
  [/wider than 1\.91:1/, () => 'Diberi bingkai putih di atas dan bawah agar rasio 1,91:1'],
  [/^(\d+) px wide, scaled to (\d+)$/, (m) => `Diperkecil dari lebar ${m[1]} px menjadi ${m[2]} px`],
  [/rotated upright/, () => 'Diputar tegak sesuai orientasi foto'],
];

/** The conversion's reasons (English, as the publisher audits them) as sentences staff read. */
export const changesInIndonesian = (reasons: readonly string[]): string[] =>
  reasons.map((reason) => {
    for (const [pattern, words] of CHANGES) {
      const m = pattern.exec(reason);
      if (m) return words(m);
    }
    return 'Gambar disesuaikan agar diterima Instagram';
  });

export const previewForInstagram = async (s3Key: string) => {
  const head = await headObject(s3Key);
  if (!head) throw new NotFoundError(`No uploaded image ${s3Key}; upload it again`);
  if (head.bytes > MAX_IMAGE_BYTES)
    throw new ValidationError('Image is too large', [{ path: 's3Key', message: 'image is over 8 MiB' }]);
  const original = await getObjectBytes(s3Key);
  requireImage(original, 's3Key');
  let prepared: Awaited<ReturnType<typeof prepareForInstagram>>;
  try {
    prepared = await prepareForInstagram(original);
  } catch {
    throw new ValidationError('Unreadable image', [{ path: 's3Key', message: 'the image cannot be read' }]);
  }
  let key = s3Key;
  if (prepared.converted) {
    const digest = createHash('sha256').update(original).digest('hex').slice(0, 32);
    key = `previews/instagram/v${CONVERSION_VERSION}/${digest}.jpg`;
    await putObject(key, prepared.bytes, 'image/jpeg');
  }
  return {
    url: await presignedGetUrl(key),
    width: prepared.width,
    height: prepared.height,
    bytes: prepared.bytes.length,
    contentType: 'image/jpeg' as const,
    changes: changesInIndonesian(prepared.reasons),
  };
};
