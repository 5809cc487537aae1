import { FastifyInstance, FastifyReply } from 'fastify';
import { messagesDestination } from './destination';
import { ClientConfig } from '../types';
import { signUpFields, usernameLabel } from './fields';
import { carryQuery, DomainScope, HostedDeps, sendPage } from './scope';
import { authorizedPage, target } from './sign-in-routes';
import { confirmSignUpView, forgotPasswordView, resetPasswordView, signUpView } from './views';
import { CognitoError } from '../errors';
import { passwordResetOperations } from '../handlers/passwords';
import { signUpOperations } from '../handlers/sign-up';

type Query = Record<string, unknown>;
type Body = Record<string, unknown>;
const text = (o: Query | Body, name: string) => (typeof o[name] === 'string' ? (o[name] as string) : '');

/**
 * Sign-up, confirmation code, and password reset pages. Each calls the API's own operation
 * (SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword) for the
 * page's app client, so the password policy, required attributes, triggers and the outbox are the same.
 */
export function accountRoutes(deps: HostedDeps) {
  const { ctx } = deps;
  return async (app: FastifyInstance) => {
    const signUpPage = (
      reply: FastifyReply, scope: DomainScope, client: ClientConfig, query: string, values: Record<string, string>, error?: string,
    ) =>
      sendPage(reply, scope, client, error ? 400 : 200, { title: 'Sign up', error }, signUpView(target(reply, scope, 'signup', query), {
        fields: signUpFields(scope.pool), values, policy: scope.pool.config.passwordPolicy, signInHref: `${scope.base}/login?${query}`,
      }));

    app.get('/signup', async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      return signUpPage(reply, page.scope, page.request.client, carryQuery(req.query as Query), {});
    });

    app.post('/signup', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      const body = req.body as Body;
      const query = carryQuery(req.query as Query);
      const fields = signUpFields(page.scope.pool);
      const values = Object.fromEntries(fields.map(f => [f.name, text(body, f.name).trim()]));
      const attributes = fields.filter(f => f.name !== 'username' && values[f.name]).map(f => ({ Name: f.name, Value: values[f.name] }));
      try {
        const result: any = await signUpOperations.SignUp(ctx, { pool: page.scope.pool, client: page.request.client }, {
          Username: values.username, Password: text(body, 'password'), UserAttributes: attributes,
        });
        const next = result.UserConfirmed
          ? `login?${carryQuery(req.query as Query, { notice: 'signed-up', username: values.username })}`
          : `confirm?${carryQuery(req.query as Query, { username: values.username })}`;
        return await reply.redirect(`${page.scope.base}/${next}`, 303);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return signUpPage(reply, page.scope, page.request.client, query, values, e.message);
      }
    });

    const confirmPage = (
      reply: FastifyReply, scope: DomainScope, client: ClientConfig, query: Query, username: string, error?: string, notice?: string,
    ) => {
      const carried = carryQuery(query, { username });
      return sendPage(reply, scope, client, error ? 400 : 200, { title: 'Confirm your account', error, notice }, confirmSignUpView(target(reply, scope, 'confirm', carried), {
        username,
        destination: messagesDestination(scope.pool, username),
        resend: target(reply, scope, 'confirm/resend', carried),
      }));
    };

    app.get('/confirm', async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      return confirmPage(reply, page.scope, page.request.client, req.query as Query, text(req.query as Query, 'username'));
    });

    app.post('/confirm', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      const username = text(req.body as Body, 'username');
      try {
        await signUpOperations.ConfirmSignUp(ctx, { pool: page.scope.pool, client: page.request.client }, {
          Username: username, ConfirmationCode: text(req.body as Body, 'code').trim(),
        });
        const query = carryQuery(req.query as Query, { notice: 'confirmed', username: displayName(page.scope, username) });
        return await reply.redirect(`${page.scope.base}/login?${query}`, 303);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return confirmPage(reply, page.scope, page.request.client, req.query as Query, username, e.message);
      }
    });

    app.post('/confirm/resend', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      const username = text(req.body as Body, 'username');
      try {
        await signUpOperations.ResendConfirmationCode(ctx, { pool: page.scope.pool, client: page.request.client }, { Username: username });
        return await confirmPage(reply, page.scope, page.request.client, req.query as Query, username, undefined, 'We sent you a new code.');
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return confirmPage(reply, page.scope, page.request.client, req.query as Query, username, e.message);
      }
    });

    const forgotPage = (reply: FastifyReply, scope: DomainScope, client: ClientConfig, query: string, error?: string) =>
      sendPage(reply, scope, client, error ? 400 : 200, { title: 'Reset your password', error }, forgotPasswordView(target(reply, scope, 'forgotPassword', query), {
        usernameLabel: usernameLabel(scope.pool), signInHref: `${scope.base}/login?${query}`,
      }));

    app.get('/forgotPassword', async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      return forgotPage(reply, page.scope, page.request.client, carryQuery(req.query as Query));
    });

    app.post('/forgotPassword', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      const username = text(req.body as Body, 'username').trim();
      try {
        await passwordResetOperations.ForgotPassword(ctx, { pool: page.scope.pool, client: page.request.client }, { Username: username });
        return await reply.redirect(`${page.scope.base}/confirmForgotPassword?${carryQuery(req.query as Query, { username })}`, 303);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return forgotPage(reply, page.scope, page.request.client, carryQuery(req.query as Query), e.message);
      }
    });

    const resetPage = (reply: FastifyReply, scope: DomainScope, client: ClientConfig, query: Query, username: string, error?: string) =>
      sendPage(reply, scope, client, error ? 400 : 200, { title: 'Choose a new password', error }, resetPasswordView(target(reply, scope, 'confirmForgotPassword', carryQuery(query, { username })), {
        username, destination: messagesDestination(scope.pool, username), policy: scope.pool.config.passwordPolicy,
      }));

    app.get('/confirmForgotPassword', async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      return resetPage(reply, page.scope, page.request.client, req.query as Query, text(req.query as Query, 'username'));
    });

    app.post('/confirmForgotPassword', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await authorizedPage(deps, req, reply);
      if (!page) return reply;
      const body = req.body as Body;
      const username = text(body, 'username');
      try {
        await passwordResetOperations.ConfirmForgotPassword(ctx, { pool: page.scope.pool, client: page.request.client }, {
          Username: username, ConfirmationCode: text(body, 'code').trim(), Password: text(body, 'password'),
        });
        return await reply.redirect(`${page.scope.base}/login?${carryQuery(req.query as Query, { notice: 'password-reset', username })}`, 303);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return resetPage(reply, page.scope, page.request.client, req.query as Query, username, e.message);
      }
    });
  };
}

/** The name to prefill on the sign-in page: the email or phone a pool signs in with, not its internal UUID. */
function displayName(scope: DomainScope, username: string): string {
  const user = scope.pool.state.users[username];
  const attr = scope.pool.config.usernameAttributes.find(a => user?.attributes[a]);
  return attr ? user!.attributes[attr] : username;
}
