import { language, setLanguage, useT } from '../i18n';

/** Switches between Bahasa Indonesia and English; the choice is remembered in this browser. */
export const LanguageSwitch = () => {
  const t = useT();
  const other = language() === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      class="button button-quiet"
      lang={other}
      onClick={() => void setLanguage(other)}
      title={t('language.switchLabel')}
    >
      {t('language.other')}
    </button>
  );
};
