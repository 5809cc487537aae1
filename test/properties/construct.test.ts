/**
 * Property: for any config, `new Auth(...)` either synthesizes a template that meets Cognito's
 * documented constraints, or throws an AuthConfigError naming a config property. Nothing else.
 */
import * as fc from 'fast-check';
import { anySpec, oneRawAreaSpec, Spec, validishSpec } from './arbitraries';
import { checkCognitoConstraints } from './cognito-constraints';
import { DELETION_POLICY, runConfig, runs } from './run-config';
import { Auth } from '../../src';

const PROPERTY_PATH = /(loginWith|multifactor|senders|passwordless|threatProtection|client|deviceTracking|passwordPolicy|groups|triggers|featurePlan|removalPolicy)/;

/** Counts, printed at the end so the run says how many configs it really checked. */
const tally = { synthesized: 0, refused: 0 };
afterAll(() => console.log(`construct properties: ${tally.synthesized} configs synthesized, ${tally.refused} refused`));

function safeOrRefused(spec: Spec): void {
  const outcome = runConfig(spec);
  if (outcome.ok) {
    tally.synthesized++;
    const violations = checkCognitoConstraints(outcome.template, { deletionPolicy: DELETION_POLICY[spec.removalPolicy ?? 'RETAIN'] });
    if (violations.length) throw new Error(`synthesized template breaks Cognito rules:\n  ${violations.join('\n  ')}`);
    return;
  }
  tally.refused++;
  const error = outcome.error as Error;
  if (error?.name !== 'AuthConfigError') throw new Error(`threw ${error?.name}: ${error?.message}`);
  if (!PROPERTY_PATH.test(error.message)) throw new Error(`AuthConfigError names no property: ${error.message}`);
}

test('any config synthesizes within Cognito rules or is refused with an AuthConfigError naming a property', () => {
  fc.assert(fc.property(anySpec, safeOrRefused), { numRuns: runs(500) });
});

test('mostly-valid configs too (so the synthesized side is well exercised)', () => {
  fc.assert(fc.property(validishSpec, safeOrRefused), { numRuns: runs(300) });
});

test('mostly-valid configs with one area left random (where validation gaps hide)', () => {
  fc.assert(fc.property(oneRawAreaSpec, safeOrRefused), { numRuns: runs(500) });
});

test('Auth.validateProps(props) is empty exactly when construction succeeds', () => {
  fc.assert(fc.property(fc.oneof(anySpec, validishSpec, oneRawAreaSpec), spec => {
    const outcome = runConfig(spec);
    const problems = Auth.validateProps(outcome.props);
    if (outcome.ok !== (problems.length === 0)) {
      throw new Error(`validateProps returned ${JSON.stringify(problems)} but construction ${outcome.ok ? 'succeeded' : `threw ${String(outcome.error)}`}`);
    }
  }), { numRuns: runs(300) });
});
