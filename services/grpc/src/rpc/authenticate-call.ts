// The one place the gRPC API checks a caller: before a unary call sends anything and before a
// stream reads its first message, the token must be present and valid (services/common
// TokenValidator: a trusted token is answered from memory, synchronously). So nothing (an invalid
// message, a refusal for load, an empty stream's OK) reaches a caller that is not authenticated.
import type { Metadata } from '@grpc/grpc-js';
import type { TokenValidator } from '../../../common/src/auth/token-validator.js';
import { readToken } from './call-context.js';

export function authenticateCall(
  metadata: Metadata,
  tokens: TokenValidator,
  onValid: (token: string) => void,
  onInvalid: (err: unknown) => void,
): void {
  let token: string;
  try {
    token = readToken(metadata);
  } catch (err) {
    onInvalid(err);
    return;
  }
  if (tokens.isTrusted(token)) {
    onValid(token);
    return;
  }
  tokens.validate(token).then(() => onValid(token), onInvalid);
}
