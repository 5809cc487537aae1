/** The strength checker is not vacuous: it passes a template that does what was asked and names each weakening. */
import { Duration } from 'aws-cdk-lib';
import { runConfig } from './run-config';
import { strengthViolations } from './strength';

const asked = {
  loginWith: { phone: {} },
  multifactor: { mode: 'OPTIONAL', totp: true, sms: {} },
  selfSignUp: false,
  deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
  passwordPolicy: { minLength: 14 },
  identityPool: {},
};

const synthesized = () => {
  const outcome = runConfig(asked);
  if (!outcome.ok) throw outcome.error;
  return outcome.template;
};
const pool = (t: any) => Object.values(t.Resources).find((r: any) => r.Type === 'AWS::Cognito::UserPool') as any;

test('the template does what the config asked', () => {
  expect(strengthViolations(asked, synthesized())).toEqual([]);
});

test.each<[string, (t: any) => void, RegExp]>([
  ['MFA configuration missing (MFA off)', t => { delete pool(t).Properties.MfaConfiguration; }, /multifactor.mode OPTIONAL asked, MfaConfiguration is absent/],
  ['a second factor dropped', t => { pool(t).Properties.EnabledMfas = ['SMS_MFA']; }, /second factors/],
  ['self sign-up opened', t => { pool(t).Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly = false; }, /selfSignUp false asked/],
  ['deletion protection removed', t => { delete pool(t).Properties.DeletionProtection; }, /deletion protection asked/],
  ['the pool no longer retained', t => { pool(t).DeletionPolicy = 'Delete'; }, /removalPolicy default asked, DeletionPolicy Delete/],
  ['device tracking emptied', t => { pool(t).Properties.DeviceConfiguration = {}; }, /deviceTracking .* asked/],
  ['a shorter password', t => { pool(t).Properties.Policies.PasswordPolicy.MinimumLength = 8; }, /minLength 14 asked/],
  ['a default dropped from a partial policy', t => { delete pool(t).Properties.Policies.PasswordPolicy.PasswordHistorySize; }, /passwordHistorySize 5 asked/],
  ['guests let in', t => {
    (Object.values(t.Resources).find((r: any) => r.Type === 'AWS::Cognito::IdentityPool') as any).Properties.AllowUnauthenticatedIdentities = true;
  }, /identityPool.allowUnauthenticated/],
])('%s is named', (_name, weaken, message) => {
  const template = synthesized();
  weaken(template);
  expect(strengthViolations(asked, template).join('\n')).toMatch(message);
});

test('a temporary password validity is compared in days', () => {
  const outcome = runConfig({ loginWith: { email: {} }, passwordPolicy: { tempPasswordValidity: ['days', 2] } });
  if (!outcome.ok) throw outcome.error;
  expect(strengthViolations({ loginWith: { email: {} }, passwordPolicy: { tempPasswordValidity: Duration.days(2) } }, outcome.template)).toEqual([]);
  const shorter = { loginWith: { email: {} }, passwordPolicy: { tempPasswordValidity: Duration.days(1) } };
  expect(strengthViolations(shorter, outcome.template)).toHaveLength(1);
});
