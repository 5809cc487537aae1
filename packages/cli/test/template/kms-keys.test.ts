/**
 * The sandbox's reading of KMS keys: the pool's KMSKeyID and a function's environment name the same
 * well-formed key ARN, whether the template gives the key by ARN, id or alias, and a custom sender
 * without a key is refused as Cognito refuses it.
 */
import { readResources } from '../../src/sandbox/template/template-reader';
import { loadTemplates } from '../../src/sandbox/template/template-source';

const REGION = 'eu-west-1';
const ARN = /^arn:aws:kms:eu-west-1:\d{12}:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function templateWith(kmsKeyId: unknown, lambdaConfig: Record<string, unknown> = {}) {
  return {
    Resources: {
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
      Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/codes', TargetKeyId: { Ref: 'Key' } } },
      Sender: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Code: { ZipFile: 'exports.handler = async () => {};' },
          Environment: { Variables: { KEY_ARN: { 'Fn::GetAtt': ['Key', 'Arn'] }, KEY_ID: { Ref: 'Key' }, KEY_ALIAS: { Ref: 'Alias' } } },
        },
      },
      Pool: {
        Type: 'AWS::Cognito::UserPool',
        Properties: {
          LambdaConfig: {
            CustomEmailSender: { LambdaArn: { 'Fn::GetAtt': ['Sender', 'Arn'] }, LambdaVersion: 'V1_0' },
            ...(kmsKeyId === undefined ? {} : { KMSKeyID: kmsKeyId }),
            ...lambdaConfig,
          },
        },
      },
    },
  };
}

const read = (template: object) => readResources(loadTemplates({ template }), REGION).pools[0];

describe('KMS keys for custom senders', () => {
  test("KMSKeyID by GetAtt Arn, Ref (key id), alias name or alias ARN: the key's ARN, the one the function's environment gets", () => {
    const byArn = read(templateWith({ 'Fn::GetAtt': ['Key', 'Arn'] }));
    expect(byArn.customSenderKeyArn).toMatch(ARN);
    const env = byArn.triggers.CustomEmailSender.environment;
    expect(env.KEY_ARN).toBe(byArn.customSenderKeyArn);
    expect(byArn.customSenderKeyArn!.endsWith(`:key/${env.KEY_ID}`)).toBe(true);
    expect(env.KEY_ALIAS).toBe('alias/codes');
    for (const named of [{ Ref: 'Key' }, 'alias/codes', `arn:aws:kms:${REGION}:000000000000:alias/codes`]) {
      expect(read(templateWith(named)).customSenderKeyArn).toBe(byArn.customSenderKeyArn);
    }
  });

  test('the key ARN is the same every run (derived from stack and logical ID)', () => {
    expect(read(templateWith({ 'Fn::GetAtt': ['Key', 'Arn'] })).customSenderKeyArn).toBe(read(templateWith({ 'Fn::GetAtt': ['Key', 'Arn'] })).customSenderKeyArn);
  });

  test('a custom sender without KMSKeyID is refused, as Cognito refuses the pool', () => {
    expect(() => read(templateWith(undefined))).toThrow(/LambdaConfig.CustomEmailSender needs LambdaConfig.KMSKeyID/);
  });
});
