import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';

/** Loading, empty and error states, always in words (never a bare spinner or a blank area). */

export const Loading = ({ label }: { label?: string }) => {
  const t = useT();
  return (
    <p class="state state-loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
};

export const Empty = ({ children }: { children: ComponentChildren }) => (
  <p class="state state-empty">{children}</p>
);

export const ErrorState = ({ message, onRetry }: { message: string; onRetry?: () => void }) => {
  const t = useT();
  return (
    <div class="state state-error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" class="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
};
