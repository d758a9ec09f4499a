/**
 * Rule-set versions under review (docs/rules.md "Review of rule-set changes"): a
 * regulator proposes, a reviewer — never the proposer — approves, and the version takes effect at
 * the later of its stated time and its approval. Kept in the ledger with both names and the digest.
 */
import type pg from 'pg';
import { isoOf as iso } from './sqlTime.ts';

/** One version as kept. */
export interface RuleSetVersionRow {
  id: string;
  ruleSet: string;
  version: string;
  name: string;
  /** SHA-256 of the file's canonical JSON. */
  digest: string;
  content: unknown;
  proposedBy: string;
  proposedOrg: string | null;
  proposedAt: string;
  effectiveAt: string;
  approvedBy: string | null;
  approvedOrg: string | null;
  approvedAt: string | null;
}

function rowOf(r: Record<string, unknown>): RuleSetVersionRow {
  return {
    id: String(r.id),
    ruleSet: r.rule_set as string,
    version: r.version as string,
    name: r.name as string,
    digest: r.digest as string,
    content: r.content,
    proposedBy: r.proposed_by as string,
    proposedOrg: (r.proposed_org as string | null) ?? null,
    proposedAt: iso(r.proposed_at),
    effectiveAt: iso(r.effective_at),
    approvedBy: (r.approved_by as string | null) ?? null,
    approvedOrg: (r.approved_org as string | null) ?? null,
    approvedAt: r.approved_at ? iso(r.approved_at) : null,
  };
}

/** The versions table. */
export class RuleSetVersions {
  constructor(private readonly pool: pg.Pool) {}

  async propose(
    v: Omit<RuleSetVersionRow, 'id' | 'approvedBy' | 'approvedOrg' | 'approvedAt'>,
  ): Promise<RuleSetVersionRow> {
    const r = await this.pool.query(
      `INSERT INTO rule_set_versions (rule_set, version, name, digest, content, proposed_by, proposed_org, proposed_at, effective_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        v.ruleSet,
        v.version,
        v.name,
        v.digest,
        JSON.stringify(v.content),
        v.proposedBy,
        v.proposedOrg,
        v.proposedAt,
        v.effectiveAt,
      ],
    );
    return rowOf(r.rows[0] as Record<string, unknown>);
  }

  /** Records the approval, once: null when there is no such proposal or it is approved already. */
  async approve(id: string, by: string, org: string | null, at: string): Promise<RuleSetVersionRow | null> {
    const r = await this.pool.query(
      `UPDATE rule_set_versions SET approved_by = $2, approved_org = $3, approved_at = $4
       WHERE id = $1 AND approved_at IS NULL RETURNING *`,
      [id, by, org, at],
    );
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }

  async find(id: string): Promise<RuleSetVersionRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const r = await this.pool.query('SELECT * FROM rule_set_versions WHERE id = $1', [id]);
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }

  /** Every version of a rule set, newest proposal first. */
  async list(ruleSet: string): Promise<RuleSetVersionRow[]> {
    const r = await this.pool.query('SELECT * FROM rule_set_versions WHERE rule_set = $1 ORDER BY id DESC', [
      ruleSet,
    ]);
    return r.rows.map((x) => rowOf(x as Record<string, unknown>));
  }

  /** The approved versions of a rule set, in the order they take effect. */
  async approved(ruleSet: string): Promise<RuleSetVersionRow[]> {
    const r = await this.pool.query(
      `SELECT * FROM rule_set_versions WHERE rule_set = $1 AND approved_at IS NOT NULL
       ORDER BY GREATEST(effective_at, approved_at), id`,
      [ruleSet],
    );
    return r.rows.map((x) => rowOf(x as Record<string, unknown>));
  }
}
