/** The templates and sizes, on their own so the console can list them without the validation code. */

export const TEMPLATES = ['bar', 'trend', 'figure', 'checklist', 'schedule'] as const;
export type Template = (typeof TEMPLATES)[number];

export const SIZES = {
  'instagram-portrait': { width: 1080, height: 1350 },
  'instagram-square': { width: 1080, height: 1080 },
  'x-landscape': { width: 1600, height: 900 },
} as const;
export type SizeName = keyof typeof SIZES;
