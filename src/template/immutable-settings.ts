import { caseSensitiveFrom, isTrue } from './cognito-defaults';

/**
 * The user pool settings Cognito cannot change after the pool is created ("Settings you can't
 * change"): sign-in attributes (UsernameAttributes, AliasAttributes), username case sensitivity
 * (UsernameConfiguration), and the Schema's existing attributes: required attributes cannot change and
 * attributes cannot be removed or modified; only new optional custom attributes can be added
 * (AddCustomAttributes). A deployment either fails or replaces the pool with an empty one.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html
 */
export const IMMUTABLE_POOL_SETTINGS = ['UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration', 'Schema'] as const;

/** One of {@link IMMUTABLE_POOL_SETTINGS}. */
export type ImmutablePoolSetting = (typeof IMMUTABLE_POOL_SETTINGS)[number];

/** A change to a setting a live pool cannot take. */
export interface ImmutablePoolChange {
  readonly setting: ImmutablePoolSetting;
  /** What changed, in a sentence for a person. */
  readonly detail: string;
}

/**
 * The changes between two user pools' CloudFormation properties that Cognito cannot make to a live
 * pool. Both should be resolved the same way (both templates, or both resolved against the same ids).
 */
export function immutablePoolChanges(before: Record<string, any>, after: Record<string, any>): ImmutablePoolChange[] {
  const changes: ImmutablePoolChange[] = [];
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).sort().join(', ') : '') || 'none';
  for (const [setting, what] of [['UsernameAttributes', 'sign-in attributes (UsernameAttributes)'], ['AliasAttributes', 'alias attributes (AliasAttributes)']] as const) {
    if (list(before[setting]) !== list(after[setting])) {
      changes.push({ setting, detail: `${what} changed from [${list(before[setting])}] to [${list(after[setting])}]` });
    }
  }
  const caseBefore = caseSensitiveFrom(before.UsernameConfiguration);
  const caseAfter = caseSensitiveFrom(after.UsernameConfiguration);
  if (caseBefore !== caseAfter) {
    changes.push({ setting: 'UsernameConfiguration', detail: `username case sensitivity changed from ${caseBefore} to ${caseAfter}` });
  }
  changes.push(...schemaChanges(before.Schema, after.Schema).map(detail => ({ setting: 'Schema' as const, detail })));
  return changes;
}

function schemaChanges(before: unknown, after: unknown): string[] {
  const byName = (schema: unknown) => new Map((Array.isArray(schema) ? schema : []).map((a: any) => [String(a.Name), canonicalAttribute(a)]));
  const old = byName(before);
  const next = byName(after);
  const problems: string[] = [];
  for (const [name, shape] of next) {
    const previous = old.get(name);
    if (previous === undefined) {
      // AddCustomAttributes is the only way to grow a live pool's schema, and custom attributes are never required.
      if (STANDARD_ATTRIBUTES.has(name) || shape.Required) problems.push(`schema attribute ${name} added (${describe(shape)})`);
    } else if (JSON.stringify(previous) !== JSON.stringify(shape)) {
      problems.push(`schema attribute ${name} changed from (${describe(previous)}) to (${describe(shape)})`);
    }
  }
  for (const name of old.keys()) if (!next.has(name)) problems.push(`schema attribute ${name} removed`);
  return problems;
}

/**
 * Cognito's standard attributes; every other Schema name is a custom attribute (CloudFormation names
 * them without the `custom:` prefix Cognito adds).
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
const STANDARD_ATTRIBUTES = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name', 'nickname',
  'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at', 'website', 'zoneinfo',
]);

/** An attribute with Cognito's defaults filled in and keys sorted, so equal settings compare equal. */
function canonicalAttribute(a: any): Record<string, unknown> {
  return {
    AttributeDataType: a.AttributeDataType ?? 'String',
    DeveloperOnlyAttribute: isTrue(a.DeveloperOnlyAttribute),
    Mutable: a.Mutable === undefined || isTrue(a.Mutable),
    NumberAttributeConstraints: sorted(a.NumberAttributeConstraints),
    Required: isTrue(a.Required),
    StringAttributeConstraints: sorted(a.StringAttributeConstraints),
  };
}

function sorted(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return Object.fromEntries(Object.keys(value).sort().map(k => [k, String((value as Record<string, unknown>)[k])]));
}

function describe(shape: Record<string, unknown>): string {
  return `${shape.Required ? 'required' : 'optional'}, ${shape.Mutable ? 'mutable' : 'immutable'}`;
}
