// Request logs still carry the request id and the parent's redaction, though the per-request child
// logger is only made when a request logs.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';

describe('request loggers', () => {
  it('log with the request id, the service and redaction', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = pino(
      { level: 'info', base: { service: 'test' }, redact: { paths: ['password'], censor: '<redacted>' } },
      sink,
    );
    const app = buildHttpApp({ logger, registry: new Registry(), readiness: async () => ({ ready: true }) });
    app.get('/quiet', async () => ({ ok: true }));
    app.get('/loud', async (req) => {
      req.log.warn({ password: 'secret' }, 'something odd');
      req.log.child({ step: 2 }).error('and worse');
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: '/quiet' });
    const loud = await app.inject({ method: 'GET', url: '/loud' });
    expect(loud.statusCode).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    const warn = lines.find((l) => l.msg === 'something odd');
    const error = lines.find((l) => l.msg === 'and worse');
    expect(warn).toMatchObject({ service: 'test', password: '<redacted>', level: 40 });
    expect(typeof warn?.reqId).toBe('string');
    expect(error).toMatchObject({ service: 'test', reqId: warn?.reqId, step: 2, level: 50 });
    expect(lines.filter((l) => l.msg === 'something odd' || l.msg === 'and worse')).toHaveLength(2);
    await app.close();
  });
});
