/**
 * custom-message: Custom message trigger that words Cognito's verification, MFA, password reset and
 * invitation messages per locale from `CUSTOM_MESSAGE_CONFIG`.
 *
 * The handler never sees the code: Cognito sends `codeParameter` = `{####}` and substitutes the code
 * after the trigger returns, so the response must contain `codeParameter` verbatim.
 * No template for the source (in the user's or the default locale): the event is returned unchanged,
 * which keeps Cognito's default message.
 */
import { LIMITS, MESSAGE_SOURCES, MessageSource } from './config';
import { readCustomMessageConfig } from './read-config';
import { renderMessage } from './render';
import { selectTemplate } from './select-template';
import { isRecord, recordAt, stringAt } from '../runtime/guards';
import { logWarning } from '../runtime/log';
import { safely } from '../runtime/safely';

const PREFIX = 'CustomMessage_';
const SOURCES: ReadonlySet<string> = new Set(MESSAGE_SOURCES);

/** Creates the Custom message handler. */
export function createCustomMessageHandler(): (event: unknown) => Promise<unknown> {
  return safely('custom-message', async event => {
    if (!isRecord(event)) return malformed(event, 'event is not an object');
    const triggerSource = stringAt(event, 'triggerSource');
    const source = triggerSource?.startsWith(PREFIX) ? triggerSource.slice(PREFIX.length) : undefined;
    if (!source || !SOURCES.has(source)) return malformed(event, 'unexpected triggerSource');
    const request = recordAt(event, 'request');
    if (!request) return malformed(event, 'request is not an object');
    const codeParameter = stringAt(request, 'codeParameter');
    if (codeParameter === undefined) return malformed(event, 'request.codeParameter is not a string');
    const usernameParameter = stringAt(request, 'usernameParameter');
    if (source === 'AdminCreateUser' && usernameParameter === undefined) return malformed(event, 'request.usernameParameter is not a string');

    const config = readCustomMessageConfig();
    const template = config && selectTemplate(config, recordAt(request, 'userAttributes') ?? {}, source as MessageSource);
    if (!template) return event;

    const message = renderMessage(template.message, codeParameter, usernameParameter);
    const response = isRecord(event.response) ? event.response : (event.response = {});
    response.emailMessage = message;
    if (template.subject !== undefined) response.emailSubject = template.subject;
    // Too long for SMS: leave smsMessage alone so Cognito sends its default SMS rather than failing.
    if (message.length <= LIMITS.smsMessage.max) response.smsMessage = message;
    else logWarning('custom-message', 'message longer than the SMS limit; Cognito default SMS message kept', { source });
    return event;
  });
}

function malformed(event: unknown, reason: string): unknown {
  logWarning('custom-message', reason);
  return event;
}
