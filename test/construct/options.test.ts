import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { Auth, MfaMode, Placeholders, VerificationEmailStyle } from '../../src';
import { synthAuth, testStack, userPoolProps } from '../support/synth';

const email = { email: {} };

function inlineFn(stack: Stack, id: string) {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async e=>e') });
}

describe('loginWith', () => {
  test('phone sign-in: phone is the user name, verified by SMS with our template', () => {
    const { template } = synthAuth({ loginWith: { phone: { verificationMessage: `Code ${Placeholders.CODE}` } } });
    const pool = userPoolProps(template);
    expect(pool.UsernameAttributes).toEqual(['phone_number']);
    expect(pool.AutoVerifiedAttributes).toEqual(['phone_number']);
    expect(pool.SmsVerificationMessage).toBe('Code {####}');
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_phone_number', Priority: 1 }] });
  });

  test('email verification with code: subject and body', () => {
    const { template } = synthAuth({ loginWith: { email: { verificationEmailSubject: 'Hi', verificationEmailBody: `Use ${Placeholders.CODE}` } } });
    expect(userPoolProps(template).VerificationMessageTemplate).toMatchObject({
      DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailSubject: 'Hi', EmailMessage: 'Use {####}',
    });
  });

  test('email verification with a link with custom text', () => {
    const { template } = synthAuth({
      loginWith: { email: { verificationEmailStyle: VerificationEmailStyle.LINK, verificationEmailBody: `Click ${Placeholders.link('Confirm me')}` } },
    });
    expect(userPoolProps(template).VerificationMessageTemplate).toMatchObject({
      DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessageByLink: 'Click {##Confirm me##}',
    });
  });

  test('user invitation templates', () => {
    const body = `Hi ${Placeholders.USERNAME}, your password is ${Placeholders.CODE}`;
    const { template } = synthAuth({ loginWith: { email: { userInvitation: { emailSubject: 'Invite', emailBody: body, smsMessage: body } } } });
    expect(userPoolProps(template).AdminCreateUserConfig.InviteMessageTemplate).toEqual({ EmailSubject: 'Invite', EmailMessage: body, SMSMessage: body });
    // SMS invitations need the SMS role.
    template.resourceCountIs('AWS::IAM::Role', 1);
  });
});

describe('multifactor', () => {
  test('OFF: no methods, no SMS role', () => {
    const { template } = synthAuth({ loginWith: email, multifactor: { mode: MfaMode.OFF } });
    const pool = userPoolProps(template);
    expect(pool.MfaConfiguration).toBe('OFF');
    expect(pool.EnabledMfas).toBeUndefined();
  });

  test('OPTIONAL with TOTP and SMS template; phone attribute is verified', () => {
    const { template } = synthAuth({
      loginWith: email,
      userAttributes: { phoneNumber: { required: false, mutable: true } },
      multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: { message: `Your code ${Placeholders.CODE}` } },
    });
    const pool = userPoolProps(template);
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    expect(pool.SmsAuthenticationMessage).toBe('Your code {####}');
    expect(pool.AutoVerifiedAttributes).toEqual(['email', 'phone_number']);
  });

  test('email MFA: subject and message land on the L1, SES sender configured', () => {
    const { template } = synthAuth({
      loginWith: email,
      senders: { email: { fromEmail: 'noreply@example.com', fromName: 'Example', replyTo: 'help@example.com', configurationSet: 'cs' } },
      multifactor: { mode: MfaMode.REQUIRED, totp: true, email: { subject: 'Sign-in code', message: `Code: ${Placeholders.CODE}` } },
    });
    const pool = userPoolProps(template);
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    expect(pool.EmailAuthenticationSubject).toBe('Sign-in code');
    expect(pool.EmailAuthenticationMessage).toBe('Code: {####}');
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Example <noreply@example.com>',
      ReplyToEmailAddress: 'help@example.com',
      ConfigurationSet: 'cs',
    });
  });
});

