import { Match } from 'aws-cdk-lib/assertions';
import { synthAuth, userPoolProps } from '../support/synth';

describe('default config (loginWith email only)', () => {
  const { template, auth, stack } = synthAuth({ loginWith: { email: {} } });
  const pool = userPoolProps(template);

  test('MFA is REQUIRED with TOTP only', () => {
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  test('the pool is retained and protected from deletion', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  test('strong password policy', () => {
    expect(pool.Policies.PasswordPolicy).toEqual({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 3,
      PasswordHistorySize: 5,
    });
  });

  test('email is the user name, verified, and kept until a change is verified', () => {
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
  });

  test('Essentials plan, self sign-up on, no SMS role when nothing sends SMS', () => {
    expect(pool.UserPoolTier).toBe('ESSENTIALS');
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
    expect(pool.SmsConfiguration).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Role', 0);
    expect(auth.smsRole).toBeUndefined();
  });

  test('public app client: no secret, SRP only, no OAuth, user existence errors hidden', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 43200,
    });
  });

  test('no identity pool, no triggers, exactly a pool and a client', () => {
    expect(auth.identityPool).toBeUndefined();
    expect(pool.LambdaConfig).toBeUndefined();
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(2);
  });

  test('outputs with stable names for clients and the operator CLI', () => {
    expect(template.toJSON().Outputs).toEqual({
      AuthUserPoolId: { Description: 'Cognito user pool ID', Value: { Ref: 'AuthUserPool8115E87F' } },
      AuthUserPoolClientId: { Description: 'Cognito app client ID (public, no secret)', Value: { Ref: 'AuthUserPoolClient0AA456E4' } },
      AuthRegion: { Description: 'Region of the user pool', Value: 'us-east-1' },
    });
  });

  // Each trace costs ~0.15 ms of synth under ts-node (npm run bench); the pool's trace already names the caller.
  test('outputs skip the creation stack trace the user pool keeps', () => {
    const creationStack = (node: { node: { metadata: { type: string }[] } }) => node.node.metadata.some(entry => entry.type === 'aws:cdk:creationStack');
    const outputs = auth.node.findChild('Outputs').node.children;
    expect(outputs).toHaveLength(3);
    expect(outputs.filter(creationStack)).toEqual([]);
    expect(creationStack(auth.cfnUserPool)).toBe(true);
  });

  // A change here makes CloudFormation create a new, empty user pool: every user in production is lost.
  test('logical IDs of the user pool and client are pinned', () => {
    expect(stack.getLogicalId(auth.cfnUserPool)).toBe('AuthUserPool8115E87F');
    expect(stack.getLogicalId(auth.cfnUserPoolClient)).toBe('AuthUserPoolClient0AA456E4');
  });
});
