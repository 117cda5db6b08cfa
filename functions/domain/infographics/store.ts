import { createHash } from 'node:crypto';
import { putObject } from '../../adapters/media-store';
import type { Brand } from './brand';
import { defaultBrand } from './brand';
import { renderInfographic } from './render';

/**
 * POST /infographics: renders through the same code as the CLI and stores the image under uploads/, where
 * POST /content takes it as media like a browser upload. The key is the hash of the bytes, so the same
 * request stores one object.
 */
export type Put = (key: string, body: Buffer, contentType: string) => Promise<void>;

export const createInfographic = async (
  input: unknown,
  brand: Brand = defaultBrand,
  put: Put = putObject,
) => {
  const image = await renderInfographic(input, brand);
  const hash = createHash('sha256').update(image.bytes).digest('hex').slice(0, 24);
  const s3Key = `uploads/infographic-${hash}.${image.contentType === 'image/jpeg' ? 'jpg' : 'png'}`;
  await put(s3Key, image.bytes, image.contentType);
  return { s3Key, width: image.width, height: image.height, altText: image.altText };
};
