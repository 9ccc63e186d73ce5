// The pid of the process listening on a loopback TCP address of this machine, from /proc: so a
// cluster named by CASSANDRA_CONTACT_POINTS that runs here (e.g. `npm run cassandra -- start`) has
// its CPU counted apart like the launcher's own node, instead of showing up as "other load".
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** /proc/net/tcp's address form: the IPv4 address as a little-endian hex word, then the port. */
function procAddress(host: string, port: number): string | undefined {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
  return `${parts
    .reverse()
    .map((p) => hex(p, 2))
    .join('')}:${hex(port, 4)}`;
}

function listeningInode(address: string): string | undefined {
  let table: string;
  try {
    table = readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === address && fields[3] === LISTEN) return fields[9];
  }
  return undefined;
}

/** undefined when nothing here listens there, or /proc does not tell (another user's process). */
export function listenerPid(hostPort: string): number | undefined {
  const [host = '', portText = '9042'] = hostPort.trim().split(':');
  const address = procAddress(host, Number(portText));
  const inode = address && listeningInode(address);
  if (!inode) return undefined;
  const socket = `socket:[${inode}]`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === socket) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}
