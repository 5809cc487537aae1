import * as fs from 'fs';
import * as path from 'path';
import { startSandbox } from '../sandbox';
import { commandHelp, UsageError } from './command-spec';
import { parseArgs, stringOption } from './sandbox-args';
import { SANDBOX_COMMAND } from './sandbox-options';

export const SANDBOX_USAGE = commandHelp(SANDBOX_COMMAND);

const DEFAULT_PORT = 8787;

/** `cdk-mfa-auth sandbox`: starts the emulator, prints how to reach it, and runs until SIGINT. */
export async function sandboxCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, SANDBOX_COMMAND);
  if (args.options.help) {
    process.stdout.write(`${SANDBOX_USAGE}\n`);
    return 0;
  }
  const templatePath = stringOption(args, 'template');
  const cdkOutDir = stringOption(args, 'app') ?? (templatePath ? undefined : 'cdk.out');
  if (cdkOutDir && !fs.existsSync(cdkOutDir)) throw new Error(`${cdkOutDir} does not exist: run 'cdk synth' or pass --template`);
  const port = Number(stringOption(args, 'port') ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got ${JSON.stringify(stringOption(args, 'port'))}`);
  const stateFile = stringOption(args, 'state') ?? path.join('.cdk-mfa-auth', 'sandbox-state.json');

  const sandbox = await startSandbox({
    templatePath,
    cdkOutDir,
    port,
    stateFile,
    host: stringOption(args, 'host'),
    outboxDir: stringOption(args, 'outbox'),
  });
  const lines = [`Cognito sandbox listening on ${sandbox.endpoint} (region ${sandbox.region})`, `State: ${path.resolve(stateFile)}`];
  for (const pool of sandbox.userPools) {
    lines.push(`User pool ${pool.stackName}/${pool.logicalId}: ${pool.id}`);
    for (const client of pool.clients) lines.push(`  client ${client.logicalId}: ${client.id} (sign-in: ${client.authFlows.join(', ') || 'none'})`);
  }
  lines.push('Point the AWS SDK or Amplify at the endpoint above; press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);

  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.stop();
  process.stdout.write('Sandbox stopped; state saved.\n');
  return 0;
}
