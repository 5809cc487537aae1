/**
 * What a plain-JavaScript, JSON or jsii caller can send that TypeScript would have refused:
 * mutations applied to a generated config after it is built. Each mutation is plain data (where in
 * the props, and what), so a counterexample prints and shrinks.
 */
import { CfnParameter, Duration, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import * as fc from 'fast-check';

export type Mutation =
  /** Put a value of the wrong type at an existing key. */
  | { readonly kind: 'wrongType'; readonly at: number; readonly value: number }
  /** Add a key no struct has: a misspelling of a key next to it, or a stray name. */
  | { readonly kind: 'unknownKey'; readonly at: number; readonly name: number }
  /** Put a wrong word at an enum-valued key. */
  | { readonly kind: 'wrongEnum'; readonly at: number; readonly value: number }
  /** Replace a string, number or Duration with a token, or mix a token into a string. */
  | { readonly kind: 'token'; readonly at: number; readonly token: number }
  /** Delete a key (required or not). */
  | { readonly kind: 'remove'; readonly at: number };

/** Fresh each time: a shared object mutated twice could end up containing itself. */
const WRONG_VALUES: Array<() => unknown> = [() => 'true', () => 'false', () => 'yes', () => 'REQUIRED', () => 1, () => 0, () => -1, () => 1.5,
  () => null, () => [], () => ({}), () => [{}], () => '', () => 'x'.repeat(300), () => ({ amount: 5, unit: 'minutes' }), () => () => true,
  () => new Date(0), () => Number.POSITIVE_INFINITY];

const STRAY_KEYS = ['enabled', 'Mode', 'type', 'constructor', '__proto__', 'toString', 'value'];

const ENUM_KEYS = new Set(['mode', 'featurePlan', 'accountRecovery', 'threatProtection', 'removalPolicy', 'verificationEmailStyle',
  'preTokenGenerationVersion', 'builtInLogRetention', 'source']);

/** Wrong words for enums: Cognito's, member names instead of values, other cases, near misses. */
const TOKEN = Symbol('a token');
const WRONG_ENUM_WORDS: unknown[] = [TOKEN, 'ON', 'on', 'required', 'Optional', 'off ', 'FULL_FUNCTION', 'EMAIL_ONLY', 'V2', 'V2_0 ', 'CustomMessage_SignUp',
  'CONFIRM_WITH_LINK', 'ONE_YEAR', 'DESTROY', 'plus', 2, -1, 365.5, true, 'ENFORCED ', ''];

const nat = fc.nat({ max: 1_000 });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('wrongType' as const), at: nat, value: fc.nat({ max: WRONG_VALUES.length - 1 }) }),
  fc.record({ kind: fc.constant('unknownKey' as const), at: nat, name: fc.nat({ max: 20 }) }),
  fc.record({ kind: fc.constant('wrongEnum' as const), at: nat, value: fc.nat({ max: WRONG_ENUM_WORDS.length - 1 }) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('token' as const), at: nat, token: fc.nat({ max: 9 }) }) },
  fc.record({ kind: fc.constant('remove' as const), at: nat }),
);
export const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });
/** Only tokens, so most configs still synthesize and the synthesized side is well exercised. */
export const tokenMutations = fc.array(fc.record({ kind: fc.constant('token' as const), at: nat, token: fc.nat({ max: 9 }) }), { minLength: 1, maxLength: 4 });

type Slot = { readonly parent: Record<string, unknown> | unknown[]; readonly key: string | number };

/** Keys of the plain objects and arrays in the props (constructs and Durations are leaves). */
function slots(root: unknown, accept: (slot: Slot, value: unknown) => boolean = () => true): Slot[] {
  const found: Slot[] = [];
  const visit = (node: unknown) => {
    if (!isContainer(node)) return;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      const value = (node as any)[key];
      const slot = { parent: node as Record<string, unknown>, key };
      if (accept(slot, value)) found.push(slot);
      visit(value);
    }
  };
  visit(root);
  return found;
}

/** The objects (not arrays) a key may be added to. */
function objects(root: unknown): Array<Record<string, unknown>> {
  const found = [root as Record<string, unknown>];
  for (const slot of slots(root, (_s, v) => isContainer(v) && !Array.isArray(v))) found.push((slot.parent as any)[slot.key]);
  return found;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Construct.isConstruct(value) && !(value instanceof Duration) && !Token.isUnresolved(value);
}

