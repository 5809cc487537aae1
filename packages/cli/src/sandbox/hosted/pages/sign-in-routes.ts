import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as QRCode from 'qrcode';
import { missingFields, usernameLabel } from './fields';
import { Html } from './html';
import { SHOW_PASSWORD_SCRIPT, showPasswordScript } from './layout';
import { explainError } from './messages';
import { poolDisplayName } from './names';
import { cookieOptions, DomainScope, FLOW_COOKIE, HostedDeps, noticeOf, notFoundPage, scopeOf, sendErrorPage, sendPage, SSO_COOKIE } from './scope';
import { FormTarget, mfaCodeView, newPasswordView, selectMfaView, signInView, totpSetupView } from './views';
import { CognitoError } from '../../core/errors';
import { ClientConfig } from '../../core/pool-config';
import { otpauthUri } from '../../crypto/totp';
import { HostedFlow, SSO_VALIDITY_MS } from '../../model/sessions';
import { findUser, getUser } from '../../model/users';
import { mfaHandlers } from '../../operations/mfa';
import { HostedSignIn } from '../../operations/sign-in/flow';
import { startFirstFactor } from '../../operations/sign-in/initiate';
import { respondToChallenge } from '../../operations/sign-in/respond';
import { signUpOperations } from '../../operations/sign-up';
import { carryQuery, challengeForm, field, formFields, PageQuery, pageQuery } from '../input';
import { AuthorizePageError, AuthorizeRedirectError, AuthorizeRequest, checkAuthorizeRequest, redirectTo } from '../oauth/authorize-request';
import { completeAuthorization } from '../oauth/complete';
import { admitPageStep } from '../throttle';


/** A sign-in in progress on the pages: the one sign-in state's hosted flow, ending in this authorize request. */
type PageFlow = HostedFlow<AuthorizeRequest>;

const startFlow = (deps: HostedDeps, scope: DomainScope, authorize: AuthorizeRequest, query: string): PageFlow =>
  deps.ctx.sessions.startFlow({ poolId: scope.pool.config.id, domain: scope.domain, authorize, query });

/**
 * The sign-in pages: /login (user name and password, provider buttons), then /mfa for whatever
 * challenge the pool's rules ask next: TOTP, SMS or email codes, MFA method selection, TOTP
 * enrolment (QR code and the secret as text), a new password. Every step runs the same flow
 * functions as InitiateAuth and RespondToAuthChallenge, so MFA mode, methods, lockouts, password
 * policy and triggers are the API's own.
 */
export function signInRoutes(deps: HostedDeps) {
  const { ctx } = deps;
  const explain = (scope: DomainScope, client: ClientConfig, page: string, e: CognitoError) => explainError(ctx.log, scope.pool, client, page, e);
  return async (app: FastifyInstance) => {
    app.get(`/${SHOW_PASSWORD_SCRIPT}`, (_req, reply) => reply.type('text/javascript; charset=utf-8')
      .header('cache-control', 'max-age=300').header('x-content-type-options', 'nosniff').send(showPasswordScript()));

    app.get('/login', async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      return showSignIn(reply, page.scope, page.request, carryQuery(page.query.authorize), {
        username: page.query.usernameAsSent,
        notice: noticeOf(page.query),
      });
    });

    app.post('/login', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      const form = formFields(req.body);
      const username = field(form, 'username');
      const carried = carryQuery(page.query.authorize);
      const app_ = { pool: page.scope.pool, client: page.request.client };
      try {
        admitPageStep(ctx, 'UserAuthentication');
        const result = await startFirstFactor(ctx, { ...app_, admin: false, hosted: true, params: { USERNAME: username } }, 'PASSWORD', { PASSWORD: field(form, 'password') });
        return await advance(deps, page.scope, reply, startFlow(deps, page.scope, page.request, carried), result);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        if (e.type === 'UserNotConfirmedException') {
          // As managed login does: send a fresh code and ask for it.
          await signUpOperations.ResendConfirmationCode(ctx, app_, { Username: username }).catch(() => undefined);
          return reply.redirect(`${page.scope.base}/confirm?${carryQuery(page.query.authorize, { username })}`, 303);
        }
        if (e.type === 'PasswordResetRequiredException') {
          return reply.redirect(`${page.scope.base}/forgotPassword?${carried}`, 303);
        }
        return showSignIn(reply, page.scope, page.request, carried, { username, error: explain(page.scope, page.request.client, 'login', e), status: 400 });
      }
    });

    app.get('/mfa', async (req, reply) => {
      const scope = scopeOf(ctx, req);
      if (!scope) return notFoundPage(reply);
      const flow = ctx.sessions.flow<AuthorizeRequest>(req.cookies[FLOW_COOKIE], scope.domain);
      if (!flow?.challenge) return sendErrorPage(reply, scope, 400, 'invalid_request', 'This sign-in has ended or expired. Go back to your app and sign in again.');
      try {
        return await showChallenge(deps, scope, flow, reply);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return restart(deps, scope, flow, reply, explain(scope, flow.authorize.client, 'mfa', e));
      }
    });

    app.post('/mfa', { preHandler: app.csrfProtection }, async (req, reply) => {
      const scope = scopeOf(ctx, req);
      if (!scope) return notFoundPage(reply);
      const flow = ctx.sessions.flow<AuthorizeRequest>(req.cookies[FLOW_COOKIE], scope.domain);
      if (!flow?.challenge) return sendErrorPage(reply, scope, 400, 'invalid_request', 'This sign-in has ended or expired. Go back to your app and sign in again.');
      try {
        admitPageStep(ctx, 'UserAuthentication');
        const result = await answerChallenge(deps, scope, flow, req.body);
        return await advance(deps, scope, reply, flow, result);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        // A wrong code leaves the session usable (up to Cognito's limit); anything else ends the sign-in.
        const retry = [
          'CodeMismatchException', 'EnableSoftwareTokenMFAException', 'InvalidPasswordException', 'PasswordHistoryPolicyViolationException',
          'InvalidParameterException', 'ExpiredCodeException', 'TooManyRequestsException',
        ];
        const message = explain(scope, flow.authorize.client, 'mfa', e);
        if (retry.includes(e.type) && flow.challenge && ctxSessionAlive(deps, flow)) return showChallenge(deps, scope, flow, reply, message);
        return restart(deps, scope, flow, reply, message);
      }
    });
  };
}

