// Regenerates the TypeScript types of proto/*.proto into services/common/src/proto/generated
// (run after editing a .proto: `npm run gen:proto`). A unit test checks they are up to date.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const generatedDir = 'services/common/src/proto/generated';

export function generateProtoTypes(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    'npx',
    [
      'proto-loader-gen-types',
      '--longs=String',
      '--oneofs',
      '--grpcLib=@grpc/grpc-js',
      '--includeDirs',
      'proto',
      '--outDir',
      outDir,
      '--targetFileExtension',
      '.ts',
      '--importFileExtension',
      '.js',
      'bridge.proto',
      'stargate.proto',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateProtoTypes(`${root}${generatedDir}`);
