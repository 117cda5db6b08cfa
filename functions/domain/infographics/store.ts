import { createHash } from 'node:crypto';
import { presignedGetUrl, putObject } from '../../adapters/media-store';
import type { Brand } from './brand';
import { defaultBrand } from './brand';
import { withCsvData } from './data';
import { renderInfographic } from './render';

/**
 * POST /infographics: renders through the same code as the CLI and stores the image under uploads/, where
 * POST /content takes it as media like a browser upload. The key is the hash of the bytes, so the same
 * request stores one object. The figures come as `data`, or as `csv` text read like the CLI reads a file.
 * `previewUrl` is a short-lived link to the stored image, for the console to show before attaching it.
 */
export interface Store {
  readonly put: (key: string, body: Buffer, contentType: string) => Promise<void>;
  readonly link: (key: string) => Promise<string>;
}

const s3Store: Store = { put: putObject, link: presignedGetUrl };

export const createInfographic = async (
  input: unknown,
  brand: Brand = defaultBrand,
  store: Store = s3Store,
) => {
  const image = await renderInfographic(withCsvData(input), brand);
  const hash = createHash('sha256').update(image.bytes).digest('hex').slice(0, 24);
  const s3Key = `uploads/infographic-${hash}.${image.contentType === 'image/jpeg' ? 'jpg' : 'png'}`;
  await store.put(s3Key, image.bytes, image.contentType);
  return {
    s3Key,
    width: image.width,
    height: image.height,
    bytes: image.bytes.length,
    contentType: image.contentType,
    altText: image.altText,
    previewUrl: await store.link(s3Key),
  };
};
