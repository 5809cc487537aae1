import { Finding, problem, warning } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { BUILT_IN_TRIGGERS } from '../triggers/built-ins';

/** Slot conflicts between built-in triggers and your functions, then each built-in trigger's own rules. */
export function validateTriggers(config: ResolvedAuthConfig): Finding[] {
  const triggers = config.triggers;
  const findings: Finding[] = [];
  const taken = new Map<string, string>();
  for (const builtIn of triggers.builtIns) {
    const other = taken.get(builtIn.slot.key);
    if (other) findings.push(problem(`triggers.${builtIn.key}`, `uses the ${builtIn.slot.key} trigger, as triggers.${other} does`, 'keep one of them'));
    taken.set(builtIn.slot.key, builtIn.key);
    if (triggers.functions[builtIn.slot.key]) {
      findings.push(problem(`triggers.${builtIn.key}`, `uses the ${builtIn.slot.key} trigger, which triggers.${builtIn.slot.key} also sets`,
        'Cognito allows one function per trigger, so keep one of them'));
    }
  }
  if (config.raw.triggers?.builtInLogRetention !== undefined && triggers.builtIns.length === 0) {
    findings.push(problem('triggers.builtInLogRetention', `no built-in trigger (${BUILT_IN_TRIGGERS.map(t => t.key).join(', ')}) is configured, so it would do nothing`,
      'remove it'));
  }
  // Cognito runs it only for sign-ins through an external provider: without one it is dead configuration.
  if (triggers.functions.inboundFederation && config.externalProviders.length === 0) {
    findings.push(warning('inbound-federation-without-providers', 'triggers.inboundFederation',
      'triggers.inboundFederation is set but loginWith.externalProviders is empty: Cognito runs the inbound federation trigger only when a user '
      + 'signs in through an external identity provider, so it would never run. Add the provider, or remove the trigger.'));
  }
  for (const builtIn of triggers.builtIns) findings.push(...builtIn.validate(config));
  return findings;
}
