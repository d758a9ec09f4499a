/**
 * A request's audit context: which enterprises and field groups beyond the public view it read,
 * and the writes it made, appended as one entry before the response leaves.
 */
import type { Principal } from '../auth/principal.ts';
import { GatewayError, GatewayErrorCode } from '../errors.ts';
import type { AuditEvent, AuditSink } from './AuditLog.ts';

/** A request's audit notes. */
export class AuditContext {
  private readonly reads = new Map<string, Set<string>>();
  private readonly actions: Array<{ action: string; enterprise: string; outcome: string }> = [];

  constructor(
    private readonly sink: AuditSink,
    private readonly principal: Principal,
    private readonly requestId: string,
    private readonly now: () => number,
  ) {}

  /** A fresh context for the same caller and request (a subscription's entry per event delivered). */
  fork(): AuditContext {
    return new AuditContext(this.sink, this.principal, this.requestId, this.now);
  }

  /** Notes a read of `group` (Type.field) for an enterprise (null: not about one enterprise). */
  noteRead(enterprise: string | null, group: string): void {
    const key = enterprise ?? '';
    const set = this.reads.get(key) ?? new Set<string>();
    set.add(group);
    this.reads.set(key, set);
  }

  /** Notes the outcome of a write, recorded with the request's entry. */
  noteAction(action: string, enterprise: string, outcome: string): void {
    this.actions.push({ action, enterprise, outcome });
  }

  /** Records a write's intent now, before its side effect; throws AUDIT_UNAVAILABLE when it cannot. */
  async recordIntent(action: string, enterprise: string, operation: string | null): Promise<void> {
    try {
      await this.sink.append(this.event(action, operation, [enterprise], [], 'requested'));
    } catch {
      throw new GatewayError(
        'the audit log cannot be written; nothing was changed',
        GatewayErrorCode.AUDIT_UNAVAILABLE,
      );
    }
  }

  /** True when the request read beyond the public view or wrote anything. */
  get pending(): boolean {
    return this.reads.size > 0 || this.actions.length > 0;
  }

  /** Appends the request's entries (reads, then each write's outcome). Rejects when the log cannot be written. */
  async flush(operation: string | null, outcome: string): Promise<void> {
    // One entry per set of field groups, naming the enterprises read with exactly that set: an
    // enterprise's tracker shows what was read of it, not the union of a batch's groups.
    const byGroups = new Map<string, { groups: string[]; enterprises: string[] }>();
    for (const [enterprise, set] of this.reads) {
      const groups = [...set].sort();
      const key = groups.join('\n');
      const entry = byGroups.get(key) ?? { groups, enterprises: [] };
      if (enterprise) entry.enterprises.push(enterprise);
      byGroups.set(key, entry);
    }
    for (const { groups, enterprises } of byGroups.values())
      await this.sink.append(this.event('read', operation, enterprises.sort(), groups, outcome));
    for (const a of this.actions)
      await this.sink.append(this.event(a.action, operation, [a.enterprise], [], a.outcome));
  }

  private event(
    action: string,
    operation: string | null,
    enterprises: string[],
    fieldGroups: string[],
    outcome: string,
  ): AuditEvent {
    const p = this.principal;
    return {
      at: new Date(this.now()).toISOString(),
      requestId: this.requestId,
      subject: p.subject,
      org: p.org,
      role: p.role,
      purpose: p.purpose,
      action,
      operation,
      enterprises,
      fieldGroups,
      outcome,
    };
  }
}
