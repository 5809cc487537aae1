import { clientById, PoolRuntime, SandboxContext } from '../context';
import { ClientConfig } from '../types';

/** One Cognito operation: JSON request body in, JSON response body out, CognitoError on failure. */
export type Handler = (ctx: SandboxContext, input: Record<string, any>) => Promise<unknown> | unknown;
export type HandlerTable = Record<string, Handler>;

/** The app client an operation acts for, with its pool. */
export interface AppClient {
  readonly client: ClientConfig;
  readonly pool: PoolRuntime;
}

/**
 * An operation on behalf of an app client. The API finds the client from `ClientId` (and refuses
 * clients with a secret); the hosted pages, which are Cognito's own, pass theirs.
 */
export type ClientOperation = (ctx: SandboxContext, app: AppClient, input: Record<string, any>) => Promise<unknown> | unknown;

/** The API form of client operations: each looks its client up from `ClientId`. */
export function viaClientId(operations: Record<string, ClientOperation>): HandlerTable {
  return Object.fromEntries(Object.entries(operations).map(([name, op]) => [name, (ctx: SandboxContext, input: Record<string, any>) =>
    op(ctx, clientById(ctx, input.ClientId), input)]));
}

/** Epoch seconds, the JSON 1.1 wire format of Cognito timestamps. */
export const epoch = (ms: number) => ms / 1000;
