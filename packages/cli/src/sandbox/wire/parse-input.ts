/**
 * Parses a JSON 1.1 request body into the operation's typed input, using the AWS SDK's own
 * published schema of the Cognito API (`<Operation>$` exports, walked with @smithy/core's
 * NormalizedSchema): member names, types and required members come from the SDK, value rules from
 * constraints.ts. As Cognito does:
 * - a body that is not JSON, or a value of the wrong type, is a SerializationException;
 * - missing required members and broken value rules are one InvalidParameterException listing
 *   every problem ("2 validation errors detected: ...");
 * - members the operation does not have are ignored.
 * The result is built fresh from the schema's members: keys such as `__proto__` in the body never
 * reach an object's prototype, and string maps are null-prototype objects.
 */
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema, StaticStructureSchema } from '@smithy/types';
import { CONSTRAINTS, violation } from './constraints';
import { CognitoError, invalidParameter } from '../core/errors';
import { OperationInputs, OperationName } from '../operations/inputs';

const serialization = (message: string) => new CognitoError('SerializationException', message);

/** The SDK's schema of an operation's input structure, or undefined for an operation it does not know. */
export function inputSchema(operation: string): NormalizedSchema | undefined {
  const schema = (sdk as unknown as Record<string, unknown>)[`${operation}$`] as StaticOperationSchema | undefined;
  if (!Array.isArray(schema) || schema[0] !== 9) return undefined;
  return NormalizedSchema.of(schema[4]);
}

/** Reads `body` (the raw request body) as the input of `operation`, or throws Cognito's error. */
export function parseInput<K extends OperationName>(operation: K, body: string): OperationInputs[K] {
  const schema = inputSchema(operation);
  if (!schema) throw new CognitoError('UnsupportedOperationException', `The sandbox does not support the operation ${operation}.`);
  let json: unknown;
  try {
    json = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw serialization('Request body is not valid JSON.');
  }
  const problems: string[] = [];
  const input = readValue(schema, json, '', problems) ?? {};
  if (problems.length) {
    const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw invalidParameter(`${count}: ${problems.join('; ')}`);
  }
  return input as OperationInputs[K];
}

/** Cognito names members in messages in lower camel case, list items by 1-based index. */
const pathOf = (parent: string, member: string) => {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent ? `${parent}.${name}` : name;
};

const kindOf = (value: unknown) =>
  Array.isArray(value) ? 'list' : typeof value === 'object' ? 'structure or map' : typeof value === 'number' ? 'NUMBER_VALUE' : typeof value === 'boolean' ? 'BOOLEAN_VALUE' : 'STRING_VALUE';

function wrongType(value: unknown, expected: string, path: string): CognitoError {
  const kind = kindOf(value);
  const found = kind === 'list' || kind === 'structure or map' ? `Start of ${kind} found where not expected` : `${kind} can not be converted to ${expected}`;
  return serialization(path ? `${found} (at '${path}').` : `${found}.`);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one value of `schema`; JSON null reads as absent, as Cognito treats it. */
function readValue(schema: NormalizedSchema, value: unknown, path: string, problems: string[]): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema() || schema.isUnionSchema()) return readStructure(schema, value, path, problems);
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw wrongType(value, 'a List', path);
    const item = schema.getValueSchema();
    return value.map((v, i) => {
      if (v === null) throw serialization(`Null list item (at '${path}.${i + 1}').`);
      return checked(item, readValue(item, v, `${path}.${i + 1}.member`, problems), `${path}.${i + 1}.member`, `${schema.getName()}.member`, problems);
    });
  }
  if (schema.isMapSchema()) {
    if (!isPlainObject(value)) throw wrongType(value, 'a Map', path);
    const item = schema.getValueSchema();
    const map: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) map[key] = readValue(item, value[key], `${path}.${key}`, problems);
    return map;
  }
  if (schema.isStringSchema()) {
    if (typeof value !== 'string') throw wrongType(value, 'a String', path);
    return value;
  }
  if (schema.isBooleanSchema()) {
    if (typeof value !== 'boolean') throw wrongType(value, 'a Boolean', path);
    return value;
  }
  if (schema.isNumericSchema() || schema.isTimestampSchema()) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(value, schema.isTimestampSchema() ? 'a Timestamp' : 'a Number', path);
    return value;
  }
  if (schema.isBlobSchema()) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw wrongType(value, 'a Blob', path);
    return value;
  }
  // Documents: any JSON, copied so no shared object reaches an operation.
  return JSON.parse(JSON.stringify(value));
}

function readStructure(schema: NormalizedSchema, value: unknown, path: string, problems: string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw wrongType(value, 'a Structure', path);
  const raw = schema.getSchema() as StaticStructureSchema;
  const required = new Set(raw[4].slice(0, Number(raw[6] ?? 0)));
  const structName = schema.getName() ?? '';
  const out: Record<string, unknown> = {};
  for (const [member, memberSchema] of schema.structIterator()) {
    const memberPath = pathOf(path, member);
    const given = Object.prototype.hasOwnProperty.call(value, member) ? value[member] : undefined;
    const read = readValue(memberSchema, given, memberPath, problems);
    if (read === undefined) {
      if (required.has(member)) problems.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    out[member] = checked(memberSchema, read, memberPath, `${structName}.${member}`, problems, member);
  }
  return out;
}

/** Applies the value rules of constraints.ts; sensitive values are not echoed in the message. */
function checked(schema: NormalizedSchema, value: unknown, path: string, qualified: string, problems: string[], member?: string): unknown {
  const rule = CONSTRAINTS[qualified] ?? (member !== undefined ? CONSTRAINTS[member] : undefined);
  if (!rule || value === undefined) return value;
  const broken = violation(rule, value);
  if (broken) {
    const text = typeof value === 'string' && value.length > 64 ? `${value.slice(0, 64)}...` : String(value);
    const shown = schema.getMergedTraits().sensitive ? '' : ` '${text}'`;
    problems.push(`Value${shown} at '${path}' failed to satisfy constraint: ${broken}`);
  }
  return value;
}
