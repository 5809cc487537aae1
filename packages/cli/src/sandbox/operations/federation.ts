import { HandlerTable } from './handler';
import { invalidParameter } from '../core/errors';
import { poolById } from '../model/context';
import { federatedUsername, linkProviderToUser } from '../model/federated-users';
import { findUser, requireUser } from '../model/users';

export const federationHandlers: HandlerTable = {
  /**
   * Links an external identity to a local user: from then on, signing in with that provider and
   * subject signs in as the local user. As in Cognito, the identity must not already be a user of
   * its own ("merging" is refused), and the sandbox links by `Cognito_Subject` (the provider's sub or
   * SAML NameID).
   */
  AdminLinkProviderForUser(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const destination = input.DestinationUser ?? {};
    const source = input.SourceUser ?? {};
    if (destination.ProviderName !== 'Cognito') throw invalidParameter('DestinationUser.ProviderName must be Cognito.');
    const user = requireUser(pool, destination.ProviderAttributeValue);
    const provider = pool.config.hosted.identityProviders.find(p => p.name === source.ProviderName);
    if (!provider) throw invalidParameter(`SourceUser.ProviderName ${String(source.ProviderName)} is not an identity provider of this user pool.`);
    if (source.ProviderAttributeName !== 'Cognito_Subject') throw invalidParameter('The sandbox links identities by SourceUser.ProviderAttributeName Cognito_Subject.');
    const subject = String(source.ProviderAttributeValue ?? '');
    if (!subject) throw invalidParameter('SourceUser.ProviderAttributeValue is required.');
    if (findUser(pool, federatedUsername(provider, subject))) {
      throw invalidParameter('Merging is not currently supported, provided SourceUser is already exists in the pool.');
    }
    linkProviderToUser(pool, provider.name, subject, user.username);
    return {};
  },
};
