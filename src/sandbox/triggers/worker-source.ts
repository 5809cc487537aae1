/**
 * The code each trigger worker thread runs: a tiny Lambda Node.js runtime. It is a plain
 * JavaScript string (run with `new Worker(source, { eval: true })`) so that it works the same from
 * the compiled library, from ts-node and under jest's coverage instrumentation.
 *
 * workerData: { handlerFile, exportName, sandboxModule, functionName, memoryMb }.
 * Messages in:  { id, event, deadline, requestId }.
 * Messages out: { id, ok: true, result, event } or { id, ok: false, error: { name, message } }.
 *
 * - The handler module is loaded once per worker (a warm container), as soon as the worker starts.
 * - `@aws-sdk/*` and `@smithy/*` resolve next to the handler first, else from the sandbox: bundles
 *   leave the SDK out because the Lambda runtime provides it.
 * - The result travels as JSON, as Lambda returns it. The event is sent back too: handlers that
 *   change the event and return nothing keep working as they did in-process.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('worker_threads');
const Module = require('module');
const { pathToFileURL } = require('url');

const sandboxRequire = Module.createRequire(workerData.sandboxModule);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  try {
    return resolveFilename.call(this, request, ...rest);
  } catch (err) {
    if (/^@(aws-sdk|smithy)\//.test(request)) return sandboxRequire.resolve(request);
    throw err;
  }
};

async function loadHandler() {
  const file = workerData.handlerFile;
  let exports;
  try {
    exports = require(require.resolve(file));
  } catch (err) {
    if (err && err.code === 'ERR_REQUIRE_ESM') exports = await import(pathToFileURL(require.resolve(file)).href);
    else if (err && err.code === 'MODULE_NOT_FOUND' && err.message.includes(file)) exports = await import(pathToFileURL(file + '.mjs').href);
    else throw err;
  }
  const handler = exports[workerData.exportName];
  if (typeof handler !== 'function') throw new Error(workerData.exportName + ' is not a function exported by ' + file);
  return handler;
}
const loading = loadHandler();
loading.catch(() => undefined);

const toJson = value => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

parentPort.on('message', async ({ id, event, deadline, requestId }) => {
  const context = {
    functionName: workerData.functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: String(workerData.memoryMb),
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
    parentPort.postMessage({ id, ok: true, result: toJson(result), event: toJson(event) });
  } catch (err) {
    const error = err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
    parentPort.postMessage({ id, ok: false, error });
  }
});
`;