/** Checks the authorize parameters a page carries; shows or redirects their errors. */
export async function authorizedPage(
  deps: HostedDeps, req: FastifyRequest, reply: FastifyReply, local = true,
): Promise<{ scope: DomainScope; request: AuthorizeRequest; query: PageQuery } | undefined> {
  const scope = scopeOf(deps.ctx, req);
  if (!scope) {
    await notFoundPage(reply);
    return undefined;
  }
  try {
    const query = pageQuery(req.query);
    const request = checkAuthorizeRequest(deps.ctx, scope.pool, query.authorize);
    // The user pool's own pages serve only clients that list COGNITO among their providers.
    if (local && !request.client.oauth.identityProviders.includes('COGNITO') && req.method === 'POST') {
      await sendErrorPage(reply, scope, 400, 'invalid_request', 'This app client does not allow sign-in with the user pool; use one of its identity providers.');
      return undefined;
    }
    return { scope, request, query };
  } catch (e) {
    if (e instanceof AuthorizeRedirectError) {
      await reply.redirect(redirectTo(e.redirectUri, { error: e.error, error_description: e.description, state: e.state }), 302);
    } else if (e instanceof AuthorizePageError) {
      await sendErrorPage(reply, scope, 400, e.error, e.message);
    } else {
      throw e;
    }
    return undefined;
  }
}

/** The form target of a page: its own path with the carried parameters, and the browser's CSRF token. */
export const target = (reply: FastifyReply, scope: DomainScope, path: string, query: string): FormTarget =>
  ({ action: `${scope.base}/${path}${query ? `?${query}` : ''}`, csrf: reply.generateCsrf() });

interface SignInPage {
  readonly username?: string;
  readonly error?: string;
  readonly notice?: string;
  readonly status?: number;
}

function showSignIn(reply: FastifyReply, scope: DomainScope, request: AuthorizeRequest, query: string, o: SignInPage) {
  const client = request.client;
  const providers = scope.pool.config.hosted.identityProviders
    .filter(p => client.oauth.identityProviders.includes(p.name))
    .map(p => ({ label: p.name, href: `${scope.base}/sandbox-idp/${encodeURIComponent(p.name)}?${query}` }));
  const content: Html = signInView(target(reply, scope, 'login', query), {
    username: o.username,
    usernameLabel: usernameLabel(scope.pool),
    forgotHref: `${scope.base}/forgotPassword?${query}`,
    signUpHref: scope.pool.config.allowAdminCreateUserOnly ? undefined : `${scope.base}/signup?${query}`,
    providers,
    localSignIn: client.oauth.identityProviders.includes('COGNITO'),
  });
  return sendPage(reply, scope, client, o.status ?? 200, { title: 'Sign in', error: o.error, notice: o.notice }, content);
}

const ctxSessionAlive = (deps: HostedDeps, flow: PageFlow) => {
  try {
    deps.ctx.sessions.get(flow.challenge!.session, flow.authorize.client.id);
    return true;
  } catch {
    return false;
  }
};

/** A flow step's outcome: signed in (finish at the app), or the next challenge (show it). */
export async function advance(deps: HostedDeps, scope: DomainScope, reply: FastifyReply, flow: PageFlow, result: any) {
  if (result?.HostedSignIn) return finish(deps, scope, reply, flow.authorize, result.HostedSignIn, flow.id);
  flow.challenge = { name: String(result.ChallengeName), session: String(result.Session), params: result.ChallengeParameters ?? {} };
  flow.totpSecret = undefined;
  reply.setCookie(FLOW_COOKIE, flow.id, cookieOptions(scope));
  return reply.redirect(`${scope.base}/mfa`, 303);
}

