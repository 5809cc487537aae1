/**
 * How applyNagSuppressions writes cdk-nag's metadata: only findings this construct's design makes
 * inherent, with reasons true for the config at hand; the user's explicit choices stay visible.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import { nagRuleIds } from './findings';
import { Auth, AuthProps, MfaMode } from '../../src';
import { checkAuthProps } from '../../src/config/check';
import { applyNagSuppressions } from '../../src/parts/nag-suppressions';

const ENV = { account: '123456789012', region: 'us-east-1' };

function build(props: AuthProps, after: (auth: Auth) => void = () => undefined) {
  return (app: App) => {
    const stack = new Stack(app, 'NagStack', { env: ENV });
    after(new Auth(stack, 'Auth', props));
    return stack;
  };
}

function resolved(props: AuthProps) {
  const checked = checkAuthProps(props);
  if (!checked.ok) throw new Error('invalid test config');
  return checked.config;
}

function reasons(props: AuthProps): Record<string, string> {
  const stack = new Stack(new App(), 'NagStack', { env: ENV });
  const auth = new Auth(stack, 'Auth', props);
  const rules: Array<{ id: string; reason: string }> = auth.cfnUserPool.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  return Object.fromEntries(rules.map(r => [r.id, r.reason]));
}

const awsSolutions = () => new AwsSolutionsChecks({ reports: false });

test('without the construct\'s suppressions the default config reports the Plus plan finding', () => {
  const removeSuppressions = (auth: Auth) => { delete auth.cfnUserPool.cfnOptions.metadata?.cdk_nag; };
  expect(nagRuleIds(build({ loginWith: { email: {} } }, removeSuppressions), awsSolutions)).toEqual(['AwsSolutions-COG8']);
});

test.each([MfaMode.OFF, MfaMode.OPTIONAL])('MFA %s is the user\'s choice: reported, never suppressed', mode => {
  expect(nagRuleIds(build({ loginWith: { email: {} }, multifactor: { mode } }), awsSolutions)).toEqual(['AwsSolutions-COG2']);
});

test('a feature plan chosen explicitly is the user\'s choice: AwsSolutions-COG8 is reported', () => {
  expect(nagRuleIds(build({ loginWith: { email: {} }, featurePlan: cognito.FeaturePlan.ESSENTIALS }), awsSolutions)).toEqual(['AwsSolutions-COG8']);
});

test('the Plus plan reason describes the pool at hand', () => {
  expect(reasons({ loginWith: { email: {} } })['AwsSolutions-COG8'])
    .toMatch(/default, ESSENTIALS.*In this pool MFA is REQUIRED \(TOTP\), passwords need 12 characters and a password history of 5\./);
  expect(reasons({ loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} }, passwordPolicy: { minLength: 16 } })['AwsSolutions-COG8'])
    .toMatch(/In this pool MFA is OPTIONAL \(TOTP, SMS\), passwords need 16 characters/);
  expect(reasons({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OFF } })['AwsSolutions-COG8']).toMatch(/MFA is OFF \(reported separately as AwsSolutions-COG2\)/);
  expect(reasons({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OPTIONAL } })['AwsSolutions-COG2']).toBeUndefined();
});

test('a team accepts its own choice in its own stack, with its own reason (the README example)', () => {
  const props: AuthProps = { loginWith: { email: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true } };
  const accept = (auth: Auth) => NagSuppressions.addResourceSuppressions(auth.userPool, [
    { id: 'AwsSolutions-COG2', reason: 'Customers may opt in to MFA; staff sign in through the separate admin pool, where it is REQUIRED.' },
  ]);
  expect(nagRuleIds(build(props, accept), awsSolutions)).toEqual([]);
});

test('applying twice writes the same metadata (safe to call from the construct and from tests)', () => {
  const stack = new Stack(new App(), 'NagStack', { env: ENV });
  const props: AuthProps = { loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, sms: {} } };
  const auth = new Auth(stack, 'Auth', props);
  const once = JSON.stringify(stack.resolve(auth.cfnUserPool.getMetadata('cdk_nag')));
  applyNagSuppressions(auth, resolved(props));
  expect(JSON.stringify(stack.resolve(auth.cfnUserPool.getMetadata('cdk_nag')))).toBe(once);
  expect(JSON.parse(once).rules_to_suppress.map((r: { id: string }) => r.id)).toEqual(['AwsSolutions-COG8']);
});

test('suppressions added with cdk-nag itself are kept', () => {
  const stack = new Stack(new App(), 'NagStack', { env: ENV });
  const props: AuthProps = { loginWith: { email: {} } };
  const auth = new Auth(stack, 'Auth', props);
  auth.cfnUserPool.addMetadata('cdk_nag', { rules_to_suppress: [{ reason: 'kept by the platform team', id: 'AwsSolutions-COG1' }] });
  applyNagSuppressions(auth, resolved(props));
  const ids = auth.cfnUserPool.getMetadata('cdk_nag').rules_to_suppress.map((r: { id: string }) => r.id);
  expect(ids.sort()).toEqual(['AwsSolutions-COG1', 'AwsSolutions-COG8']);
});

test('built-in trigger reasons say what each function calls and runs inside', () => {
  const stack = new Stack(new App(), 'NagStack', { env: ENV });
  const auth = new Auth(stack, 'Auth', {
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL },
    groups: [{ name: 'admins' }],
    triggers: { mfaByGroup: { groups: ['admins'] }, signUpGuard: {} },
  });
  const reasonOf = (fn: { node: { defaultChild?: unknown } } | undefined, id: string) =>
    ((fn!.node.defaultChild as any).getMetadata('cdk_nag').rules_to_suppress as Array<{ id: string; reason: string }>).find(r => r.id === id)!.reason;
  expect(reasonOf(auth.mfaByGroupFunction as any, 'NIST.800.53.R5-LambdaInsideVPC')).toMatch(/calls only the public Cognito API \(cognito-idp:AdminGetUser\)/);
  expect(reasonOf(auth.signUpGuardFunction as any, 'NIST.800.53.R5-LambdaInsideVPC')).toMatch(/calls no AWS API at all/);
  expect(reasonOf(auth.signUpGuardFunction as any, 'NIST.800.53.R5-LambdaConcurrency')).toMatch(/runs inside every sign-up/);
});