/** Sets a key as an own property (`__proto__` included, as JSON.parse would). */
function put(target: Record<string, unknown> | unknown[], key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function misspell(key: string, how: number): string {
  switch (how % 6) {
    case 0: return `${key}s`;
    case 1: return key.slice(0, -1);
    case 2: return key.charAt(0).toUpperCase() + key.slice(1);
    case 3: return key.length > 2 ? key[0] + key[2] + key[1] + key.slice(3) : `${key}_`;
    case 4: return key.replace(/([A-Z])/, c => c.toLowerCase()).replace(/^./, c => c) + 'x';
    default: return `${key}${key.slice(-1)}`;
  }
}

const DURATION_OF: Record<string, (amount: number) => Duration> = {
  millis: Duration.millis, seconds: Duration.seconds, minutes: Duration.minutes, hours: Duration.hours, days: Duration.days,
};

function tokenFor(stack: Stack, choice: number, current: unknown): unknown {
  const n = stack.node.children.length;
  if (current instanceof Duration) {
    const amount = Token.asNumber(new CfnParameter(stack, `D${n}`, { type: 'Number' }).valueAsString);
    return choice % 2 === 0 ? DURATION_OF[current.unitLabel()](amount) : Duration.millis(amount);
  }
  if (typeof current === 'number') return Token.asNumber(new CfnParameter(stack, `N${n}`, { type: 'Number' }).valueAsString);
  const literal = typeof current === 'string' ? current : '';
  switch (choice % 5) {
    case 0: return new CfnParameter(stack, `P${n}`).valueAsString;
    case 1: return Fn.importValue(`Shared${n}`);
    // A Lazy whose value is itself only known at deploy (one resolving to a literal would be checked by nobody before deploy, by design).
    case 2: return Lazy.string({ produce: () => Fn.importValue(`Lazy${n}`) });
    case 3: return ssm.StringParameter.valueForStringParameter(stack, `/auth/value${n}`);
    default: return `${literal}${new CfnParameter(stack, `M${n}`).valueAsString}`; // mixed: literal text and a token
  }
}

/** Applies the mutations in order; returns the props (mutated in place). */
export function mutate<T>(props: T, list: readonly Mutation[], stack: Stack): T {
  for (const m of list) {
    switch (m.kind) {
      case 'wrongType': {
        const all = slots(props);
        if (all.length) { const s = all[m.at % all.length]; put(s.parent, s.key, WRONG_VALUES[m.value]()); }
        break;
      }
      case 'unknownKey': {
        const targets = objects(props);
        const target = targets[m.at % targets.length];
        const keys = Object.keys(target);
        const name = m.name < 12 && keys.length ? misspell(keys[m.name % keys.length], m.name) : STRAY_KEYS[m.name % STRAY_KEYS.length];
        if (!keys.includes(name)) put(target, name, m.name % 2 === 0 ? true : { enabled: true });
        break;
      }
      case 'wrongEnum': {
        const enums = slots(props, s => typeof s.key === 'string' && ENUM_KEYS.has(s.key));
        const word = WRONG_ENUM_WORDS[m.value] === TOKEN ? new CfnParameter(stack, `E${stack.node.children.length}`).valueAsString : WRONG_ENUM_WORDS[m.value];
        if (enums.length) { const s = enums[m.at % enums.length]; put(s.parent, s.key, word); }
        break;
      }
      case 'token': {
        const leaves = slots(props, (slot, v) => (typeof v === 'string' || typeof v === 'number' || v instanceof Duration)
          && !Token.isUnresolved(v) && !(v instanceof Duration && v.isUnresolved()) && !ENUM_KEYS.has(String(slot.key)));
        if (leaves.length) { const s = leaves[m.at % leaves.length]; put(s.parent, s.key, tokenFor(stack, m.token, (s.parent as any)[s.key])); }
        break;
      }
      case 'remove': {
        const all = slots(props, s => !Array.isArray(s.parent));
        if (all.length) { const s = all[m.at % all.length]; delete (s.parent as any)[s.key]; }
        break;
      }
    }
  }
  return props;
}
