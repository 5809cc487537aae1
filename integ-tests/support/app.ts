/** One integ case = one app, one stack with the Auth construct, one IntegTest. */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { IntegCaseName, integProps } from './cases';
import { Auth } from '../../src';

export interface IntegCase {
  readonly app: App;
  readonly stack: Stack;
  readonly auth: Auth;
  readonly integ: IntegTest;
}

export function integCase(name: IntegCaseName): IntegCase {
  const app = new App();
  const stackName = `AuthInteg-${name}`;
  const stack = new Stack(app, stackName);
  const auth = new Auth(stack, 'Auth', integProps(name, stack));
  const integ = new IntegTest(app, `${stackName}-Test`, {
    testCases: [stack],
    // Compare asset hashes too: the snapshot pins the exact bundled trigger code that gets deployed.
    diffAssets: true,
  });
  return { app, stack, auth, integ };
}