describe('SMS role', () => {
  const { template } = synthAuth({ loginWith: { phone: {} } });

  test('trusts only cognito-idp with our external ID, from this account, for user pools here', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'cognito-idp.amazonaws.com' },
          Condition: {
            StringEquals: { 'sts:ExternalId': { 'Fn::Join': ['/', [{ Ref: 'AWS::StackId' }, 'Auth']] }, 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cognito-idp:us-east-1:123456789012:userpool/*']] } },
          },
        }],
      },
    });
  });

  test('may publish SMS but not to any SNS topic', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: [{
        PolicyName: 'SmsOnly',
        PolicyDocument: { Statement: [{ Action: 'sns:Publish', Effect: 'Allow', NotResource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] } }] },
      }],
    });
  });

  test('the pool uses it with the same external ID', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      SmsConfiguration: {
        ExternalId: { 'Fn::Join': ['/', [{ Ref: 'AWS::StackId' }, 'Auth']] },
        SnsCallerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthSmsRole'), 'Arn'] },
      },
    });
  });

  test('the external ID does not change when the construct moves in the tree', () => {
    const stack = testStack();
    new Auth(stack, 'Auth', { loginWith: { phone: {} } });
    const auth2 = new Auth(new Construct(stack, 'Platform'), 'Auth2', { loginWith: { phone: {} } });
    const pools = Template.fromStack(stack).findResources('AWS::Cognito::UserPool');
    const ids = Object.values(pools).map((p: any) => JSON.stringify(p.Properties.SmsConfiguration.ExternalId));
    // Depends only on the stack and the construct's own id, never on its path.
    expect(ids).toContain(JSON.stringify({ 'Fn::Join': ['/', [{ Ref: 'AWS::StackId' }, 'Auth2']] }));
    expect(auth2.node.path).toBe('TestStack/Platform/Auth2');
  });

  test('bring your own role and external ID: no role is created', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Byo', 'arn:aws:iam::123456789012:role/sms');
    new Auth(stack, 'ByoAuth', { loginWith: { phone: {} }, senders: { smsRole: { role, externalId: 'my-external-id' }, snsRegion: 'eu-west-1' } });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Role', 0);
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      SmsConfiguration: { ExternalId: 'my-external-id', SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', SnsRegion: 'eu-west-1' },
    });
  });
});

describe('other options', () => {
  test('device tracking', () => {
    const deviceTracking = { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false };
    const { template } = synthAuth({ loginWith: email, deviceTracking });
    expect(userPoolProps(template).DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
  });

  test('password policy, feature plan, threat protection, account recovery, case sensitivity, name', () => {
    const { template } = synthAuth({
      loginWith: email,
      passwordPolicy: { minLength: 16, requireSymbols: false, passwordHistorySize: 10 },
      featurePlan: cognito.FeaturePlan.PLUS,
      threatProtection: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.NONE,
      signInCaseSensitive: true,
      userPoolName: 'my-pool',
      selfSignUp: false,
    });
    const pool = userPoolProps(template);
    // The fields the policy leaves out keep our documented defaults (Cognito would read them as "not required").
    expect(pool.Policies.PasswordPolicy).toEqual({
      MinimumLength: 16,
      RequireSymbols: false,
      PasswordHistorySize: 10,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      TemporaryPasswordValidityDays: 3,
    });
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] });
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: true });
    expect(pool.UserPoolName).toBe('my-pool');
    expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
  });

  test('Lite plan default password policy has no history size (Cognito refuses it there)', () => {
    const { template } = synthAuth({ loginWith: email, featurePlan: cognito.FeaturePlan.LITE });
    expect(userPoolProps(template).Policies.PasswordPolicy.PasswordHistorySize).toBeUndefined();
  });

  test('standard and custom attributes', () => {
    const { template } = synthAuth({
      loginWith: email,
      userAttributes: { givenName: { required: true, mutable: true } },
      customAttributes: { tenant: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
    });
    expect(userPoolProps(template).Schema).toEqual([
      { Name: 'given_name', Required: true, Mutable: true },
      { Name: 'tenant', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
    ]);
  });

  test('groups with precedence', () => {
    const { template, auth } = synthAuth({ loginWith: email, groups: [{ name: 'admins', precedence: 0, description: 'Admins' }, { name: 'users' }] });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins', Precedence: 0, Description: 'Admins' });
    expect(auth.groups.map(g => g.groupName)).toHaveLength(2);
  });

  test('app client flows and token validity', () => {
    const { template } = synthAuth({
      loginWith: email,
      client: {
        authFlows: { userSrp: true, adminUserPassword: true },
        accessTokenValidity: Duration.minutes(15),
        idTokenValidity: Duration.minutes(15),
        refreshTokenValidity: Duration.days(1),
      },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 1440,
    });
  });

  test('passwordless first factors with OPTIONAL MFA', () => {
    const { template } = synthAuth({ loginWith: email, multifactor: { mode: MfaMode.OPTIONAL, totp: true }, passwordless: { emailOtp: true } });
    expect(userPoolProps(template).Policies.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
    // The app client must allow choice-based sign-in, or the client could never use the code.
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test('identity pool: off by default, opt in, guests off unless asked', () => {
    const { template, auth } = synthAuth({ loginWith: email, identityPool: {} });
    expect(auth.identityPool).toBeDefined();
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [Match.objectLike({ ClientId: { Ref: Match.stringLikeRegexp('^AuthUserPoolClient') } })],
    });
    const guests = synthAuth({ loginWith: email, identityPool: { allowUnauthenticated: true } });
    guests.template.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true });
  });

  test('identity pool output, and outputs can be turned off', () => {
    const withPool = synthAuth({ loginWith: email, identityPool: {} });
    expect(withPool.template.toJSON().Outputs.AuthIdentityPoolId.Value).toEqual({ Ref: expect.stringMatching(/^AuthIdentityPool/) });
    expect(synthAuth({ loginWith: email, outputs: false }).template.toJSON().Outputs).toBeUndefined();
  });

  test('removal policy and deletion protection can be relaxed for sandboxes', () => {
    const { template } = synthAuth({ loginWith: email, removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }) });
  });

  test('custom email and SMS senders with a KMS key', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    new Auth(stack, 'Senders', {
      loginWith: email,
      senders: { customEmailSender: inlineFn(stack, 'EmailSender'), customSmsSender: inlineFn(stack, 'SmsSender'), kmsKey: key },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        KMSKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
        CustomEmailSender: { LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailSender'), 'Arn'] }, LambdaVersion: 'V1_0' },
        CustomSMSSender: { LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SmsSender'), 'Arn'] }, LambdaVersion: 'V1_0' },
      },
    });
  });
});
