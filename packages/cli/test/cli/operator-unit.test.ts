import { parseUserCommandArgs, UsageError } from '../../src/cli/operator/args';
import { auditLine } from '../../src/cli/operator/audit';
import { formatMfaStatus } from '../../src/cli/operator/mfa-status';
import { maskEmail, maskIdentifier, maskPhone, printable, printableJson, scrub, userRef } from '../../src/cli/operator/redact';
import { planTotpRecovery, preferenceFor } from '../../src/cli/operator/totp-recovery-plan';
import { UserMfaState } from '../../src/cli/operator/user-state';

describe('masking', () => {
  test('emails keep a first letter and the top-level domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskEmail('nobody')).toBe('***');
  });

  test('phone numbers keep the last two digits', () => {
    expect(maskPhone('+14155550123')).toBe('+*********23');
    expect(maskPhone('12')).toBe('***');
  });

  test('identifiers are masked only when they look like an email or a phone number', () => {
    expect(maskIdentifier('a@b.io')).toBe('a***@b***.io');
    expect(maskIdentifier('+4915112345678')).toBe('+***********78');
    expect(maskIdentifier('3f1c0a9e-0000-4000-8000-000000000000')).toBe('3f1c0a9e-0000-4000-8000-000000000000');
  });

  test('scrub replaces the typed user name in messages', () => {
    expect(scrub('User jane@example.com does not exist', ['jane@example.com'])).toBe('User j***@e***.com does not exist');
  });

  test('user references are stable SHA-256 prefixes', () => {
    expect(userRef('jane@example.com')).toMatch(/^[0-9a-f]{12}$/);
    expect(userRef('jane@example.com')).toBe(userRef('jane@example.com'));
    expect(userRef('jane@example.com')).not.toBe(userRef('john@example.com'));
  });
});

describe('audit line', () => {
  test('one JSON object with the user as a hash', () => {
    const line = auditLine({ action: 'recover-totp', userPoolId: 'us-east-1_abc', username: 'jane@example.com', result: 'dry-run', plan: 'disable-totp' }, new Date(0));
    expect(line.startsWith('AUDIT {')).toBe(true);
    expect(JSON.parse(line.slice('AUDIT '.length))).toEqual({
      time: '1970-01-01T00:00:00.000Z', action: 'recover-totp', userPoolId: 'us-east-1_abc', user: userRef('jane@example.com'), result: 'dry-run', plan: 'disable-totp',
    });
    expect(line).not.toContain('jane');
  });
});

describe('arguments', () => {
  const base = ['--user-pool-id', 'eu-central-1_AbC123', '--username', 'u'];

  test('region comes from the pool id when not given', () => {
    expect(parseUserCommandArgs(base, {})).toEqual({ userPoolId: 'eu-central-1_AbC123', username: 'u', region: 'eu-central-1', endpoint: undefined, confirm: false, json: false });
    expect(parseUserCommandArgs([...base, '--region', 'us-west-2', '--confirm'], {})).toMatchObject({ region: 'us-west-2', confirm: true });
    expect(parseUserCommandArgs(base, { AWS_REGION: 'ap-south-1' })).toMatchObject({ region: 'ap-south-1' });
  });

  test.each([
    [['--username', 'u'], /--user-pool-id is required/],
    [['--user-pool-id', 'eu-central-1_AbC123'], /--username is required/],
    [['--user-pool-id', 'local_pool', '--username', 'u'], /--region is required/],
    [[...base, '--endpoint', 'localhost:9229'], /--endpoint must be an http\(s\) URL/],
    [[...base, '--force'], /--force/],
  ])('%j is refused naming the option', (args, message) => {
    expect(() => parseUserCommandArgs(args, {})).toThrow(UsageError);
    expect(() => parseUserCommandArgs(args, {})).toThrow(message);
  });
});

