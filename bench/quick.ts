/**
 * Quick mode of every bench (`npx projen bench:quick`, run by CI after the build): each phase runs at a
 * tiny size, so a bench that no longer runs fails the build instead of rotting; its figures mean nothing.
 * Set by `--quick` or BENCH_QUICK=1.
 */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
