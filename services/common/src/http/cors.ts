// CORS for the HTTP APIs (@fastify/cors), so web apps served from other origins can call them:
// off unless CORS_ALLOWED_ORIGINS lists origins; preflights (OPTIONS) are answered before any
// authentication, as browsers send them without the token.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

export interface CorsSettings {
  /** Comma-separated origins (scheme://host[:port]) or "*"; empty: CORS off. */
  corsAllowedOrigins: string;
  corsAllowedMethods: string;
  corsAllowedHeaders: string;
  corsMaxAgeSeconds: number;
}

/** Headers a script may read from a response besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['Retry-After', 'Location', 'Allow'];

export const corsOriginsExpected =
  'a comma-separated list of origins such as https://app.example.com,http://localhost:3000, or *';

/** What is wrong with a CORS_ALLOWED_ORIGINS value, or undefined when it is fine. */
export function corsOriginsProblem(value: string): string | undefined {
  for (const entry of listOf(value)) {
    if (entry === '*') continue;
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      // reported below
    }
    // A browser sends the origin exactly so: scheme, host, port, no path nor trailing slash.
    if (origin !== entry || !/^https?:/.test(entry)) return `'${entry}' is not an origin`;
  }
  return undefined;
}

export async function installCors(app: FastifyInstance, settings: CorsSettings): Promise<void> {
  const origins = listOf(settings.corsAllowedOrigins);
  if (origins.length === 0) return;
  await app.register(cors, {
    // A list is matched exactly and the matching origin echoed (with Vary: Origin).
    origin: origins.includes('*') ? '*' : origins,
    methods: listOf(settings.corsAllowedMethods),
    allowedHeaders: listOf(settings.corsAllowedHeaders),
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: settings.corsMaxAgeSeconds,
  });
}

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
