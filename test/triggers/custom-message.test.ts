import type { CustomMessageTriggerEvent } from 'aws-lambda';
import { captureConsole, CapturedConsole } from './support/console';
import { customMessage, EMAIL } from './support/events';
import { CustomMessageConfig, MESSAGE_SOURCES } from '../../src/triggers/custom-message/config';
import { handler as lambdaHandler } from '../../src/triggers/custom-message/custom-message.lambda';
import { CUSTOM_MESSAGE_CONFIG } from '../../src/triggers/custom-message/env-names';
import { createCustomMessageHandler } from '../../src/triggers/custom-message/handler-logic';
import { renderMessage } from '../../src/triggers/custom-message/render';

const CONFIG: CustomMessageConfig = {
  localeAttribute: 'locale',
  defaultLocale: 'en',
  templates: {
    'en': {
      SignUp: { subject: 'Welcome', message: 'Your verification code is {####}' },
      ForgotPassword: { message: 'Reset code: {####}' },
      AdminCreateUser: { subject: 'Invitation', message: 'User {username}, temporary password {####}' },
    },
    'de': { SignUp: { subject: 'Willkommen', message: 'Ihr Bestätigungscode lautet {####}' } },
    'de-CH': { SignUp: { message: 'Grüezi, Ihr Code: {####}' } },
    'fr': { Authentication: { message: `Code: {####}. ${'x'.repeat(140)}` } },
  },
};

let out: CapturedConsole;
const handler = createCustomMessageHandler();

beforeEach(() => {
  out = captureConsole();
  process.env[CUSTOM_MESSAGE_CONFIG] = JSON.stringify(CONFIG);
});
afterEach(() => out.restore());

async function run(event: CustomMessageTriggerEvent): Promise<CustomMessageTriggerEvent['response']> {
  const result = (await handler(event)) as CustomMessageTriggerEvent;
  expect(result).toBe(event);
  return result.response;
}

test('sets sms, email message and subject with the code parameter in place of {####}', async () => {
  expect(await run(customMessage('CustomMessage_SignUp'))).toEqual({
    smsMessage: 'Your verification code is {####}',
    emailMessage: 'Your verification code is {####}',
    emailSubject: 'Welcome',
  });
  expect(out.lines()).toEqual([]);
});

test('the output contains whatever codeParameter Cognito sends', async () => {
  const event = customMessage('CustomMessage_ForgotPassword');
  event.request.codeParameter = '$&-123456';
  const response = await run(event);
  expect(response.emailMessage).toBe('Reset code: $&-123456');
  expect(response.emailSubject).toBeNull(); // no subject in the template: Cognito's
});

test('AdminCreateUser fills {username} and {####}', async () => {
  const event = customMessage('CustomMessage_AdminCreateUser');
  event.request.usernameParameter = 'u-{####}';
  expect((await run(event)).emailMessage).toBe('User u-{####}, temporary password {####}');
});

test.each([
  ['de', 'Ihr Bestätigungscode lautet {####}'],
  ['DE', 'Ihr Bestätigungscode lautet {####}'],
  ['de-AT', 'Ihr Bestätigungscode lautet {####}'],
  ['de_AT', 'Ihr Bestätigungscode lautet {####}'],
  ['de-CH', 'Grüezi, Ihr Code: {####}'],
  ['de-ch', 'Grüezi, Ihr Code: {####}'],
  ['fr', 'Your verification code is {####}'], // fr has no SignUp: default locale
  ['es', 'Your verification code is {####}'],
  ['', 'Your verification code is {####}'],
  ['constructor', 'Your verification code is {####}'],
])('locale %j picks its template', async (locale, expected) => {
  expect((await run(customMessage('CustomMessage_SignUp', { email: EMAIL, locale }))).emailMessage).toBe(expected);
});

test('localeAttribute can be a custom attribute; defaultLocale is honoured', async () => {
  process.env[CUSTOM_MESSAGE_CONFIG] = JSON.stringify({ ...CONFIG, localeAttribute: 'custom:lang', defaultLocale: 'de' });
  expect((await run(customMessage('CustomMessage_SignUp', { 'custom:lang': 'de-CH' }))).emailMessage).toBe('Grüezi, Ihr Code: {####}');
  expect((await run(customMessage('CustomMessage_SignUp', { locale: 'en' }))).emailMessage).toBe('Ihr Bestätigungscode lautet {####}');
});

