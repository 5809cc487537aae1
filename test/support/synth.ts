import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Auth, AuthProps } from '../../src';

export const ENV = { account: '123456789012', region: 'us-east-1' };

export function testStack(): Stack {
  return new Stack(new App(), 'TestStack', { env: ENV });
}

/** Synthesizes one Auth construct in a fresh stack, the way a platform team's app would. */
export function synthAuth(props: AuthProps, id = 'Auth') {
  const stack = testStack();
  const app = stack.node.scope as App;
  const auth = new Auth(stack, id, props);
  return { app, stack, auth, template: Template.fromStack(stack) };
}

/** The single user pool's CloudFormation properties. */
export function userPoolProps(template: Template): Record<string, any> {
  const pools = Object.values(template.findResources('AWS::Cognito::UserPool'));
  expect(pools).toHaveLength(1);
  return pools[0].Properties;
}

/** Replaces asset hashes so snapshots pin the configuration, not the bytes of the bundled handlers. */
export function stableTemplate(template: Template): unknown {
  return JSON.parse(JSON.stringify(template.toJSON()).replace(/[0-9a-f]{64}\.zip/g, '<asset-hash>.zip'));
}

/** Expects the config to be refused with a message naming `path`, and nothing created. */
export function expectConfigError(props: AuthProps, ...fragments: (string | RegExp)[]) {
  const app = new App();
  const stack = new Stack(app, 'TestStack', { env: ENV });
  let error: Error | undefined;
  try {
    new Auth(stack, 'Auth', props);
  } catch (e) {
    error = e as Error;
  }
  expect(error?.name).toBe('AuthConfigError');
  for (const fragment of fragments) expect(error?.message).toMatch(fragment);
  // Nothing half-created: the failed construct left no resources behind.
  const auth = stack.node.tryFindChild('Auth');
  expect(auth?.node.children ?? []).toHaveLength(0);
  return error!;
}
