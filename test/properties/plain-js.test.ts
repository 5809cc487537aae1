/**
 * Property: whatever a plain-JavaScript, JSON or jsii caller sends (wrong types, unknown keys, wrong
 * enum words, tokens), `new Auth(...)` either synthesizes a pool at least as strong as the config
 * asked (MFA mode and methods, sign-up, deletion protection, device tracking, password policy,
 * guests) within Cognito's rules, or throws our AuthConfigError whose every problem names a property
 * the caller wrote (or one a struct requires). Never a TypeError, never a weaker pool.
 */
import * as fc from 'fast-check';
import { buildProps, oneRawAreaSpec, Spec, validishSpec } from './arbitraries';
import { checkCognitoConstraints } from './cognito-constraints';
import { Mutation, mutate, mutations, tokenMutations } from './plain-js';
import { runProps, runs } from './run-config';
import { strengthViolations } from './strength';
import { Auth } from '../../src';
import { AuthConfigError } from '../../src/config/errors';

const tally = { synthesized: 0, refused: 0 };
afterAll(() => console.log(`plain-JS door: ${tally.synthesized} mutated configs synthesized, ${tally.refused} refused`));

/** True when the path's parent is in the props, so the problem points at what the caller wrote. */
function namesAProperty(props: unknown, path: string): boolean {
  if (path === 'props') return true;
  const steps = path.split(/\.|\[(\d+)\]/).filter(s => s !== undefined && s !== '');
  let node: any = props;
  for (const step of steps.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, step)) return false;
    node = node[step];
  }
  return node !== null && typeof node === 'object';
}

function check(spec: Spec, list: Mutation[]): void {
  // The spec is cloned: the mutations must not reach the value fast-check prints and shrinks.
  const outcome = runProps(stack => mutate(buildProps(structuredClone(spec), stack), list, stack));
  if (outcome.ok) {
    tally.synthesized++;
    // The removal policy may itself be mutated; strengthViolations checks deletion protection instead.
    const constraints = checkCognitoConstraints(outcome.template).filter(v => !/DeletionPolicy/.test(v));
    const violations = [...constraints, ...strengthViolations(outcome.props, outcome.template)];
    if (violations.length) throw new Error(`synthesized a weaker or invalid pool:\n  ${violations.join('\n  ')}`);
    return;
  }
  tally.refused++;
  const error = outcome.error;
  if (!(error instanceof AuthConfigError)) throw new Error(`threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
  const unnamed = error.details.filter(p => !namesAProperty(outcome.props, p.path));
  if (unnamed.length) throw new Error(`problems naming no property of the props: ${JSON.stringify(unnamed)}`);
  if (Auth.validateProps(outcome.props).length !== error.details.length) throw new Error('Auth.validateProps disagrees with the constructor');
}

test('mutated configs synthesize a pool at least as strong as asked, or are refused naming a property', () => {
  fc.assert(fc.property(fc.oneof(validishSpec, oneRawAreaSpec), mutations, check), { numRuns: runs(2_000) });
});

test('tokens anywhere a string or number goes: the same, and most of them synthesize', () => {
  fc.assert(fc.property(validishSpec, tokenMutations, check), { numRuns: runs(500) });
});
