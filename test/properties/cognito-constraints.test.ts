/** The constraint checker is not vacuous: it passes a good template and catches each broken rule. */
import { checkCognitoConstraints } from './cognito-constraints';
import { runConfig } from './run-config';

const good = () => {
  const outcome = runConfig({ loginWith: { phone: {} }, multifactor: { mode: 'OPTIONAL', totp: true, sms: {} }, triggers: { preSignUp: true } });
  if (!outcome.ok) throw outcome.error;
  return outcome.template;
};
const pool = (t: any) => Object.values(t.Resources).find((r: any) => r.Type === 'AWS::Cognito::UserPool') as any;
const ofType = (t: any, type: string) => Object.values(t.Resources).find((r: any) => r.Type === type) as any;

test('a synthesized template passes', () => {
  expect(checkCognitoConstraints(good())).toEqual([]);
});

test.each<[string, (t: any) => void, RegExp]>([
  ['MFA on without methods', t => { pool(t).Properties.EnabledMfas = []; }, /no EnabledMfas/],
  ['email-only MFA', t => { pool(t).Properties.EnabledMfas = ['EMAIL_OTP']; }, /EMAIL_OTP as the only/],
  ['SMS without external ID', t => { delete pool(t).Properties.SmsConfiguration.ExternalId; }, /SmsConfiguration/],
  ['SMS message without code', t => { pool(t).Properties.SmsAuthenticationMessage = 'Your code'; }, /lacks \{####\}/],
  ['SMS message too long', t => { pool(t).Properties.SmsVerificationMessage = `{####}${'x'.repeat(140)}`; }, /outside 6-140/],
  ['short password', t => { pool(t).Properties.Policies.PasswordPolicy.MinimumLength = 5; }, /MinimumLength 5/],
  ['pool deleted', t => { pool(t).DeletionPolicy = 'Delete'; }, /DeletionPolicy Delete/],
  ['client secret', t => { ofType(t, 'AWS::Cognito::UserPoolClient').Properties.GenerateSecret = true; }, /GenerateSecret/],
  ['token too long', t => { ofType(t, 'AWS::Cognito::UserPoolClient').Properties.AccessTokenValidity = 1441; }, /AccessTokenValidity/],
  ['permission from any pool', t => { ofType(t, 'AWS::Lambda::Permission').Properties.SourceArn = '*'; }, /SourceArn/],
  ['SMS role may publish to topics', t => {
    ofType(t, 'AWS::IAM::Role').Properties.Policies[0].PolicyDocument.Statement[0] = { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' };
  }, /Resource "\*"/],
])('catches %s', (_name, breakIt, message) => {
  const template = good();
  breakIt(template);
  expect(checkCognitoConstraints(template).join('\n')).toMatch(message);
});
