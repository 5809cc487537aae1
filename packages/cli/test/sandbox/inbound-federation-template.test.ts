/** The sandbox reads the inbound federation trigger as the construct writes it (LambdaConfig.InboundFederation). */
import { Auth } from '@cdk-mfa/auth';
import { SecretValue } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { testStack } from '../../../../test/support/synth';
import { readResources } from '../../src/sandbox/template/template-reader';

function federatingPool(): any {
  const stack = testStack();
  const inboundFederation = new lambda.Function(stack, 'Inbound', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async e => e'),
  });
  new Auth(stack, 'Auth', {
    loginWith: { email: {}, externalProviders: { google: { clientId: 'google-client', clientSecret: SecretValue.secretsManager('app/google') } } },
    domain: { cognitoPrefix: 'inbound-test' },
    client: { oauth: { callbackUrls: ['https://app.example.com/'] } },
    triggers: { inboundFederation },
  });
  return Template.fromStack(stack).toJSON();
}

test('LambdaConfig.InboundFederation becomes the pool\'s InboundFederation trigger, with the function\'s code', () => {
  const { pools } = readResources([{ stackName: 'TestStack', template: federatingPool() }], 'us-east-1');
  expect(pools[0].triggers.InboundFederation).toMatchObject({ logicalId: expect.stringMatching(/^Inbound/), handler: 'index.handler', codeDir: expect.any(String) });
});

test('an event version other than V1_0 is refused, as Cognito refuses it', () => {
  const template = federatingPool();
  const pool = Object.values<any>(template.Resources).find(r => r.Type === 'AWS::Cognito::UserPool');
  pool.Properties.LambdaConfig.InboundFederation.LambdaVersion = 'V2_0';
  expect(() => readResources([{ stackName: 'TestStack', template }], 'us-east-1'))
    .toThrow('LambdaConfig.InboundFederation.LambdaVersion V2_0 is not V1_0, the only version Cognito accepts for it');
});
