// cassandra-driver errors → gRPC status + Stargate's detail trailers (facts §2, from Stargate's
// ExceptionHandler): each Cassandra error class keeps its meaning end to end.
import { status as GrpcStatus } from '@grpc/grpc-js';
import cassandra from 'cassandra-driver';
import { loadRejectionDetails, retryInfoDetail } from '../../../common/src/errors/load-rejection.js';
import { encodeMessage } from '../../../common/src/proto/proto-root.js';
import { BridgeError, type ErrorDetail } from './bridge-error.js';

const codes = cassandra.types.responseErrorCodes;

/** jvector's refusal inside Cassandra 5.0's SAI vector index (PoolingSupport.ThreadPooling). */
const VECTOR_INDEX_CONTENTION = /outstanding pooled objects has gone beyond the limit/i;

const AUTH_DATA_UNAVAILABLE =
  /Cannot achieve consistency level|Operation timed out|Unable to perform authorization/i;

interface ResponseErrorFields {
  code: number;
  message: string;
  consistencies?: number;
  required?: number;
  alive?: number;
  received?: number;
  blockFor?: number;
  isDataPresent?: boolean;
  writeType?: string;
  failures?: number;
  keyspace?: string;
  table?: string;
  functionName?: string;
  argTypes?: string[];
}

function detail(typeName: string, value: Record<string, unknown>): ErrorDetail[] {
  return [{ typeName, bytes: encodeMessage(typeName, value) }];
}

export function fromDriverError(err: unknown): BridgeError {
  if (err instanceof BridgeError) return err;
  const { errors } = cassandra;
  if (err instanceof errors.ResponseError) return fromResponseError(err as unknown as ResponseErrorFields);
  if (err instanceof errors.NoHostAvailableError) {
    const innerErrors = (err as { innerErrors?: Record<string, unknown> }).innerErrors ?? {};
    const inner = Object.values(innerErrors);
    const auth = inner.find((e) => e instanceof errors.AuthenticationError);
    if (auth) return new BridgeError(GrpcStatus.UNAUTHENTICATED, firstLine((auth as Error).message));
    // Every host tried answered with a Cassandra error (e.g. Unavailable, then the retry on the next
    // host too): that error says more than "unreachable", and keeps its status and detail.
    const answers = inner.filter((e) => e instanceof errors.ResponseError);
    if (answers.length > 0 && answers.length === inner.length) {
      return fromResponseError(answers[0] as unknown as ResponseErrorFields);
    }
    // One short reason per host; the driver's own message embeds stack traces.
    const reasons = Object.entries(innerErrors)
      .map(([host, e]) => `${host}: ${firstLine((e as Error)?.message ?? String(e))}`)
      .join('; ');
    return new BridgeError(
      GrpcStatus.UNAVAILABLE,
      `Cassandra is unreachable (${reasons || 'no host available'})`,
    );
  }
  if (err instanceof errors.OperationTimedOutError) {
    return new BridgeError(GrpcStatus.DEADLINE_EXCEEDED, `Cassandra did not answer in time: ${err.message}`);
  }
  if (err instanceof errors.BusyConnectionError) {
    return overloaded(`Too many requests in flight: ${err.message}`);
  }
  if (err instanceof errors.AuthenticationError)
    return new BridgeError(GrpcStatus.UNAUTHENTICATED, err.message);
  // The connection to Cassandra broke mid-request (node stopping, network): retryable.
  if ((err as { isSocketError?: boolean })?.isSocketError) {
    return new BridgeError(
      GrpcStatus.UNAVAILABLE,
      `Lost the connection to Cassandra: ${firstLine((err as Error).message)}`,
    );
  }

  // Bad bind values caught while the driver encodes them.
  if (err instanceof TypeError || err instanceof RangeError || err instanceof errors.ArgumentError) {
    return BridgeError.invalid(`Invalid value: ${(err as Error).message}`);
  }
  return new BridgeError(GrpcStatus.INTERNAL, `Internal error: ${(err as Error)?.message ?? String(err)}`);
}

