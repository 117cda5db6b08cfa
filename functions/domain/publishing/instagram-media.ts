/**
 * Instagram feed images must be JPEG with a width-to-height ratio between 4:5 and 1.91:1; it refuses the
 * rest when it fetches the container's image. Staff upload PNG infographics and tall story-sized images,
 * so Sebar converts them before upload. An image outside the ratios is padded with white, never cropped:
 * an infographic's edges usually hold text (a hotline, a source, the office's logo) that must not be lost.
 */
export const INSTAGRAM_MIN_RATIO = 4 / 5;
export const INSTAGRAM_MAX_RATIO = 1.91;
/** Instagram scales feed images to 1080 px wide and takes at most 1440; larger only costs upload time. */
export const INSTAGRAM_MAX_WIDTH = 1440;
/** Bumped whenever the conversion changes, so a new rule never reuses an image made by the old one. */
export const CONVERSION_VERSION = 1;

export interface PreparedImage {
  readonly bytes: Buffer;
  readonly converted: boolean;
  /** Why it was converted, for the item's audit trail. */
  readonly reasons: readonly string[];
  readonly width: number;
  readonly height: number;
}

/**
 * sharp (native) loads with the first image converted, not when a function starts: the X publisher shares
 * this module's callers but never converts, and pays nothing for it (docs/decisions/0023).
 */
const loadSharp = async () => (await import('sharp')).default;

const round = (n: number) => Math.round(n * 1000) / 1000;

export const prepareForInstagram = async (input: Buffer): Promise<PreparedImage> => {
  const sharp = await loadSharp();
  const meta = await sharp(input).metadata();
  // EXIF orientation 5-8 swaps width and height once the image is turned upright.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  if (!width || !height) throw new Error('The image has no readable size');
  const ratio = width / height;
  const reasons: string[] = [];
  if (meta.format !== 'jpeg') reasons.push(`${meta.format ?? 'unknown'} is not JPEG`);
  if (ratio < INSTAGRAM_MIN_RATIO - 0.001)
    reasons.push(`aspect ratio ${round(ratio)} is narrower than 4:5, padded`);
  if (ratio > INSTAGRAM_MAX_RATIO + 0.001)
    reasons.push(`aspect ratio ${round(ratio)} is wider than 1.91:1, padded`);
  if (width > INSTAGRAM_MAX_WIDTH) reasons.push(`${width} px wide, scaled to ${INSTAGRAM_MAX_WIDTH}`);
  if ((meta.orientation ?? 1) !== 1) reasons.push('rotated upright');
  if (reasons.length === 0) return { bytes: input, converted: false, reasons, width, height };

  let canvasW = width;
  let canvasH = height;
  if (ratio < INSTAGRAM_MIN_RATIO) canvasW = Math.ceil(height * INSTAGRAM_MIN_RATIO);
  if (ratio > INSTAGRAM_MAX_RATIO) canvasH = Math.ceil(width / INSTAGRAM_MAX_RATIO);
  const padX = canvasW - width;
  const padY = canvasH - height;
  const white = { r: 255, g: 255, b: 255, alpha: 1 };
  const padded = await sharp(input)
    .rotate()
    .flatten({ background: white })
    .extend({
      left: Math.floor(padX / 2),
      right: Math.ceil(padX / 2),
      top: Math.floor(padY / 2),
      bottom: Math.ceil(padY / 2),
      background: white,
    })
    .toBuffer();
  const out = await sharp(padded)
    .resize({ width: INSTAGRAM_MAX_WIDTH, withoutEnlargement: true })
    .jpeg({ quality: 90, chromaSubsampling: '4:4:4' })
    .toBuffer({ resolveWithObject: true });
  return { bytes: out.data, converted: true, reasons, width: out.info.width, height: out.info.height };
};
