// The one error class the services raise on purpose; its code picks status and message.
import { type ErrorCode, type ErrorCodeSpec, errorCodes } from './error-codes.js';
import {
  type EncodedDetail,
  type LoadLayer,
  type LoadRejection,
  loadRejectionDetails,
  retryAfterSeconds,
} from './load-rejection.js';

export class ApiError extends Error {
  readonly code: ErrorCode | string;
  readonly httpStatus: number;
  readonly grpcStatus: number;
  /** Extra response headers, such as Retry-After on a 429. */
  headers?: Record<string, string>;
  /** Detail messages a gRPC client gets with the status (google.rpc.ErrorInfo, RetryInfo). */
  details?: EncodedDetail[];
  /** Set on a refusal for load: logged at debug, never as a server failure. */
  loadRejection?: LoadRejection;

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

  /** OVERLOADED (503) or RATE_LIMITED (429) with Retry-After and the load-rejection details. */
  static loadRejected(rejection: LoadRejection, detail: string, layer: LoadLayer = 'api'): ApiError {
    const seconds = retryAfterSeconds(rejection.retryAfterMs);
    const err =
      rejection.reason === 'OVERLOADED'
        ? new ApiError('OVERLOADED', { detail })
        : new ApiError('RATE_LIMITED', { detail, seconds });
    return err.asLoadRejection(rejection, layer);
  }

  /** Marks this error as a refusal for load: Retry-After, details, quiet logging. */
  asLoadRejection(rejection: LoadRejection, layer: LoadLayer): this {
    this.loadRejection = rejection;
    this.headers = { ...this.headers, 'retry-after': String(retryAfterSeconds(rejection.retryAfterMs)) };
    this.details = loadRejectionDetails(rejection, layer);
    return this;
  }
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
