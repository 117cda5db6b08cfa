import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib } from '../time';
import { categoryName, type InboxRow, labelName, personName, platformName } from './model';

/** Label (with category), urgent and status as tags, in words. */
export const StatusTags = ({ f }: { f: InboxRow }) => {
  const t = useT();
  return (
    <p class="inbox-tags">
      {f.urgent && f.status === 'open' ? <span class="tag tag-urgent">{t('inbox.urgent')}</span> : null}
      <span class="tag">
        {f.label ? labelName(f.label) : t('inbox.unclassified')}
        {f.category ? ` · ${categoryName(f.category)}` : ''}
      </span>
      <span class={`tag tag-${f.status}`}>{t(`inbox.status.${f.status}`)}</span>
      {f.responseLate ? (
        <span class="tag tag-late">
          {f.responseLate.workingDays > 0
            ? t('inbox.responseLateDays', { count: f.responseLate.workingDays })
            : t('inbox.responseLate')}
        </span>
      ) : null}
    </p>
  );
};

/** The messages, urgent first (the API's order): each a link that opens it beside the list (or instead, on a phone). */
export const MessageList = ({ rows, current }: { rows: readonly InboxRow[]; current?: string }) => {
  const t = useT();
  const locale = language();
  return (
    <ul class="inbox-list">
      {rows.map((f) => {
        const when = formatWib(f.receivedAt, { locale, weekday: false });
        return (
          <li
            key={f.id}
            class={`inbox-row${f.id === current ? ' inbox-row-current' : ''}${f.urgent && f.status === 'open' ? ' inbox-row-urgent' : ''}`}
          >
            <a href={href('kotak-masuk', f.id)} aria-current={f.id === current ? 'true' : undefined}>
              <span class="inbox-row-meta">
                <strong>@{f.authorHandle}</strong> · {platformName(f.platform)} ·{' '}
                <time dateTime={f.receivedAt}>{when}</time>
              </span>
              <span class="inbox-row-text">{f.text}</span>
              {f.postTitle ? (
                <span class="inbox-row-post">{t('inbox.onPost', { title: f.postTitle })}</span>
              ) : null}
            </a>
            <StatusTags f={f} />
            {f.assignedTo ? (
              <p class="hint">{t('inbox.assignedTo', { name: personName(f.assignedTo) })}</p>
            ) : null}
            {(f.writing ?? []).map((w) => (
              <p key={w.by} class="hint">
                {t('inbox.writingShort', { name: personName(w.by) })}
              </p>
            ))}
          </li>
        );
      })}
    </ul>
  );
};
