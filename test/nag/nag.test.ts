/**
 * The default config, the example app and every integ case pass the cdk-nag packs with no
 * unsuppressed finding except those that come from the config's own explicit choices (OPTIONAL MFA),
 * which stay visible for the team's reviewer. Suppressions live in src/parts/nag-suppressions.ts,
 * each with a reason built from the config.
 */
import { Stack } from 'aws-cdk-lib';
import { nagFindings, nagRuleIds, PACKS } from './findings';
import { ExampleAuthStack } from '../../examples/app';
import { INTEG_CASES } from '../../integ-tests/support/cases';
import { Auth, AuthProps, MfaMode } from '../../src';
import { MACHINE_TO_MACHINE, SOCIAL_AND_OIDC } from '../support/front-door';

const ENV = { account: '123456789012', region: 'us-east-1' };

const CONFIGS: Array<[string, AuthProps]> = [
  ['default config', { loginWith: { email: {} } }],
  ['social and OIDC sign-in through managed login', SOCIAL_AND_OIDC],
  ['machine-to-machine client with a resource server', MACHINE_TO_MACHINE],
  ...Object.entries(INTEG_CASES).map(([name, props]): [string, AuthProps] => [`integ case ${name}`, props]),
];

/** What a config chose explicitly and a reviewer must see: OPTIONAL MFA is AwsSolutions-COG2. */
function expectedFindings(pack: string, props: AuthProps): string[] {
  return pack === 'AwsSolutions' && props.multifactor?.mode === MfaMode.OPTIONAL ? ['AwsSolutions-COG2'] : [];
}

// The Auth construct applies its own suppressions; nothing here adds any.
describe.each(PACKS)('%s', (packName, pack) => {
  test.each(CONFIGS)('%s: only the findings of its explicit choices', (_name, props) => {
    const rules = nagRuleIds(app => {
      const stack = new Stack(app, 'NagStack', { env: ENV });
      new Auth(stack, 'Auth', props);
      return stack;
    }, pack);
    expect(rules).toEqual(expectedFindings(packName, props));
  });

  test('examples/app.ts has no findings', () => {
    const findings = nagFindings(app => {
      return new ExampleAuthStack(app, 'ExampleAuthStack', { env: ENV });
    }, pack);
    expect(findings).toEqual([]);
  });
});
