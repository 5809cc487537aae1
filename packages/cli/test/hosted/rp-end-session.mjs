// openid-client 6 (ESM-only, hence its own process) against the sandbox's discovery document: discovers
// the issuer, revokes a refresh token with tokenRevocation() and builds the end-session URL with
// buildEndSessionUrl(). Input: one JSON argument { issuer, clientId, refreshToken, logoutUri };
// output: one JSON line { metadata, endSessionUrl }.
import * as client from 'openid-client';

const { issuer, clientId, refreshToken, logoutUri } = JSON.parse(process.argv[2]);
const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
await client.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
const endSessionUrl = client.buildEndSessionUrl(config, { logout_uri: logoutUri }).href;
process.stdout.write(`${JSON.stringify({ metadata: config.serverMetadata(), endSessionUrl })}\n`);
