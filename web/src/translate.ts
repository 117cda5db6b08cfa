import i18next from 'i18next';

/** Translates a message key in the current language (i18next), for code that renders nothing itself. */
export const t = (key: string, options: Record<string, unknown> = {}): string =>
  String(i18next.t(key, options));
