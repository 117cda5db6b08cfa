import i18next from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import * as beranda from './locales/beranda';
import { en } from './locales/en';
import { id } from './locales/id';
import * as infografis from './locales/infografis';
import * as item from './locales/item';
import * as kalender from './locales/kalender';
import * as kotakMasuk from './locales/kotak-masuk';
import * as laporan from './locales/laporan';
import * as persetujuan from './locales/persetujuan';
import * as tindakLanjut from './locales/tindak-lanjut';
import { t } from './translate';

export { t } from './translate';

/**
 * Messages through i18next: Indonesian by default, English by the switch in the header. The choice is
 * remembered in localStorage (it is a preference, not a secret) and mirrored on `<html lang>`.
 */

export type Language = 'id' | 'en';
const STORAGE_KEY = 'sebar.language';

const stored = (): Language => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
};

export const initI18n = async (): Promise<void> => {
  const lng = stored();
  await i18next.init({
    lng,
    fallbackLng: 'id',
    resources: {
      id: {
        translation: {
          ...id,
          ...item.id,
          ...kalender.id,
          ...beranda.id,
          ...persetujuan.id,
          ...kotakMasuk.id,
          ...laporan.id,
          ...tindakLanjut.id,
          ...infografis.id,
        },
      },
      en: {
        translation: {
          ...en,
          ...item.en,
          ...kalender.en,
          ...beranda.en,
          ...persetujuan.en,
          ...kotakMasuk.en,
          ...laporan.en,
          ...tindakLanjut.en,
          ...infografis.en,
        },
      },
    },
    interpolation: { escapeValue: false }, // Preact escapes text itself
    returnNull: false,
  });
  document.documentElement.lang = lng;
};

export const language = (): Language => (i18next.language === 'en' ? 'en' : 'id');

export const setLanguage = async (lng: Language): Promise<void> => {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode without storage: the switch still works for this visit.
  }
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
};

/** Re-renders the calling component when the language changes, and returns the translate function. */
export const useT = (): typeof t => {
  const [, setTick] = useState(0);
  useEffect(() => {
    const onChange = () => setTick((n) => n + 1);
    i18next.on('languageChanged', onChange);
    return () => i18next.off('languageChanged', onChange);
  }, []);
  return t;
};
