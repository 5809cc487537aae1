import { FastifyInstance, FastifyRequest } from 'fastify';
import { CognitoError } from '../core/errors';
import { Store, UnitOfWork } from '../store/store';

/**
 * One unit of work per request, for every route (the Cognito API, OAuth endpoints, hosted pages):
 * opened before the handler runs (after the body is read, so the handler and all it awaits run
 * inside it) and committed in onSend, which runs before any byte of the response is written. A
 * response the client sees is therefore already on disk; a commit that fails (a full disk, the state
 * file removed) turns the response into Cognito's InternalErrorException (500) and nothing of the
 * request is saved. Requests that end in the same turn of the event loop share one transaction and
 * one fsync (the store's group commit); each response still waits for its own commit.
 */
export function unitOfWorkPerRequest(app: FastifyInstance, store: Store, log: (line: string) => void): void {
  const units = new WeakMap<FastifyRequest, UnitOfWork>();
  app.addHook('preHandler', (req, _reply, done) => {
    const unit = new UnitOfWork();
    units.set(req, unit);
    store.enter(unit, done);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const unit = units.get(req);
    if (!unit) return payload;
    try {
      await store.commitDurably(unit);
      return payload;
    } catch (err) {
      const error = err instanceof CognitoError ? err : new CognitoError('InternalErrorException', 'The sandbox could not save this request.', 500);
      reply.code(error.status).header('x-amzn-errortype', error.type).type('application/x-amz-json-1.1');
      reply.removeHeader('location');
      return JSON.stringify({ __type: error.type, message: error.message });
    }
  });
  // A request whose response was never sent (aborted, hijacked) still commits what it changed.
  app.addHook('onResponse', async req => {
    const unit = units.get(req);
    if (!unit) return;
    await store.commitDurably(unit).catch(err => log(`a change was not saved: ${(err as Error).message}`));
  });
}
