import { main } from '../../src/cli/main';

test('the CLI lists the sandbox and the operator commands', async () => {
  const out: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { out.push(String(chunk)); return true; });
  try {
    expect(await main(['--help'])).toBe(0);
  } finally {
    write.mockRestore();
  }
  const text = out.join('');
  for (const command of ['sandbox', 'user mfa-status', 'user recover-totp', 'user forget-devices']) expect(text).toContain(command);
});
