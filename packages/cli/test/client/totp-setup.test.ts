import { Secret, TOTP, URI } from 'otpauth';
import { buildTotpUri, renderTotpQr, totpFor, TotpSetupInput } from '../../src/client';

// Shaped like Cognito's AssociateSoftwareToken SecretCode: 32 bytes, base32, 52 characters.
const SECRET = Secret.fromHex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff').base32;
const INPUT: TotpSetupInput = { secret: SECRET, issuer: 'Example Corp', account: 'jane@example.com' };

describe('buildTotpUri', () => {
  test('has the otpauth shape authenticator apps expect', () => {
    const uri = buildTotpUri(INPUT);
    expect(uri).toBe(`otpauth://totp/Example%20Corp:jane%40example.com?issuer=Example%20Corp&secret=${SECRET}&algorithm=SHA1&digits=6&period=30`);
  });

  test('the secret is 52 base32 characters, like Cognito\'s', () => {
    expect(SECRET).toMatch(/^[A-Z2-7]{52}$/);
  });

  test('parses back and generates the same codes as a TOTP built from the secret', () => {
    const parsed = URI.parse(buildTotpUri(INPUT));
    expect(parsed).toBeInstanceOf(TOTP);
    const totp = parsed as TOTP;
    expect(totp.issuer).toBe('Example Corp');
    expect(totp.label).toBe('jane@example.com');
    const reference = new TOTP({ secret: Secret.fromBase32(SECRET), algorithm: 'SHA1', digits: 6, period: 30 });
    for (const timestamp of [0, 59_000, 1_700_000_000_000, Date.now()]) {
      expect(totp.generate({ timestamp })).toBe(reference.generate({ timestamp }));
    }
  });

  test('accepts lower case and grouped secrets (same key)', () => {
    const grouped = SECRET.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(totpFor({ ...INPUT, secret: grouped }).generate({ timestamp: 1e12 })).toBe(totpFor(INPUT).generate({ timestamp: 1e12 }));
  });

  test.each([
    [{ secret: '' }, /^secret must be a non-empty/],
    [{ secret: 'not base32!' }, /^secret must be base32/],
    [{ secret: 'ABC1' }, /^secret must be base32/],
    [{ issuer: '  ' }, /^issuer must be a non-empty string/],
    [{ issuer: 'Acme:Prod' }, /^issuer must not contain ':'/],
    [{ account: '' }, /^account must be a non-empty string/],
    [{ account: 'a:b' }, /^account must not contain ':'/],
    [{ account: undefined }, /^account must be a non-empty string/],
  ])('rejects %j naming the argument', (override, message) => {
    expect(() => buildTotpUri({ ...INPUT, ...override } as TotpSetupInput)).toThrow(message);
  });
});

describe('renderTotpQr', () => {
  test('svg markup', async () => {
    const svg = await renderTotpQr(INPUT, 'svg');
    expect(svg).toContain('<svg');
    expect(svg).not.toContain(SECRET); // the secret is encoded as modules, not as text
  });

  test('png data URL holding a real PNG', async () => {
    const url = await renderTotpQr(INPUT, 'png-data-url');
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: a square image.
    expect(png.readUInt32BE(16)).toBe(png.readUInt32BE(20));
  });

  test('terminal text with block characters', async () => {
    const text = await renderTotpQr(INPUT, 'terminal');
    expect(text.split('\n').length).toBeGreaterThan(10);
    expect(text).toMatch(/[█▀▄]/);
  });

  test('unknown format and invalid input are refused', async () => {
    await expect(renderTotpQr(INPUT, 'gif' as any)).rejects.toThrow(/format must be one of/);
    await expect(renderTotpQr({ ...INPUT, secret: '0' }, 'svg')).rejects.toThrow(/secret must be base32/);
  });
});
