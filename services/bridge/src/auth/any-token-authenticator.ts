// Accepts any non-empty token: the bridge's behaviour until Cassandra-backed tokens are wired in
// (see the auth issue). It still refuses calls without a token, as Stargate does.
import { type Authenticator, missingToken, type Principal } from './authenticator.js';

export class AnyTokenAuthenticator implements Authenticator {
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw missingToken();
    return { token };
  }
}
