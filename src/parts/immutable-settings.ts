import { Annotations, Stack, Stage } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { findAssemblyStack, immutablePoolChanges } from '../template';

/**
 * At synth time, compares the pool's immutable settings (the reader's one list) with the template the
 * previous synth left in the output directory, found through its manifest, and warns (naming each
 * setting) when they differ.
 */
export function warnOnImmutableChanges(pool: cognito.CfnUserPool) {
  pool.node.addValidation({
    validate: () => {
      const previous = previousProperties(pool);
      if (!previous) return [];
      const changed = [...new Set(immutablePoolChanges(previous, currentProperties(pool)).map(c => c.setting))];
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

function currentProperties(pool: cognito.CfnUserPool): Record<string, any> {
  return toPascal(Stack.of(pool).resolve({
    usernameAttributes: pool.usernameAttributes,
    aliasAttributes: pool.aliasAttributes,
    usernameConfiguration: pool.usernameConfiguration,
    schema: pool.schema,
  }));
}

function previousProperties(pool: cognito.CfnUserPool): Record<string, any> | undefined {
  const stack = Stack.of(pool);
  const outdir = Stage.of(stack)?.outdir;
  if (!outdir) return undefined;
  try {
    return findAssemblyStack(outdir, stack.artifactId)?.template.Resources?.[stack.getLogicalId(pool)]?.Properties;
  } catch {
    return undefined; // An unreadable old assembly is no baseline.
  }
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
