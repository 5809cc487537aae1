import { App, CfnParameter, SecretValue, Stack, Tokenization, DefaultTokenResolver, StringConcat, Token, CfnDynamicReference, CfnDynamicReferenceService } from 'aws-cdk-lib';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
const root = new Construct(undefined as any, '');
const probe = new Stack(root, 'Probe');
import { secretSource } from '../src/config/secrets'; const res = (v: SecretValue) => secretSource(v);
const app = new App(); const s = new Stack(app, 'S');
const secret = new sm.Secret(s, 'Sec');
const p = new CfnParameter(s, 'P', { noEcho: true });
const cases: Record<string, SecretValue> = {
  plain: SecretValue.unsafePlainText('abc'),
  smName: SecretValue.secretsManager('my-secret', { jsonField: 'x' }),
  smToken: secret.secretValueFromJson('clientSecret'),
  smImported: sm.Secret.fromSecretNameV2(s, 'Imp', 'name').secretValue,
  ssmSecure: SecretValue.ssmSecure('/my/param'),
  param: SecretValue.cfnParameter(p),
  dyn: SecretValue.cfnDynamicReference(new CfnDynamicReference(CfnDynamicReferenceService.SSM, '/plain')),
  plainToken: SecretValue.unsafePlainText(ssm.StringParameter.valueForStringParameter(s, '/x')),
};
for (const [k, v] of Object.entries(cases)) console.log(k, JSON.stringify(res(v)));
