// Clients that stall their uploads, against a real REST API, bridge and Cassandra. Before the
// request timeout and the body budget, 192 authenticated uploads of 1 MB that never sent their last
// byte held every place of MAX_IN_FLIGHT_REQUESTS (and ~200 MB of memory) for as long as their
// connections stayed open: every other request was answered 503.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

const ks = uniqueKeyspaceName('rest_slow');
let bridge: TestBridge;

beforeAll(async () => {
  bridge = await startTestBridge();
  await bridge.createKeyspace(ks);
  await bridge.su(`CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text)`);
});

afterAll(async () => {
  await bridge?.dropKeyspace(ks);
  await bridge?.close();
});

interface RawAnswer {
  status: number;
  body: unknown;
}

interface StalledUpload {
  socket: net.Socket;
  /** The first answer on the connection, if any comes. */
  answer: Promise<RawAnswer>;
}

/** A POST insert declaring `declared` bytes of body, of which only `sent` are written. */
function stallUpload(api: RestApi, declared: number, sent: number): StalledUpload {
  const { hostname, port } = new URL(api.url);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => undefined);
  const head = [
    `POST /v2/keyspaces/${ks}/t HTTP/1.1`,
    `host: ${hostname}:${port}`,
    `x-cassandra-token: ${api.token}`,
    'content-type: application/json',
    `content-length: ${declared}`,
  ].join('\r\n');
  const prefix = '{"k": 1, "v": "';
  socket.write(`${head}\r\n\r\n${prefix}${'x'.repeat(Math.max(0, sent - prefix.length))}`);
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    let received = Buffer.alloc(0);
    const parse = () => {
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? -1);
      const body = received.subarray(end + 4);
      if (length < 0 || body.length < length) return;
      resolve({
        status: Number(text.slice(9, 12)),
        body: JSON.parse(body.subarray(0, length).toString('utf8')),
      });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      parse();
    });
    socket.on('close', () => reject(new Error(`closed without an answer: ${received.toString('latin1')}`)));
  });
  answer.catch(() => undefined);
  return { socket, answer };
}

async function readRow(api: RestApi): Promise<number> {
  return (await api.get(`/v2/keyspaces/${ks}/t/1`)).status;
}

describe('uploads stalled by their clients (MAX_IN_FLIGHT_BODY_BYTES=1000000, HTTP_REQUEST_TIMEOUT_MS=1500)', () => {
  let api: RestApi;
  beforeAll(async () => {
    api = await startRestApi(
      { MAX_IN_FLIGHT_BODY_BYTES: '1000000', HTTP_REQUEST_TIMEOUT_MS: '1500' },
      { bridge },
    );
  });
  afterAll(async () => api?.close());

  it('over the body budget an upload is refused at once; reads go on; stalled ones get 408 and give their places back', async () => {
    const stalled = [stallUpload(api, 450_000, 1_000), stallUpload(api, 450_000, 1_000)];
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.inFlight()).toBe(2);

    const third = stallUpload(api, 450_000, 1_000);
    const refused = await third.answer;
    expect(refused).toEqual({
      status: 503,
      body: {
        description:
          'Server is overloaded (request bodies of more than 1000000 bytes in flight, the limit of this API process); retry later',
        code: 503,
      },
    });
    third.socket.destroy();
    expect(await readRow(api)).toBe(200);

    const started = performance.now();
    for (const upload of stalled) {
      expect(await upload.answer).toEqual({
        status: 408,
        body: {
          description: 'The request was not received within 1500 ms (HTTP_REQUEST_TIMEOUT_MS)',
          code: 408,
        },
      });
    }
    // Checked every 750 ms (half the timeout): answered within timeout + one check of the start.
    expect(performance.now() - started).toBeLessThan(1500 + 750 + 500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.inFlight()).toBe(0);

    const write = await api.post(`/v2/keyspaces/${ks}/t`, { k: 2, v: 'y'.repeat(400_000) });
    expect(write.status).toBe(201);
  }, 20_000);
});

describe('uploads stalled by their clients, with the default limits', () => {
  let api: RestApi;
  beforeAll(async () => {
    api = await startRestApi({}, { bridge });
  });
  afterAll(async () => api?.close());

  it('200 uploads of 1 MB stalled before their last byte: only 16 are taken in, and the API still answers', async () => {
    const uploads: StalledUpload[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const upload = stallUpload(api, 1_048_576, 1_048_575);
      upload.answer.then((a) => statuses.push(a.status)).catch(() => undefined);
      uploads.push(upload);
    }
    // 16 MiB of bodies in flight: 16 are taken in (and wait for their last byte), 184 refused.
    for (let waited = 0; statuses.length < 184 && waited < 30_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statuses).toEqual(Array(184).fill(503));
    expect(api.inFlight()).toBe(16);
    expect(await readRow(api)).toBe(200);
    for (const u of uploads) u.socket.destroy();
  }, 60_000);
});
