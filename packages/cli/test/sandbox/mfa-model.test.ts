/**
 * MFA cannot be skipped, shown by a model: fast-check drives random sequences of the sandbox's
 * operations (sign-up and confirmation, every sign-in flow and challenge answer, TOTP enrolment,
 * MFA preferences by the user and by an admin, device confirmation, remembering and forgetting,
 * refresh, global sign-out, password reset, time passing) against several pool configurations,
 * and checks every answer against an independent model of what Cognito allows (model/model.ts):
 * - no tokens without every factor the pool and the user's settings demand at that moment, a
 *   remembered device being the one documented exception;
 * - no session works twice, or through another client, or for another user;
 * - a revoked token never works again (and a valid one always does).
 * A failure prints fast-check's seed, path and replayPath: replay it with MODEL_SEED=<seed>
 * MODEL_PATH=<path> MODEL_REPLAY=<replayPath> (and -t with the pool's name).
 */
import * as fc from 'fast-check';
import { commandArbitraries } from './model/commands';
import { Model } from './model/model';
import { createConfirmedUser, POOLS, startSystem, System } from './model/system';

const RUNS = Number(process.env.MODEL_RUNS ?? 30);
const MAX_COMMANDS = 80;

describe.each(POOLS.map(p => [p.model.name, p] as const))('%s', (_, setup) => {
  let system: System;
  let run = 0;
  beforeAll(async () => {
    system = await startSystem(setup);
  });
  afterAll(() => system.h.stop());

  test(`${RUNS} runs of up to ${MAX_COMMANDS} operations against the model`, async () => {
    const seed = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined;
    await fc.assert(fc.asyncProperty(fc.commands(commandArbitraries, { maxCommands: MAX_COMMANDS, size: 'max', replayPath: process.env.MODEL_REPLAY }), async commands => {
      run += 1;
      const model: Model = {
        pool: setup.model,
        users: [0, 1].map(i => ({
          email: `run${run}-u${i}@example.com`,
          // One user with a phone for SMS, one without (MFA_SETUP when MFA is required).
          phone: i === 0 ? `+1555${String(run).padStart(7, '0')}` : undefined,
          exists: false,
          confirmed: false,
          password: 'Passw0rd!model-1',
          enabled: new Set(),
          devices: new Map(),
          failures: 0,
          wrongConfirmations: 0,
        })),
        attempts: [],
        spent: [],
        tokens: [],
        now: system.clock.now,
      };
      // The first user exists from the start, so early steps have someone to sign in.
      await createConfirmedUser(system, model.users[0]);
      await fc.asyncModelRun(() => ({ model, real: system }), commands);
    }), { numRuns: RUNS, seed, path: process.env.MODEL_PATH, endOnFailure: !!process.env.CI });
    // Report what the runs reached, so a model that stopped exploring is noticed.
    process.stdout.write(`${setup.model.name}: ${JSON.stringify(system.stats)}\n`);
    expect(system.stats.steps).toBeGreaterThan(RUNS * 10);
    expect((system.stats['tokens after MFA'] ?? 0) + (system.stats['tokens without MFA demanded'] ?? 0)).toBeGreaterThan(RUNS);
  }, 240_000);
});
