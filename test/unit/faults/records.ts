// Request records for the fault suite's unit tests: ok reads unless told otherwise.
import type { RequestRecord } from '../../../test/faults/load/request-record.js';

export function rec(fields: Partial<RequestRecord> & Pick<RequestRecord, 'start' | 'end'>): RequestRecord {
  const ok = fields.ok ?? true;
  return {
    api: 'rest',
    op: 'read',
    idempotent: true,
    write: false,
    ok,
    status: ok ? '200' : '503',
    ...fields,
  };
}
