import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB document client, created once per process when this module is first imported. Each AWS
 * client has a module of its own, so a bundle carries only the clients its function uses. Endpoints come
 * from the SDK's standard variables (here AWS_ENDPOINT_URL_DYNAMODB), which is how the local runtime
 * points the clients at its own servers; nothing here knows whether it runs on AWS.
 */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
