// The calibration step's echo service, written to a temporary .proto file once per process.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ECHO_PROTO = join(tmpdir(), `bench-calibration-echo-${process.getuid?.() ?? 0}.proto`);
writeFileSync(
  ECHO_PROTO,
  'syntax = "proto3";\npackage calibration;\nmessage Msg { string text = 1; int32 n = 2; }\nservice Echo { rpc Echo(Msg) returns (Msg); }\n',
);
