import { ValidationError } from '../../common/errors';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

/** Identifies an image by its first bytes, not by what the sender claims. */
export const sniffImageType = (bytes: Uint8Array): 'image/jpeg' | 'image/png' | undefined => {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png';
  return undefined;
};

export const requireImage = (bytes: Uint8Array, field: string): 'image/jpeg' | 'image/png' => {
  if (bytes.length === 0)
    throw new ValidationError('Image is empty', [{ path: field, message: 'empty image' }]);
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new ValidationError('Image is too large', [{ path: field, message: 'image is over 8 MiB' }]);
  const type = sniffImageType(bytes);
  if (!type)
    throw new ValidationError('Unsupported image', [{ path: field, message: 'must be a JPEG or PNG image' }]);
  return type;
};

export const extensionFor = (contentType: string): string => (contentType === 'image/png' ? 'png' : 'jpg');
