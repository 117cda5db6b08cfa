import { taskHandler } from '../common/task';
import { recordStatus, recordStatusInput } from '../domain/publishing/record-status';

export const handler = taskHandler('record-status', recordStatusInput, (input) => recordStatus(input));
