/**
 * The front door: a prefix domain with managed login v2 and a branding style, an external OIDC
 * provider, the web client's hosted sign-in and a machine-to-machine client. A real deploy needs
 * INTEG_DOMAIN_PREFIX (free in the region) and INTEG_OIDC_SECRET_ID (an existing secret).
 */
import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { integCase } from './support/app';
import { FRONT_DOOR } from './support/cases';
import { expectSignIn, MFA_SETUP } from './support/flows';

const SERVICE = 'CognitoIdentityProvider';
const { integ, auth } = integCase('frontDoor');
const UserPoolId = auth.userPool.userPoolId;

integ.assertions.awsApiCall(SERVICE, 'describeUserPoolDomain', { Domain: FRONT_DOOR.domainPrefix })
  .expect(ExpectedResult.objectLike({ DomainDescription: { Domain: FRONT_DOOR.domainPrefix, UserPoolId, ManagedLoginVersion: 2 } }));

integ.assertions.awsApiCall(SERVICE, 'describeUserPoolClient', { UserPoolId, ClientId: auth.userPoolClient.userPoolClientId })
  .expect(ExpectedResult.objectLike({
    UserPoolClient: {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [FRONT_DOOR.callbackUrl],
      SupportedIdentityProviders: ['COGNITO', FRONT_DOOR.oidcName],
    },
  }));

integ.assertions.awsApiCall(SERVICE, 'describeUserPoolClient', { UserPoolId, ClientId: auth.appClients[FRONT_DOOR.machineClient].userPoolClientId })
  .expect(ExpectedResult.objectLike({
    UserPoolClient: { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: [FRONT_DOOR.apiScope] },
  }));

// MFA holds on this door too: the pool still asks a password user to set up TOTP first.
expectSignIn(integ, auth, { username: 'front-door-user@example.com', expected: MFA_SETUP });
