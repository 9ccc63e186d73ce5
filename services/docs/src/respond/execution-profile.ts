// `profile=true`: the CQL a request ran, with how often and how many rows, in Stargate's shape
// (DA/api/v2/model/dto/ExecutionProfile.java, QueryInfo.java).
export interface QueryInfo {
  cql: string;
  executionCount: number;
  rowCount: number;
}

export interface ExecutionProfile {
  description: string;
  queries: QueryInfo[];
  nested: ExecutionProfile[];
}

export class QueryRecorder {
  private readonly steps = new Map<string, Map<string, QueryInfo>>();

  /** Counts one execution of `cql` under the step `description` (a search driver, a load, ...). */
  record(description: string, cql: string, rowCount: number): void {
    let queries = this.steps.get(description);
    if (!queries) {
      queries = new Map();
      this.steps.set(description, queries);
    }
    const info = queries.get(cql);
    if (info) {
      info.executionCount++;
      info.rowCount += rowCount;
    } else {
      queries.set(cql, { cql, executionCount: 1, rowCount });
    }
  }

  toProfile(): ExecutionProfile {
    return {
      description: 'root',
      queries: [],
      nested: [...this.steps.entries()].map(([description, queries]) => ({
        description,
        queries: [...queries.values()],
        nested: [],
      })),
    };
  }
}
