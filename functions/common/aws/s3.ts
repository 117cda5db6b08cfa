import { S3Client } from '@aws-sdk/client-s3';

/** The S3 client, once per process (endpoint: AWS_ENDPOINT_URL_S3 locally; see ./dynamo.ts). */
// Path-style addressing works on AWS and is required by the local S3 server.
export const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