test('defaults apply when localeAttribute/defaultLocale are omitted', async () => {
  process.env[CUSTOM_MESSAGE_CONFIG] = JSON.stringify({ templates: CONFIG.templates });
  expect((await run(customMessage('CustomMessage_SignUp', { locale: 'de' }))).emailMessage).toBe('Ihr Bestätigungscode lautet {####}');
  expect((await run(customMessage('CustomMessage_SignUp', {}))).emailMessage).toBe('Your verification code is {####}');
});

test.each(MESSAGE_SOURCES.filter(s => !['SignUp', 'ForgotPassword', 'AdminCreateUser'].includes(s)))('no template for %s: unchanged (Cognito default)', async source => {
  const event = customMessage(`CustomMessage_${source}` as CustomMessageTriggerEvent['triggerSource']);
  expect(await run(event)).toEqual({ smsMessage: null, emailMessage: null, emailSubject: null });
});

test('a message too long for SMS keeps Cognito default SMS and warns without content', async () => {
  const response = await run(customMessage('CustomMessage_Authentication', { locale: 'fr' }));
  expect(response.smsMessage).toBeNull();
  expect(response.emailMessage).toContain('{####}');
  expect(out.json()).toEqual([
    { level: 'WARN', trigger: 'custom-message', reason: 'message longer than the SMS limit; Cognito default SMS message kept', source: 'Authentication' },
  ]);
});

test.each<[string, string | undefined, string]>([
  ['unset', undefined, 'CUSTOM_MESSAGE_CONFIG is not set'],
  ['not JSON', '{', 'CUSTOM_MESSAGE_CONFIG is not valid JSON'],
  ['invalid', JSON.stringify({ templates: { en: { SignUp: { message: 'no code' } } } }), 'CUSTOM_MESSAGE_CONFIG is invalid (1 problems)'],
])('config %s: unchanged, one warning per container', async (_, value, reason) => {
  if (value === undefined) delete process.env[CUSTOM_MESSAGE_CONFIG];
  else process.env[CUSTOM_MESSAGE_CONFIG] = value;
  expect(await run(customMessage('CustomMessage_SignUp'))).toEqual({ smsMessage: null, emailMessage: null, emailSubject: null });
  await run(customMessage('CustomMessage_SignUp'));
  expect(out.json()).toEqual([{ level: 'WARN', trigger: 'custom-message', reason: `${reason}; Cognito default messages are used` }]);
});

describe('malformed events: unchanged, one warning', () => {
  const signUp = customMessage('CustomMessage_SignUp');
  test.each<[string, unknown, string]>([
    ['null', null, 'event is not an object'],
    ['a number', 7, 'event is not an object'],
    ['wrong triggerSource', { ...signUp, triggerSource: 'PreSignUp_SignUp' }, 'unexpected triggerSource'],
    ['unknown message source', { ...signUp, triggerSource: 'CustomMessage_Other' }, 'unexpected triggerSource'],
    ['no request', { ...signUp, request: undefined }, 'request is not an object'],
    ['codeParameter missing', { ...signUp, request: { userAttributes: {} } }, 'request.codeParameter is not a string'],
    ['AdminCreateUser without usernameParameter', customMessage('CustomMessage_AdminCreateUser', {}), 'request.usernameParameter is not a string'],
  ])('%s', async (_, event, reason) => {
    if (reason.includes('usernameParameter')) (event as CustomMessageTriggerEvent).request.usernameParameter = null;
    const before = JSON.stringify(event);
    await expect(handler(event)).resolves.toBe(event);
    expect(JSON.stringify(event)).toBe(before);
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'custom-message', reason }]);
  });

  test('missing userAttributes uses the default locale; a non-object response is replaced', async () => {
    const event = { ...signUp, request: { codeParameter: '{####}' }, response: null } as unknown as CustomMessageTriggerEvent;
    expect((await run(event)).emailMessage).toBe('Your verification code is {####}');
  });
});

test('renderMessage leaves {username} when no usernameParameter is given', () => {
  expect(renderMessage('{username}: {####} {####}', '1', undefined)).toBe('{username}: 1 1');
});

test('the Lambda entry works', async () => {
  const event = customMessage('CustomMessage_SignUp');
  await lambdaHandler(event);
  expect(event.response.smsMessage).toBe('Your verification code is {####}');
});