describe('TOTP recovery plan (Cognito rules)', () => {
  const state = (over: Partial<UserMfaState> & { mode?: UserMfaState['pool']['mode']; poolFactors?: UserMfaState['pool']['factors'] }): UserMfaState => ({
    username: 'u',
    enabled: true,
    factors: ['TOTP'],
    preferred: 'TOTP',
    pool: { mode: over.mode ?? 'REQUIRED', factors: over.poolFactors ?? ['TOTP', 'SMS'] },
    ...over,
  });

  test('no TOTP: nothing to do', () => {
    expect(planTotpRecovery(state({ factors: ['SMS'] }))).toEqual({ kind: 'no-totp' });
    expect(preferenceFor({ kind: 'no-totp' })).toBeUndefined();
  });

  test('OPTIONAL (and OFF): turn TOTP off', () => {
    for (const mode of ['OPTIONAL', 'OFF'] as const) expect(planTotpRecovery(state({ mode }))).toEqual({ kind: 'disable-totp' });
    expect(preferenceFor({ kind: 'disable-totp' })).toEqual({ SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
  });

  test('REQUIRED: switch to SMS with a verified phone, or EMAIL with a verified email', () => {
    expect(planTotpRecovery(state({ phone: { masked: 'x', verified: true } }))).toEqual({ kind: 'switch', to: 'SMS' });
    expect(planTotpRecovery(state({ poolFactors: ['TOTP', 'EMAIL'], email: { masked: 'x', verified: true } }))).toEqual({ kind: 'switch', to: 'EMAIL' });
    expect(preferenceFor({ kind: 'switch', to: 'EMAIL' })).toEqual({
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false }, EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });

  test('REQUIRED: a factor the user already has wins', () => {
    const s = state({ poolFactors: ['TOTP', 'SMS', 'EMAIL'], factors: ['TOTP', 'EMAIL'], phone: { masked: 'x', verified: true }, email: { masked: 'y', verified: true } });
    expect(planTotpRecovery(s)).toEqual({ kind: 'switch', to: 'EMAIL' });
  });

  test('REQUIRED without a verified factor the pool allows: blocked, with options', () => {
    const unverified = planTotpRecovery(state({ phone: { masked: 'x', verified: false }, email: { masked: 'y', verified: true } }));
    expect(unverified.kind).toBe('blocked');
    expect(unverified.kind === 'blocked' && unverified.options.join('\n')).toMatch(/verify the user's phone number.*\n.*delete the user/);
    const totpOnly = planTotpRecovery(state({ poolFactors: ['TOTP'], phone: { masked: 'x', verified: true } }));
    expect(totpOnly.kind === 'blocked' && totpOnly.options[0]).toMatch(/no other factor/);
    expect(preferenceFor(totpOnly)).toBeUndefined();
  });
});

describe('values from Cognito are printed escaped', () => {
  const forged = 'eve\n\u001b[2KDone.\u202e\\';

  test('printable escapes control characters, line breaks, bidi overrides and backslashes', () => {
    expect(printable(forged)).toBe('eve\\n\\x1b[2KDone.\\u202e\\\\');
    expect(printable('\u0007\u007f\u009b\u2028\t\r')).toBe('\\x07\\x7f\\x9b\\u2028\\t\\r');
    expect(printable('Jane’s Laptop (été) 📱')).toBe('Jane’s Laptop (été) 📱');
  });

  test('printableJson stays JSON and reads back the same value', () => {
    const json = printableJson({ username: forged });
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json)).toEqual({ username: forged });
  });

  test('mfa-status prints a forged user name and status on their own lines, escaped', () => {
    const lines = formatMfaStatus('us-east-1_abc', {
      username: forged,
      status: 'CONFIRMED\nPreferred:    NONE',
      enabled: true,
      factors: ['TOTP'],
      pool: { mode: 'REQUIRED', factors: ['TOTP'] },
      email: { masked: '\u001b***@e***.com', verified: true },
    });
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(lines[1]).toBe('User:         eve\\n\\x1b[2KDone.\\u202e\\\\ (CONFIRMED\\nPreferred:    NONE)');
    expect(lines[5]).toBe('Email:        \\x1b***@e***.com (verified)');
  });
});
