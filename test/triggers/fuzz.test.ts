/**
 * Fuzz: malformed events never make a handler throw (except the sign-up guard's policy rejection),
 * the event object comes back, and nothing written to the console contains a code, phone number,
 * email or username that was in the event.
 */
import type { CustomMessageTriggerEvent } from 'aws-lambda';
import * as fc from 'fast-check';
import { captureConsole, CapturedConsole } from './support/console';
import { customMessage, preSignUp, preTokenV1, preTokenV2 } from './support/events';
import { fakeCognito } from './support/fake-cognito';
import { anyValue, mutatedEvent } from './support/mutate';
import * as customMessageEnv from '../../src/triggers/custom-message/env-names';
import { createCustomMessageHandler } from '../../src/triggers/custom-message/handler-logic';
import { setCognitoClientFactory } from '../../src/triggers/mfa-by-group/cognito-client';
import * as mfaByGroupEnv from '../../src/triggers/mfa-by-group/env-names';
import { createMfaByGroupHandler } from '../../src/triggers/mfa-by-group/handler-logic';
import * as signUpGuardEnv from '../../src/triggers/sign-up-guard/env-names';
import { createSignUpGuardHandler, SignUpRejectedError } from '../../src/triggers/sign-up-guard/handler-logic';

/** Every built-in trigger's environment variable names. */
const env = { ...mfaByGroupEnv, ...signUpGuardEnv, ...customMessageEnv };

const SECRETS = {
  email: 'fuzz.secret.person@secret-domain.test',
  phone: '+14155550199',
  code: 'CODE-7Q2X9',
  username: 'fuzz-secret-username',
};
const RUNS = { numRuns: 300 };

let out: CapturedConsole;
beforeEach(() => {
  out = captureConsole();
  process.env[env.MFA_REQUIRED_GROUPS] = '["admins"]';
  process.env[env.REQUIRE_PHONE_NUMBER] = 'true';
  process.env[env.ALLOWED_EMAIL_DOMAINS] = '["secret-domain.test"]';
  process.env[env.DENIED_EMAIL_DOMAINS] = '["evil.test"]';
  process.env[env.CUSTOM_MESSAGE_CONFIG] = JSON.stringify({
    templates: { en: { SignUp: { message: 'Code {####}' }, AdminCreateUser: { subject: 'Hi', message: '{username} {####}' } } },
  });
});
afterEach(() => {
  out.restore();
  setCognitoClientFactory(undefined);
});

/** Asserts the console holds no secret and at most one line per invocation. */
function expectQuietAndClean(invocations: number) {
  const lines = out.lines();
  expect(lines.length).toBeLessThanOrEqual(invocations);
  for (const line of lines) {
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({ level: 'WARN', trigger: expect.any(String), reason: expect.any(String) });
    // The guards, not the last-resort catch in safely(), must have handled the event.
    expect(entry.reason).not.toMatch(/unexpected error/);
    for (const secret of Object.values(SECRETS)) expect(line).not.toContain(secret);
  }
}

function withSecrets<T extends { userName: string; request: object }>(event: T): T {
  event.userName = SECRETS.username;
  const request = event.request as { userAttributes?: Record<string, string>; codeParameter?: string; usernameParameter?: string | null };
  request.userAttributes = { ...request.userAttributes, email: SECRETS.email, phone_number: SECRETS.phone };
  if ('codeParameter' in request) request.codeParameter = SECRETS.code;
  if (request.usernameParameter !== undefined && request.usernameParameter !== null) request.usernameParameter = SECRETS.username;
  return event;
}

describe('mfa-by-group', () => {
  const events = fc.oneof(
    anyValue,
    mutatedEvent(() => withSecrets(preTokenV1(['admins', 'readers']))),
    mutatedEvent(() => withSecrets(preTokenV2(['admins'], '2'))),
    mutatedEvent(() => withSecrets(preTokenV2(['admins'], '3'))),
  );
  const answers = fc.oneof(
    fc.record({ mfa: fc.constantFrom([], ['SOFTWARE_TOKEN_MFA']) }),
    fc.constant({ error: Object.assign(new Error(`no such user ${SECRETS.username}`), { name: 'UserNotFoundException' }) }),
  );

  test('never throws, returns the event, logs nothing secret', async () => {
    await fc.assert(
      fc.asyncProperty(events, answers, async (event, answer) => {
        setCognitoClientFactory(() => fakeCognito(answer));
        out.restore();
        out = captureConsole();
        const result = await createMfaByGroupHandler()(event);
        expect(result).toBe(event);
        expectQuietAndClean(1);
      }),
      RUNS,
    );
  });
});

describe('sign-up-guard', () => {
  const sources = ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'] as const;
  const events = fc.oneof(
    anyValue,
    fc.constantFrom(...sources).chain(source => mutatedEvent(() => withSecrets(preSignUp({}, source)))),
  );

  test('returns the event or rejects with the policy error; logs nothing secret', async () => {
    const handler = createSignUpGuardHandler();
    await fc.assert(
      fc.asyncProperty(events, async event => {
        out.restore();
        out = captureConsole();
        try {
          expect(await handler(event)).toBe(event);
        } catch (err) {
          expect(err).toBeInstanceOf(SignUpRejectedError);
          const message = (err as Error).message;
          expect(message).toMatch(/^Sign-up rejected: /);
          for (const secret of Object.values(SECRETS)) expect(message).not.toContain(secret);
        }
        expectQuietAndClean(1);
      }),
      RUNS,
    );
  });
});

describe('custom-message', () => {
  const sources = ['SignUp', 'ResendCode', 'ForgotPassword', 'Authentication', 'UpdateUserAttribute', 'VerifyUserAttribute', 'AdminCreateUser'];
  const events = fc.oneof(
    anyValue,
    fc.constantFrom(...sources).chain(source =>
      mutatedEvent(() => withSecrets(customMessage(`CustomMessage_${source}` as CustomMessageTriggerEvent['triggerSource']))),
    ),
  );

  test('never throws, returns the event, logs nothing secret', async () => {
    const handler = createCustomMessageHandler();
    await fc.assert(
      fc.asyncProperty(events, async event => {
        out.restore();
        out = captureConsole();
        expect(await handler(event)).toBe(event);
        expectQuietAndClean(1);
      }),
      RUNS,
    );
  });

  test('a well-formed event with a template always carries its codeParameter', async () => {
    const handler = createCustomMessageHandler();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.string(), async (code, locale) => {
        const event = customMessage('CustomMessage_SignUp', { locale });
        event.request.codeParameter = code;
        await handler(event);
        expect(event.response.emailMessage).toContain(code);
      }),
      RUNS,
    );
  });
});
