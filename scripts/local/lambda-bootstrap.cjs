/**
 * One deployed function in its own Node.js process, loaded the way the
 * Lambda Node.js runtime loads it: plain `node` (no TypeScript loader), the
 * function's environment and NODE_OPTIONS, `require` of the bundle's
 * index.js from its folder (LAMBDA_TASK_ROOT), the export the handler
 * setting names. Invocations arrive over IPC one at a time, as Lambda gives
 * one execution environment one event at a time.
 *
 * Plain CommonJS on purpose: it must run without tsx, like the bundle.
 *   node lambda-bootstrap.cjs   (env: LAMBDA_TASK_ROOT, _HANDLER, AWS_LAMBDA_FUNCTION_NAME, …)
 */
'use strict';
const path = require('node:path');

function loadHandler() {
  const [moduleName, exportName] = String(process.env._HANDLER).split('.');
  const module = require(path.join(process.env.LAMBDA_TASK_ROOT, moduleName));
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${process.env._HANDLER} is not a function in the bundle`);
  return handler;
}

function contextFor(message) {
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Async handlers return a promise; older ones call back. Either settles the invocation. */
function invoke(handler, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    } catch (error) {
      reject(error);
    }
  });
}

const asError = (error) => ({
  errorType: error?.name ? error.name : 'Error',
  errorMessage: error?.message ? error.message : String(error),
});

let handler;
try {
  handler = loadHandler();
  process.send({ type: 'ready' });
} catch (error) {
  process.send({ type: 'init-error', error: asError(error) }, () => process.exit(1));
}

process.on('message', (message) => {
  if (message.type !== 'invoke') return;
  invoke(handler, message.event, contextFor(message)).then(
    (result) => process.send({ type: 'result', requestId: message.requestId, result }),
    (error) => process.send({ type: 'error', requestId: message.requestId, error: asError(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
