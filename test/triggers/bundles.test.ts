/**
 * The bundled handlers in assets/ (built by `npx projen bundle`, which the build runs before tests)
 * load in plain Node and behave like the sources. A missing bundle fails: the construct ships them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { captureConsole, CapturedConsole } from './support/console';
import { customMessage, preSignUp, preTokenV1, preTokenV2 } from './support/events';
import * as customMessageEnv from '../../src/triggers/custom-message/env-names';
import * as mfaByGroupEnv from '../../src/triggers/mfa-by-group/env-names';
import * as signUpGuardEnv from '../../src/triggers/sign-up-guard/env-names';

/** Every built-in trigger's environment variable names. */
const env = { ...mfaByGroupEnv, ...signUpGuardEnv, ...customMessageEnv };

type Handler = (event: unknown) => Promise<unknown>;
const ASSETS = path.join(__dirname, '..', '..', 'assets', 'triggers');
const NAMES = ['mfa-by-group', 'sign-up-guard', 'custom-message'];

function bundlePath(name: string): string {
  return path.join(ASSETS, name, `${name}.lambda`, 'index.js');
}

function load(name: string): Handler {
  const file = bundlePath(name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen bundle\` (the build does) before the tests`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { handler: Handler }).handler;
}

let out: CapturedConsole;
beforeEach(() => (out = captureConsole()));
afterEach(() => out.restore());

test.each(NAMES)('%s bundle is minified, self-contained apart from the AWS SDK, and under 10 KB', name => {
  const code = fs.readFileSync(bundlePath(name), 'utf8');
  expect(Buffer.byteLength(code)).toBeLessThan(10 * 1024);
  const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map(m => m[1]);
  expect(required.filter(r => !r.startsWith('@aws-sdk/'))).toEqual([]);
});

describe('mfa-by-group bundle', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    // A real SDK client that cannot reach Cognito: an unused local port, no retries, dummy credentials.
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
      [env.MFA_REQUIRED_GROUPS]: '["admins"]',
    });
  });
  afterAll(() => {
    process.env = saved;
  });

  test('user outside the groups: unchanged without calling Cognito', async () => {
    const event = preTokenV1(['readers']);
    await expect(load('mfa-by-group')(event)).resolves.toBe(event);
    expect(event.response.claimsOverrideDetails).toBeNull();
    expect(out.lines()).toEqual([]);
  });

  test('Cognito unreachable: fails closed with the real SDK client', async () => {
    const event = preTokenV2(['admins', 'readers']);
    await load('mfa-by-group')(event);
    expect(event.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual(['readers']);
    expect(out.json()).toEqual([expect.objectContaining({ level: 'WARN', trigger: 'mfa-by-group', reason: 'AdminGetUser failed; privileged groups withheld' })]);
  });

  test('malformed event: unchanged, one warning', async () => {
    await expect(load('mfa-by-group')(null)).resolves.toBeNull();
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'mfa-by-group', reason: 'event is not an object' }]);
  });
});

describe('sign-up-guard bundle', () => {
  beforeAll(() => {
    process.env[env.REQUIRE_PHONE_NUMBER] = 'true';
    process.env[env.DENIED_EMAIL_DOMAINS] = '["evil.test"]';
  });
  afterAll(() => {
    delete process.env[env.REQUIRE_PHONE_NUMBER];
    delete process.env[env.DENIED_EMAIL_DOMAINS];
  });

  test('accepts a compliant sign-up and rejects a violating one', async () => {
    const handler = load('sign-up-guard');
    const ok = preSignUp({ email: 'a@example.com', phone_number: '+14155550100' });
    await expect(handler(ok)).resolves.toBe(ok);
    await expect(handler(preSignUp({ email: 'a@evil.test', phone_number: '+14155550100' }))).rejects.toThrow('Sign-up rejected: email domain is not allowed.');
  });
});

describe('custom-message bundle', () => {
  beforeAll(() => {
    process.env[env.CUSTOM_MESSAGE_CONFIG] = JSON.stringify({ templates: { en: { SignUp: { subject: 'Hi', message: 'Code: {####}' } } } });
  });
  afterAll(() => delete process.env[env.CUSTOM_MESSAGE_CONFIG]);

  test('renders the template with the code parameter', async () => {
    const event = customMessage('CustomMessage_SignUp');
    await load('custom-message')(event);
    expect(event.response).toEqual({ smsMessage: 'Code: {####}', emailMessage: 'Code: {####}', emailSubject: 'Hi' });
  });
});
