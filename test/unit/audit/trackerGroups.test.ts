/**
 * An enterprise's data tracker shows what was read of it: a request that read different field
 * groups of different enterprises records one entry per set of groups, each naming only the
 * enterprises read with exactly that set — never the union of a batch's groups for all of them.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditSink } from '../../../src/audit/AuditLog.ts';
import { AuditContext } from '../../../src/audit/auditContext.ts';
import type { Principal } from '../../../src/auth/principal.ts';

const bank = {
  role: 'bank',
  subject: 'analyst-1',
  org: 'bank-a',
  uscc: null,
  purpose: 'PRE_CREDIT',
} as Principal;

describe('audit entries per set of field groups', () => {
  it('a batch reading taxes of one enterprise and taxes and environment of another names each with its own groups', async () => {
    const appended: AuditEvent[] = [];
    const sink: AuditSink = { append: async (e) => void appended.push(e), close: async () => undefined };
    const audit = new AuditContext(sink, bank, 'r-1', () => Date.parse('2026-11-01T08:00:00Z'));
    audit.noteRead('A', 'Enterprise.tax');
    audit.noteRead('B', 'Enterprise.tax');
    audit.noteRead('B', 'Enterprise.environment');
    audit.noteRead('C', 'Enterprise.tax');
    await audit.flush('Batch', 'served');
    const byEnterprise = (u: string) =>
      appended.filter((e) => e.enterprises.includes(u)).map((e) => e.fieldGroups);
    expect(byEnterprise('A')).toEqual([['Enterprise.tax']]);
    expect(byEnterprise('C')).toEqual([['Enterprise.tax']]);
    expect(byEnterprise('B')).toEqual([['Enterprise.environment', 'Enterprise.tax']]);
    // Enterprises read alike share one entry.
    expect(appended.find((e) => e.enterprises.includes('A'))?.enterprises).toEqual(['A', 'C']);
    expect(appended).toHaveLength(2);
  });
});
