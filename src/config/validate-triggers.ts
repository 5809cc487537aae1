import { Finding, problem } from './findings';
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
  for (const builtIn of triggers.builtIns) findings.push(...builtIn.validate(config));
  return findings;
}
