// Reads the trace Cassandra recorded for a traced request and shapes it as Stargate's Traces.
import type cassandra from 'cassandra-driver';
import type { Traces } from '../../../common/src/proto/generated/stargate/Traces.js';

interface DriverTrace {
  duration: number;
  startedAt: Date | number;
  events: Array<{
    id: { toString(): string };
    activity: string;
    source: unknown;
    elapsed: number;
    thread: string;
  }>;
}

export async function fetchTraces(
  client: cassandra.Client,
  traceId: cassandra.types.Uuid,
  consistency: number,
): Promise<Traces> {
  const trace = (await client.metadata.getTrace(traceId, consistency)) as unknown as DriverTrace;
  return {
    id: traceId.toString(),
    duration: trace.duration ?? 0,
    startedAt: trace.startedAt instanceof Date ? trace.startedAt.getTime() : Number(trace.startedAt ?? 0),
    events: (trace.events ?? []).map((e) => ({
      activity: e.activity,
      source: String(e.source),
      sourceElapsed: e.elapsed ?? 0,
      thread: e.thread,
      eventId: e.id.toString(),
    })),
  };
}
