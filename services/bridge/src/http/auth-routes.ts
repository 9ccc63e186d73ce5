// POST /v1/auth {"username","password"} → 201 {"authToken"} for valid Cassandra credentials,
// 401 {"description"} otherwise, 400 on a malformed body, 429 with Retry-After after repeated
// failures from one client address.
import type { FastifyInstance } from 'fastify';
import { httpStatusOfGrpc } from '../../../common/src/errors/from-bridge-status.js';
import type { LoginRateLimiter } from '../auth/login-rate-limiter.js';
import type { TokenStore } from '../auth/token-store.js';
import { fromDriverError } from '../errors/from-driver-error.js';

export interface AuthRouteDeps {
  tokens: TokenStore;
  limiter: LoginRateLimiter;
  checkCredentials: (username: string, password: string) => Promise<boolean>;
}

const bodySchema = {
  type: 'object',
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 1024 },
    password: { type: 'string', minLength: 1, maxLength: 4096 },
  },
} as const;

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  app.post<{ Body: { username: string; password: string } }>(
    '/v1/auth',
    { schema: { body: bodySchema } },
    async (req, reply) => {
      const retryAfter = deps.limiter.retryAfterSeconds(req.ip);
      if (retryAfter > 0) {
        reply.header('retry-after', String(retryAfter));
        return reply
          .status(429)
          .send({ description: 'Too many failed login attempts; try again later', code: 429 });
      }
      const { username, password } = req.body;
      try {
        if (!(await deps.checkCredentials(username, password))) {
          deps.limiter.recordFailure(req.ip);
          return reply
            .status(401)
            .send({ description: 'Failed to authenticate: invalid username or password', code: 401 });
        }
        const authToken = await deps.tokens.issue(username);
        return reply.status(201).send({ authToken });
      } catch (err) {
        // Cassandra down or failing: say so with its status rather than a bare 500.
        const e = fromDriverError(err);
        const code = httpStatusOfGrpc(e.code);
        req.log.warn({ err: e.message }, 'login could not be completed');
        return reply.status(code).send({ description: `Cannot issue a token now: ${e.message}`, code });
      }
    },
  );
}
