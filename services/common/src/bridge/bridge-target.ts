// BRIDGE_ADDRESS (one host:port, or a comma-separated list) → the grpc-js target naming every bridge
// replica, so the channel's round_robin spreads calls over them and fails over: an `ipv4:` or `ipv6:`
// address list, or `dns:` for one name (a headless Kubernetes Service resolves to every replica).
import { isIPv4, isIPv6 } from 'node:net';

export interface BridgeEndpoint {
  host: string;
  port: number;
  kind: 'ipv4' | 'ipv6' | 'name';
}

export const bridgeAddressExpected =
  'host:port, or a comma-separated list of IPv4 or [IPv6] host:port (e.g. 10.0.0.5:8091,10.0.0.6:8091 or [::1]:8091); a DNS name only alone (it may resolve to several bridges)';

/** What is wrong with a BRIDGE_ADDRESS value, or undefined when it is fine. */
export function bridgeAddressProblem(value: string): string | undefined {
  try {
    bridgeTarget(value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function parseBridgeAddress(value: string): BridgeEndpoint[] {
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.map((entry) => {
    if (entry === '') throw new Error('an entry of the list is empty');
    const match = /^(?:\[([^\]]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(entry);
    if (!match) {
      if (entry.split(':').length > 2)
        throw new Error(`write the IPv6 address ${entry} in brackets: [::1]:8091`);
      throw new Error(`${entry} is not host:port`);
    }
    const port = Number(match[3]);
    if (port < 1 || port > 65535) throw new Error(`port ${match[3]} of ${entry} is not from 1 to 65535`);
    if (match[1] !== undefined) {
      if (!isIPv6(match[1])) throw new Error(`${match[1]} in brackets is not an IPv6 address`);
      return { host: match[1], port, kind: 'ipv6' };
    }
    const host = match[2]!;
    return { host, port, kind: isIPv4(host) ? 'ipv4' : 'name' };
  });
}

export function bridgeTarget(value: string): string {
  const endpoints = parseBridgeAddress(value);
  const kinds = new Set(endpoints.map((e) => e.kind));
  if (kinds.has('name')) {
    // grpc-js resolves one name per channel; list addresses, or a name that lists them.
    if (endpoints.length > 1)
      throw new Error('a DNS name must be the only entry (list IP addresses instead)');
    return `dns:${endpoints[0]!.host}:${endpoints[0]!.port}`;
  }
  if (kinds.size > 1) throw new Error('IPv4 and IPv6 addresses cannot be mixed');
  if (kinds.has('ipv6')) return `ipv6:${endpoints.map((e) => `[${e.host}]:${e.port}`).join(',')}`;
  return `ipv4:${endpoints.map((e) => `${e.host}:${e.port}`).join(',')}`;
}
