// One request message (of a unary call, or one of a stream) → one bridge request. A message that
// did not decode, or that the edge limits refuse (rpc/admission.ts), is refused here, so unary and
// streaming calls answer it the same way.
import type { Deadline } from '@grpc/grpc-js';
import type { CancelSignal } from '../../../common/src/bridge/cancel-signal.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { InvalidMessage } from '../../../common/src/proto/invalid-message.js';
import type { ClientMessage } from '../server/public-service.js';
import { bridgeDeadlineMs } from './call-context.js';
import type { Operation } from './operations.js';
import type { RpcDeps } from './rpc-deps.js';

export interface MessageContext {
  token: string;
  deadline: Deadline;
  signal: CancelSignal;
}

/** The bridge's encoded Response to one client message. */
export function executeMessage(
  operation: Operation,
  request: ClientMessage | InvalidMessage,
  context: MessageContext,
  deps: RpcDeps,
): Promise<Buffer> {
  if (request instanceof InvalidMessage) {
    return Promise.reject(
      new ApiError('GRPC_MESSAGE_INVALID', { type: request.typeName, detail: request.reason }),
    );
  }
  const refused = deps.admission.admit(context.token);
  if (refused) return Promise.reject(refused);
  const release = deps.admission.release;
  return operation
    .run(deps.bridge, request, {
      token: context.token,
      deadlineMs: bridgeDeadlineMs(context.deadline, deps.bridgeDeadlineMs),
      signal: context.signal,
    })
    .finally(release);
}
