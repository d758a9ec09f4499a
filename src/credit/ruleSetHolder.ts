/**
 * The rule set in force at a moment: the configured one until an approved version
 * takes effect — at the later of its stated time and its approval — then that one. Every replica
 * reads the approved versions from the ledger (`refresh`, at start, every `REFRESH_MS` and after an
 * approval here), so a version takes effect everywhere at its time, and a result names the version
 * that produced it.
 */
import { parseRuleSet, ruleSetStatus, type RuleSet } from './ruleSet.ts';

/** An approved version as the holder needs it. */
export interface ApprovedVersion {
  id: string;
  version: string;
  content: unknown;
  effectiveAt: string;
  approvedAt: string;
  approvedBy: string;
  proposedBy: string;
  digest: string;
}

/** How often replicas look for newly approved versions. */
export const REFRESH_MS = 30_000;

/** The rule set in force, by time. */
export class RuleSetHolder {
  private versions: Array<{ from: number; rules: RuleSet; approved: ApprovedVersion }> = [];

  constructor(
    readonly base: RuleSet,
    private readonly now: () => number,
  ) {}

  /** The rule set in force at `ms` (now by default). */
  at(ms: number = this.now()): RuleSet {
    return this.inForce(ms)?.rules ?? this.base;
  }

  /** The approved version in force at `ms`, or null while the configured one answers. */
  inForce(ms: number = this.now()): { rules: RuleSet; approved: ApprovedVersion } | null {
    let found: { rules: RuleSet; approved: ApprovedVersion } | null = null;
    for (const v of this.versions) if (v.from <= ms) found = v;
    return found;
  }

  /** Whether the rule set in force was confirmed by a reviewer, in words for /readyz and reports. */
  status(ms: number = this.now()): { confirmed: boolean; note: string } {
    const v = this.inForce(ms);
    if (!v) return ruleSetStatus(this.base);
    return {
      confirmed: true,
      note: `已审核生效：版本 ${v.rules.version}，${v.approved.proposedBy} 提出，${v.approved.approvedBy} 审核批准，${v.approved.effectiveAt} 起施行（摘要 ${v.approved.digest.slice(0, 16)}）`,
    };
  }

  /** Replaces the approved versions (each validated again: a version that no longer loads is skipped and reported). */
  refresh(approved: readonly ApprovedVersion[]): string[] {
    const problems: string[] = [];
    const next: typeof this.versions = [];
    for (const a of approved) {
      try {
        const rules = parseRuleSet(a.content, `approved version ${a.id}`);
        next.push({
          from: Math.max(Date.parse(a.effectiveAt), Date.parse(a.approvedAt)),
          rules,
          approved: a,
        });
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    this.versions = next.sort((x, y) => x.from - y.from);
    return problems;
  }
}
