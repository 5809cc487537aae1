import { FastifyInstance } from 'fastify';
import { sendError, sendNotFound } from './framework-errors';
import { sendJson } from './headers';
import { jwk } from '../crypto/jwt';
import { domainUrl } from '../hosted/oauth/urls';
import { issuerOf, SandboxContext } from '../model/context';

/**
 * Per pool, as Cognito lays out its issuer: `/<poolId>/.well-known/jwks.json` and
 * `/openid-configuration`. The discovery document has Cognito's members, in Cognito's (alphabetical)
 * order; a pool with a domain lists that domain's endpoints (the first domain of the template),
 * `end_session_endpoint` (/logout) and `revocation_endpoint` (/oauth2/revoke) included, as Cognito
 * has published them since 2024. Like Cognito's, it has no `code_challenge_methods_supported`
 * (the authorization endpoint takes S256 all the same), so a relying party that requires the member
 * fails here as it fails on AWS.
 */
export function wellKnown(ctx: SandboxContext) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: { poolId: string; document: string } }>('/:poolId/.well-known/:document', (req, reply) => {
      const pool = ctx.pools.get(req.params.poolId);
      const json = { contentType: 'application/json' };
      if (!pool) return sendError(reply, 404, 'ResourceNotFoundException', `User pool ${req.params.poolId} does not exist.`);
      if (req.params.document === 'jwks.json') return sendJson(reply, 200, { keys: [jwk(pool.key)] }, json);
      if (req.params.document !== 'openid-configuration') return sendNotFound(req, reply);
      const issuer = issuerOf(ctx, pool.config.id);
      const domain = pool.config.hosted.domains[0];
      const at = domain ? (path: string) => `${domainUrl(ctx, domain)}${path}` : undefined;
      // Cognito's members in Cognito's order; the endpoints only for a pool with a domain.
      const document = {
        authorization_endpoint: at?.('/oauth2/authorize'),
        end_session_endpoint: at?.('/logout'),
        id_token_signing_alg_values_supported: ['RS256'],
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        response_types_supported: ['code', 'token'],
        revocation_endpoint: at?.('/oauth2/revoke'),
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        subject_types_supported: ['public'],
        token_endpoint: at?.('/oauth2/token'),
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        userinfo_endpoint: at?.('/oauth2/userInfo'),
      };
      return sendJson(reply, 200, document, json);
    });
  };
}
