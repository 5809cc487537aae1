import { FastifyInstance, FastifyReply } from 'fastify';
import { messagesDestination } from './destination';
import { signUpFields, usernameLabel } from './fields';
import { Html } from './html';
import { explainError } from './messages';
import { DomainScope, HostedDeps, noticeOf, sendPage } from './scope';
import { authorizedPage, target } from './sign-in-routes';
import { confirmSignUpView, FormTarget, forgotPasswordView, resetPasswordView, signUpView } from './views';
import { CognitoError } from '../../core/errors';
import { QuotaCategory } from '../../core/quotas';
import { getUser } from '../../model/users';
import { AppClient } from '../../operations/handler';
import { passwordResetOperations } from '../../operations/passwords';
import { signUpOperations } from '../../operations/sign-up';
import { carryQuery, field, FormFields, formFields, PageQuery, trimmed } from '../input';
import { AuthorizeRequest } from '../oauth/authorize-request';
import { admitPageStep } from '../throttle';


interface AccountPage {
  readonly scope: DomainScope;
  readonly request: AuthorizeRequest;
  readonly app: AppClient;
  /** The carried authorize parameters (plus the page's own, such as the username). */
  readonly query: PageQuery;
}

/** One form page: what it shows (again, with the error, after a failed post), and what a post does. */
interface FormPage {
  readonly path: string;
  /** What a submit counts toward with `--quotas` (hosted/throttle.ts). */
  readonly quotaCategory: QuotaCategory;
  readonly title: string;
  /** Parameters of the page's own kept in its URL, besides the authorize ones. */
  readonly own?: ReadonlyArray<'username'>;
  view(t: FormTarget, page: AccountPage, posted: FormFields): Html;
  /** Runs the operation and says where to go next (a path below the domain, with its query). */
  submit(page: AccountPage, body: FormFields): Promise<string>;
}

/**
 * Sign-up, confirmation code, and password reset pages. Each post calls the API's own operation
 * (SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword) for the
 * page's app client, so the password policy, required attributes, triggers and the outbox are the same.
 */
