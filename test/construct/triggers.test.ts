import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Auth, AuthPermission, MessageSource, MfaMode, Placeholders, PreTokenGenerationVersion } from '../../src';
import { SOCIAL_AND_OIDC } from '../support/front-door';
import { testStack, userPoolProps } from '../support/synth';

function fn(stack: Stack, id: string) {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async e=>e') });
}

const email = { email: {} };

describe('user triggers', () => {
  const stack = testStack();
  const slots = ['preSignUp', 'postConfirmation', 'preAuthentication', 'postAuthentication', 'customMessage', 'preTokenGeneration',
    'defineAuthChallenge', 'createAuthChallenge', 'verifyAuthChallengeResponse', 'userMigration'] as const;
  const triggers = Object.fromEntries(slots.map(slot => [slot, fn(stack, slot)]));
  new Auth(stack, 'Auth', { loginWith: email, triggers });
  const template = Template.fromStack(stack);

  test('every trigger is wired to its function', () => {
    const config = Object.values(template.findResources('AWS::Cognito::UserPool'))[0].Properties.LambdaConfig;
    expect(Object.keys(config).sort()).toEqual(['CreateAuthChallenge', 'CustomMessage', 'DefineAuthChallenge', 'PostAuthentication',
      'PostConfirmation', 'PreAuthentication', 'PreSignUp', 'PreTokenGeneration', 'UserMigration', 'VerifyAuthChallengeResponse']);
    expect(config.PreSignUp['Fn::GetAtt'][0]).toMatch(/^preSignUp/);
  });

  test('each function may be invoked by cognito-idp for this pool only', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(slots.length);
    for (const p of permissions) {
      expect(p.Properties).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^AuthUserPool/), 'Arn'] },
      });
    }
  });
});

test('pre token generation V2 uses the versioned config', () => {
  const stack = testStack();
  new Auth(stack, 'Auth', { loginWith: email, triggers: { preTokenGeneration: fn(stack, 'Pre'), preTokenGenerationVersion: PreTokenGenerationVersion.V2 } });
  Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
    LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pre'), 'Arn'] }, LambdaVersion: 'V2_0' } },
  });
});

describe('inbound federation trigger (an L1 override: aws-cdk-lib 2.257 has no UserPoolOperation for it)', () => {
  const stack = testStack();
  const inbound = fn(stack, 'Inbound');
  new Auth(stack, 'Auth', { ...SOCIAL_AND_OIDC, triggers: { preSignUp: fn(stack, 'PreSignUp'), inboundFederation: inbound } });
  const template = Template.fromStack(stack);

  test('LambdaConfig.InboundFederation names the function, event version V1_0, beside the L2-wired triggers', () => {
    const config = userPoolProps(template).LambdaConfig;
    expect(config.InboundFederation).toEqual({ LambdaArn: { 'Fn::GetAtt': [expect.stringMatching(/^Inbound/), 'Arn'] }, LambdaVersion: 'V1_0' });
    expect(config.PreSignUp['Fn::GetAtt'][0]).toMatch(/^PreSignUp/);
  });

  test('cognito-idp may invoke it for this pool only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Inbound'), 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthUserPool'), 'Arn'] },
    });
  });

  test('monitoring watches it like the other triggers', () => {
    const stack2 = testStack();
    new Auth(stack2, 'Auth', { ...SOCIAL_AND_OIDC, triggers: { inboundFederation: fn(stack2, 'Inbound') }, monitoring: {} });
    const alarms = Object.values(Template.fromStack(stack2).findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.some(a => /inboundFederation/.test(JSON.stringify(a.Properties)))).toBe(true);
  });

  test('without an external provider it warns that it would never run', () => {
    const stack2 = testStack();
    new Auth(stack2, 'Auth', { loginWith: email, triggers: { inboundFederation: fn(stack2, 'Inbound') } });
    Annotations.fromStack(stack2).hasWarning('/TestStack/Auth', Match.stringLikeRegexp('triggers.inboundFederation is set but loginWith.externalProviders is empty'));
  });
});

