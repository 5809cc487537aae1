import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { captureConsole, CapturedConsole } from './support/console';
import { EMAIL, PHONE, preSignUp } from './support/events';
import { domainMatches, emailDomain, normaliseDomains } from '../../src/triggers/sign-up-guard/email-domain';
import { ALLOWED_EMAIL_DOMAINS, DENIED_EMAIL_DOMAINS, REQUIRE_PHONE_NUMBER } from '../../src/triggers/sign-up-guard/env-names';
import { createSignUpGuardHandler, SignUpRejectedError } from '../../src/triggers/sign-up-guard/handler-logic';
import { handler as lambdaHandler } from '../../src/triggers/sign-up-guard/sign-up-guard.lambda';

let out: CapturedConsole;
const handler = createSignUpGuardHandler();

function configure(env: { phone?: string; allowed?: string[]; denied?: string[] }) {
  const set = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
  set(REQUIRE_PHONE_NUMBER, env.phone);
  set(ALLOWED_EMAIL_DOMAINS, env.allowed && JSON.stringify(env.allowed));
  set(DENIED_EMAIL_DOMAINS, env.denied && JSON.stringify(env.denied));
}

async function rejection(event: unknown): Promise<string | undefined> {
  try {
    await handler(event);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(SignUpRejectedError);
    return (err as Error).message;
  }
}

beforeEach(() => {
  out = captureConsole();
  configure({});
});
afterEach(() => {
  out.restore();
  for (const line of out.lines()) for (const secret of [EMAIL, PHONE, 'evil.test']) expect(line).not.toContain(secret);
});

describe('phone number requirement', () => {
  beforeEach(() => configure({ phone: 'true' }));

  test('valid E.164 phone passes and the event comes back', async () => {
    const event = preSignUp({ email: EMAIL, phone_number: PHONE });
    await expect(handler(event)).resolves.toBe(event);
  });

  test('missing phone is rejected, naming the attribute', async () => {
    expect(await rejection(preSignUp({ email: EMAIL }))).toBe('Sign-up rejected: phone_number is required because SMS is the only MFA method.');
  });

  test.each(['4155550123', '+04155550123', '+1 415 555 0123', '+1234567890123456', '+9', `${PHONE}\n`])('invalid phone %j is rejected without echoing it', async phone => {
    const message = await rejection(preSignUp({ phone_number: phone }));
    expect(message).toBe('Sign-up rejected: phone_number must be in E.164 format, for example +14155550100.');
    expect(message).not.toContain(phone);
  });

  test('applies to AdminCreateUser', async () => {
    expect(await rejection(preSignUp({ email: EMAIL }, 'PreSignUp_AdminCreateUser'))).toMatch(/phone_number is required/);
  });

  test('does not apply to federated sign-up (Cognito runs no MFA for it)', async () => {
    const event = preSignUp({ email: EMAIL }, 'PreSignUp_ExternalProvider');
    await expect(handler(event)).resolves.toBe(event);
  });

  test("'false' and unset do not require a phone", async () => {
    configure({ phone: 'false' });
    await expect(handler(preSignUp({}))).resolves.toBeDefined();
    configure({});
    await expect(handler(preSignUp({}))).resolves.toBeDefined();
  });
});

