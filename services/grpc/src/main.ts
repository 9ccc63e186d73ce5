// gRPC API process entry: load settings, start, and stop gracefully on SIGTERM/SIGINT.
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { runService } from '../../common/src/lifecycle/run-service.js';
import { startGrpcApi } from './app.js';
import { type GrpcConfig, grpcConfigSchemas } from './config.js';

const config = loadConfigOrExit<GrpcConfig>(grpcConfigSchemas);
await runService('grpc', config, (logger) => startGrpcApi({ config, logger }));
