/**
 * No lost users: no config option may change the user pool's logical ID (CloudFormation would
 * create a new, empty pool), and unless the config opts out the pool is retained and protected.
 */
import * as fc from 'fast-check';
import { oneRawAreaSpec, Spec, validishSpec } from './arbitraries';
import { runConfig, runs } from './run-config';

const POOL_ID = 'AuthUserPool8115E87F';

const REPRESENTATIVE: Array<[string, Spec]> = [
  ['default', { loginWith: { email: {} } }],
  ['phone only, SMS + TOTP optional', { loginWith: { phone: {} }, multifactor: { mode: 'OPTIONAL', totp: true, sms: {} } }],
  ['email + phone, SMS required', { loginWith: { email: {}, phone: {} }, multifactor: { mode: 'REQUIRED', sms: {} } }],
  ['email MFA with SES', {
    loginWith: { email: {} }, multifactor: { mode: 'REQUIRED', totp: true, email: {} }, senders: { email: { fromEmail: 'noreply@example.com' } },
  }],
  ['MFA off, Lite plan', { loginWith: { email: {} }, multifactor: { mode: 'OFF' }, featurePlan: 'LITE' }],
  ['device tracking + groups', {
    loginWith: { email: {} },
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    groups: [{ name: 'admins', precedence: 0 }, { name: 'users' }],
  }],
  ['Plus with threat protection and passwordless', {
    loginWith: { email: {}, phone: {} },
    multifactor: { mode: 'OPTIONAL', totp: true },
    featurePlan: 'PLUS',
    threatProtection: 'ENFORCED',
    passwordless: { emailOtp: true, smsOtp: true, passkey: true, passkeyRelyingPartyId: 'app.example.com' },
  }],
  ['BYO SMS role, identity pool, all built-in triggers', {
    loginWith: { email: {}, phone: {} },
    multifactor: { mode: 'OPTIONAL', totp: true, sms: {} },
    senders: { smsRole: { role: true, externalId: 'ext-id-123' } },
    identityPool: { allowUnauthenticated: false },
    groups: [{ name: 'admins' }],
    triggers: {
      mfaByGroup: { groups: ['admins'] },
      signUpGuard: { allowedEmailDomains: ['example.com'] },
      customMessages: { templates: [{ source: 'SignUp', message: 'Code {####}' }] },
    },
  }],
  ['user triggers and custom senders', {
    loginWith: { email: {} },
    triggers: { preSignUp: true, postConfirmation: true, preTokenGeneration: true, preTokenGenerationVersion: 'V2_0' },
    senders: { customEmailSender: true, kmsKey: true },
  }],
  ['explicit RETAIN, protection on', { loginWith: { email: {} }, removalPolicy: 'RETAIN', deletionProtection: true }],
  ['opted out: DESTROY, no protection', { loginWith: { email: {} }, removalPolicy: 'DESTROY', deletionProtection: false }],
];

/** Checks the pool in a synthesized template; returns what is wrong. */
function poolProblems(spec: Spec, template: Record<string, any>): string[] {
  const pools = Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => r.Type === 'AWS::Cognito::UserPool');
  if (pools.length !== 1 || pools[0][0] !== POOL_ID) return [`user pool logical IDs ${pools.map(([id]) => id).join(', ')}, expected ${POOL_ID}`];
  const pool: any = pools[0][1];
  const problems: string[] = [];
  if (spec.removalPolicy === undefined || spec.removalPolicy === 'RETAIN') {
    if (pool.DeletionPolicy !== 'Retain' || pool.UpdateReplacePolicy !== 'Retain') {
      problems.push(`DeletionPolicy ${pool.DeletionPolicy} / UpdateReplacePolicy ${pool.UpdateReplacePolicy}, expected Retain`);
    }
  }
  if (spec.deletionProtection !== false && pool.Properties.DeletionProtection !== 'ACTIVE') {
    problems.push(`DeletionProtection ${pool.Properties.DeletionProtection}, expected ACTIVE`);
  }
  return problems;
}

test.each(REPRESENTATIVE)('%s: the pool keeps its logical ID, is retained and protected', (_name, spec) => {
  const outcome = runConfig(spec);
  if (!outcome.ok) throw outcome.error;
  expect(poolProblems(spec, outcome.template)).toEqual([]);
});

test('random valid configs: the pool keeps its logical ID, is retained and protected', () => {
  let checked = 0;
  fc.assert(fc.property(fc.oneof(validishSpec, oneRawAreaSpec), spec => {
    const outcome = runConfig(spec);
    fc.pre(outcome.ok); // Only configs that synthesize have a pool to keep.
    checked++;
    const problems = poolProblems(spec, (outcome as { template: Record<string, any> }).template);
    if (problems.length) throw new Error(problems.join('; '));
  }), { numRuns: runs(200) });
  console.log(`no-lost-users: ${checked} random valid configs checked`);
  expect(checked).toBeGreaterThan(100);
});