describe('email domains', () => {
  test('allowlist: exact domain and subdomains pass, case-insensitively', async () => {
    configure({ allowed: ['example.com'] });
    for (const email of ['a@example.com', 'a@EXAMPLE.COM', 'a@eu.example.com', 'a@example.com.']) {
      await expect(handler(preSignUp({ email }))).resolves.toBeDefined();
    }
  });

  test('allowlist: other domains, look-alikes and suffix tricks are rejected', async () => {
    configure({ allowed: ['example.com'] });
    for (const email of ['a@evil.test', 'a@notexample.com', 'a@example.com.evil.test', 'a@example.com@evil.test']) {
      expect(await rejection(preSignUp({ email }))).toBe('Sign-up rejected: email domain is not allowed.');
    }
  });

  test('allowlist: email required', async () => {
    configure({ allowed: ['example.com'] });
    expect(await rejection(preSignUp({ phone_number: PHONE }))).toBe('Sign-up rejected: email is required.');
  });

  test.each(['no-at-sign', '@example.com', 'a@', 'a@exa mple.com', 'a@localhost'])('invalid email %j is rejected', async email => {
    configure({ denied: ['evil.test'] });
    expect(await rejection(preSignUp({ email }))).toBe('Sign-up rejected: email is not a valid email address.');
  });

  test('denylist: denied domain and its subdomains rejected, others pass, no email passes', async () => {
    configure({ denied: ['evil.test'] });
    expect(await rejection(preSignUp({ email: 'a@evil.test' }))).toBe('Sign-up rejected: email domain is not allowed.');
    expect(await rejection(preSignUp({ email: 'a@mail.EVIL.test' }))).toBe('Sign-up rejected: email domain is not allowed.');
    await expect(handler(preSignUp({ email: EMAIL }))).resolves.toBeDefined();
    await expect(handler(preSignUp({}))).resolves.toBeDefined();
  });

  test('deny wins over allow', async () => {
    configure({ allowed: ['example.com'], denied: ['contractors.example.com'] });
    await expect(handler(preSignUp({ email: 'a@example.com' }))).resolves.toBeDefined();
    expect(await rejection(preSignUp({ email: 'a@contractors.example.com' }))).toMatch(/email domain is not allowed/);
  });

  test('applies to federated sign-up', async () => {
    configure({ denied: ['evil.test'] });
    expect(await rejection(preSignUp({ email: 'a@evil.test' }, 'PreSignUp_ExternalProvider'))).toMatch(/email domain/);
  });

  test('non-string email counts as absent', async () => {
    configure({ allowed: ['example.com'] });
    const event = preSignUp({});
    (event.request.userAttributes as Record<string, unknown>).email = 42;
    expect(await rejection(event)).toBe('Sign-up rejected: email is required.');
  });

  test('helpers', () => {
    expect(emailDomain('A@Sub.Example.COM')).toBe('sub.example.com');
    expect(normaliseDomains([' @Example.com', '.corp.test', ''])).toEqual(['example.com', 'corp.test']);
    expect(domainMatches('example.com', [])).toBe(false);
  });
});

describe('misconfiguration fails closed', () => {
  test.each<[string, () => void]>([
    ['REQUIRE_PHONE_NUMBER', () => (process.env[REQUIRE_PHONE_NUMBER] = 'yes')],
    ['ALLOWED_EMAIL_DOMAINS', () => (process.env[ALLOWED_EMAIL_DOMAINS] = 'example.com')],
    ['DENIED_EMAIL_DOMAINS', () => (process.env[DENIED_EMAIL_DOMAINS] = '{}')],
  ])('invalid %s rejects sign-ups and warns', async (name, breakIt) => {
    breakIt();
    expect(await rejection(preSignUp({ email: EMAIL }))).toBe('Sign-up rejected: sign-up is not available right now.');
    expect(out.json()[0]).toMatchObject({ level: 'WARN', trigger: 'sign-up-guard' });
    expect(out.json()[0].reason).toContain(name);
  });
});

describe('malformed events: unchanged, one warning', () => {
  beforeEach(() => configure({ phone: 'true', allowed: ['example.com'] }));
  test.each<[string, unknown, string]>([
    ['undefined', undefined, 'event is not an object'],
    ['a string', 'PreSignUp_SignUp', 'event is not an object'],
    ['wrong triggerSource', { ...preSignUp({}), triggerSource: 'PostConfirmation_ConfirmSignUp' }, 'unexpected triggerSource'],
    ['no request', { ...preSignUp({}), request: null }, 'request.userAttributes is not an object'],
    ['userAttributes array', { ...preSignUp({}), request: { userAttributes: [] } }, 'request.userAttributes is not an object'],
  ])('%s', async (_, event, reason) => {
    await expect(handler(event)).resolves.toBe(event);
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'sign-up-guard', reason }]);
  });
});

test('the Lambda entry works', async () => {
  configure({ denied: ['evil.test'] });
  const event: PreSignUpTriggerEvent = preSignUp({ email: 'a@evil.test' });
  await expect(lambdaHandler(event)).rejects.toThrow('Sign-up rejected: email domain is not allowed.');
});
