import { FastifyInstance } from 'fastify';
import { sendJson } from './headers';
import { jwk } from '../crypto/jwt';
import { domainUrl } from '../hosted/oauth/urls';
import { issuerOf, SandboxContext } from '../model/context';

/**
 * Per pool, as Cognito lays out its issuer: `/<poolId>/.well-known/jwks.json` and
 * `/openid-configuration`. A pool with a domain lists its OAuth endpoints there, as Cognito's
 * discovery document does (the first domain of the template). Like Cognito's, it names no
 * end_session_endpoint or revocation_endpoint: /logout and /oauth2/revoke take Cognito's own parameters.
 */
export function wellKnown(ctx: SandboxContext) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: { poolId: string; document: string } }>('/:poolId/.well-known/:document', (req, reply) => {
      const pool = ctx.pools.get(req.params.poolId);
      const json = { contentType: 'application/json' };
      if (!pool) return sendJson(reply, 404, { __type: 'ResourceNotFoundException', message: 'Not found' }, json);
      if (req.params.document === 'jwks.json') return sendJson(reply, 200, { keys: [jwk(pool.key)] }, json);
      if (req.params.document !== 'openid-configuration') return sendJson(reply, 404, { __type: 'ResourceNotFoundException', message: 'Not found' }, json);
      const issuer = issuerOf(ctx, pool.config.id);
      const domain = pool.config.hosted.domains[0];
      const endpoints = domain ? {
        authorization_endpoint: `${domainUrl(ctx, domain)}/oauth2/authorize`,
        token_endpoint: `${domainUrl(ctx, domain)}/oauth2/token`,
        userinfo_endpoint: `${domainUrl(ctx, domain)}/oauth2/userInfo`,
      } : {};
      return sendJson(reply, 200, {
        ...endpoints,
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'token'],
        subject_types_supported: ['public'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
      }, json);
    });
  };
}
