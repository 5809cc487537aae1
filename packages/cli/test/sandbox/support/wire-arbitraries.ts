/**
 * fast-check arbitraries for Cognito request bodies, built from the same SDK schema the sandbox
 * parses with, then bent: members dropped, values of the wrong type, names that are
 * Object.prototype members, values seen in earlier answers (sessions, tokens, device keys) so the
 * fuzz reaches past the first check of each operation.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import * as fc from 'fast-check';
import { CONSTRAINTS } from '../../../src/sandbox/wire/constraints';

/** Marks a string to be replaced, when the request is sent, by a value seen in an earlier answer. */
export const SEEN = '\u0001seen:';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'];

/** JSON values of any type, for "wrong type" mutations. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }),
  fc.constant([]), fc.constant({}), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
);

/** Values the fuzz knows to be real: by member name (ClientId, Username, ...), and any. */
export interface Known {
  readonly byMember: Readonly<Record<string, readonly string[]>>;
  readonly any: readonly string[];
}

/** Strings: known ids and names, Cognito's enum values, prototype names, edge cases, seen values. */
function stringArbitrary(known: Known, member: string, qualified: string): fc.Arbitrary<string> {
  const rule = CONSTRAINTS[qualified] ?? CONSTRAINTS[member];
  const mine = known.byMember[member];
  return fc.oneof(
    { weight: mine ? 16 : 0, arbitrary: fc.constantFrom(...(mine ?? ['x'])) },
    { weight: 3, arbitrary: fc.constantFrom(...known.any) },
    { weight: rule?.oneOf ? 16 : 0, arbitrary: fc.constantFrom(...(rule?.oneOf ?? ['x'])) },
    { weight: 3, arbitrary: fc.nat(200).map(i => `${SEEN}${i}`) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', 'a'.repeat(300), '😀'.repeat(70), 'x@example.com', '+15555550100', '123456', '12345678') },
  );
}

/** A value of `schema` (mostly well-typed, sometimes not), `depth` bounding recursion. */
export function valueOf(schema: NormalizedSchema, known: Known, member = '', qualified = '', depth = 0): fc.Arbitrary<unknown> {
  const typed = typedValueOf(schema, known, member, qualified, depth);
  return fc.oneof({ weight: 30, arbitrary: typed }, { weight: 1, arbitrary: anyJson });
}

function typedValueOf(schema: NormalizedSchema, known: Known, member: string, qualified: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (depth > 3) return fc.constant({});
    const name = schema.getName() ?? '';
    const raw = schema.getSchema() as unknown as unknown[];
    const required = new Set((raw[4] as string[]).slice(0, Number(raw[6] ?? 0)));
    const members: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, memberSchema] of schema.structIterator()) {
      const value = valueOf(memberSchema, known, key, `${name}.${key}`, depth + 1);
      // Required members are nearly always there; optional ones half the time.
      members[key] = fc.option(value, { freq: required.has(key) ? 30 : 1, nil: undefined });
    }
    const extras = fc.dictionary(fc.constantFrom('Extra', ...PROTOTYPE_NAMES), anyJson, { maxKeys: 2 });
    return fc.tuple(fc.record(members), fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extras }))
      .map(([given, extra]) => ({ ...extra, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) }));
  }
  if (schema.isListSchema()) {
    return fc.array(valueOf(schema.getValueSchema(), known, member, `${schema.getName()}.member`, depth + 1), { maxLength: 3 });
  }
  if (schema.isMapSchema()) {
    const keys = fc.oneof(fc.constantFrom('USERNAME', 'PASSWORD', 'SRP_A', 'SECRET_HASH', 'DEVICE_KEY', 'REFRESH_TOKEN', 'SOFTWARE_TOKEN_MFA_CODE',
      'SMS_MFA_CODE', 'EMAIL_OTP_CODE', 'ANSWER', 'NEW_PASSWORD', 'PREFERRED_CHALLENGE', 'userAttributes.email', ...PROTOTYPE_NAMES), fc.string({ maxLength: 6 }));
    return fc.dictionary(keys, valueOf(schema.getValueSchema(), known, member, qualified, depth + 1), { maxKeys: 4 });
  }
  if (schema.isStringSchema()) return stringArbitrary(known, member, qualified);
  if (schema.isBooleanSchema()) return fc.boolean();
  if (schema.isNumericSchema() || schema.isTimestampSchema()) {
    return fc.oneof(fc.integer({ min: -2, max: 70 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  }
  if (schema.isBlobSchema()) return fc.oneof(fc.base64String({ maxLength: 24 }), fc.string({ maxLength: 6 }));
  return anyJson;
}

/** Bodies no schema describes: broken JSON, deep nesting, other types. */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '{', '{"a":', 'null', 'true', '1e999', '"\\ud800"', '{"__proto__":{"x":1}}', '['.repeat(50_000), `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`),
  fc.json(),
);
