/**
 * The CLI says only what the user needs: no AWS SDK NodeVersionSupportWarning on Node.js 20 (the
 * SDK emits it at the first client of a process), other warnings untouched, and errors on one line
 * with the one prefix.
 */
import { main } from '../../src/cli/main';

test('an operator command on Node.js 20 prints no SDK NodeVersionSupportWarning, and its error has the one prefix', async () => {
  const warnings: string[] = [];
  const err: string[] = [];
  const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => { warnings.push(String(warning)); });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { err.push(String(chunk)); return true; });
  try {
    // Nothing listens on port 1: the SDK client is made (where it would warn) and the call fails.
    const code = await main(['user', 'mfa-status', '--user-pool-id', 'us-east-1_abcdefghi', '--username', 'u', '--endpoint', 'http://127.0.0.1:1']);
    expect(code).toBe(1);
  } finally {
    emitWarning.mockRestore();
    stderr.mockRestore();
  }
  expect(warnings.filter(w => w.includes('NodeVersionSupportWarning'))).toEqual([]);
  const errors = err.join('').split('\n').filter(line => line && !line.startsWith('{'));
  expect(errors).toEqual([expect.stringMatching(/^cdk-mfa-auth: .*ECONNREFUSED/)]);
  // The switch is the SDK's own, for that warning only; process-wide warnings still print.
  expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
});
