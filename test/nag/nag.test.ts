/**
 * The default config, the example app and every integ case pass the cdk-nag packs with no
 * unsuppressed error or warning. Suppressions live in src/parts/nag-suppressions.ts, each with a reason.
 */
import { Stack } from 'aws-cdk-lib';
import { nagFindings, PACKS } from './findings';
import { ExampleAuthStack } from '../../examples/app';
import { INTEG_CASES } from '../../integ-tests/support/cases';
import { Auth, AuthProps } from '../../src';
import { MACHINE_TO_MACHINE, SOCIAL_AND_OIDC } from '../support/front-door';

const ENV = { account: '123456789012', region: 'us-east-1' };

const CONFIGS: Array<[string, AuthProps]> = [
  ['default config', { loginWith: { email: {} } }],
  ['social and OIDC sign-in through managed login', SOCIAL_AND_OIDC],
  ['machine-to-machine client with a resource server', MACHINE_TO_MACHINE],
  ...Object.entries(INTEG_CASES).map(([name, props]): [string, AuthProps] => [`integ case ${name}`, props]),
];

// The Auth construct applies its own suppressions; nothing here adds any.
describe.each(PACKS)('%s', (_packName, pack) => {
  test.each(CONFIGS)('%s has no findings', (_name, props) => {
    const findings = nagFindings(app => {
      const stack = new Stack(app, 'NagStack', { env: ENV });
      new Auth(stack, 'Auth', props);
      return stack;
    }, pack);
    expect(findings).toEqual([]);
  });

  test('examples/app.ts has no findings', () => {
    const findings = nagFindings(app => {
      return new ExampleAuthStack(app, 'ExampleAuthStack', { env: ENV });
    }, pack);
    expect(findings).toEqual([]);
  });
});
