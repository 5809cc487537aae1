import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Stack, Stage } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * Settings Cognito cannot change after the pool is created. Changing UsernameAttributes or
 * AliasAttributes makes CloudFormation REPLACE the pool (a new, empty pool: every user is lost);
 * changing case sensitivity or an existing schema attribute makes the update fail.
 */
const IMMUTABLE = ['UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration', 'Schema'] as const;

type Settings = Partial<Record<(typeof IMMUTABLE)[number], unknown>>;

/**
 * At synth time, compares the pool's immutable settings with the template the previous synth left
 * in the output directory, and warns (naming each setting) when they differ.
 */
export function warnOnImmutableChanges(pool: cognito.CfnUserPool) {
  pool.node.addValidation({
    validate: () => {
      const previous = previousSettings(pool);
      if (!previous) return [];
      const current = currentSettings(pool);
      const changed = IMMUTABLE.filter(key => !sameSchema(key, previous[key], current[key]));
      if (changed.length > 0) {
        Annotations.of(pool).addWarningV2('@cdk-mfa/auth:immutable-settings-changed',
          `Cognito cannot change ${changed.join(', ')} after the user pool is created. Compared with the last synthesized template, `
          + 'this change either fails to deploy or replaces the pool with a new, empty one (every user lost). '
          + 'Revert it, or create a second pool and migrate users.');
      }
      return [];
    },
  });
}

function currentSettings(pool: cognito.CfnUserPool): Settings {
  const stack = Stack.of(pool);
  return toPascal(stack.resolve({
    usernameAttributes: pool.usernameAttributes,
    aliasAttributes: pool.aliasAttributes,
    usernameConfiguration: pool.usernameConfiguration,
    schema: pool.schema,
  })) as Settings;
}

function previousSettings(pool: cognito.CfnUserPool): Settings | undefined {
  const stack = Stack.of(pool);
  const outdir = Stage.of(stack)?.outdir;
  if (!outdir) return undefined;
  const file = path.join(outdir, stack.templateFile);
  if (!fs.existsSync(file)) return undefined;
  try {
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    return template.Resources?.[stack.getLogicalId(pool)]?.Properties;
  } catch {
    return undefined; // An unreadable old template is no baseline.
  }
}

/** Adding new schema attributes is allowed; only changed or removed existing ones count. */
function sameSchema(key: string, before: unknown, after: unknown): boolean {
  if (key !== 'Schema') return JSON.stringify(before ?? null) === JSON.stringify(after ?? null);
  const afterByName = new Map(((after ?? []) as any[]).map(a => [a.Name, a]));
  return ((before ?? []) as any[]).every(a => JSON.stringify(canonical(a)) === JSON.stringify(canonical(afterByName.get(a.Name))));
}

function canonical(value: any): any {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map(k => [k, canonical(value[k])]));
}

function toPascal(value: any): any {
  if (Array.isArray(value)) return value.map(toPascal);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) out[k.charAt(0).toUpperCase() + k.slice(1)] = toPascal(v);
  }
  return out;
}