/** Cassandra or the driver is saturated: the same load rejection as the bridge's own limits. */
function overloaded(message: string): BridgeError {
  return new BridgeError(
    GrpcStatus.RESOURCE_EXHAUSTED,
    message,
    loadRejectionDetails({ reason: 'OVERLOADED', retryAfterMs: 1000 }, 'bridge'),
  );
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}

function fromResponseError(e: ResponseErrorFields): BridgeError {
  const consistency = e.consistencies ?? 0;
  // What timeouts and failures report about the replicas that answered.
  const replicas = { consistency, received: e.received ?? 0, blockFor: e.blockFor ?? 0 };
  switch (e.code) {
    case codes.syntaxError:
    case codes.invalid:
      return new BridgeError(GrpcStatus.INVALID_ARGUMENT, e.message);
    case codes.unauthorized:
      // Cassandra answers "Unauthorized" when it cannot read its own auth data (system_auth) at the
      // consistency it needs, e.g. with replicas down: that is an outage, not a missing grant.
      if (AUTH_DATA_UNAVAILABLE.test(e.message)) {
        return new BridgeError(
          GrpcStatus.UNAVAILABLE,
          `Cassandra could not read its auth data (replicas down?): ${e.message}`,
        );
      }
      return new BridgeError(GrpcStatus.PERMISSION_DENIED, e.message);
    case codes.badCredentials:
      return new BridgeError(GrpcStatus.UNAUTHENTICATED, e.message);
    case codes.configError:
      return new BridgeError(GrpcStatus.FAILED_PRECONDITION, e.message);
    case codes.alreadyExists:
      return new BridgeError(
        GrpcStatus.ALREADY_EXISTS,
        e.message,
        detail('stargate.AlreadyExists', { keyspace: e.keyspace ?? '', table: e.table ?? '' }),
      );
    case codes.unavailableException:
      return new BridgeError(
        GrpcStatus.UNAVAILABLE,
        e.message,
        detail('stargate.Unavailable', { consistency, required: e.required ?? 0, alive: e.alive ?? 0 }),
      );
    case codes.isBootstrapping:
      return new BridgeError(GrpcStatus.UNAVAILABLE, e.message);
    case codes.overloaded:
      return overloaded(e.message);
    case codes.readTimeout:
      return new BridgeError(
        GrpcStatus.DEADLINE_EXCEEDED,
        e.message,
        detail('stargate.ReadTimeout', {
          ...replicas,
          dataPresent: e.isDataPresent ?? false,
        }),
      );
    case codes.writeTimeout:
      return new BridgeError(
        GrpcStatus.DEADLINE_EXCEEDED,
        e.message,
        detail('stargate.WriteTimeout', {
          ...replicas,
          writeType: e.writeType ?? '',
        }),
      );
    case codes.readFailure:
      return new BridgeError(
        GrpcStatus.ABORTED,
        e.message,
        detail('stargate.ReadFailure', {
          ...replicas,
          numFailures: e.failures ?? 0,
          dataPresent: e.isDataPresent ?? false,
        }),
      );
    case codes.writeFailure:
      return new BridgeError(
        GrpcStatus.ABORTED,
        e.message,
        detail('stargate.WriteFailure', {
          ...replicas,
          numFailures: e.failures ?? 0,
          writeType: e.writeType ?? '',
        }),
      );
    case codes.functionFailure:
      return new BridgeError(
        GrpcStatus.ABORTED,
        e.message,
        detail('stargate.FunctionFailure', {
          keyspace: e.keyspace ?? '',
          function: e.functionName ?? '',
          argTypes: e.argTypes ?? [],
        }),
      );
    case codes.truncateError:
      return new BridgeError(GrpcStatus.ABORTED, e.message);
    default:
      // Cassandra 5.0's vector index refusing a write under contention (query/vector-write-limiter.ts
      // keeps the gateway's own writes below it): worth a retry, not a server fault.
      if (VECTOR_INDEX_CONTENTION.test(e.message)) {
        return new BridgeError(
          GrpcStatus.UNAVAILABLE,
          `Cassandra's vector index refused the write: too many writes reached one SAI vector index at once; the write may not have been applied, retry it (${e.message})`,
          [retryInfoDetail(1000)],
        );
      }
      // serverError, protocolError, unprepared and anything new.
      return new BridgeError(GrpcStatus.INTERNAL, e.message);
  }
}
