// Where grpcurl is (the real client users paste from the README): GRPCURL, then Go's install folder,
// then the PATH. `.ci/run` installs it with `go install github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function findGrpcurl(): string | undefined {
  const candidates = [
    process.env.GRPCURL,
    process.env.GOBIN && join(process.env.GOBIN, 'grpcurl'),
    process.env.GOPATH && join(process.env.GOPATH, 'bin', 'grpcurl'),
    join(homedir(), 'go', 'bin', 'grpcurl'),
  ];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v grpcurl'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}
