/**
 * CDK app for the `aws` flow target:
 *   npx cdk deploy --app 'npx ts-node --project test/tsconfig.json test/flows/flow-app.ts' --outputs-file flow-outputs.json
 */
import { App } from 'aws-cdk-lib';
import { FLOW_STACK_NAME, FlowStack } from './flow-stack';

const app = new App();
new FlowStack(app, FLOW_STACK_NAME, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
