import { useT } from '../i18n';
import { describedBy, FieldError } from './field-bits';
import { emptySource, type SourceEntry } from './form';
import { type FieldErrors, fieldId } from './validate';

/** The sources behind the item's claims: at least one, each a link and its title; more can be added. */
export const SourcesField = ({
  sources,
  onChange,
  errors,
}: {
  sources: readonly SourceEntry[];
  onChange: (sources: readonly SourceEntry[]) => void;
  errors: FieldErrors;
}) => {
  const t = useT();
  const set = (id: string, values: Partial<SourceEntry>) =>
    onChange(sources.map((s) => (s.localId === id ? { ...s, ...values } : s)));
  return (
    <fieldset class="group">
      <legend>{t('sources.legend')}</legend>
      <p id="sources-hint" class="hint">
        {t('sources.hint')}
      </p>
      <ol class="source-list">
        {sources.map((s, index) => {
          const urlId = fieldId.sourceUrl(s.localId);
          const titleId = fieldId.sourceTitle(s.localId);
          return (
            <li key={s.localId} class="source-row">
              <div class="field">
                <label for={urlId}>{t('fields.sourceUrl')}</label>
                <input
                  id={urlId}
                  type="url"
                  inputMode="url"
                  autocomplete="off"
                  placeholder="https://"
                  value={s.url}
                  aria-invalid={errors[urlId] ? 'true' : undefined}
                  aria-describedby={describedBy([
                    index === 0 && 'sources-hint',
                    errors[urlId] && `${urlId}-error`,
                  ])}
                  onInput={(e) => set(s.localId, { url: e.currentTarget.value })}
                />
                <FieldError id={urlId} message={errors[urlId]} />
              </div>
              <div class="field">
                <label for={titleId}>{t('fields.sourceTitle')}</label>
                <input
                  id={titleId}
                  type="text"
                  value={s.title}
                  aria-invalid={errors[titleId] ? 'true' : undefined}
                  aria-describedby={describedBy([errors[titleId] && `${titleId}-error`])}
                  onInput={(e) => set(s.localId, { title: e.currentTarget.value })}
                />
                <FieldError id={titleId} message={errors[titleId]} />
              </div>
              {sources.length > 1 ? (
                <button
                  type="button"
                  class="button button-secondary"
                  onClick={() => onChange(sources.filter((x) => x.localId !== s.localId))}
                >
                  {t('sources.remove', { n: index + 1 })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {sources.length < 20 ? (
        <button
          type="button"
          class="button button-secondary"
          onClick={() => onChange([...sources, emptySource()])}
        >
          {t('sources.add')}
        </button>
      ) : null}
    </fieldset>
  );
};
