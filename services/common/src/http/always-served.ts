// Route config of the routes that must answer under any load (health, readiness, metrics): never
// shed (http/load-shedding.ts) and never rate limited (@fastify/rate-limit reads `rateLimit`).
declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: never shed. */
    shedding?: boolean;
  }
}

export const ALWAYS_SERVED = { shedding: false, rateLimit: false } as const;
