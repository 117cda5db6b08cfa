import { ApiError } from '../api';
import { t } from '../translate';

/**
 * What a failed request means for staff, in their words, with what to do next; `conflict`, when given, is
 * what a refusal because someone changed the thing first (409) means on this form.
 */
export const describeError = (error: unknown, conflict?: string): string => {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 0) return t('errors.network');
  if (error.status === 401) return t('errors.unauthorized');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 409) return conflict ?? t('errors.conflict');
  if (error.status === 413) return t('errors.tooLarge');
  if (error.status === 429) return t('errors.busy');
  if (error.status >= 500) return t('errors.server');
  return t('errors.invalid');
};
