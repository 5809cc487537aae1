/** `cdk-mfa-auth sandbox --quotas`: the flag's value checked before anything starts, and the exit report on Ctrl-C. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { synthPool, waitFor } from '../support';

describe('sandbox --quotas', () => {
  let out: string[];
  let dir: string;
  let templateFile: string;
  beforeEach(() => {
    out = [];
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => { out.push(String(chunk)); return true; });
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => { out.push(String(chunk)); return true; });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-quotas-'));
    templateFile = path.join(dir, 'App.template.json');
    fs.writeFileSync(templateFile, JSON.stringify(synthPool({ signInAliases: { email: true } })));
  });
  afterEach(() => jest.restoreAllMocks());

  const sandbox = (quotas: string) => main(['sandbox', '--template', templateFile, '--port', '0', '--state', path.join(dir, 'state.db'), '--quotas', quotas]);
  const quotasFile = (content: string) => {
    const file = path.join(dir, 'quotas.json');
    fs.writeFileSync(file, content);
    return file;
  };

  test.each([
    ['an unknown category, with the near name', { UserAuth: 10 }, "unknown category 'UserAuth' (did you mean UserAuthentication?); the categories are UserAuthentication, UserCreation"],
    ['a rate of 0', { UserCreation: 0 }, "UserCreation: the rate must be a whole number of requests per second, at least 1 (Cognito's default is 50); got 0"],
    ['a rate that is not a number', { UserRead: '10' }, 'UserRead: the rate must be a whole number of requests per second, at least 1 (Cognito\'s default is 120); got "10"'],
    ['a fractional rate', { UserList: 2.5 }, 'UserList: the rate must be a whole number'],
    ['not an object', [10], 'give a JSON object of requests per second by category, e.g. {"UserAuthentication": 10}; got [10]'],
  ])('refuses %s, naming the category and the fix, before listening (exit 2)', async (_what, content, message) => {
    const file = quotasFile(JSON.stringify(content));
    expect(await sandbox(file)).toBe(2);
    const text = out.join('');
    expect(text).toContain(`cdk-mfa-auth: --quotas ${file}: ${message}`);
    expect(text).not.toContain('listening');
  });

  test('reports every problem of a file at once', async () => {
    expect(await sandbox(quotasFile(JSON.stringify({ UserCreaton: 5, UserUpdate: -1 })))).toBe(2);
    expect(out.join('')).toMatch(/unknown category 'UserCreaton' \(did you mean UserCreation\?\).*; UserUpdate: the rate must be a whole number/);
  });

  test('refuses a file it cannot read or parse', async () => {
    const missing = path.join(dir, 'nope.json');
    expect(await sandbox(missing)).toBe(2);
    expect(out.join('')).toContain(`cdk-mfa-auth: --quotas: cannot read ${missing} as JSON: ENOENT`);
    out.length = 0;
    expect(await sandbox(quotasFile('{"UserRead": 10,'))).toBe(2);
    expect(out.join('')).toMatch(/--quotas: cannot read .*quotas\.json as JSON: .*give 'default' or a JSON file/);
  });

  test("a file's rates and the defaults: the banner says so, and Ctrl-C prints the report", async () => {
    const file = quotasFile(JSON.stringify({ UserAuthentication: 5 }));
    const running = sandbox(file);
    try {
      await waitFor(() => out.join('').includes('Ctrl-C'), 'the sandbox to print its banner');
    } finally {
      process.emit('SIGINT');
    }
    expect(await running).toBe(0);
    const text = out.join('');
    expect(text).toContain(`Quotas (${file}): calls beyond a category's rate per second answer TooManyRequestsException`);
    expect(text).toContain('[sandbox] Quota report (--quotas): peak calls in one second of the sandbox clock');
    expect(text).toContain('[sandbox]   no API calls were made');
  });
});
