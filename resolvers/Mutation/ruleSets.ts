/**
 * Review of rule-set changes (docs/rules.md "Review of rule-set changes"):
 * `proposeRuleSet` (regulators), `approveRuleSet` (reviewers, never the proposer) and
 * `Query.ruleSetVersions`, kept in the ledger; the holder makes an approved version answer from its time.
 */
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { parseRuleSet, RuleSetError } from '../../src/credit/ruleSet.ts';
import { declaredParameterProblems } from '../../src/departments/declared/declarations.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { GatewayContext } from '../../src/context.ts';
import type { MutationResolvers, QueryResolvers } from '../../src/generated/graphql.ts';
import type { RuleSetVersionRow } from '../../src/ledger/RuleSetVersions.ts';
import { withVersions } from '../shared/ledger.ts';
import { actorOf, badInput } from '../shared/input.ts';

/** A version as the schema shows it. */
function shown(ctx: GatewayContext, v: RuleSetVersionRow) {
  const inForce = ctx.ruleSets?.inForce(ctx.now())?.approved.id === v.id;
  const effective =
    v.approvedAt && Date.parse(v.approvedAt) > Date.parse(v.effectiveAt) ? v.approvedAt : v.effectiveAt;
  return {
    id: v.id,
    ruleSet: v.ruleSet,
    version: v.version,
    name: v.name,
    digest: v.digest,
    proposedBy: v.proposedBy,
    proposedAt: v.proposedAt,
    effectiveAt: effective,
    approvedBy: v.approvedBy,
    approvedAt: v.approvedAt,
    inForce,
  };
}

export const ruleSetVersions: QueryResolvers['ruleSetVersions'] = async (_p, _a, ctx) => {
  const rows = await withVersions(ctx, (v) => v.list(ctx.rules.id));
  return rows.map((v) => shown(ctx, v));
};

export const proposeRuleSet: MutationResolvers['proposeRuleSet'] = async (
  _p,
  { content, effectiveAt },
  ctx,
) => {
  if (content.length > 1_000_000)
    throw badInput('content', 'a rule set file may be at most 1,000,000 characters');
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw badInput('content', 'content is not JSON');
  }
  let rules;
  try {
    rules = parseRuleSet(json, 'the proposal');
    const problems = declaredParameterProblems(rules.declared);
    if (problems.length)
      throw new RuleSetError('the proposal', problems[0]!.path, problems[0]!.problem, problems);
  } catch (err) {
    if (!(err instanceof RuleSetError)) throw err;
    // Every problem, each with its path, as `npm run rules:check` prints them.
    throw badInput('content', err.message, { problems: err.problems });
  }
  const base = ctx.rules;
  if (rules.id !== base.id)
    throw badInput('content', `a proposal revises the rule set in use (${base.id}), not ${rules.id}`);
  const at = Date.parse(effectiveAt);
  if (!Number.isFinite(at)) throw badInput('effectiveAt', 'effectiveAt is not a time');
  const digest = createHash('sha256').update(stableStringify(json)).digest('hex');
  const v = await withVersions(ctx, (versions) =>
    versions.propose({
      ruleSet: rules.id,
      version: rules.version,
      name: rules.name,
      digest,
      content: json,
      proposedBy: actorOf(ctx),
      proposedOrg: ctx.principal.org,
      proposedAt: new Date(ctx.now()).toISOString(),
      effectiveAt: new Date(at).toISOString(),
    }),
  );
  ctx.audit.noteAction(
    'ruleset.propose',
    'city',
    `rule set ${rules.id} version ${rules.version} proposed as ${v.id}, digest ${digest}`,
  );
  return shown(ctx, v);
};

export const approveRuleSet: MutationResolvers['approveRuleSet'] = async (_p, { id }, ctx) => {
  const found = await withVersions(ctx, (v) => v.find(id));
  if (!found || found.ruleSet !== ctx.rules.id)
    throw new GatewayError(`no proposal ${id} of rule set ${ctx.rules.id}`, GatewayErrorCode.NOT_FOUND);
  // Four eyes: the person who proposed a version never approves it (the same subject under any role),
  // and an approval names its reviewer.
  if (!ctx.principal.subject)
    throw new GatewayError(
      'an approval needs a named reviewer (the token has no subject)',
      GatewayErrorCode.FORBIDDEN,
    );
  if (found.proposedBy.slice(found.proposedBy.indexOf('/') + 1) === ctx.principal.subject)
    throw new GatewayError('a proposal may not be approved by its own author', GatewayErrorCode.FORBIDDEN);
  if (found.approvedAt) throw badInput('id', `proposal ${id} was approved already, by ${found.approvedBy}`);
  const approved = await withVersions(ctx, (v) =>
    v.approve(id, actorOf(ctx), ctx.principal.org, new Date(ctx.now()).toISOString()),
  );
  if (!approved) throw badInput('id', `proposal ${id} was approved already`);
  await ctx.refreshRuleSets?.();
  ctx.audit.noteAction(
    'ruleset.approve',
    'city',
    `rule set ${found.ruleSet} version ${found.version} (${id}) approved, digest ${found.digest}`,
  );
  return shown(ctx, approved);
};
