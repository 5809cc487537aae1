import { SynthOutputFilter, reportedResult } from '../../../src/sandbox/dev/synth-output';

/** What Node.js 20 prints for an app whose Auth config is invalid (captured from `node app.js`). */
const CONFIG_ERROR_OUTPUT = `Synthesizing the stack
/work/app/node_modules/@cdk-mfa/auth/lib/auth.js:123
            throw new errors_1.AuthConfigError(this.node.path, checked.problems);
            ^

AuthConfigError: Invalid Auth configuration at S/Auth (2 problems):
  - multifactor: mode REQUIRED needs at least one method; set multifactor.totp: true, multifactor.sms: {} or multifactor.email: {}.
  - loginWith: give email, phone or username; set loginWith.email: {}.
    at new Auth (/work/app/node_modules/@cdk-mfa/auth/lib/auth.js:123:19)
    at Object.<anonymous> (/work/app/app.js:5:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at node:internal/main/run_main_module:28:49 {
  path: 'S/Auth',
  details: [
    {
      kind: 'problem',
      path: 'multifactor',
      message: 'mode REQUIRED needs at least one method',
      fix: 'set multifactor.totp: true, multifactor.sms: {} or multifactor.email: {}'
    }
  ],
  problems: [
    'multifactor: mode REQUIRED needs at least one method; set multifactor.totp: true, multifactor.sms: {} or multifactor.email: {}.'
  ]
}

Node.js v20.20.2`;

function filtered(output: string): { lines: string[]; filter: SynthOutputFilter } {
  const lines: string[] = [];
  const filter = new SynthOutputFilter(line => lines.push(line));
  for (const line of output.split('\n')) filter.line(line);
  filter.end();
  return { lines, filter };
}

test('a construct configuration error keeps its message and problem lines, without the location, stack or object dump', () => {
  const { lines, filter } = filtered(CONFIG_ERROR_OUTPUT);
  expect(lines).toEqual([
    'Synthesizing the stack',
    'Invalid Auth configuration at S/Auth (2 problems):',
    '  - multifactor: mode REQUIRED needs at least one method; set multifactor.totp: true, multifactor.sms: {} or multifactor.email: {}.',
    '  - loginWith: give email, phone or username; set loginWith.email: {}.',
  ]);
  expect(filter.configError).toBe(true);
  const result = reportedResult({ ok: false, error: `'node app.js' failed (exit code 1):\n${CONFIG_ERROR_OUTPUT}` }, filter);
  expect(result).toEqual({ ok: false, error: "'node app.js' failed (exit code 1): the app's Auth configuration is invalid; fix the problems listed above" });
});

test('any other error is relayed whole, stack included; ordinary output untouched', () => {
  const other = CONFIG_ERROR_OUTPUT.replace('AuthConfigError: Invalid Auth configuration', 'TypeError: Cannot read properties of undefined');
  const { lines, filter } = filtered(other);
  expect(lines).toEqual(other.split('\n'));
  expect(filter.configError).toBe(false);
  const failed = { ok: false as const, error: `'node app.js' failed (exit code 1):\n${other}` };
  expect(reportedResult(failed, filter)).toBe(failed);
  // A line that looks like a location but starts no error is released, in order.
  expect(filtered('start\n/tmp/notes.txt:3\nmore\nend').lines).toEqual(['start', '/tmp/notes.txt:3', 'more', 'end']);
  expect(filtered('/tmp/notes.txt:3').lines).toEqual(['/tmp/notes.txt:3']);
});
