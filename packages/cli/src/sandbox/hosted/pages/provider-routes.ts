import { randomInt } from 'crypto';
import { FastifyInstance, FastifyReply } from 'fastify';
import { DomainScope, HostedDeps, sendErrorPage, sendPage } from './scope';
import { authorizedPage, finish, target } from './sign-in-routes';
import { IdentityChoice, providerView } from './views';
import { CognitoError } from '../../core/errors';
import { IdentityProviderConfig } from '../../core/pool-config';
import { knownIdentities, signInFederated } from '../../model/federated-users';
import { carryQuery, providerForm } from '../input';
import { AuthorizeRequest, redirectTo } from '../oauth/authorize-request';
import { admitPageStep } from '../throttle';


/** Attributes a stand-in offers besides those the AttributeMapping reads. */
const TYPICAL: Record<string, string[]> = {
  Google: ['email', 'email_verified', 'given_name', 'family_name', 'name', 'picture'],
  Facebook: ['email', 'first_name', 'last_name', 'name'],
  LoginWithAmazon: ['email', 'name', 'postal_code'],
  SignInWithApple: ['email', 'firstName', 'lastName'],
  OIDC: ['email', 'email_verified', 'given_name', 'family_name', 'name'],
  SAML: ['email'],
};

/**
 * A local stand-in for each external provider of the template ("Sign in with Google — sandbox"):
 * instead of leaving the machine, the browser lands on a page where the developer types a test
 * identity (or picks one used before). Posting it is what the provider's callback
 * (/oauth2/idpresponse, /saml2/idpresponse) would bring Cognito; the sandbox then creates or links
 * the federated user and finishes the authorization like any sign-in.
 */
export function providerRoutes(deps: HostedDeps) {
  const { ctx } = deps;
  return async (app: FastifyInstance) => {
    const resolve = async (req: any, reply: FastifyReply) => {
      const page = await authorizedPage(deps, req, reply, false);
      if (!page) return undefined;
      const provider = page.scope.pool.config.hosted.identityProviders.find(p => p.name === req.params.provider);
      if (!provider || !page.request.client.oauth.identityProviders.includes(provider.name)) {
        await sendErrorPage(reply, page.scope, 400, 'invalid_request', 'This identity provider is not enabled for the app client.');
        return undefined;
      }
      return { ...page, provider };
    };

    app.get<{ Params: { provider: string } }>('/sandbox-idp/:provider', async (req, reply) => {
      const page = await resolve(req, reply);
      if (!page) return reply;
      return showProvider(reply, page.scope, page.request, page.provider, carryQuery(page.query.authorize));
    });

    app.post<{ Params: { provider: string } }>('/sandbox-idp/:provider', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await resolve(req, reply);
      if (!page) return reply;
      const { subject, attributes } = providerForm(req.body);
      if (!/^[\w.@+=:-]{1,128}$/.test(subject)) {
        return showProvider(reply, page.scope, page.request, page.provider, carryQuery(page.query.authorize), 'Type a subject of letters, digits and . _ @ + = : - (at most 128).');
      }
      try {
        admitPageStep(ctx, 'UserFederation');
        const user = await signInFederated(ctx, page.scope.pool, page.request.client.id, page.provider, { subject, attributes });
        return await finish(deps, page.scope, reply, page.request, { username: user.username, authTime: ctx.now() });
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        // A trigger refused the user (PreSignUp_ExternalProvider): Cognito sends the app invalid_request with the reason.
        const back = redirectTo(page.request.redirectUri, { error: 'invalid_request', error_description: e.message, state: page.request.state });
        return reply.redirect(back, 302);
      }
    });
  };
}

function showProvider(
  reply: FastifyReply, scope: DomainScope, request: AuthorizeRequest, provider: IdentityProviderConfig, query: string, error?: string,
) {
  const fields = [...new Set([...(TYPICAL[provider.type] ?? []), ...Object.values(provider.attributeMapping)])].filter(f => f !== 'sub');
  const known: IdentityChoice[] = knownIdentities(scope.pool, provider).map(k => {
    const values = Object.fromEntries(Object.entries(provider.attributeMapping)
      .filter(([poolAttr, source]) => source !== 'sub' && k.attributes[poolAttr] !== undefined)
      .map(([poolAttr, source]) => [source, k.attributes[poolAttr]]));
    return { subject: k.subject, label: `${values.email ?? values.mail ?? k.subject} (sub ${k.subject})`, fields: values };
  });
  // Google subjects are 21 digits; any other provider gets a UUID-like value to edit.
  const suggested = provider.type === 'Google' ? String(randomInt(1e9, 1e10)) + String(randomInt(1e10, 1e11)) : `user-${randomInt(1e5, 1e6)}`;
  return sendPage(reply, scope, request.client, error ? 400 : 200, { title: `Sign in with ${provider.name} — sandbox`, error },
    providerView(target(reply, scope, `sandbox-idp/${encodeURIComponent(provider.name)}`, query), {
      provider: provider.name, type: provider.type, fields, known, suggestedSubject: suggested,
    }));
}
