import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../services/common/src/config/load-config.js';

interface BridgeLike {
  grpcPort: number;
  logLevel: string;
  contactPoints: string;
  password: string;
}

describe('loadConfig', () => {
  it('applies defaults and coerces types', () => {
    const config = loadConfig<BridgeLike>(['common', 'bridge'], { BRIDGE_GRPC_PORT: '9999' });
    expect(config.grpcPort).toBe(9999);
    expect(config.logLevel).toBe('info');
    expect(config.contactPoints).toBe('127.0.0.1:9042');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the variable, the value and what is allowed', () => {
    expect(() => loadConfig(['common', 'bridge'], { BRIDGE_GRPC_PORT: 'abc' })).toThrow(
      'invalid configuration: BRIDGE_GRPC_PORT="abc" is not allowed; expected an integer from 0 to 65535',
    );
    expect(() => loadConfig(['common'], { LOG_LEVEL: 'loud' })).toThrow(
      'LOG_LEVEL="loud" is not allowed; expected one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(() => loadConfig(['common', 'bridge'], { BRIDGE_GRPC_PORT: '70000' })).toThrow(ConfigError);
  });

  it('never prints a secret value', () => {
    try {
      loadConfig(['common', 'bridge'], { BRIDGE_PAGING_STATE_SECRET: '', CASSANDRA_CONTACT_POINTS: 'a b' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('CASSANDRA_CONTACT_POINTS="a b"');
    }
    expect(loadConfig<BridgeLike>(['common', 'bridge'], { CASSANDRA_PASSWORD: 's3cret' }).password).toBe(
      's3cret',
    );
  });
});
