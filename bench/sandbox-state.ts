/**
 * Builds a sandbox state file with many existing users for bench/sandbox-bench.ts, in the JSON
 * format the sandbox imports (JsonState, src/sandbox/db/json-import.ts), instead of creating them through
 * 100k HTTP calls.
 */
import * as fs from 'fs';
import { UserRecord } from '../packages/cli/src/sandbox/core/records';
import { randomToken, uuid } from '../packages/cli/src/sandbox/crypto/ids';
import { generateSigningKeyPem } from '../packages/cli/src/sandbox/crypto/jwt';
import { hashPassword } from '../packages/cli/src/sandbox/crypto/passwords';
import { makeVerifier } from '../packages/cli/src/sandbox/crypto/srp';
import { newTotpSecret } from '../packages/cli/src/sandbox/crypto/totp';
import { JsonState } from '../packages/cli/src/sandbox/store/json-import';

export interface BenchUser {
  readonly name: string;
  readonly secret: string;
}

export const benchUserName = (i: number) => `user${i}`;

/**
 * Writes `file` with `count` confirmed users that have TOTP enrolled and preferred. The first
 * `active` users get their own password hash and SRP verifier (the ones the bench signs in); the
 * rest share one hash and verifier, which costs the sandbox the same per sign-in and keeps building
 * 100k users to seconds (a real scrypt hash and SRP verifier each would take minutes).
 */
export async function writeBenchState(file: string, options: {
  poolId: string; count: number; active: number; password: string; now: number;
}): Promise<BenchUser[]> {
  const poolName = options.poolId.split('_')[1];
  const shared = { ...await hashPassword(options.password), srp: makeVerifier(poolName, 'shared', options.password) };
  const users: Record<string, UserRecord> = {};
  const active: BenchUser[] = [];
  for (let i = 0; i < options.count; i++) {
    const name = benchUserName(i);
    const secret = newTotpSecret();
    const own = i < options.active;
    const password = own ? await hashPassword(options.password) : shared;
    const srp = own ? makeVerifier(poolName, name, options.password) : shared.srp;
    users[name] = {
      username: name,
      sub: uuid(),
      attributes: { email: `${name}@example.com`, email_verified: 'true' },
      status: 'CONFIRMED',
      enabled: true,
      passwordHash: password.hash,
      passwordSalt: password.salt,
      srpSalt: srp.salt,
      srpVerifier: srp.verifier,
      createdAt: options.now,
      updatedAt: options.now,
      totp: { secret, verified: true },
      mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
      preferredMfa: 'SOFTWARE_TOKEN_MFA',
      groups: [],
      failedSignIns: 0,
      devices: {},
    };
    if (own) active.push({ name, secret });
  }
  const state: JsonState = {
    version: 1,
    pools: { [options.poolId]: { id: options.poolId, signingKey: generateSigningKeyPem(), keyId: randomToken(32), users, refreshTokens: {} } },
  };
  fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  return active;
}
