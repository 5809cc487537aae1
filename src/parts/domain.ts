import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';
import { ManagedLoginVersion } from '../config/types-hosted-ui';

/** A function, not a table: cognito.ManagedLoginVersion is in the file only a pool with a domain loads (lazy.ts). */
const versions = (): Record<ManagedLoginVersion, cognito.ManagedLoginVersion> => ({
  [ManagedLoginVersion.MANAGED_LOGIN]: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
  [ManagedLoginVersion.CLASSIC_HOSTED_UI]: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
});

/** The user pool domain: a Cognito prefix domain or a custom domain, with its managed login version. */
export function createDomain(scope: Construct, userPool: cognito.UserPool, config: ResolvedAuthConfig): cognito.UserPoolDomain | undefined {
  const domain = config.domain;
  if (!domain) return undefined;
  return new cognito.UserPoolDomain(scope, 'Domain', {
    userPool,
    cognitoDomain: domain.cognitoPrefix !== undefined ? { domainPrefix: domain.cognitoPrefix } : undefined,
    customDomain: domain.customDomain,
    managedLoginVersion: versions()[domain.managedLoginVersion],
  });
}
