import './status-colours.css';
import { useT } from '../i18n';
import { FAMILIES } from './events';

/** What each colour means, in words (the status word is also written in every event). */
export const Legend = () => {
  const t = useT();
  return (
    <section class="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('calendar.legendTitle')}</h2>
      <ul>
        {FAMILIES.map((f) => (
          <li key={f}>
            <span class={`swatch family-${f}`} aria-hidden="true" />
            {t(`calendar.legend.${f}`)}
          </li>
        ))}
        <li>
          <span class="swatch sebar-holiday" aria-hidden="true" />
          {t('calendar.legend.holiday')}
        </li>
      </ul>
    </section>
  );
};