export function accountRoutes(deps: HostedDeps) {
  const { ctx } = deps;
  const next = (path: string, page: AccountPage, extra: Record<string, string>) => `${path}?${carryQuery(page.query.authorize, extra)}`;
  const pages: FormPage[] = [
    {
      path: 'signup',
      quotaCategory: 'UserCreation',
      title: 'Sign up',
      view: (t, page, posted) => signUpView(t, {
        fields: signUpFields(page.scope.pool),
        values: Object.fromEntries(signUpFields(page.scope.pool).map(f => [f.name, trimmed(posted, f.name)])),
        policy: page.scope.pool.config.passwordPolicy,
        signInHref: `${page.scope.base}/login?${carryQuery(page.query.authorize)}`,
      }),
      async submit(page, body) {
        const fields = signUpFields(page.scope.pool);
        const username = trimmed(body, 'username');
        const attributes = fields.filter(f => f.name !== 'username' && trimmed(body, f.name)).map(f => ({ Name: f.name, Value: trimmed(body, f.name) }));
        const input = { Username: username, Password: field(body, 'password'), UserAttributes: attributes };
        const result: any = await signUpOperations.SignUp(ctx, page.app, input);
        return result.UserConfirmed ? next('login', page, { notice: 'signed-up', username }) : next('confirm', page, { username });
      },
    },
    {
      path: 'confirm',
      quotaCategory: 'UserCreation',
      title: 'Confirm your account',
      own: ['username'],
      view: (t, page) => confirmSignUpView(t, {
        username: page.query.username,
        destination: messagesDestination(page.scope.pool, page.query.username),
        resend: { ...t, action: t.action.replace('/confirm?', '/confirm/resend?') },
      }),
      async submit(page, body) {
        const username = trimmed(body, 'username');
        await signUpOperations.ConfirmSignUp(ctx, page.app, { Username: username, ConfirmationCode: trimmed(body, 'code') });
        return next('login', page, { notice: 'confirmed', username: displayName(page.scope, username) });
      },
    },
    {
      path: 'forgotPassword',
      quotaCategory: 'UserAccountRecovery',
      title: 'Reset your password',
      view: (t, page) => forgotPasswordView(t, { usernameLabel: usernameLabel(page.scope.pool), signInHref: `${page.scope.base}/login?${carryQuery(page.query.authorize)}` }),
      async submit(page, body) {
        const username = trimmed(body, 'username');
        await passwordResetOperations.ForgotPassword(ctx, page.app, { Username: username });
        return next('confirmForgotPassword', page, { username });
      },
    },
    {
      path: 'confirmForgotPassword',
      quotaCategory: 'UserAccountRecovery',
      title: 'Choose a new password',
      own: ['username'],
      view: (t, page) => resetPasswordView(t, {
        username: page.query.username,
        destination: messagesDestination(page.scope.pool, page.query.username),
        policy: page.scope.pool.config.passwordPolicy,
      }),
      async submit(page, body) {
        const username = trimmed(body, 'username');
        await passwordResetOperations.ConfirmForgotPassword(ctx, page.app, { Username: username, ConfirmationCode: trimmed(body, 'code'), Password: field(body, 'password') });
        return next('login', page, { notice: 'password-reset', username });
      },
    },
  ];

  return async (app: FastifyInstance) => {
    const show = (reply: FastifyReply, form: FormPage, page: AccountPage, posted: FormFields, error?: string) => {
      const own = Object.fromEntries((form.own ?? []).map(k => [k, page.query[k]]).filter(([, v]) => v));
      const t = target(reply, page.scope, form.path, carryQuery(page.query.authorize, own));
      const frame = { title: form.title, error, notice: error ? undefined : noticeOf(page.query) };
      return sendPage(reply, page.scope, page.request.client, error ? 400 : 200, frame, form.view(t, page, posted));
    };
    const accountPage = async (req: any, reply: FastifyReply): Promise<AccountPage | undefined> => {
      const page = await authorizedPage(deps, req, reply);
      return page && { ...page, app: { pool: page.scope.pool, client: page.request.client } };
    };
    for (const form of pages) {
      app.get(`/${form.path}`, async (req, reply) => {
        const page = await accountPage(req, reply);
        return page ? show(reply, form, page, {}) : reply;
      });
      app.post(`/${form.path}`, { preHandler: app.csrfProtection }, async (req, reply) => {
        const page = await accountPage(req, reply);
        if (!page) return reply;
        try {
          admitPageStep(ctx, form.quotaCategory);
          return await reply.redirect(`${page.scope.base}/${await form.submit(page, formFields(req.body))}`, 303);
        } catch (e) {
          if (!(e instanceof CognitoError)) throw e;
          return show(reply, form, page, formFields(req.body), explainError(ctx.log, page.scope.pool, page.request.client, form.path, e));
        }
      });
    }

    // "Send a new code" on the confirmation page.
    app.post('/confirm/resend', { preHandler: app.csrfProtection }, async (req, reply) => {
      const page = await accountPage(req, reply);
      if (!page) return reply;
      const username = trimmed(formFields(req.body), 'username');
      try {
        await signUpOperations.ResendConfirmationCode(ctx, page.app, { Username: username });
        return await reply.redirect(`${page.scope.base}/${next('confirm', page, { username, notice: 'code-sent' })}`, 303);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return show(reply, pages[1], page, {}, explainError(ctx.log, page.scope.pool, page.request.client, 'confirm/resend', e));
      }
    });
  };
}

/** The name to prefill on the sign-in page: the email or phone a pool signs in with, not its internal UUID. */
function displayName(scope: DomainScope, username: string): string {
  const user = getUser(scope.pool, username);
  const attr = scope.pool.config.usernameAttributes.find(a => user?.attributes[a]);
  return attr ? user!.attributes[attr] : username;
}
