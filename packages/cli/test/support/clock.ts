/**
 * The one fake clock of the CLI package's tests. It starts at a FIXED instant aligned to a TOTP time
 * step (plus a small offset well inside the step), never at the wall clock: a clock at real time
 * crosses a 30 s step about one run in 30, and then a test that advances it by a second sees a new code.
 */

/** Cognito's (RFC 6238) TOTP time step. */
export const TOTP_STEP_MS = 30_000;

/**
 * 2040-01-01T00:00:00Z: a multiple of the TOTP step, in the future so that tokens the sandbox issues
 * on this clock have not expired for verifiers that read the wall clock (aws-jwt-verify, browsers).
 */
export const STEP_ALIGNED_EPOCH_MS = 2_208_988_800_000;

/** Where every test clock starts: one second into a TOTP step, so advancing by up to 28 s stays in it. */
export const CLOCK_START_MS = STEP_ALIGNED_EPOCH_MS + 1_000;

/** A clock tests move by hand; `now` is handed to the sandbox as its `clock`. */
export class TestClock {
  private current: number;

  constructor(start: number = CLOCK_START_MS) {
    this.current = start;
  }

  readonly now = (): number => this.current;

  advance(ms: number): void {
    this.current += ms;
  }

  /** Moves to the start of the next TOTP step (plus the same small offset), so a fresh code is unused. */
  nextTotpStep(): void {
    this.current = (Math.floor(this.current / TOTP_STEP_MS) + 1) * TOTP_STEP_MS + (CLOCK_START_MS % TOTP_STEP_MS);
  }
}
