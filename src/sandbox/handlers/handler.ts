import { SandboxContext } from '../context';

/** One Cognito operation: JSON request body in, JSON response body out, CognitoError on failure. */
export type Handler = (ctx: SandboxContext, input: Record<string, any>) => Promise<unknown> | unknown;
export type HandlerTable = Record<string, Handler>;

/** Epoch seconds, the JSON 1.1 wire format of Cognito timestamps. */
export const epoch = (ms: number) => ms / 1000;
