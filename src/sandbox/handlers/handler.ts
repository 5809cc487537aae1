import { SandboxContext } from '../context';
import { OperationInputs, OperationName } from '../wire/operations';

/** One Cognito operation: its typed input (parsed by the wire) in, JSON response body out, CognitoError on failure. */
export type Handler<K extends OperationName> = (ctx: SandboxContext, input: OperationInputs[K]) => Promise<unknown> | unknown;
/** Operations by name; each file contributes the ones it implements. */
export type HandlerTable = { readonly [K in OperationName]?: Handler<K> };

/** Epoch seconds, the JSON 1.1 wire format of Cognito timestamps. */
export const epoch = (ms: number) => ms / 1000;
