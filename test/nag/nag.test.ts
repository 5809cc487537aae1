/**
 * The default config, the example app and every integ case pass the cdk-nag packs with no
 * unsuppressed finding except those that come from the config's own explicit choices (OPTIONAL MFA),
 * which stay visible for the team's reviewer. Suppressions live in src/parts/nag-suppressions.ts,
 * each with a reason built from the config.
 */
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { nagFindings, nagRuleIds, PACKS } from './findings';
import { ExampleAuthStack } from '../../examples/app';
import { INTEG_CASES, IntegCaseName, integProps } from '../../integ-tests/support/cases';
import { Auth, AuthProps, MfaMode } from '../../src';
import { MACHINE_TO_MACHINE, SOCIAL_AND_OIDC } from '../support/front-door';

const ENV = { account: '123456789012', region: 'us-east-1' };

/** A config, or one that creates constructs of its own (a topic) in the stack. */
type Config = AuthProps | ((scope: Construct) => AuthProps);

const CONFIGS: Array<[string, Config]> = [
  ['default config', { loginWith: { email: {} } }],
  ['social and OIDC sign-in through managed login', SOCIAL_AND_OIDC],
  ['machine-to-machine client with a resource server', MACHINE_TO_MACHINE],
  ['monitoring, log delivery and WAF without an alarm topic or request logging', {
    loginWith: { email: {} }, monitoring: { dashboard: true }, logDelivery: { userNotifications: {} }, waf: { requestLogging: false },
  }],
  ['WAF with request logging', { loginWith: { email: {} }, waf: {} }],
  ...Object.keys(INTEG_CASES).map((name): [string, Config] => [`integ case ${name}`, scope => integProps(name as IntegCaseName, scope)]),
];

/**
 * What a config chose explicitly and a reviewer must see: OPTIONAL MFA is AwsSolutions-COG2; alarms
 * without an alarm topic (no action) and a web ACL without request logging are the other packs' rules.
 */
function expectedFindings(pack: string, props: AuthProps): string[] {
  if (pack === 'AwsSolutions') return props.multifactor?.mode === MfaMode.OPTIONAL ? ['AwsSolutions-COG2'] : [];
  return [
    ...(props.monitoring && !props.monitoring.alarmTopic && pack !== 'PCI.DSS.321' ? [`${pack}-CloudWatchAlarmAction`] : []),
    ...(props.waf && !props.waf.webAclArn && props.waf.requestLogging === false ? [`${pack}-WAFv2LoggingEnabled`] : []),
  ].sort();
}

// The Auth construct applies its own suppressions; nothing here adds any.
describe.each(PACKS)('%s', (packName, pack) => {
  test.each(CONFIGS)('%s: only the findings of its explicit choices', (_name, config) => {
    let props: AuthProps | undefined;
    const rules = nagRuleIds(app => {
      const stack = new Stack(app, 'NagStack', { env: ENV });
      props = typeof config === 'function' ? config(stack) : config;
      new Auth(stack, 'Auth', props);
      return stack;
    }, pack);
    expect([...new Set(rules)].sort()).toEqual(expectedFindings(packName, props!));
  });

  test('examples/app.ts has no findings', () => {
    const findings = nagFindings(app => {
      return new ExampleAuthStack(app, 'ExampleAuthStack', { env: ENV });
    }, pack);
    expect(findings).toEqual([]);
  });
});
