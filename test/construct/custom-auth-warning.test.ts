import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { MfaMode } from '../../src';
import { synthAuth } from '../support/synth';

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
