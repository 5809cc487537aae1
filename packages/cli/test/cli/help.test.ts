import * as fs from 'fs';
import * as path from 'path';
import { commandHelp, parseCommandLine, UsageError } from '../../src/cli/command-spec';
import { COMMANDS, main, version } from '../../src/cli/main';

/** Runs the CLI's dispatcher, capturing stdout and stderr. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { out.push(String(chunk)); return true; });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { err.push(String(chunk)); return true; });
  try {
    const code = await main(argv);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

test('--version prints the package version', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  for (const flag of ['--version', '-V']) {
    expect(await cli(flag)).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  }
  expect(version()).toBe(pkg.version);
});

test.each(Object.keys(COMMANDS))('%s --help prints every option with its description and exits 0', async name => {
  const { code, out, err } = await cli(...name.split(' '), '--help');
  expect({ code, err }).toEqual({ code: 0, err: '' });
  const spec = COMMANDS[name].spec;
  expect(out).toContain(`Usage: cdk-mfa-auth ${name}`);
  expect(spec.options.length).toBeGreaterThan(0);
  for (const option of spec.options) {
    expect(option.description.length).toBeGreaterThan(10);
    expect(out).toMatch(new RegExp(`^  --${option.name}${option.type === 'string' ? ' [A-Z]+' : ''} +${escape(option.description)}`, 'm'));
  }
  expect(out).toContain('Exit codes: 0 done, 1 failed or refused, 2 command line mistake.');
  // -h is the same help.
  expect((await cli(...name.split(' '), '-h')).out).toBe(out);
});

test('the sandbox help describes --host and what a non-loopback address exposes', async () => {
  expect((await cli('sandbox', '--help')).out).toMatch(/--host ADDRESS +the address to listen on; anything but a loopback address exposes .*\(default: 127\.0\.0\.1\)/);
});

test('--help and help list every command; user --help lists the user commands', async () => {
  for (const argv of [['--help'], ['-h'], ['help']]) {
    const { code, out } = await cli(...argv);
    expect(code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(out).toContain(`  ${name} `);
    expect(out).toContain('-V, --version');
  }
  const user = await cli('user', '--help');
  expect(user.code).toBe(0);
  expect(user.out).toContain('Usage: cdk-mfa-auth user <command>');
  for (const name of ['user mfa-status', 'user recover-totp', 'user forget-devices']) expect(user.out).toContain(`  ${name} `);
  expect(user.out).not.toContain('client-config');
});

test.each([
  [[], /Usage: cdk-mfa-auth <command>/],
  [['bogus'], /^cdk-mfa-auth: unknown command 'bogus'\.\n/],
  [['sandbx'], /^cdk-mfa-auth: unknown command 'sandbx' \(did you mean 'sandbox'\?\)\./],
  [['client-confg'], /^cdk-mfa-auth: unknown command 'client-confg' \(did you mean 'client-config'\?\)\./],
  [['usr', 'mfa-status'], /^cdk-mfa-auth: unknown command 'usr' \(did you mean 'user'\?\)\./],
  [['user'], /^cdk-mfa-auth: 'user' needs a command/],
  [['user', 'bogus'], /^cdk-mfa-auth: unknown command 'user bogus'\.[\s\S]*user mfa-status/],
  [['user', 'mfa-stats'], /^cdk-mfa-auth: unknown command 'user mfa-stats' \(did you mean 'user mfa-status'\?\)\./],
  [['sandbox', '--prot', '0'], /^cdk-mfa-auth: unknown option --prot \(did you mean --port\?\)\nRun 'cdk-mfa-auth sandbox --help' for every option/],
  [['sandbox', '--port', 'x', '--template', 'none.json'], /--port must be an integer from 0 to 65535 \(0 picks a free port\), got "x"/],
  [['sandbox', '--port'], /--port needs a value: --port N/],
  [['sandbox', 'cdk.out'], /unexpected argument "cdk.out": options start with --/],
  [['user', 'mfa-status', '--user-pool-id', 'us-east-1_abc', '--username', 'u', '--confirm'], /^cdk-mfa-auth: unknown option --confirm[\s\S]*usage: cdk-mfa-auth user mfa-status --user-pool-id ID --username NAME \[options\]/],
  [['user', 'forget-devices', '--user-pool-id', 'us-east-1_abc'], /--username is required[\s\S]*Run 'cdk-mfa-auth user forget-devices --help'/],
  [['client-config', '--template', 'a.json', '--outputs-file', 'b.json', '--json'], /^cdk-mfa-auth: unknown option --json/],
  [['user', 'recover-totp', '--confirm=yes', '--user-pool-id', 'us-east-1_abc', '--username', 'u'], /--confirm is a flag and takes no value/],
])('%j is a command line mistake: exit 2, the error and the fix on stderr', async (argv, message) => {
  const { code, out, err } = await cli(...argv);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(message);
  // One prefix for every error line.
  expect(err).not.toMatch(/^error:/m);
});

test('the parser takes --name value and --name=value, and leaves values that look like options alone only after =', () => {
  const spec = { name: 't', summary: 's', options: [{ name: 'a', type: 'string' as const, description: 'an a' }, { name: 'b', type: 'boolean' as const, description: 'a b' }] };
  expect(parseCommandLine(spec, ['--a', 'x', '--b'])).toEqual({ a: 'x', b: true });
  expect(parseCommandLine(spec, ['--a=--b'])).toEqual({ a: '--b' });
  expect(() => parseCommandLine(spec, ['--a', '--b'])).toThrow(new UsageError('--a needs a value: --a VALUE'));
  expect(parseCommandLine(spec, ['--a', 'x', '--help'])).toBe('help');
  expect(commandHelp(spec)).toContain('  --a VALUE   an a\n  --b         a b\n  -h, --help  print this help and exit');
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the parser (util.parseArgs underneath) refuses short options, positionals and a bare -- in the table\'s words', () => {
  const spec = { name: 't', summary: 's', options: [{ name: 'port', type: 'string' as const, description: 'a port' }, { name: 'watch', type: 'boolean' as const, description: 'a flag' }] };
  expect(() => parseCommandLine(spec, ['-abc'])).toThrow(new UsageError('unexpected argument "-abc": options start with --'));
  expect(() => parseCommandLine(spec, ['--watch', 'x'])).toThrow(new UsageError('unexpected argument "x": options start with --'));
  expect(() => parseCommandLine(spec, ['--watch=1'])).toThrow(new UsageError('--watch is a flag and takes no value (got "1")'));
  expect(() => parseCommandLine(spec, ['--prt', '1'])).toThrow(new UsageError('unknown option --prt (did you mean --port?)'));
  expect(() => parseCommandLine(spec, ['--', 'x'])).toThrow(new UsageError('unknown option -- (did you mean --port?)'));
  expect(parseCommandLine(spec, ['--port', '-5', '--port=', '--watch'])).toEqual({ port: '', watch: true });
});
