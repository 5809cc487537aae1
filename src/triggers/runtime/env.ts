/**
 * Environment parsing for the trigger handlers.
 *
 * Values are re-read on every invocation (cheap, and tests can change them) but parsed only when the
 * raw string changes, so a bad value logs its warning once per container, not once per sign-in.
 */
import { isStringArray } from './guards';

/** Result of parsing one variable: the value, or a problem description for the warning log. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const memo = new Map<string, { raw: string | undefined; parsed: Parsed<unknown> }>();

/**
 * Parses `process.env[name]` with `parse`, memoised on the raw string.
 * `onProblem` runs only when the raw string changed and did not parse.
 */
export function readEnv<T>(name: string, parse: (raw: string | undefined) => Parsed<T>, onProblem?: (reason: string) => void): Parsed<T> {
  const raw = process.env[name];
  const hit = memo.get(name);
  if (hit && hit.raw === raw) return hit.parsed as Parsed<T>;
  const parsed = parse(raw);
  memo.set(name, { raw, parsed });
  if (!parsed.ok) onProblem?.(parsed.reason);
  return parsed;
}

/** Parses a JSON array of strings; absent counts as a problem. */
export function parseStringArray(name: string): (raw: string | undefined) => Parsed<string[]> {
  return raw => {
    if (raw === undefined) return { ok: false, reason: `${name} is not set` };
    try {
      const value: unknown = JSON.parse(raw);
      if (isStringArray(value)) return { ok: true, value };
    } catch {
      // fall through: reported below without echoing the value
    }
    return { ok: false, reason: `${name} is not a JSON array of strings` };
  };
}

/** Parses an optional JSON array of strings; absent or empty string means an empty list. */
export function parseOptionalStringArray(name: string): (raw: string | undefined) => Parsed<string[]> {
  const strict = parseStringArray(name);
  return raw => (raw === undefined || raw.trim() === '' ? { ok: true, value: [] } : strict(raw));
}

/** Parses 'true' / 'false' (absent means `fallback`). */
export function parseBoolean(name: string, fallback: boolean): (raw: string | undefined) => Parsed<boolean> {
  return raw => {
    if (raw === undefined || raw === '') return { ok: true, value: fallback };
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
    return { ok: false, reason: `${name} must be 'true' or 'false'` };
  };
}

/** Parses a non-negative integer (absent means `fallback`). */
export function parseNonNegativeInt(name: string, fallback: number): (raw: string | undefined) => Parsed<number> {
  return raw => {
    if (raw === undefined || raw === '') return { ok: true, value: fallback };
    if (/^\d{1,9}$/.test(raw)) return { ok: true, value: Number(raw) };
    return { ok: false, reason: `${name} must be a non-negative integer` };
  };
}
