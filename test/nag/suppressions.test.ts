/** How applyNagSuppressions writes cdk-nag's metadata, and what it deliberately leaves visible. */
import { App, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { nagFindings } from './findings';
import { Auth, AuthProps, MfaMode } from '../../src';
import { checkAuthProps } from '../../src/config/check';
import { applyNagSuppressions } from '../../src/parts/nag-suppressions';

const ENV = { account: '123456789012', region: 'us-east-1' };

function build(props: AuthProps, suppress: (auth: Auth) => void) {
  return (app: App) => {
    const stack = new Stack(app, 'NagStack', { env: ENV });
    suppress(new Auth(stack, 'Auth', props));
    return stack;
  };
}

function resolved(props: AuthProps) {
  const checked = checkAuthProps(props);
  if (!checked.ok) throw new Error('invalid test config');
  return checked.config;
}

const awsSolutions = () => new AwsSolutionsChecks({ reports: false });
const noop = () => undefined;

test('without the construct\'s suppressions the default config reports the Plus plan finding', () => {
  const removeSuppressions = (auth: Auth) => { delete auth.cfnUserPool.cfnOptions.metadata?.cdk_nag; };
  const findings = nagFindings(build({ loginWith: { email: {} } }, removeSuppressions), awsSolutions);
  expect(findings).toEqual([expect.stringContaining('AwsSolutions-COG8')]);
});

test('MFA OFF is not suppressed: a security review must see it', () => {
  const findings = nagFindings(build({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OFF } }, noop), awsSolutions);
  expect(findings).toEqual([expect.stringContaining('AwsSolutions-COG2')]);
});

test('applying twice writes the same metadata (safe to call from the construct and from tests)', () => {
  const stack = new Stack(new App(), 'NagStack', { env: ENV });
  const props: AuthProps = { loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, sms: {} } };
  const auth = new Auth(stack, 'Auth', props);
  const once = JSON.stringify(stack.resolve(auth.cfnUserPool.getMetadata('cdk_nag')));
  applyNagSuppressions(auth, resolved(props));
  expect(JSON.stringify(stack.resolve(auth.cfnUserPool.getMetadata('cdk_nag')))).toBe(once);
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
