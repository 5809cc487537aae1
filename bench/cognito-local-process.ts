/**
 * cognito-local (npm `cognito-local`, a local Cognito emulator) as the bench's other side, in its own
 * process like the sandbox: started from its package's bin in a temporary folder (its state goes to
 * .cognito/ there), with a pool (MFA optional), an app client for USER_PASSWORD_AUTH, and `count`
 * users that enrolled TOTP through its own API (AssociateSoftwareToken, VerifySoftwareToken,
 * SetUserMFAPreference), as an app's users would.
 *
 * What it lacks of the flows the bench measures on the sandbox: USER_SRP_AUTH (InitiateAuth answers
 * UnsupportedError), so there is no SRP+TOTP row for it; it also accepts a TOTP code again in its step
 * (no replay check), so its users need no clock of the bench's.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { BenchUser } from './sandbox-state';
import { WireClient } from './wire-client';
import { totpCode } from '../packages/cli/src';

const BIN = require.resolve('cognito-local/lib/bin/start.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export class CognitoLocalProcess {
  static async start(count: number, password: string): Promise<CognitoLocalProcess> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cognito-local-'));
    const port = await freePort();
    const child = spawn(process.execPath, [BIN], { cwd: dir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', chunk => (output += chunk));
    child.stderr!.on('data', chunk => (output += chunk));
    const endpoint = `http://127.0.0.1:${port}`;
    const wire = new WireClient(endpoint, 4);
    for (let tries = 0; ; tries++) {
      try {
        await wire.call('ListUserPools', { MaxResults: 1 });
        break;
      } catch (err) {
        if (child.exitCode !== null || tries > 300) throw new Error(`cognito-local did not start: ${output || (err as Error).message}`);
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }
    const pool = await wire.call('CreateUserPool', { PoolName: 'Bench', MfaConfiguration: 'OPTIONAL' });
    const poolId = pool.UserPool.Id as string;
    const client = await wire.call('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'Web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const clientId = client.UserPoolClient.ClientId as string;
    const side = new CognitoLocalProcess(child, dir, endpoint, poolId, clientId);
    // Its pools sign in with the email address as username (its default UsernameAttributes).
    for (let i = 0; i < count; i++) side.users.push(await side.enrolledUser(wire, `user${i}@example.com`, password));
    wire.destroy();
    return side;
  }

  readonly users: BenchUser[] = [];

  private constructor(private readonly child: ChildProcess, private readonly dir: string,
    readonly endpoint: string, readonly poolId: string, readonly clientId: string) {}

  /** CPU time (ms, user + system) of the cognito-local process so far, from /proc (Linux). */
  async cpuMs(): Promise<number> {
    const fields = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in clock ticks of 10 ms
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise(resolve => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** A confirmed user with TOTP enrolled and preferred, through cognito-local's own API. */
  private async enrolledUser(wire: WireClient, name: string, password: string): Promise<BenchUser> {
    await wire.call('SignUp', { ClientId: this.clientId, Username: name, Password: password, UserAttributes: [{ Name: 'email', Value: name }] });
    await wire.call('AdminConfirmSignUp', { UserPoolId: this.poolId, Username: name });
    const signedIn = await wire.call('InitiateAuth', { ClientId: this.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: name, PASSWORD: password } });
    const AccessToken = signedIn.AuthenticationResult.AccessToken;
    const { SecretCode: secret } = await wire.call('AssociateSoftwareToken', { AccessToken });
    await wire.call('VerifySoftwareToken', { AccessToken, UserCode: totpCode(secret, Date.now()) });
    await wire.call('SetUserMFAPreference', { AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    return { name, secret };
  }
}
