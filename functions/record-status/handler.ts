import { recordStatus, recordStatusInput } from '../domain/record-status';
import { taskHandler } from '../shared/task';

export const handler = taskHandler('record-status', recordStatusInput, (input) => recordStatus(input));
