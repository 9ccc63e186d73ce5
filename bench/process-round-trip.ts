// The round trip of one byte between two processes over loopback TCP, one at a time: two wake-ups
// of an idle process and nothing else. Every process a request passes through (API, bridge) costs
// at least this much latency at concurrency 1. On a VM whose guest never polls before halting an
// idle vCPU (haltpoll.guest_halt_poll_ns=0), each wake-up is a round trip through the hypervisor,
// and this figure shows it (bench/README.md, "One request at a time").
//
//   npx tsx bench/process-round-trip.ts [--rounds 3] [--trips 5000]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, trips: { type: 'string' } } });
const rounds = Number(values.rounds ?? 3);
const trips = Number(values.trips ?? 5000);

const echoSource = `
const server = require('node:net').createServer((s) => { s.setNoDelay(true); s.on('data', (d) => s.write(d)); });
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;
const echo = spawn(process.execPath, ['-e', echoSource], { stdio: ['ignore', 'pipe', 'inherit'] });

function haltPollNs(): string {
  try {
    return readFileSync('/sys/module/haltpoll/parameters/guest_halt_poll_ns', 'utf8').trim();
  } catch {
    return 'not a haltpoll guest';
  }
}

try {
  const port = await new Promise<number>((resolve, reject) => {
    echo.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    echo.once('exit', (code) => reject(new Error(`echo process exited (${code})`)));
  });
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once('connect', resolve));
  console.log(`guest_halt_poll_ns: ${haltPollNs()}`);
  for (let round = 1; round <= rounds; round++) {
    const us: number[] = [];
    for (let i = 0; i < trips; i++) {
      const start = process.hrtime.bigint();
      await new Promise<void>((resolve) => {
        socket.once('data', () => resolve());
        socket.write('x');
      });
      us.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    us.sort((a, b) => a - b);
    const at = (q: number) => us[Math.min(us.length - 1, Math.floor(q * us.length))]!.toFixed(0);
    console.log(
      `round ${round}: ${trips} round trips, p50 ${at(0.5)} µs, p90 ${at(0.9)} µs, p99 ${at(0.99)} µs`,
    );
  }
  socket.destroy();
} finally {
  echo.kill();
}