/** Signed in: the browser session cookie, then the app's redirect URI with the code (or tokens) and its state. */
export async function finish(
  deps: HostedDeps, scope: DomainScope, reply: FastifyReply, request: AuthorizeRequest, signedIn: HostedSignIn, flowId?: string,
) {
  if (flowId) deps.ctx.sessions.endFlow(flowId);
  reply.clearCookie(FLOW_COOKIE, cookieOptions(scope));
  const { domain } = scope;
  const sso = deps.ctx.sessions.startSso({ domain, poolId: scope.pool.config.id, username: signedIn.username, authTime: signedIn.authTime });
  reply.setCookie(SSO_COOKIE, sso, cookieOptions(scope, SSO_VALIDITY_MS / 1000));
  return reply.redirect(await completeAuthorization(deps.ctx, request, signedIn), 302);
}

function restart(deps: HostedDeps, scope: DomainScope, flow: PageFlow, reply: FastifyReply, error: string) {
  deps.ctx.sessions.endFlow(flow.id);
  reply.clearCookie(FLOW_COOKIE, cookieOptions(scope));
  return showSignIn(reply, scope, flow.authorize, flow.query, { error, status: 400 });
}

async function showChallenge(deps: HostedDeps, scope: DomainScope, flow: PageFlow, reply: FastifyReply, error?: string) {
  const challenge = flow.challenge!;
  const t = target(reply, scope, 'mfa', '');
  const client = flow.authorize.client;
  const restartHref = `${scope.base}/login?${flow.query}`;
  const status = error ? 400 : 200;
  switch (challenge.name) {
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'EMAIL_OTP':
      return sendPage(reply, scope, client, status, { title: 'Verify it is you', error },
        mfaCodeView(t, { challenge: challenge.name, destination: challenge.params.CODE_DELIVERY_DESTINATION, restartHref }));
    case 'SELECT_MFA_TYPE':
      return sendPage(reply, scope, client, status, { title: 'Choose a sign-in method', error },
        selectMfaView(t, { options: JSON.parse(challenge.params.MFAS_CAN_CHOOSE ?? '[]') }));
    case 'MFA_SETUP': {
      if (!flow.totpSecret) {
        // AssociateSoftwareToken spends the challenge's session and hands out the next one.
        const associated: any = await mfaHandlers.AssociateSoftwareToken(deps.ctx, { Session: challenge.session });
        flow.totpSecret = associated.SecretCode;
        challenge.session = associated.Session;
      }
      const secret = flow.totpSecret!;
      const user = getUser(scope.pool, challenge.params.USER_ID_FOR_SRP) ?? findUser(scope.pool, challenge.params.USER_ID_FOR_SRP);
      const account = user?.attributes.email ?? user?.attributes.phone_number ?? challenge.params.USER_ID_FOR_SRP;
      const qrDataUrl = await QRCode.toDataURL(otpauthUri(secret, account, poolDisplayName(scope.pool)), { margin: 2, width: 200 });
      return sendPage(reply, scope, client, status, { title: 'Set up an authenticator app', error },
        totpSetupView(t, { qrDataUrl, secret, account }));
    }
    case 'NEW_PASSWORD_REQUIRED': {
      const user = findUser(scope.pool, challenge.params.USER_ID_FOR_SRP);
      return sendPage(reply, scope, client, status, { title: 'Change your password', error },
        newPasswordView(t, { required: missingFields(scope.pool, user?.attributes ?? {}), policy: scope.pool.config.passwordPolicy }));
    }
    default:
      return sendErrorPage(reply, scope, 400, 'unsupported_challenge', `The sandbox's hosted pages do not answer the ${challenge.name} challenge; use the API for it.`);
  }
}

/** Answers the current challenge with the flow functions RespondToAuthChallenge uses. */
async function answerChallenge(deps: HostedDeps, scope: DomainScope, flow: PageFlow, body: unknown) {
  const { ctx } = deps;
  const challenge = flow.challenge!;
  const client = flow.authorize.client;
  const respond = (responses: Record<string, string>, session = challenge.session) =>
    respondToChallenge(ctx, { ChallengeName: challenge.name, Session: session, ChallengeResponses: responses }, scope.pool, client, true);
  const form = challengeForm(body);
  const { code } = form;
  switch (challenge.name) {
    case 'SOFTWARE_TOKEN_MFA': return respond({ SOFTWARE_TOKEN_MFA_CODE: code });
    case 'SMS_MFA': return respond({ SMS_MFA_CODE: code });
    case 'EMAIL_OTP': return respond({ EMAIL_OTP_CODE: code });
    case 'SELECT_MFA_TYPE': return respond({ ANSWER: form.method });
    case 'NEW_PASSWORD_REQUIRED': {
      const responses: Record<string, string> = { NEW_PASSWORD: form.password };
      for (const [k, v] of Object.entries(form.attributes)) responses[`userAttributes.${k}`] = v;
      return respond(responses);
    }
    case 'MFA_SETUP': {
      if (!flow.totpSecret) throw new CognitoError('InvalidParameterException', 'Scan the QR code first.');
      const verified: any = await mfaHandlers.VerifySoftwareToken(ctx, { Session: challenge.session, UserCode: code });
      return respond({}, verified.Session);
    }
    default:
      throw new CognitoError('InvalidParameterException', `The hosted pages do not answer ${challenge.name}.`);
  }
}
