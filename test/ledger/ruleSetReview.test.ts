/**
 * Review of rule-set changes, in process with the embedded ledger and a clock the
 * test moves: a regulator proposes a version, a reviewer — not its author — approves it, the old
 * version keeps answering until the stated time, then the new one does, and both names and the
 * digest are on record. Proposals are checked like shipped rule sets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/config/gatewayConfig.ts';
import { enterprise } from '../helpers/domain.ts';
import { testNow } from '../helpers/gateway.ts';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

const E = enterprise();
const regulator = principal('regulator', { subject: 'zhang-san', org: 'samr', purpose: 'SUPERVISION' });
const reviewer = principal('reviewer', { subject: 'li-si', org: 'fgj' });
const clerk = principal('clerk', { org: 'hall', purpose: 'LICENSING' });
const CHECK =
  'query($u: USCC!) { creditCheck(uscc: $u, matter: ADMINISTRATIVE_LICENSING) { basis { evaluation { version label } } } }';
const PROPOSE =
  'mutation($c: String!, $t: DateTime!) { proposeRuleSet(content: $c, effectiveAt: $t) { id version digest proposedBy approvedBy effectiveAt inForce } }';
const APPROVE =
  'mutation($id: ID!) { approveRuleSet(id: $id) { id approvedBy approvedAt effectiveAt inForce } }';
const VERSIONS = '{ ruleSetVersions { id version proposedBy approvedBy digest inForce } }';

/** The shipped default rule set as its file, with a new version and a new word for grade A. */
function revised(version: string): Record<string, any> {
  const json = JSON.parse(JSON.stringify(loadRuleSet('default'))) as Record<string, any>;
  for (const m of json.measures) delete m.legalBasis; // derived at load, not part of the file
  json.version = version;
  json.grades.find((g: { grade: string }) => g.grade === 'A').label = 'A（守信，修订）';
  return json;
}

let gw: InProcessGateway;
let dir: string;
let clock = testNow();
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-rule-review-'));
  gw = await startInProcess(
    [E],
    { LEDGER: 'true', LEDGER_DIR: dir, BACKFILL: 'false' },
    { now: () => clock },
  );
}, 60_000);
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('review of rule-set changes', () => {
  it('proposed by a regulator, refused to its own author, approved by a reviewer; the old version answers until the stated time', async () => {
    const before = await gw.run(CHECK, { u: E.uscc }, clerk);
    expect(before.data.creditCheck.basis.evaluation).toEqual({ version: '2026.12', label: 'A（守信）' });
    const at = new Date(clock + 3_600_000).toISOString();
    const proposed = await gw.run(PROPOSE, { c: JSON.stringify(revised('2027.01')), t: at }, regulator);
    expect(proposed.errors).toBeUndefined();
    const p = proposed.data.proposeRuleSet;
    expect(p).toMatchObject({
      version: '2027.01',
      proposedBy: 'samr/zhang-san',
      approvedBy: null,
      inForce: false,
    });
    expect(p.digest).toMatch(/^[0-9a-f]{64}$/);
    // Proposed only: nothing changes.
    expect((await gw.run(CHECK, { u: E.uscc }, clerk)).data.creditCheck.basis.evaluation.version).toBe(
      '2026.12',
    );
    // Four eyes: the author, holding a reviewer's token, may not approve; nor may a regulator.
    const own = await gw.run(
      APPROVE,
      { id: p.id },
      principal('reviewer', { subject: 'zhang-san', org: 'fgj' }),
    );
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(own.errors?.[0]?.message).toContain('own author');
    expect((await gw.run(APPROVE, { id: p.id }, regulator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = await gw.run(APPROVE, { id: p.id }, reviewer);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveRuleSet).toMatchObject({
      approvedBy: 'fgj/li-si',
      effectiveAt: at,
      inForce: false,
    });
    // Approved, but not yet in force: the old version still answers.
    expect((await gw.run(CHECK, { u: E.uscc }, clerk)).data.creditCheck.basis.evaluation.version).toBe(
      '2026.12',
    );
    expect(
      (await gw.run(APPROVE, { id: p.id }, principal('reviewer', { subject: 'wang-wu', org: 'sfj' })))
        .errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    // Its time comes: the new version answers, and results name it.
    clock += 3_600_000;
    const after = await gw.run(CHECK, { u: E.uscc }, clerk);
    expect(after.data.creditCheck.basis.evaluation).toEqual({ version: '2027.01', label: 'A（守信，修订）' });
    // Both names and the digest on record, for regulators and reviewers alike.
    for (const who of [regulator, reviewer]) {
      const listed = (await gw.run(VERSIONS, {}, who)).data.ruleSetVersions;
      expect(listed[0]).toEqual({
        id: p.id,
        version: '2027.01',
        proposedBy: 'samr/zhang-san',
        approvedBy: 'fgj/li-si',
        digest: p.digest,
        inForce: true,
      });
    }
    expect((await gw.run(VERSIONS, {}, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The audit trail holds both acts.
    expect(gw.audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['ruleset.propose', 'ruleset.approve']),
    );
  });

  it('a proposal is checked like a shipped rule set: unlawful, malformed, another rule set or a reviewer proposing are refused', async () => {
    // A Hebei city's document cited by a measure of a rule set for another place (docs/rules.md "Lawful measures").
    const unlawful = revised('2027.02');
    unlawful.documents.LANGFANG = {
      title: '廊坊市人民政府办公室关于推进企业信用分级分类监管工作的实施意见',
      level: 'CITY',
      region: { province: '河北省', city: '廊坊市' },
    };
    unlawful.measures[0].basis.push({ document: 'LANGFANG', clause: '四（二）' });
    const r = await gw.run(
      PROPOSE,
      { c: JSON.stringify(unlawful), t: new Date(clock).toISOString() },
      regulator,
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'content' });
    expect((r.errors?.[0]?.extensions?.problems as unknown[]).length).toBeGreaterThan(0);
    const other = revised('2027.03');
    other.id = 'somewhere-else';
    const o = await gw.run(
      PROPOSE,
      { c: JSON.stringify(other), t: new Date(clock).toISOString() },
      regulator,
    );
    expect(o.errors?.[0]?.message).toContain('revises the rule set in use');
    const junk = await gw.run(PROPOSE, { c: '{not json', t: new Date(clock).toISOString() }, regulator);
    expect(junk.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'content' });
    const byReviewer = await gw.run(
      PROPOSE,
      { c: JSON.stringify(revised('2027.04')), t: new Date(clock).toISOString() },
      reviewer,
    );
    expect(byReviewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
