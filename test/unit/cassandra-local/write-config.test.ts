import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildJvmArgs, CASSANDRA_MAIN_CLASS } from '../../../tools/cassandra-local/jvm-options.js';
import { nodeLayout, resolveOptions } from '../../../tools/cassandra-local/options.js';
import {
  renderCassandraYaml,
  renderLogbackXml,
  writeNodeConfig,
} from '../../../tools/cassandra-local/write-config.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cassandra-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('cassandra.yaml', () => {
  const options = resolveOptions({ dataDir, nodes: 3, baseAddress: '127.0.0.5' });
  const node2 = nodeLayout(options, 2);
  const yaml = parse(
    renderCassandraYaml({ node: node2, clusterName: 'Test', seedAddress: '127.0.0.5', storagePort: 7000 }),
  ) as Record<string, unknown>;

  it('gives node i the address base + (i - 1), the same ports, and node 1 as seed', () => {
    expect(node2.address).toBe('127.0.0.6');
    expect(yaml['listen_address']).toBe('127.0.0.6');
    expect(yaml['rpc_address']).toBe('127.0.0.6');
    expect(yaml['broadcast_address']).toBe('127.0.0.6');
    expect(yaml['native_transport_port']).toBe(9042);
    expect(yaml['storage_port']).toBe(7000);
    expect(yaml['seed_provider']).toEqual([
      {
        class_name: 'org.apache.cassandra.locator.SimpleSeedProvider',
        parameters: [{ seeds: '127.0.0.5:7000' }],
      },
    ]);
  });

  it('keeps every folder inside the node folder', () => {
    expect(yaml['data_file_directories']).toEqual([join(dataDir, 'node2', 'data')]);
    for (const key of [
      'commitlog_directory',
      'hints_directory',
      'saved_caches_directory',
      'cdc_raw_directory',
    ]) {
      expect(String(yaml[key]).startsWith(join(dataDir, 'node2'))).toBe(true);
    }
  });

  it('turns on password auth, Cassandra authorization and short auth caches', () => {
    expect(yaml['authenticator']).toBe('PasswordAuthenticator');
    expect(yaml['authorizer']).toBe('CassandraAuthorizer');
    expect(yaml['role_manager']).toBe('CassandraRoleManager');
    expect(yaml['permissions_validity']).toBe('2000ms');
    expect(yaml['roles_validity']).toBe('2000ms');
    expect(yaml['credentials_validity']).toBe('2000ms');
  });

  it('uses 5.0 key names and unit syntax', () => {
    expect(yaml['num_tokens']).toBeLessThanOrEqual(16);
    expect(yaml['partitioner']).toBe('org.apache.cassandra.dht.Murmur3Partitioner');
    expect(yaml['commitlog_sync']).toBe('periodic');
    expect(yaml['commitlog_sync_period']).toMatch(/^\d+ms$/);
    expect(yaml['memtable_heap_space']).toMatch(/^\d+MiB$/);
    expect(yaml['materialized_views_enabled']).toBe(true);
    expect(yaml['user_defined_functions_enabled']).toBe(true);
    expect(yaml['scripted_user_defined_functions_enabled']).toBe(false);
    expect(yaml['dynamic_data_masking_enabled']).toBe(true);
    expect(yaml).not.toHaveProperty('enable_user_defined_functions');
  });

  it('applies overrides of any shape', () => {
    const text = renderCassandraYaml({
      node: node2,
      clusterName: 'Test',
      seedAddress: '127.0.0.5',
      storagePort: 7000,
      overrides: { num_tokens: 4, sasi_indexes_enabled: true, read_request_timeout: '10000ms' },
    });
    const parsed = parse(text) as Record<string, unknown>;
    expect(parsed['num_tokens']).toBe(4);
    expect(parsed['sasi_indexes_enabled']).toBe(true);
    expect(parsed['read_request_timeout']).toBe('10000ms');
  });
});

