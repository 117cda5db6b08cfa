import * as z from 'zod';
import { findingMessage, screenFindings } from './screening';

/**
 * The personal-data screen as staff type (POST /screening): the same screen fact-finding runs on a
 * submitted item, answered in plain Indonesian per field, so the console can show the reasons before
 * anything is submitted. It stores nothing.
 */
export const screeningInput = z
  .object({
    title: z.string().max(200).optional(),
    caption: z.string().max(5000).optional(),
    altTexts: z.array(z.string().max(1000)).max(10).optional(),
  })
  .strict();

export interface ScreeningCheck {
  readonly ok: boolean;
  readonly findings: { field: string; message: string }[];
}

export const checkScreening = (input: z.output<typeof screeningInput>): ScreeningCheck => {
  const texts: [string, string][] = [];
  if (input.title !== undefined) texts.push(['title', input.title]);
  if (input.caption !== undefined) texts.push(['caption', input.caption]);
  (input.altTexts ?? []).forEach((t, i) => {
    texts.push([`altTexts.${i}`, t]);
  });
  const findings = texts.flatMap(([field, text]) =>
    screenFindings(text).map((f) => ({ field, message: findingMessage(f) })),
  );
  return { ok: findings.length === 0, findings };
};
