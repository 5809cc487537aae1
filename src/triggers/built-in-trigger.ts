/**
 * What a built-in trigger is, to the construct: one descriptor per trigger (in the trigger's own
 * folder, next to its handler), listed once in `built-ins.ts`. Everything about a built-in trigger
 * that the config check, the resolve step and the construct need is here, so adding one means one
 * new folder, one line in the list, and its config prop in `TriggersConfig` (types.ts).
 */
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Finding } from '../config/findings';
import type { ResolvedAuthConfig, ResolvedPool, UserTriggerSlot } from '../config/resolved';
import type { StructShape } from '../config/shape/shape';
import type { TriggersConfig } from '../config/types';

/** Keys of `triggers` whose value configures a built-in trigger (a struct, not your function). */
export type BuiltInTriggerKey = {
  [K in keyof TriggersConfig]-?: NonNullable<TriggersConfig[K]> extends lambda.IFunction | string | number ? never : K
}[keyof TriggersConfig];

/** The Cognito trigger a built-in occupies; your function in the same slot is refused. */
export interface TriggerSlot {
  /** The `triggers` key of your own function for this Cognito trigger. */
  readonly key: UserTriggerSlot;
  readonly operation: cognito.UserPoolOperation;
  /** For the versioned pre token generation event. */
  readonly lambdaVersion?: cognito.LambdaVersion;
}

/**
 * One built-in trigger. `C` is its config as written (`TriggersConfig[key]`), `R` the same after
 * its defaults.
 */
export interface BuiltInTrigger<K extends BuiltInTriggerKey, R> {
  readonly key: K;
  readonly slot: TriggerSlot;
  /** The function's construct id (it names the function's logical ID: keep it). */
  readonly functionId: string;
  /** The run-time description of its config, for the shape check. */
  readonly shape: StructShape<NonNullable<TriggersConfig[K]>>;
  /** Cognito actions on this user pool the function calls (granted through a separate policy). */
  readonly grants: readonly string[];
  /** Applies its defaults (it may read the resolved pool, e.g. the MFA methods). */
  resolve(config: NonNullable<TriggersConfig[K]>, pool: ResolvedPool): R;
  /** Its rules, on the resolved config; problem paths start with `triggers.<key>`. */
  validate(config: R, auth: ResolvedAuthConfig): Finding[];
  /**
   * Creates the function. `base` carries its role, log group and description; the caller wires it
   * to `slot` and grants `grants`.
   */
  wire(scope: Construct, config: R, base: lambda.FunctionOptions): lambda.Function;
}

/** A configured built-in trigger, its resolved config bound in. */
export interface ActiveBuiltInTrigger {
  readonly key: BuiltInTriggerKey;
  readonly slot: TriggerSlot;
  readonly functionId: string;
  readonly grants: readonly string[];
  /** The resolved config, for inspection. */
  readonly config: unknown;
  validate(auth: ResolvedAuthConfig): Finding[];
  wire(scope: Construct, base: lambda.FunctionOptions): lambda.Function;
}

/** Binds a trigger to its resolved config, so callers need not know its config type. */
export function activate<K extends BuiltInTriggerKey, R>(
  trigger: BuiltInTrigger<K, R>, raw: NonNullable<TriggersConfig[K]>, pool: ResolvedPool,
): ActiveBuiltInTrigger {
  const config = trigger.resolve(raw, pool);
  return {
    key: trigger.key,
    slot: trigger.slot,
    functionId: trigger.functionId,
    grants: trigger.grants,
    config,
    validate: auth => trigger.validate(config, auth),
    wire: (scope, base) => trigger.wire(scope, config, base),
  };
}
