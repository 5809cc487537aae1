import { CustomMessageConfig } from '../../src/triggers/custom-message/config';
import { LAMBDA_ENV_LIMIT_BYTES, serializeCustomMessageConfig } from '../../src/triggers/custom-message/serialize';
import { validateCustomMessageConfig } from '../../src/triggers/custom-message/validate';

const valid: CustomMessageConfig = {
  localeAttribute: 'locale',
  defaultLocale: 'en',
  templates: {
    en: {
      SignUp: { subject: 'Welcome', message: 'Your code is {####}' },
      AdminCreateUser: { message: 'Hello {username}, your temporary password is {####}' },
    },
  },
};

describe('validateCustomMessageConfig', () => {
  test('a valid config has no problems', () => {
    expect(validateCustomMessageConfig(valid)).toEqual([]);
  });

  test('names the path of each problem', () => {
    const config = {
      localeAttribute: '',
      defaultLocale: 3,
      templates: {
        de: {
          SignUp: { message: 'Ihr Code' },
          AdminCreateUser: { message: 'Passwort {####}' },
          ForgotPassword: { message: 'Hallo {username}: {####}' },
          Welcome: { message: '{####}' },
          ResendCode: { message: 42 },
          Authentication: 'x',
          VerifyUserAttribute: { message: '{####}', subject: '' },
          UpdateUserAttribute: { message: '{####}', subject: 's'.repeat(141) },
        },
        fr: [],
      },
    } as unknown as CustomMessageConfig;
    expect(validateCustomMessageConfig(config)).toEqual([
      'triggers.customMessages.localeAttribute must be a non-empty string',
      'triggers.customMessages.defaultLocale must be a non-empty string',
      'triggers.customMessages.templates.de.SignUp.message must contain {####}',
      'triggers.customMessages.templates.de.AdminCreateUser.message must contain {username}',
      'triggers.customMessages.templates.de.ForgotPassword.message must not contain {username} (only AdminCreateUser messages have it)',
      'triggers.customMessages.templates.de.Welcome: Welcome is not a message source (expected one of SignUp, ResendCode, ForgotPassword, Authentication, UpdateUserAttribute, VerifyUserAttribute, AdminCreateUser)',
      'triggers.customMessages.templates.de.ResendCode.message must be a string',
      'triggers.customMessages.templates.de.Authentication must be an object with a message',
      'triggers.customMessages.templates.de.VerifyUserAttribute.subject must be a string of 1-140 characters',
      'triggers.customMessages.templates.de.UpdateUserAttribute.subject must be a string of 1-140 characters',
      'triggers.customMessages.templates.fr must be an object of message sources',
    ]);
  });

  test('SMS limit 6-140 by default, email limit 6-20000 when messages are only emailed', () => {
    const long = { templates: { en: { SignUp: { message: `{####}${'x'.repeat(135)}` } } } };
    expect(validateCustomMessageConfig(long)).toEqual([
      'triggers.customMessages.templates.en.SignUp.message must be 6-140 characters (SMS limit; set smsDelivery: false if messages are only emailed), got 141',
    ]);
    expect(validateCustomMessageConfig(long, { smsDelivery: false })).toEqual([]);
    const huge = { templates: { en: { SignUp: { message: `{####}${'x'.repeat(19_995)}` } } } };
    expect(validateCustomMessageConfig(huge, { smsDelivery: false, path: 'p' })).toEqual(['p.templates.en.SignUp.message must be 6-20000 characters, got 20001']);
    expect(validateCustomMessageConfig({ templates: { en: { SignUp: { message: '{####}' } } } })).toEqual([]);
  });

  test('non-objects', () => {
    expect(validateCustomMessageConfig(null as unknown as CustomMessageConfig)).toEqual(['triggers.customMessages must be an object']);
    expect(validateCustomMessageConfig({} as CustomMessageConfig)).toEqual(['triggers.customMessages.templates must be an object of locales']);
    expect(validateCustomMessageConfig({ templates: { '': {} } })).toEqual(['triggers.customMessages.templates has an empty locale name']);
  });
});

describe('serializeCustomMessageConfig', () => {
  test('compact JSON with defaults filled in, and its size', () => {
    const result = serializeCustomMessageConfig({ templates: valid.templates });
    expect(JSON.parse(result.value)).toEqual(valid);
    expect(result.bytes).toBe(Buffer.byteLength(`CUSTOM_MESSAGE_CONFIG${result.value}`));
    expect(result.problems).toEqual([]);
  });

  test('reports when the environment would exceed 4 KB (UTF-8 bytes, not characters)', () => {
    const templates: Record<string, CustomMessageConfig['templates'][string]> = {};
    for (const locale of ['de', 'fr', 'it', 'es', 'pt', 'nl', 'sv', 'pl', 'da', 'fi', 'no', 'cs', 'sk', 'hu', 'ro', 'tr']) {
      templates[locale] = { SignUp: { message: `Bestätigungscode für Sie: {####} ${'ü'.repeat(120)}`.slice(0, 140) } };
    }
    const result = serializeCustomMessageConfig({ templates });
    expect(result.value.length).toBeLessThan(LAMBDA_ENV_LIMIT_BYTES);
    expect(result.bytes).toBeGreaterThan(LAMBDA_ENV_LIMIT_BYTES);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^triggers\.customMessages is \d+ bytes as CUSTOM_MESSAGE_CONFIG; .* over the 4096-byte \(4 KB\) limit/);
  });

  test('counts the other variables', () => {
    const { bytes } = serializeCustomMessageConfig(valid);
    expect(serializeCustomMessageConfig(valid, { otherEnvBytes: LAMBDA_ENV_LIMIT_BYTES - bytes }).problems).toEqual([]);
    expect(serializeCustomMessageConfig(valid, { otherEnvBytes: LAMBDA_ENV_LIMIT_BYTES - bytes + 1 }).problems).toHaveLength(1);
  });
});
