/**
 * The pool's managed login branding, as the construct writes it (AWS::Cognito::ManagedLoginBranding
 * from `domain.branding`), rendered by the sandbox's hosted sign-in in Debian's Chromium: the
 * screenshot shows the brand color on the primary button and the page background, and the page
 * shows the logo and favicon whose bytes are the asset files'.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { crc32, deflateSync, inflateSync } from 'zlib';
import { BrandingAssetCategory, BrandingColorMode } from '@cdk-mfa/auth';
import { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotDir, screenshotter } from './chromium';
import { synthAuth } from '../../../../test/support/synth';
import { Sandbox, startSandbox } from '../../src/sandbox';

jest.setTimeout(120_000);

const CALLBACK = 'http://localhost:3000/callback';
/** The brand's colors, far from the default look's blue button and grey page. */
const BUTTON = { r: 0x1d, g: 0x81, b: 0x02 };
const PAGE = { r: 0xff, g: 0xf4, b: 0xe5 };
const LOGO_COLOR = { r: 0xd1, g: 0x32, b: 0x12 };
const hex = (c: { r: number; g: number; b: number }) => [c.r, c.g, c.b].map(v => v.toString(16).padStart(2, '0')).join('');

let dir: string;
let logo: Buffer;
let favicon: Buffer;
let sandbox: Sandbox;
let browser: Browser;
let shot: (page: Page, name: string) => Promise<string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branding-'));
  logo = pngFile(48, 24, LOGO_COLOR);
  favicon = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#1d8102"/></svg>');
  fs.writeFileSync(path.join(dir, 'logo.png'), logo);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), favicon);
  const { template } = synthAuth({
    loginWith: { email: {} },
    client: { oauth: { callbackUrls: [CALLBACK] } },
    domain: {
      cognitoPrefix: 'brand-preview',
      branding: {
        settings: {
          components: {
            primaryButton: { lightMode: { defaults: { backgroundColor: `${hex(BUTTON)}ff`, textColor: 'ffffffff' } } },
            pageBackground: { lightMode: { color: `${hex(PAGE)}ff` } },
            form: { logo: { enabled: true } },
          },
        },
        assets: [
          { category: BrandingAssetCategory.FORM_LOGO, colorMode: BrandingColorMode.LIGHT, file: path.join(dir, 'logo.png') },
          { category: BrandingAssetCategory.FAVICON_SVG, colorMode: BrandingColorMode.DYNAMIC, file: path.join(dir, 'favicon.svg') },
        ],
      },
    },
  });
  [sandbox, browser] = await Promise.all([startSandbox({ template: template.toJSON(), log: () => undefined }), launchChromium()]);
  shot = screenshotter(screenshotDir('branding'));
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A PNG of one color (8-bit RGB), as an image editor would save a logo. */
function pngFile(width: number, height: number, c: { r: number; g: number; b: number }): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [c.r, c.g, c.b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** The color of one pixel of the page as Chromium painted it (a 1x1 PNG: its one filtered pixel is its value). */
async function pixel(page: Page, x: number, y: number) {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 }, animations: 'disabled' });
  const colorType = png[25];
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  expect([2, 6]).toContain(colorType);
  return { r: raw[1], g: raw[2], b: raw[3] };
}

const dataUrlBytes = (url: string | null) => Buffer.from(/^data:[^;]+;base64,(.*)$/.exec(url ?? '')?.[1] ?? '', 'base64');

test('the sign-in page shows the brand color, page background, logo and favicon of the template\'s branding', async () => {
  const pool = sandbox.userPools[0];
  const client = pool.clients[0];
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const complaints: string[] = [];
  page.on('console', m => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) complaints.push(m.text());
  });
  page.on('pageerror', e => complaints.push(e.message));
  const query = new URLSearchParams({ client_id: client.id, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email' });
  await page.goto(`${pool.domains[0].baseUrl}/oauth2/authorize?${query}`);
  const button = page.locator('button[type=submit]', { hasText: 'Sign in' });
  await button.waitFor();
  const img = page.locator('img.logo');
  // Loaded, whatever the machine's speed: wait for the image to be decoded rather than for a time.
  await page.waitForFunction('(() => { const el = document.querySelector("img.logo"); return !!el && el.complete && el.naturalWidth > 0; })()', undefined, { timeout: 60_000 });
  await page.mouse.move(0, 0);
  await shot(page, 'branded-sign-in');

  // The logo: the FORM_LOGO file's own bytes, decoded by the browser at its size.
  expect(await img.evaluate((el: any) => [el.naturalWidth, el.naturalHeight])).toEqual([48, 24]);
  expect(dataUrlBytes(await img.getAttribute('src')).equals(logo)).toBe(true);
  const box = (await img.boundingBox())!;
  expect(await pixel(page, box.x + box.width / 2, box.y + box.height / 2)).toEqual(LOGO_COLOR);
  // The favicon: the FAVICON_SVG file.
  expect(dataUrlBytes(await page.locator('link[rel=icon][type="image/svg+xml"]').getAttribute('href')).equals(favicon)).toBe(true);

  // The primary button in the brand color, as computed and as painted (left of its label).
  expect(await button.evaluate(el => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe(`rgb(${BUTTON.r}, ${BUTTON.g}, ${BUTTON.b})`);
  const b = (await button.boundingBox())!;
  expect(await pixel(page, b.x + b.width * 0.1, b.y + b.height / 2)).toEqual(BUTTON);
  // The page background beside the form.
  const form = (await page.locator('main').boundingBox())!;
  expect(await pixel(page, form.x / 2, form.y + form.height / 2)).toEqual(PAGE);

  // The page's strict CSP let the images and the sandbox's script through, and blocked nothing of its own.
  expect(await page.locator('button.show-password').isVisible()).toBe(true);
  expect(complaints).toEqual([]);
  await context.close();
});

test('a client whose style uses Cognito\'s values keeps the default look', async () => {
  const { template } = synthAuth({ loginWith: { email: {} }, client: { oauth: { callbackUrls: [CALLBACK] } }, domain: { cognitoPrefix: 'plain-look' } });
  const plain = await startSandbox({ template: template.toJSON(), log: () => undefined });
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  try {
    const pool = plain.userPools[0];
    const page = await context.newPage();
    const query = new URLSearchParams({ client_id: pool.clients[0].id, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' });
    await page.goto(`${pool.domains[0].baseUrl}/oauth2/authorize?${query}`);
    const button = page.locator('button[type=submit]', { hasText: 'Sign in' });
    await button.waitFor();
    await page.mouse.move(0, 0);
    await shot(page, 'cognito-default-look');
    expect(await button.evaluate(el => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe('rgb(9, 114, 211)');
    expect(await page.locator('img.logo').count()).toBe(0);
  } finally {
    await context.close();
    await plain.stop();
  }
});
