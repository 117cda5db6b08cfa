import { SQSClient } from '@aws-sdk/client-sqs';

/** The SQS client, once per process (see ./dynamo.ts). */
export const sqs = new SQSClient({});
