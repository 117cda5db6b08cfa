import { useState } from 'preact/hooks';
import { useT } from '../i18n';
import { Field } from './field';
import {
  CATEGORIES,
  categoryName,
  type Filters,
  LABELS,
  labelName,
  PLATFORMS,
  personName,
  platformName,
  STATUSES,
} from './model';

/**
 * The inbox's filters: label, complaint category, platform, content item, status, watched keyword and who
 * has the message. A choice in a list applies at once; the keyword applies with the button (or Enter).
 */
export const FilterForm = ({
  value,
  items,
  colleagues,
  onChange,
}: {
  value: Filters;
  items: readonly { id: string; title: string }[];
  colleagues: readonly string[];
  onChange: (next: Filters) => void;
}) => {
  const t = useT();
  const [watch, setWatch] = useState(value.watch ?? '');
  const [problem, setProblem] = useState('');
  const set = (key: keyof Filters, v: string) => onChange({ ...value, [key]: v || undefined });
  const select = (key: keyof Filters, label: string, options: readonly (readonly [string, string])[]) => (
    <div class="field">
      <label for={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} value={value[key] ?? ''} onChange={(e) => set(key, e.currentTarget.value)}>
        <option value="">{t('inbox.filters.all')}</option>
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      class="inbox-filters"
      aria-labelledby="filters-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const w = watch.trim();
        if (w.length === 1) return setProblem(t('inbox.filters.watchTooShort'));
        setProblem('');
        onChange({ ...value, watch: w || undefined });
      }}
    >
      <h2 id="filters-title" class="visually-hidden">
        {t('inbox.filters.title')}
      </h2>
      {select(
        'label',
        t('inbox.filters.label'),
        LABELS.map((l) => [l, labelName(l)]),
      )}
      {select(
        'category',
        t('inbox.filters.category'),
        CATEGORIES.map((c) => [c, categoryName(c)]),
      )}
      {select(
        'platform',
        t('inbox.filters.platform'),
        PLATFORMS.map((p) => [p, platformName(p)]),
      )}
      {select(
        'status',
        t('inbox.filters.status'),
        STATUSES.map((s) => [s, t(`inbox.status.${s}`)]),
      )}
      {select(
        'itemId',
        t('inbox.filters.item'),
        items.map((i) => [i.id, i.title]),
      )}
      {select('assignedTo', t('inbox.filters.assigned'), [
        ['none', t('inbox.filters.nobody')],
        ...colleagues.map((c) => [c, personName(c)] as const),
      ])}
      <Field
        id="filter-watch"
        label={t('inbox.filters.watch')}
        hintId="filter-watch-hint"
        hint={t('inbox.filters.watchHint')}
        problem={problem}
        extraClass="filter-watch"
      >
        <input
          id="filter-watch"
          type="text"
          value={watch}
          aria-describedby="filter-watch-hint"
          aria-invalid={problem ? 'true' : undefined}
          onInput={(e) => setWatch(e.currentTarget.value)}
        />
      </Field>
      <div class="actions filter-actions">
        <button type="submit" class="button button-secondary">
          {t('inbox.filters.apply')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          onClick={() => {
            setWatch('');
            setProblem('');
            onChange({});
          }}
        >
          {t('inbox.filters.reset')}
        </button>
      </div>
    </form>
  );
};
