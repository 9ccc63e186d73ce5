// How fast this machine is right now, against the reference figures of performance-notes §6
// (measured on the same kind of 2-core machine when it was quiet): a Fastify route returning a
// small JSON document (~58 µs of server CPU per request at c=32) and a grpc-js unary echo (~240 µs
// client + ~150 µs server per call at c=32). The ratio tells how much slower every per-request
// figure of this run is than it would be on a quiet machine.
import { fork } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ECHO_PROTO } from './echo-proto.js';
import { runHttpLoad } from './http-load.js';
import { runAtConcurrency } from './latency-run.js';
import { cpuSeconds } from './process-cpu.js';

type EchoMethod = (
  request: { text: string; n: number },
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: unknown) => void,
) => grpc.ClientUnaryCall;

export const REFERENCE = { fastifyServerUs: 58, grpcUnaryBothEndsUs: 390 };

export interface Calibration {
  fastify: { throughput: number; serverUsPerRequest: number };
  /**
   * The same route with one request at a time (c=1): its p50 is what one more idle Node process
   * on a request's way costs here at the least (two wake-ups and a loopback round trip), and its
   * server CPU per request against the c=32 figure shows what serving a request alone costs extra
   * (cold caches, the kernel's wake-up path). On the nested VMs we develop on this was 3–5 × the
   * c=32 CPU and ~0.1 ms p50 (bench/README.md, "One request at a time").
   */
  alone: { p50Us: number; serverUsPerRequest: number };
  grpcUnary: { throughput: number; clientUsPerCall: number; serverUsPerCall: number };
  /** Measured CPU per request / reference, averaged over the two: 1.0 = as fast as the reference. */
  slowdown: number;
}

export async function calibrate(durationMs: number): Promise<Calibration> {
  const child = fork(new URL('./echo-server.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ports = await new Promise<{ httpPort: number; grpcPort: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('calibration server did not start in 30 s')), 30_000);
      child.once('message', (m) => {
        clearTimeout(timer);
        resolve(m as { httpPort: number; grpcPort: number });
      });
      child.once('exit', (code) => reject(new Error(`calibration server exited (${code})`)));
    });
    const pid = child.pid!;

    const httpOptions = { concurrency: 32, maxRequests: 2_000_000, headers: {} };
    const next = () => ({ method: 'GET' as const, path: '/echo' });
    const base = `http://127.0.0.1:${ports.httpPort}`;
    await runHttpLoad(base, next, { ...httpOptions, durationMs: Math.min(1000, durationMs) });
    let cpu0 = cpuSeconds(pid);
    const http = await runHttpLoad(base, next, { ...httpOptions, durationMs });
    const fastifyServerUs = ((cpuSeconds(pid) - cpu0) / Math.max(1, http.requests)) * 1e6;
    cpu0 = cpuSeconds(pid);
    const single = await runHttpLoad(base, next, {
      ...httpOptions,
      concurrency: 1,
      durationMs: Math.min(2000, durationMs),
    });
    const aloneServerUs = ((cpuSeconds(pid) - cpu0) / Math.max(1, single.requests)) * 1e6;

    const definition = grpc.loadPackageDefinition(protoLoader.loadSync(ECHO_PROTO)) as unknown as {
      calibration: { Echo: grpc.ServiceClientConstructor };
    };
    const client = new definition.calibration.Echo(
      `127.0.0.1:${ports.grpcPort}`,
      grpc.credentials.createInsecure(),
    ) as unknown as grpc.Client & { Echo: EchoMethod };
    const call = () =>
      new Promise((resolve, reject) =>
        client.Echo({ text: 'hello', n: 1 }, { deadline: Date.now() + 10_000 }, (err, res) =>
          err ? reject(err) : resolve(res),
        ),
      );
    await runAtConcurrency(call, { concurrency: 32, durationMs: Math.min(1000, durationMs) });
    cpu0 = cpuSeconds(pid);
    const self0 = process.cpuUsage();
    const g = await runAtConcurrency(call, { concurrency: 32, durationMs });
    const self = process.cpuUsage(self0);
    const serverUs = ((cpuSeconds(pid) - cpu0) / Math.max(1, g.requests)) * 1e6;
    const clientUs = (self.user + self.system) / Math.max(1, g.requests);
    client.close();
    const slowdown =
      (fastifyServerUs / REFERENCE.fastifyServerUs + (clientUs + serverUs) / REFERENCE.grpcUnaryBothEndsUs) /
      2;
    return {
      fastify: { throughput: http.throughput, serverUsPerRequest: fastifyServerUs },
      alone: { p50Us: single.p50Ms * 1000, serverUsPerRequest: aloneServerUs },
      grpcUnary: { throughput: g.throughput, clientUsPerCall: clientUs, serverUsPerCall: serverUs },
      slowdown,
    };
  } finally {
    child.disconnect();
    if (child.exitCode === null) child.kill();
  }
}

export function describeCalibration(c: Calibration): string {
  return (
    `Machine check (performance-notes §6 reference in brackets): Fastify route ${c.fastify.serverUsPerRequest.toFixed(0)} µs server CPU/request [${REFERENCE.fastifyServerUs}], ` +
    `${c.fastify.throughput.toFixed(0)} req/s [~16,700]; grpc-js unary echo ${(c.grpcUnary.clientUsPerCall + c.grpcUnary.serverUsPerCall).toFixed(0)} µs CPU/call both ends [${REFERENCE.grpcUnaryBothEndsUs}], ` +
    `${c.grpcUnary.throughput.toFixed(0)} calls/s [~3,900] → per-request CPU ≈ ${c.slowdown.toFixed(2)} × the reference machine's. ` +
    `One request at a time (c=1): p50 ${c.alone.p50Us.toFixed(0)} µs, ${c.alone.serverUsPerRequest.toFixed(0)} µs server CPU/request ` +
    `(${(c.alone.serverUsPerRequest / Math.max(1, c.fastify.serverUsPerRequest)).toFixed(1)} × its c=32 figure).`
  );
}
