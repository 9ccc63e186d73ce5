// One budget, in characters, for the query texts that all of the process's GraphQL executors keep
// (Mercurius's parsed and validated documents and their compiled JIT, the texts seen, variable
// defaults). Each cache is bounded by entry count, but the counts multiply: 256 kept texts of up
// to 3,000 characters per schema, Mercurius's LRU holding up to twice its size in each of its two
// caches, and one schema per keyspace. An authenticated client sending distinct 3 KB queries to
// two keyspaces filled the 160 MiB heap and killed the process. When the texts charged since the
// last reset pass the budget, the executor that charged the most forgets what it keeps (its next
// requests parse and validate again); repeated operations of an ordinary client stay far below.
export class KeptTextBudget {
  private total = 0;
  private readonly accounts = new Set<KeptTextAccount>();

  constructor(readonly maxChars: number) {}

  /** An executor's share; `forget` empties everything the executor keeps. */
  open(forget: () => void): KeptTextAccount {
    const account = new KeptTextAccount(this, forget);
    this.accounts.add(account);
    return account;
  }

  /** Characters charged and not yet forgotten, over all executors. */
  get charged(): number {
    return this.total;
  }

  /** @internal */
  add(account: KeptTextAccount, chars: number): void {
    account.chars += chars;
    this.total += chars;
    let forgotItself = false;
    while (this.total > this.maxChars) {
      const largest = this.largest();
      if (!largest) break;
      this.total -= largest.chars;
      largest.chars = 0;
      largest.forget();
      forgotItself ||= largest === account;
    }
    // Callers charge before they keep the text: it is kept after the reset, so it counts.
    if (forgotItself) {
      account.chars += chars;
      this.total += chars;
    }
  }

  /** @internal */
  remove(account: KeptTextAccount): void {
    if (!this.accounts.delete(account)) return;
    this.total -= account.chars;
    account.chars = 0;
  }

  private largest(): KeptTextAccount | undefined {
    let largest: KeptTextAccount | undefined;
    for (const account of this.accounts) if (!largest || account.chars > largest.chars) largest = account;
    return largest && largest.chars > 0 ? largest : undefined;
  }
}

export class KeptTextAccount {
  /** @internal */
  chars = 0;

  constructor(
    private readonly budget: KeptTextBudget,
    /** @internal */
    readonly forget: () => void,
  ) {}

  /** A text of `chars` characters is about to be kept (charge first, then keep it). */
  charge(chars: number): void {
    this.budget.add(this, chars);
  }

  /** A text charged before was dropped by the cache that kept it. */
  refund(chars: number): void {
    this.budget.add(this, -Math.min(chars, this.chars));
  }

  /** The executor is gone: what it kept no longer counts. */
  close(): void {
    this.budget.remove(this);
  }
}
