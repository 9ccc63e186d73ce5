// Starts the gRPC API in this test process on ephemeral ports (public and admin), against a bridge.
import { loadConfig } from '../../../../services/common/src/config/load-config.js';
import { type RunningGrpcApi, startGrpcApi } from '../../../../services/grpc/src/app.js';
import { type GrpcConfig, grpcConfigSchemas } from '../../../../services/grpc/src/config.js';

export interface TestGrpcApi extends RunningGrpcApi {
  /** host:port of stargate.Stargate. */
  address: string;
  /** http://127.0.0.1:<port> of the admin listener. */
  adminUrl: string;
}

export async function startTestGrpcApi(
  bridgeAddress: string,
  env: Record<string, string> = {},
): Promise<TestGrpcApi> {
  const config = loadConfig<GrpcConfig>(grpcConfigSchemas, {
    BIND_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    GRPC_ADMIN_PORT: '0',
    BRIDGE_ADDRESS: bridgeAddress,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_DEADLINE_MS: '3000',
    ...env,
  });
  const api = await startGrpcApi({ config });
  return {
    ...api,
    address: `127.0.0.1:${api.grpcPort}`,
    adminUrl: `http://127.0.0.1:${api.adminPort}`,
  };
}
