import { OperationInputs, OperationName } from './inputs';
import { ClientConfig } from '../core/pool-config';
import { clientById, PoolRuntime, SandboxContext } from '../model/context';

/** What an operation may know of the HTTP request besides its body. */
export interface RequestInfo {
  /** The browser's Origin header, when a page made the call (passkey registration binds to it). */
  readonly origin?: string;
}

/** One Cognito operation: its typed input (parsed by the wire) in, JSON response body out, CognitoError on failure. */
export type Handler<K extends OperationName> = (ctx: SandboxContext, input: OperationInputs[K], request?: RequestInfo) => Promise<unknown> | unknown;
/** Operations by name; each file contributes the ones it implements. */
export type HandlerTable = { readonly [K in OperationName]?: Handler<K> };

/** The app client an operation acts for, with its pool. */
export interface AppClient {
  readonly client: ClientConfig;
  readonly pool: PoolRuntime;
}

/** An operation's input without the `ClientId` the API finds the client by. */
export type ClientInput<K extends OperationName> = Omit<OperationInputs[K], 'ClientId'>;

/**
 * An operation on behalf of an app client. The API finds the client from `ClientId` (and refuses
 * clients with a secret); the hosted pages, which are Cognito's own, pass theirs.
 */
export type ClientOperation<K extends OperationName> = (ctx: SandboxContext, app: AppClient, input: ClientInput<K>) => Promise<unknown> | unknown;
export type ClientOperationTable = { readonly [K in OperationName]?: ClientOperation<K> };

/** The API form of client operations: each looks its client up from `ClientId`. */
export function viaClientId(operations: ClientOperationTable): HandlerTable {
  return Object.fromEntries(Object.entries(operations).map(([name, op]) => [name, (ctx: SandboxContext, input: { ClientId: string }) =>
    (op as ClientOperation<OperationName>)(ctx, clientById(ctx, input.ClientId), input as ClientInput<OperationName>)]));
}

/** Epoch seconds, the JSON 1.1 wire format of Cognito timestamps. */
export const epoch = (ms: number) => ms / 1000;
