import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Auth, AuthProps } from '../../src';
import { ENV } from '../support/synth';

/** Synthesizes into `outdir`, as `cdk synth` does on every run, and returns the stack. */
function synthInto(outdir: string, props: AuthProps): Stack {
  const app = new App({ outdir });
  const stack = new Stack(app, 'AuthStack', { env: ENV });
  new Auth(stack, 'Auth', props);
  app.synth();
  return stack;
}

const WARNING = Match.stringLikeRegexp('Cognito cannot change');

describe('warning when a change touches settings Cognito cannot change after creation', () => {
  let outdir: string;
  beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-immutable-')); });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('no previous template: no warning', () => {
    const stack = synthInto(outdir, { loginWith: { email: {} } });
    Annotations.fromStack(stack).hasNoWarning('*', WARNING);
  });

  test('a mutable change (password length) does not warn', () => {
    synthInto(outdir, { loginWith: { email: {} } });
    const stack = synthInto(outdir, { loginWith: { email: {} }, passwordPolicy: { minLength: 14 } });
    Annotations.fromStack(stack).hasNoWarning('*', WARNING);
  });

  test('adding a new custom attribute does not warn', () => {
    synthInto(outdir, { loginWith: { email: {} } });
    const stack = synthInto(outdir, { loginWith: { email: {} }, customAttributes: { tenant: new cognito.StringAttribute() } });
    Annotations.fromStack(stack).hasNoWarning('*', WARNING);
  });

  test.each([
    ['sign-in attributes', { loginWith: { email: {}, phone: {} } }, 'UsernameAttributes'],
    ['case sensitivity', { loginWith: { email: {} }, signInCaseSensitive: true }, 'UsernameConfiguration'],
    ['a required attribute', { loginWith: { email: {} }, userAttributes: { givenName: { required: true } } }, 'Schema'],
  ] as Array<[string, AuthProps, string]>)('changing %s warns and names it', (_name, changed, setting) => {
    synthInto(outdir, { loginWith: { email: {} }, userAttributes: { givenName: { required: false } } });
    const stack = synthInto(outdir, changed);
    Annotations.fromStack(stack).hasWarning('/AuthStack/Auth/UserPool/Resource', Match.stringLikeRegexp(`Cognito cannot change .*${setting}`));
  });
});
