// BRIDGE_ADDRESS as an operator writes it → the grpc-js target that names every bridge replica, and
// a one-line start-up error naming what is wrong with a bad value.
import { describe, expect, it } from 'vitest';
import { bridgeTarget } from '../../../services/common/src/bridge/bridge-target.js';
import { loadConfig } from '../../../services/common/src/config/load-config.js';

describe('bridgeTarget', () => {
  it.each([
    ['127.0.0.1:8091', 'ipv4:127.0.0.1:8091'],
    ['10.0.0.5:8091,10.0.0.6:8092', 'ipv4:10.0.0.5:8091,10.0.0.6:8092'],
    [' 10.0.0.5:8091 , 10.0.0.6:8091 ', 'ipv4:10.0.0.5:8091,10.0.0.6:8091'],
    ['[::1]:8091', 'ipv6:[::1]:8091'],
    ['[::1]:8091,[fe80::1]:9000', 'ipv6:[::1]:8091,[fe80::1]:9000'],
    ['stargate-bridge:8091', 'dns:stargate-bridge:8091'],
    ['localhost:8091', 'dns:localhost:8091'],
    ['bridge.ns.svc.cluster.local:8091', 'dns:bridge.ns.svc.cluster.local:8091'],
  ])('%s → %s', (address, target) => {
    expect(bridgeTarget(address)).toBe(target);
  });

  it.each([
    ['127.0.0.1', '127.0.0.1 is not host:port'],
    ['127.0.0.1:8091,', 'an entry of the list is empty'],
    ['::1:8091', 'write the IPv6 address ::1:8091 in brackets: [::1]:8091'],
    ['[127.0.0.1]:8091', '127.0.0.1 in brackets is not an IPv6 address'],
    ['127.0.0.1:0', 'port 0 of 127.0.0.1:0 is not from 1 to 65535'],
    ['127.0.0.1:70000', 'port 70000 of 127.0.0.1:70000 is not from 1 to 65535'],
    ['a:8091,b:8091', 'a DNS name must be the only entry (list IP addresses instead)'],
    ['bridge:8091,10.0.0.5:8091', 'a DNS name must be the only entry (list IP addresses instead)'],
    ['10.0.0.5:8091,[::1]:8091', 'IPv4 and IPv6 addresses cannot be mixed'],
    ['bridge :8091', 'bridge :8091 is not host:port'],
  ])('refuses %s: %s', (address, problem) => {
    expect(() => bridgeTarget(address)).toThrow(problem);
  });

  it('stops start-up with one line naming the variable, the value and what is wrong', () => {
    expect(() => loadConfig(['common', 'api-common'], { BRIDGE_ADDRESS: 'a:8091,b:8091' })).toThrow(
      'invalid configuration: BRIDGE_ADDRESS="a:8091,b:8091" is not allowed; expected host:port, or a ' +
        'comma-separated list of IPv4 or [IPv6] host:port (e.g. 10.0.0.5:8091,10.0.0.6:8091 or [::1]:8091); ' +
        'a DNS name only alone (it may resolve to several bridges) (a DNS name must be the only entry (list IP addresses instead))',
    );
    const config = loadConfig<{ bridgeAddress: string }>(['common', 'api-common'], {
      BRIDGE_ADDRESS: '127.0.0.1:18091,127.0.0.1:18092',
    });
    expect(config.bridgeAddress).toBe('127.0.0.1:18091,127.0.0.1:18092');
  });
});
