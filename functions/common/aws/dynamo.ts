import { marshall, type NativeAttributeValue, unmarshall } from '@aws-sdk/util-dynamodb';
import { type AwsService, awsJsonCall } from './signed-request';

/**
 * DynamoDB for Sebar's six operations (GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan), with the
 * document client's contract: plain JavaScript values in and out, converted by the SDK's own
 * `@aws-sdk/util-dynamodb` (undefined attributes removed, class instances refused), errors named by
 * DynamoDB's codes (`ConditionalCheckFailedException`). Each call is one signed JSON request
 * (./signed-request.ts, docs/decisions/0023): the SDK's DynamoDB client and its middleware were the last
 * AWS client in every bundle. Call sites read as they did with `@aws-sdk/lib-dynamodb`:
 * `dynamo.send(new GetCommand({ ... }))`.
 *
 * The endpoint is the SDK's variable, `AWS_ENDPOINT_URL_DYNAMODB` (or `AWS_ENDPOINT_URL`), which is how the
 * local runtime points it at its own server, otherwise `https://dynamodb.<region>.amazonaws.com`.
 */

export type Item = Record<string, NativeAttributeValue>;

interface Expressions {
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Item;
}

export interface GetCommandInput extends Pick<Expressions, 'ExpressionAttributeNames'> {
  readonly TableName: string;
  readonly Key: Item;
  readonly ConsistentRead?: boolean;
  readonly ProjectionExpression?: string;
}
export interface PutCommandInput extends Expressions {
  readonly TableName: string;
  readonly Item: Item;
  readonly ConditionExpression?: string;
  readonly ReturnValues?: 'NONE' | 'ALL_OLD';
}
export interface UpdateCommandInput extends Expressions {
  readonly TableName: string;
  readonly Key: Item;
  readonly UpdateExpression: string;
  readonly ConditionExpression?: string;
  readonly ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
}
export interface DeleteCommandInput extends Expressions {
  readonly TableName: string;
  readonly Key: Item;
  readonly ConditionExpression?: string;
  readonly ReturnValues?: 'NONE' | 'ALL_OLD';
}
interface ReadMany extends Expressions {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly FilterExpression?: string;
  readonly ProjectionExpression?: string;
  readonly ExclusiveStartKey?: Item;
  readonly Limit?: number;
  readonly ConsistentRead?: boolean;
  readonly Select?: 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';
}
export interface QueryCommandInput extends ReadMany {
  readonly KeyConditionExpression: string;
  readonly ScanIndexForward?: boolean;
}
export interface ScanCommandInput extends ReadMany {
  readonly Segment?: number;
  readonly TotalSegments?: number;
}

export interface GetCommandOutput {
  readonly Item?: Item;
}
export interface WriteCommandOutput {
  readonly Attributes?: Item;
}
export interface ManyCommandOutput {
  readonly Items?: Item[];
  readonly Count?: number;
  readonly ScannedCount?: number;
  readonly LastEvaluatedKey?: Item;
}

/** One operation and its input; `dynamo.send` answers its output. */
export abstract class Command<I, O> {
  declare readonly output: O;
  abstract readonly operation: string;
  constructor(readonly input: I) {}
}
export class GetCommand extends Command<GetCommandInput, GetCommandOutput> {
  readonly operation = 'GetItem';
}
export class PutCommand extends Command<PutCommandInput, WriteCommandOutput> {
  readonly operation = 'PutItem';
}
export class UpdateCommand extends Command<UpdateCommandInput, WriteCommandOutput> {
  readonly operation = 'UpdateItem';
}
export class DeleteCommand extends Command<DeleteCommandInput, WriteCommandOutput> {
  readonly operation = 'DeleteItem';
}
export class QueryCommand extends Command<QueryCommandInput, ManyCommandOutput> {
  readonly operation = 'Query';
}
export class ScanCommand extends Command<ScanCommandInput, ManyCommandOutput> {
  readonly operation = 'Scan';
}

const OPTIONS = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
// The input members that hold attribute values, and the output members that do.
const MAPS_IN = ['Key', 'Item', 'ExpressionAttributeValues', 'ExclusiveStartKey'] as const;
const MAPS_OUT = ['Item', 'Attributes', 'LastEvaluatedKey'] as const;

// On the wire, binary values (B, BS) are base64 strings; marshall and unmarshall speak Uint8Array.
type Attr = Record<string, unknown>;
const binaryTo = (av: Attr, convert: (b: unknown) => unknown): Attr => {
  const [type, value] = Object.entries(av)[0] ?? [];
  if (type === 'B') return { B: convert(value) };
  if (type === 'BS') return { BS: (value as unknown[]).map(convert) };
  if (type === 'M') return { M: mapAttrs(value as Record<string, Attr>, convert) };
  if (type === 'L') return { L: (value as Attr[]).map((v) => binaryTo(v, convert)) };
  return av;
};
const mapAttrs = (m: Record<string, Attr>, convert: (b: unknown) => unknown): Record<string, Attr> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, binaryTo(v, convert)]));
const toBase64 = (b: unknown) => Buffer.from(b as Uint8Array).toString('base64');
const fromBase64 = (b: unknown) => new Uint8Array(Buffer.from(b as string, 'base64'));

const toWire = (input: object): Record<string, unknown> => {
  const wire: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    wire[k] = (MAPS_IN as readonly string[]).includes(k)
      ? mapAttrs(marshall(v as Item, OPTIONS) as unknown as Record<string, Attr>, toBase64)
      : v;
  }
  return wire;
};

type Wire = Parameters<typeof unmarshall>[0];
const native = (m: unknown): Item =>
  unmarshall(mapAttrs(m as Record<string, Attr>, fromBase64) as unknown as Wire);
const fromWire = (out: Record<string, unknown>): Record<string, unknown> => {
  const converted: Record<string, unknown> = { ...out };
  for (const k of MAPS_OUT) if (out[k]) converted[k] = native(out[k]);
  if (Array.isArray(out.Items)) converted.Items = out.Items.map(native);
  return converted;
};

export interface DocumentClient {
  send<I, O>(command: Command<I, O>): Promise<O>;
}

/** A client for one endpoint (the default reads the SDK's endpoint variables at each call). */
export const documentClient = (endpoint?: string): DocumentClient => {
  const service: AwsService = {
    signingName: 'dynamodb',
    endpointVariable: 'DYNAMODB',
    host: (r) => `dynamodb.${r}.amazonaws.com`,
    ...(endpoint ? { endpoint } : {}),
  };
  return {
    async send<I, O>(command: Command<I, O>): Promise<O> {
      const out = await awsJsonCall<Record<string, unknown>>(
        service,
        `DynamoDB_20120810.${command.operation}`,
        '1.0',
        toWire(command.input as object),
      );
      return fromWire(out) as O;
    },
  };
};

/** The process's client, as Lambda keeps one per execution environment. */
export const dynamo = documentClient();
