import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';
import { ResolvedProvider } from '../config/resolved-front-door';

/** Construct ids name the logical IDs: keep them as they are. */
export function providerConstructId(provider: ResolvedProvider): string {
  switch (provider.kind) {
    case 'oidc': return `Oidc${provider.providerName.replace(/[^A-Za-z0-9]/g, '_')}`;
    case 'saml': return `Saml${provider.providerName.replace(/[^A-Za-z0-9]/g, '_')}`;
    default: return provider.providerName;
  }
}

/**
 * The external identity providers, through the L2 classes. Secrets reach the template only as the
 * references the rules have checked (`unsafeUnwrap` hands the L2 the token of that reference).
 */
export function createIdentityProviders(
  scope: Construct, userPool: cognito.UserPool, config: ResolvedAuthConfig,
): cognito.IUserPoolIdentityProvider[] {
  return config.externalProviders.map(provider => createProvider(scope, providerConstructId(provider), userPool, provider));
}

function createProvider(scope: Construct, id: string, userPool: cognito.UserPool, p: ResolvedProvider): cognito.IUserPoolIdentityProvider {
  const common = { userPool, attributeMapping: p.attributeMapping, scopes: [...p.scopes] };
  switch (p.kind) {
    case 'google':
      return new cognito.UserPoolIdentityProviderGoogle(scope, id, {
        ...common, clientId: p.config.clientId, clientSecretValue: p.config.clientSecret,
      });
    case 'facebook':
      return new cognito.UserPoolIdentityProviderFacebook(scope, id, {
        ...common, clientId: p.config.clientId, clientSecret: p.config.clientSecret.unsafeUnwrap(), apiVersion: p.config.apiVersion,
      });
    case 'loginWithAmazon':
      return new cognito.UserPoolIdentityProviderAmazon(scope, id, {
        ...common, clientId: p.config.clientId, clientSecret: p.config.clientSecret.unsafeUnwrap(),
      });
    case 'signInWithApple':
      return new cognito.UserPoolIdentityProviderApple(scope, id, {
        ...common, clientId: p.config.clientId, teamId: p.config.teamId, keyId: p.config.keyId, privateKeyValue: p.config.privateKey,
      });
    case 'oidc':
      return new cognito.UserPoolIdentityProviderOidc(scope, id, {
        ...common,
        name: p.providerName,
        clientId: p.config.clientId,
        clientSecret: p.config.clientSecret.unsafeUnwrap(),
        issuerUrl: p.config.issuerUrl,
        attributeRequestMethod: p.config.attributeRequestMethod as string as cognito.OidcAttributeRequestMethod | undefined,
        endpoints: p.config.endpoints,
        identifiers: p.identifiers.length > 0 ? [...p.identifiers] : undefined,
      });
    case 'saml': {
      const { metadataUrl, metadataContent, idpSignout, encryptedResponses, signRequests, idpInitiated } = p.config;
      return new cognito.UserPoolIdentityProviderSaml(scope, id, {
        userPool,
        attributeMapping: p.attributeMapping,
        name: p.providerName,
        metadata: metadataUrl !== undefined
          ? cognito.UserPoolIdentityProviderSamlMetadata.url(metadataUrl)
          : cognito.UserPoolIdentityProviderSamlMetadata.file(metadataContent!),
        identifiers: p.identifiers.length > 0 ? [...p.identifiers] : undefined,
        idpSignout,
        encryptedResponses,
        requestSigningAlgorithm: signRequests ? cognito.SigningAlgorithm.RSA_SHA256 : undefined,
        idpInitiated,
      });
    }
  }
}
