import { createHash, randomBytes } from 'crypto';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { FormClient, Page } from './form-client';
import { CALLBACK_URL, HostedStackOptions, StackExtra, synthHostedStack } from './hosted-stack';
import { Sandbox, SandboxClientInfo, SandboxOptions } from '../../src/sandbox';
import { startTestSandbox, TestClock, totpCode } from '../support';

export interface HostedHarness {
  readonly sandbox: Sandbox;
  readonly clock: TestClock;
  readonly logs: string[];
  readonly poolId: string;
  readonly issuer: string;
  /** The domain's base URL (`<base>/oauth2/token`, ...). */
  readonly base: string;
  readonly client: (name: 'web' | 'server' | 'm2m') => SandboxClientInfo;
  stop(): Promise<void>;
}

export async function startHosted(
  options: HostedStackOptions = { mfa: cognito.Mfa.OFF }, extra?: StackExtra, sandboxOptions: Partial<SandboxOptions> = {},
): Promise<HostedHarness> {
  const { sandbox, clock, logs } = await startTestSandbox(synthHostedStack(options, extra), sandboxOptions);
  const pool = sandbox.userPools[0];
  return {
    sandbox,
    clock,
    logs,
    poolId: pool.id,
    issuer: pool.issuer,
    base: pool.domains[0].baseUrl,
    client: name => {
      const found = pool.clients.find(c => c.name === name);
      if (!found) throw new Error(`no client ${name}`);
      return found;
    },
    stop: () => sandbox.stop(),
  };
}

/** A PKCE pair (RFC 7636 S256). */
export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(h: HostedHarness, params: Record<string, string>): string {
  const query = new URLSearchParams({ response_type: 'code', redirect_uri: CALLBACK_URL, client_id: h.client('web').id, ...params });
  return `${h.base}/oauth2/authorize?${query}`;
}

/** The query of the app's callback. */
export const callbackParams = (page: Page) => Object.fromEntries(new URL(page.leftTo ?? 'http://x/').searchParams);

export async function tokenRequest(h: HostedHarness, body: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.base}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body).toString(),
  });
  return { status: res.status, json: await res.json() as Record<string, any>, headers: res.headers };
}

export const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });

/** Signs up and confirms a user through the sandbox's own pages (outbox code), then returns to the sign-in page. */
export async function signUpThroughPages(
  h: HostedHarness, browser: FormClient, email: string, password: string, params: Record<string, string> = {},
) {
  const login = await browser.get(authorizeUrl(h, params));
  const signup = await browser.get(new URL(/href="([^"]*signup[^"]*)"/.exec(login.html)![1].replace(/&amp;/g, '&'), login.url).toString());
  const confirm = await browser.submit(signup, { username: email, password });
  const code = h.sandbox.outbox.latest({ destination: email, purpose: 'SIGN_UP' })!.code!;
  return browser.submit(confirm, { code }, '/confirm?');
}

/** The TOTP secret shown on the enrolment page, as a user would copy it into an app. */
export const secretOnPage = (page: Page) => /data-secret="([A-Z2-7]+)"/.exec(page.html)?.[1];

export const currentTotp = (h: HostedHarness, secret: string) => totpCode(secret, h.clock.now());

/**
 * AWS's own verifier (aws-jwt-verify) for the pool's tokens. Its CognitoJwtVerifier insists on
 * Cognito's https issuer, and its JWKS fetcher on https, so the JwtRsaVerifier gets the sandbox's
 * issuer and the JWKS document fetched from the sandbox's jwks_uri (cacheJwks).
 */
export async function awsVerifier(h: HostedHarness, audience: string | null, tokenUse?: 'id' | 'access') {
  const jwksUri = `${h.issuer}/.well-known/jwks.json`;
  const verifier = JwtRsaVerifier.create({
    issuer: h.issuer,
    audience,
    jwksUri,
    ...(tokenUse ? {
      customJwtCheck: ({ payload }: any) => {
        if (payload.token_use !== tokenUse) throw new Error(`token_use is ${payload.token_use}, not ${tokenUse}`);
      },
    } : {}),
  });
  verifier.cacheJwks(await (await fetch(jwksUri)).json() as any);
  return verifier;
}
