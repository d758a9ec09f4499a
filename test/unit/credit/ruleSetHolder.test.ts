/** The rule set in force by time: the configured one until an approved version's time, then that one. */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/config/gatewayConfig.ts';
import { RuleSetHolder } from '../../../src/credit/ruleSetHolder.ts';

const base = loadRuleSet('default');
const file = (version: string): unknown => {
  const json = JSON.parse(JSON.stringify(base)) as Record<string, any>;
  for (const m of json.measures) delete m.legalBasis;
  return { ...json, version };
};
const T = Date.parse('2026-11-01T08:00:00Z');
const approved = (id: string, version: string, effectiveAt: number, approvedAt: number) => ({
  id,
  version,
  content: file(version),
  effectiveAt: new Date(effectiveAt).toISOString(),
  approvedAt: new Date(approvedAt).toISOString(),
  approvedBy: 'fgj/li-si',
  proposedBy: 'samr/zhang-san',
  digest: 'ab'.repeat(32),
});

describe('RuleSetHolder', () => {
  it('answers with the configured rule set, 待确认, until an approved version takes effect', () => {
    const h = new RuleSetHolder(base, () => T);
    expect(h.at()).toBe(base);
    expect(h.status()).toMatchObject({ confirmed: false, note: expect.stringContaining('规则集待确认') });
    expect(h.refresh([approved('1', '2027.01', T + 1000, T - 1000)])).toEqual([]);
    expect(h.at(T).version).toBe('2026.12');
    expect(h.at(T + 1000).version).toBe('2027.01');
    expect(h.status(T + 1000)).toMatchObject({
      confirmed: true,
      note: expect.stringMatching(/已审核生效：版本 2027\.01，samr\/zhang-san 提出，fgj\/li-si 审核批准/),
    });
  });

  it('a version approved after its stated time takes effect at the approval; the latest in force wins', () => {
    const h = new RuleSetHolder(base, () => T);
    h.refresh([approved('1', '2027.01', T - 5000, T + 2000), approved('2', '2027.02', T + 4000, T + 3000)]);
    expect(h.at(T).version).toBe('2026.12');
    expect(h.at(T + 2000).version).toBe('2027.01');
    expect(h.at(T + 4000).version).toBe('2027.02');
  });

  it('an approved version that no longer loads is skipped and reported, never half-used', () => {
    const h = new RuleSetHolder(base, () => T);
    const broken = { ...approved('3', '2027.03', T, T), content: { id: 'domain-default' } };
    const problems = h.refresh([broken]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('approved version 3');
    expect(h.at(T)).toBe(base);
  });
});
