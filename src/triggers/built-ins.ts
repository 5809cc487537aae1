/**
 * The one list of built-in triggers. Each entry is a descriptor in its own folder; the shape check,
 * the resolve step, the rules, the wiring, the grants and the cdk-nag suppressions all read this list.
 */
import { activate, ActiveBuiltInTrigger, BuiltInTrigger, BuiltInTriggerKey } from './built-in-trigger';
import { CUSTOM_MESSAGES } from './custom-message/built-in';
import { MFA_BY_GROUP } from './mfa-by-group/built-in';
import { SIGN_UP_GUARD } from './sign-up-guard/built-in';
import type { ResolvedPool } from '../config/resolved';
import type { TriggersConfig } from '../config/types';

export const BUILT_IN_TRIGGERS = [MFA_BY_GROUP, SIGN_UP_GUARD, CUSTOM_MESSAGES] as const;

type BuiltIn = (typeof BUILT_IN_TRIGGERS)[number];

/** Each built-in trigger's config shape under its key, for the `TriggersConfig` shape. */
export type BuiltInTriggerShapes = { readonly [T in BuiltIn as T['key']]: T['shape'] };

export function builtInTriggerShapes(): BuiltInTriggerShapes {
  return Object.fromEntries(BUILT_IN_TRIGGERS.map(t => [t.key, t.shape])) as unknown as BuiltInTriggerShapes;
}

/** The built-in triggers the config turns on, each bound to its resolved config. */
export function activateBuiltInTriggers(triggers: TriggersConfig, pool: ResolvedPool): ActiveBuiltInTrigger[] {
  const active: ActiveBuiltInTrigger[] = [];
  for (const trigger of BUILT_IN_TRIGGERS) {
    const config = triggers[trigger.key];
    // Each descriptor takes its own key's config; TypeScript cannot follow that through the loop.
    if (config) active.push(activate(trigger as unknown as BuiltInTrigger<BuiltInTriggerKey, unknown>, config as never, pool));
  }
  return active;
}