describe('logback.xml and folders', () => {
  it('logs everything to system.log in the node folder and only WARN+ to the console', () => {
    const node = nodeLayout(resolveOptions({ dataDir }), 1);
    const xml = renderLogbackXml(node);
    expect(xml).toContain(`<file>${join(dataDir, 'node1', 'logs', 'system.log')}</file>`);
    expect(xml).toMatch(/ThresholdFilter"><level>WARN<\/level>/);
  });

  it('writeNodeConfig creates the node folders and files', () => {
    const node = nodeLayout(resolveOptions({ dataDir }), 1);
    writeNodeConfig({ node, clusterName: 'Test', seedAddress: node.address, storagePort: 7000 });
    for (const path of [node.yamlPath, node.logbackPath, node.dataDir, node.commitlogDir, node.logDir]) {
      expect(existsSync(path)).toBe(true);
    }
    expect(readFileSync(node.yamlPath, 'utf8')).toContain('cluster_name: "Test"');
  });
});

describe('options', () => {
  it('defaults: one node on 127.0.0.1, its heap from the memory (heap-size.test.ts has the rule)', () => {
    const eightGiB = 8 * 1024 ** 3;
    const one = resolveOptions({ dataDir, env: {}, totalMemoryBytes: eightGiB });
    expect(one.heapMb).toBe(2048);
    expect(one.heapReason).toBe('a quarter of 8.0 GiB memory, 1–4 GiB');
    expect(nodeLayout(one, 1).address).toBe('127.0.0.1');
    expect(nodeLayout(one, 1).jmxPort).toBe(7199);
    const three = resolveOptions({ dataDir, nodes: 3, env: {}, totalMemoryBytes: eightGiB });
    expect(three.heapMb).toBe(640);
    expect(nodeLayout(three, 3).jmxPort).toBe(7201);
  });

  it('heap: --heap-mb wins over CASSANDRA_HEAP_MB, which wins over the machine; a bad value is refused', () => {
    const env = { CASSANDRA_HEAP_MB: '3072' };
    expect(resolveOptions({ dataDir, env })).toMatchObject({
      heapMb: 3072,
      heapReason: 'set with CASSANDRA_HEAP_MB',
    });
    expect(resolveOptions({ dataDir, env, heapMb: 512 })).toMatchObject({
      heapMb: 512,
      heapReason: 'set with --heap-mb',
    });
    expect(
      resolveOptions({ dataDir, env: { CASSANDRA_HEAP_MB: ' ' }, totalMemoryBytes: 2 * 1024 ** 3 }).heapMb,
    ).toBe(1024);
    for (const bad of ['4G', '0', '-1', '1.5']) {
      expect(() => resolveOptions({ dataDir, env: { CASSANDRA_HEAP_MB: bad } })).toThrow(
        `CASSANDRA_HEAP_MB must be a whole number of MiB (e.g. 4096), got "${bad}"`,
      );
    }
  });

  it('derives distinct JMX ports for clusters on other loopback addresses', () => {
    const other = resolveOptions({ dataDir, baseAddress: '127.0.0.20' });
    expect(nodeLayout(other, 1).jmxPort).toBe(7218);
  });

  it('rejects impossible layouts', () => {
    expect(() => resolveOptions({ nodes: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ baseAddress: 'localhost' })).toThrow(/IPv4/);
    expect(() => resolveOptions({ baseAddress: '127.0.0.253', nodes: 3 })).toThrow(/out of range/);
  });
});

describe('JVM arguments', () => {
  const node = nodeLayout(resolveOptions({ dataDir }), 1);
  const args = buildJvmArgs({
    node,
    classpath: ['/m2/cassandra-all-5.0.9.jar', '/m2/jamm-0.4.0.jar'],
    jammJar: '/m2/jamm-0.4.0.jar',
    heapMb: 1024,
    ringDelayMs: 1000,
  });

  it("carries Cassandra's JDK 17 module flags, the jamm agent and the heap", () => {
    expect(args).toContain('--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED');
    expect(args).toContain('--add-opens=java.base/sun.nio.ch=ALL-UNNAMED');
    expect(args).toContain('-Dio.netty.tryReflectionSetAccessible=true');
    expect(args).toContain('-javaagent:/m2/jamm-0.4.0.jar');
    expect(args).toContain('-Xmx1024M');
  });

  it('points Cassandra at the node config, log config and storage folder, in the foreground', () => {
    expect(args).toContain(`-Dcassandra.config=file://${node.yamlPath}`);
    expect(args).toContain(`-Dlogback.configurationFile=${node.logbackPath}`);
    expect(args).toContain(`-Dcassandra.storagedir=${node.dir}`);
    expect(args).toContain('-Dcassandra-foreground=yes');
    expect(args).toContain('-Dcassandra.superuser_setup_delay_ms=0');
    expect(args).toContain(`-Dcassandra.jmx.local.port=${node.jmxPort}`);
    expect(args.at(-1)).toBe(CASSANDRA_MAIN_CLASS);
    expect(args.at(-2)).toBe('/m2/cassandra-all-5.0.9.jar:/m2/jamm-0.4.0.jar');
  });
});
