/**
 * The program each trigger process runs: a tiny Lambda Node.js runtime. It is a plain JavaScript
 * string (run with `node -e`) so that it works the same from the compiled library, from ts-node
 * and under jest's coverage instrumentation.
 *
 * argv[1]: JSON { handlerFile, exportName, sandboxModule, functionName, memoryMb }.
 * IPC in:  { id, event, deadline, requestId }.
 * IPC out: { type: 'ready' } once it listens; { type: 'result', id, ok: true, result, event } or
 *          { type: 'result', id, ok: false, error: { name, message } }; { type: 'crash', error }
 *          for an exception nobody caught (then it exits, as the Lambda runtime does).
 *
 * - The handler module is loaded once per process (a warm container), as soon as it starts.
 * - `@aws-sdk/*` and `@smithy/*` resolve next to the handler first, else from the sandbox: bundles
 *   leave the SDK out because the Lambda runtime provides it.
 * - The result travels as JSON, as Lambda returns it. The event is sent back too: handlers that
 *   change the event and return nothing keep working as they did in-process.
 */
export const RUNTIME_SOURCE = String.raw`
'use strict';
const Module = require('module');
const { pathToFileURL } = require('url');
const config = JSON.parse(process.argv[1]);

const sandboxRequire = Module.createRequire(config.sandboxModule);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  try {
    return resolveFilename.call(this, request, ...rest);
  } catch (err) {
    if (/^@(aws-sdk|smithy)\//.test(request)) return sandboxRequire.resolve(request);
    throw err;
  }
};

const describe = err => (err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) });
process.on('uncaughtException', err => {
  process.send({ type: 'crash', error: describe(err) }, () => process.exit(1));
});
// The sandbox went away: so does its runtime.
process.on('disconnect', () => process.exit(0));

async function loadHandler() {
  const file = config.handlerFile;
  let exports;
  try {
    exports = require(require.resolve(file));
  } catch (err) {
    if (err && err.code === 'ERR_REQUIRE_ESM') exports = await import(pathToFileURL(require.resolve(file)).href);
    else if (err && err.code === 'MODULE_NOT_FOUND' && err.message.includes(file)) exports = await import(pathToFileURL(file + '.mjs').href);
    else throw err;
  }
  const handler = exports[config.exportName];
  if (typeof handler !== 'function') throw new Error(config.exportName + ' is not a function exported by ' + file);
  return handler;
}
const loading = loadHandler();
loading.catch(() => undefined);

const toJson = value => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

process.on('message', async ({ id, event, deadline, requestId }) => {
  const context = {
    functionName: config.functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: String(config.memoryMb),
    awsRequestId: requestId,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const handler = await loading;
    const result = await new Promise((resolve, reject) => {
      const callback = (err, value) => (err ? reject(err) : resolve(value));
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    });
    process.send({ type: 'result', id, ok: true, result: toJson(result), event: toJson(event) });
  } catch (err) {
    process.send({ type: 'result', id, ok: false, error: describe(err) });
  }
});
process.send({ type: 'ready' });
`;
