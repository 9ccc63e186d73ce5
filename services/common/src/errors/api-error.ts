// The one error class the services raise on purpose; its code picks status and message.
import { type ErrorCode, type ErrorCodeSpec, errorCodes } from './error-codes.js';

export class ApiError extends Error {
  readonly code: ErrorCode | string;
  readonly httpStatus: number;
  readonly grpcStatus: number;
  /** Extra response headers, such as Retry-After on a 429. */
  headers?: Record<string, string>;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}) {
    const spec: ErrorCodeSpec = errorCodes[code];
    super(fill(spec.message, params));
    this.name = 'ApiError';
    this.code = code;
    this.httpStatus = spec.http;
    this.grpcStatus = spec.grpc;
  }

  /** For errors whose status comes from elsewhere (a bridge status mapped to HTTP). */
  static withStatus(code: string, httpStatus: number, grpcStatus: number, message: string): ApiError {
    const err = new ApiError('INTERNAL');
    err.message = message;
    Object.assign(err, { code, httpStatus, grpcStatus });
    return err;
  }
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