describe('built-in triggers', () => {
  const stack = testStack();
  const auth = new Auth(stack, 'Auth', {
    loginWith: email,
    userAttributes: { phoneNumber: { required: false, mutable: true } },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} },
    groups: [{ name: 'admins' }],
    triggers: {
      mfaByGroup: { groups: ['admins'] },
      signUpGuard: { deniedEmailDomains: ['example.org'] },
      customMessages: { templates: [{ source: MessageSource.SIGN_UP, locale: 'de', message: `Ihr Code: ${Placeholders.CODE}` }] },
    },
  });
  const template = Template.fromStack(stack);

  test('bundled handlers from the package, configured through environment variables', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Environment: { Variables: Match.objectLike({ MFA_REQUIRED_GROUPS: '["admins"]', MFA_STATUS_CACHE_TTL_SECONDS: '60' }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ REQUIRE_PHONE_NUMBER: 'false', ALLOWED_EMAIL_DOMAINS: '[]', DENIED_EMAIL_DOMAINS: '["example.org"]' }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CUSTOM_MESSAGE_CONFIG: JSON.stringify({ localeAttribute: 'locale', defaultLocale: 'en', templates: { de: { SignUp: { message: 'Ihr Code: {####}' } } } }) }) },
    });
    expect(auth.mfaByGroupFunction && auth.signUpGuardFunction && auth.customMessageFunction).toBeDefined();
  });

  test('MFA by group runs as a V2 token event, so the groups leave the access token too', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: Match.objectLike({
        PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthMfaByGroupTrigger'), 'Arn'] }, LambdaVersion: 'V2_0' },
      }),
    });
  });

  test('the MFA-by-group function may only read a user of this pool (AdminGetUser), through a separate policy', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'cognito-idp:AdminGetUser',
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthUserPool'), 'Arn'] },
        }],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^AuthMfaByGroupTriggerRole') }],
    });
  });

  test('each built-in function logs to its own log group (one year, kept) through a role that may write only there', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    const roles = template.findResources('AWS::IAM::Role');
    expect(functions).toHaveLength(3);
    expect(Object.keys(logGroups)).toHaveLength(3);
    const used = new Set<string>();
    for (const f of functions) {
      const logGroupId: string = f.Properties.LoggingConfig.LogGroup.Ref;
      used.add(logGroupId);
      expect(logGroups[logGroupId]).toMatchObject({ Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
      const role = roles[f.Properties.Role['Fn::GetAtt'][0]];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.Policies).toEqual([{
        PolicyName: 'WriteOwnLogs',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }],
        },
      }]);
    }
    expect(used.size).toBe(3);
  });

  // Template.fromStack refuses templates with a dependency cycle, so synthesizing at all proves there is none.
  test('no circular dependency although the trigger calls the pool that invokes it', () => {
    expect(template.findResources('AWS::IAM::Policy')).not.toEqual({});
  });
});

describe('grant', () => {
  test('scoped permissions for a trigger that manages users, without a cycle', () => {
    const stack = testStack();
    const postConfirmation = fn(stack, 'PostConfirmation');
    const auth = new Auth(stack, 'Auth', { loginWith: email, triggers: { postConfirmation } });
    auth.grant(postConfirmation, AuthPermission.MANAGE_USERS, AuthPermission.MANAGE_MFA);
    // Template.fromStack throws on a dependency cycle.
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminSetUserMFAPreference']), Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthUserPool'), 'Arn'] } })] },
    });
  });

  test('the naive pattern (the L2 grant into the role default policy) is a cycle; this is what grant avoids', () => {
    const stack = testStack();
    const postConfirmation = fn(stack, 'PostConfirmation');
    const auth = new Auth(stack, 'Auth', { loginWith: email, triggers: { postConfirmation } });
    auth.userPool.grant(postConfirmation, 'cognito-idp:AdminGetUser');
    expect(() => Template.fromStack(stack)).toThrow(/dependency cycle/);
  });
});

test('builtInLogRetention sets the built-in functions\' log retention', () => {
  const stack = testStack();
  new Auth(stack, 'Auth', { loginWith: email, triggers: { signUpGuard: { deniedEmailDomains: ['example.org'] }, builtInLogRetention: logs.RetentionDays.ONE_MONTH } });
  Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
});
