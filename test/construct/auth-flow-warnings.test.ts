import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Auth, MfaMode } from '../../src';
import { synthAuth, testStack } from '../support/synth';

const WARNING = Match.stringLikeRegexp('client.authFlows.custom is on while multifactor.mode is .*PASSWORD_VERIFIER');
const email = { email: {} };

describe('custom authentication flow in a pool with MFA', () => {
  test.each([MfaMode.REQUIRED, MfaMode.OPTIONAL])('warns with MFA %s', mode => {
    const { stack } = synthAuth({ loginWith: email, multifactor: { mode, totp: true }, client: { authFlows: { userSrp: true, custom: true } } });
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', WARNING);
  });

  test('no warning with MFA OFF, or without the custom flow', () => {
    const off = synthAuth({ loginWith: email, multifactor: { mode: MfaMode.OFF }, client: { authFlows: { userSrp: true, custom: true } } });
    Annotations.fromStack(off.stack).hasNoWarning('*', WARNING);
    Annotations.fromStack(synthAuth({ loginWith: email }).stack).hasNoWarning('*', WARNING);
  });
});

describe('user migration trigger', () => {
  const MIGRATION = Match.stringLikeRegexp('triggers.userMigration is set but the app client allows neither userPassword');
  const withMigration = (authFlows?: { userSrp?: boolean; userPassword?: boolean }) => {
    const stack = testStack();
    const userMigration = new lambda.Function(stack, 'Migrate', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async e=>e'),
    });
    new Auth(stack, 'Auth', { loginWith: email, triggers: { userMigration }, client: authFlows && { authFlows } });
    return Annotations.fromStack(stack);
  };

  test('warns when only SRP sign-in is allowed (the default client)', () => {
    withMigration().hasWarning('/TestStack/Auth', MIGRATION);
  });

  test('no warning with USER_PASSWORD_AUTH', () => {
    withMigration({ userSrp: true, userPassword: true }).hasNoWarning('*', MIGRATION);
  });
});
