// cassandra-driver 4.10 arms each socket's idle timeout (socketOptions.connectTimeout) while it
// connects and never clears it: it only removes its own 'timeout' listener once connected. Every
// read and write on every connection then re-arms that timer (net.Socket._unrefTimer), which was
// ~12 % of the bridge's main thread under load, and the timer fires on every idle socket for
// nobody. Clearing it once the socket is connected changes nothing else: the driver's heartbeat
// runs on its own timer, and dead peers are found by the heartbeat and TCP keep-alive as before.
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

interface DriverConnection {
  netClient: Socket;
  bindSocketListeners(): void;
}

const require = createRequire(import.meta.url);
const { prototype } = require('cassandra-driver/lib/connection.js') as { prototype: DriverConnection };

let installed = false;

export function clearConnectTimeoutOnceConnected(): void {
  if (installed) return;
  installed = true;
  const bindSocketListeners = prototype.bindSocketListeners;
  prototype.bindSocketListeners = function (this: DriverConnection) {
    bindSocketListeners.call(this);
    this.netClient.setTimeout(0);
  };
}
