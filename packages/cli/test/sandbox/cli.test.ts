import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { synthPool, waitFor } from '../support';

describe('cdk-mfa-auth CLI', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  });
  afterEach(() => jest.restoreAllMocks());

  test('lists commands and refuses unknown ones', async () => {
    expect(await main(['--help'])).toBe(0);
    expect(output.join('')).toContain('sandbox');
    expect(await main(['nope'])).toBe(2);
    expect(output.join('')).toContain("cdk-mfa-auth: unknown command 'nope'");
  });

  test('sandbox prints endpoint, pool and client ids, and stops on SIGINT with state saved', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
    const templateFile = path.join(dir, 'App.template.json');
    fs.writeFileSync(templateFile, JSON.stringify(synthPool({ signInAliases: { email: true } })));
    const stateFile = path.join(dir, 'state.json');
    const running = main(['sandbox', '--template', templateFile, '--port', '0', '--state', stateFile, '--outbox', path.join(dir, 'outbox'),
      '--cors-origin', 'http://192.168.1.5:5173', '--admin-credentials', 'generate']);
    let text = '';
    try {
      await waitFor(() => output.join('').includes('Ctrl-C'), 'the sandbox to print its banner');
      text = output.join('');
    } finally {
      process.emit('SIGINT'); // stop the sandbox even when an expectation below fails
    }
    expect(await running).toBe(0);
    expect(text).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toMatch(/User pool App\/Pool\w+: us-east-1_\w{9}/);
    // The L2's client defaults enable the OAuth code and implicit grants.
    expect(text).toMatch(/client PoolWeb\w+: [a-z0-9]{26} \(sign-in: USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH; OAuth: implicit, code\)/);
    expect(text).toContain("Browser origins allowed: localhost origins, the app clients' callback/logout URLs, http://192.168.1.5:5173");
    expect(text).toMatch(/Admin API: SigV4 checked against AWS_ACCESS_KEY_ID=AKIA[A-Z0-9]{16} AWS_SECRET_ACCESS_KEY=\S{40}/);
    // The state is a SQLite database (its file header), closed and unlocked once the sandbox stopped.
    expect(fs.readFileSync(stateFile).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
  });

  test('the banner prints, per OAuth client of a domain, a sign-in URL that opens the hosted sign-in page', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
    const templateFile = path.join(dir, 'App.template.json');
    fs.writeFileSync(templateFile, JSON.stringify(synthPool(
      { signInAliases: { email: true } },
      { oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['http://localhost:5173/callback', 'http://localhost:5173/other'] } },
      (_stack, pool) => { pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'cli-banner' } }); },
    )));
    const running = main(['sandbox', '--template', templateFile, '--port', '0', '--state', path.join(dir, 'state.db')]);
    let text = '';
    try {
      await waitFor(() => output.join('').includes('Ctrl-C'), 'the sandbox to print its banner');
      text = output.join('');
      const url = /sign-in page for PoolWeb\w+: (\S+)/.exec(text)?.[1];
      expect(url).toBeDefined();
      const params = new URL(url!).searchParams;
      expect(Object.fromEntries(params)).toMatchObject({ response_type: 'code', redirect_uri: 'http://localhost:5173/callback' });
      expect(params.get('scope')!.split(' ')).toContain('openid');
      // As a browser opens it: redirects followed, the sign-in form at the end.
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<input[^>]+type="password"/);
    } finally {
      process.emit('SIGINT');
    }
    expect(await running).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a busy port is named, with how to pick another', async () => {
    const busy = net.createServer();
    await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
    const templateFile = path.join(dir, 'App.template.json');
    fs.writeFileSync(templateFile, JSON.stringify(synthPool({ signInAliases: { email: true } })));
    try {
      await expect(main(['sandbox', '--template', templateFile, '--port', String(port), '--state', path.join(dir, 'state.db')]))
        .rejects.toThrow(`port ${port} is in use (another sandbox?); pick another with --port N, or --port 0 for any free port`);
    } finally {
      await new Promise(resolve => busy.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('sandbox refuses malformed --admin-credentials by name', async () => {
    expect(await main(['sandbox', '--template', 'x.json', '--admin-credentials', 'only-a-key'])).toBe(2);
    expect(output.join('')).toMatch(/--admin-credentials must be 'generate' or ACCESS_KEY_ID:SECRET_ACCESS_KEY/);
  });
});
