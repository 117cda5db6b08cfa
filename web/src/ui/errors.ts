import { ApiError } from '../api';
import { t } from '../translate';

/** What a failed request means for staff, in their words, with what to do next. */
export const describeError = (error: unknown): string => {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 0) return t('errors.network');
  if (error.status === 401) return t('errors.unauthorized');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 409) return t('errors.conflict');
  if (error.status === 413) return t('errors.tooLarge');
  if (error.status === 429) return t('errors.busy');
  if (error.status >= 500) return t('errors.server');
  return t('errors.invalid');
};
