import * as z from 'zod';

/** The office's look: colours, name and an optional logo, checked so text stays readable (WCAG AA, 4.5:1). */

const channel = (v: number): number => {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of #RRGGBB. */
export const luminance = (colour: string): number => {
  const n = Number.parseInt(colour.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
};

export const contrastRatio = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'tulis warna sebagai #RRGGBB');

export const brandSchema = z
  .object({
    officeName: z.string().trim().min(1).max(80).default('Dinas Kesehatan Kota Bandung'),
    colors: z
      .object({
        background: hex.default('#FFFFFF'),
        text: hex.default('#1B2B34'),
        muted: hex.default('#4A5A63'),
        /** Bars, the mark and the top band: a calm teal. */
        primary: hex.default('#0B6E75'),
        /** The highlighted point: a dark orange, told apart from teal by readers with any colour-vision deficiency. */
        accent: hex.default('#A8520B'),
        /** Grid lines and the bars that are not highlighted. */
        soft: hex.default('#8FBFC3'),
      })
      .strict()
      .prefault({}),
    /** A PNG or SVG logo as a data URL (the CLI reads it from a file). */
    logo: z
      .string()
      .regex(
        /^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/=]+$/,
        'logo harus PNG atau SVG (data URL base64)',
      )
      .max(700_000)
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const c = b.colors;
    for (const [name, colour] of [
      ['text', c.text],
      ['muted', c.muted],
      ['primary', c.primary],
      ['accent', c.accent],
    ] as const) {
      const ratio = contrastRatio(colour, c.background);
      if (ratio < 4.5)
        ctx.addIssue({
          code: 'custom',
          path: ['colors', name],
          message: `kontras ${name} dengan latar ${ratio.toFixed(2)}:1, kurang dari 4,5:1`,
        });
    }
    const soft = contrastRatio(c.soft, c.background);
    if (soft < 1.8)
      ctx.addIssue({
        code: 'custom',
        path: ['colors', 'soft'],
        message: `warna soft hampir tak terlihat di latar (${soft.toFixed(2)}:1)`,
      });
  });

export type Brand = z.infer<typeof brandSchema>;
export const defaultBrand: Brand = brandSchema.parse({});
