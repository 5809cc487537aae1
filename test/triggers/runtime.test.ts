import { captureConsole } from './support/console';
import { parseBoolean, parseNonNegativeInt, parseOptionalStringArray, parseStringArray, readEnv } from '../../src/triggers/runtime/env';
import { DeliberateRejection, safely } from '../../src/triggers/runtime/safely';

describe('env parsers', () => {
  test('string arrays', () => {
    expect(parseStringArray('X')('["a"]')).toEqual({ ok: true, value: ['a'] });
    expect(parseStringArray('X')(undefined)).toEqual({ ok: false, reason: 'X is not set' });
    expect(parseStringArray('X')('{')).toEqual({ ok: false, reason: 'X is not a JSON array of strings' });
    expect(parseOptionalStringArray('X')(undefined)).toEqual({ ok: true, value: [] });
    expect(parseOptionalStringArray('X')(' ')).toEqual({ ok: true, value: [] });
    expect(parseOptionalStringArray('X')('[null]')).toEqual({ ok: false, reason: 'X is not a JSON array of strings' });
  });

  test('booleans and integers', () => {
    expect(parseBoolean('B', true)(undefined)).toEqual({ ok: true, value: true });
    expect(parseBoolean('B', true)('false')).toEqual({ ok: true, value: false });
    expect(parseBoolean('B', true)('TRUE')).toEqual({ ok: false, reason: "B must be 'true' or 'false'" });
    expect(parseNonNegativeInt('N', 60)('')).toEqual({ ok: true, value: 60 });
    expect(parseNonNegativeInt('N', 60)('0')).toEqual({ ok: true, value: 0 });
    expect(parseNonNegativeInt('N', 60)('-1')).toEqual({ ok: false, reason: 'N must be a non-negative integer' });
  });

  test('readEnv parses once per raw value and reports a problem once', () => {
    const parse = jest.fn(parseBoolean('TEST_FLAG', false));
    const onProblem = jest.fn();
    process.env.TEST_FLAG = 'maybe';
    readEnv('TEST_FLAG', parse, onProblem);
    readEnv('TEST_FLAG', parse, onProblem);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(onProblem).toHaveBeenCalledTimes(1);
    process.env.TEST_FLAG = 'true';
    expect(readEnv('TEST_FLAG', parse, onProblem)).toEqual({ ok: true, value: true });
    expect(parse).toHaveBeenCalledTimes(2);
    delete process.env.TEST_FLAG;
  });
});

describe('safely', () => {
  test('an unexpected error returns the event and logs only the error name', async () => {
    const out = captureConsole();
    const event = { secret: 'alice@example.com' };
    const wrapped = safely('custom-message', async () => {
      throw new TypeError(`boom ${event.secret}`);
    });
    await expect(wrapped(event)).resolves.toBe(event);
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'custom-message', reason: 'unexpected error; event returned unchanged', error: 'TypeError' }]);
    out.restore();
  });

  test('non-Error throws are named by type', async () => {
    const out = captureConsole();
    await safely('mfa-by-group', async () => {
      throw 'text';
    })({});
    expect(out.json()[0].error).toBe('string');
    out.restore();
  });

  test('deliberate rejections pass through', async () => {
    await expect(safely('sign-up-guard', async () => {
      throw new DeliberateRejection('no');
    })({})).rejects.toThrow('no');
  });
});
