/**
 * The conformance probe (`npm run departments:probe`): calls a live system with
 * a few codes, as its declaration says to, and reports every place its answers leave the
 * declaration — a status the declaration does not expect, a body that is not JSON, each JSON
 * Schema violation with its path (a field missing, a type), a refusal, pages that do not add up to
 * the total, and profile fields or record rules the answers never fill. What a city's integrator
 * runs against the real system before switching the department on.
 */
import { Ajv } from 'ajv';
import { declaredPath } from '../../../connectors/declared/DeclaredConnector.ts';
import type { DeclaredDepartment } from './declarations.ts';
import { declaredRecordFacts } from './records.ts';
import { asList, expression, profileOf } from './profile.ts';

/** What the probe found. */
export interface ProbeReport {
  department: string;
  url: string;
  /** Calls made. */
  calls: number;
  /** Every place the answers leave the declaration; empty: they keep to it. */
  problems: string[];
  /** Profile fields (top level) no answer filled, and record kinds none held (not problems: a few codes may hold none). */
  unfilled: string[];
}

/** Probes one declared department at `url` with `codes` (its app key in `appKey`). */
export async function probeDepartment(
  d: DeclaredDepartment,
  url: string,
  codes: readonly string[],
  appKey: string,
  today: string,
): Promise<ProbeReport> {
  const report: ProbeReport = { department: d.name, url, calls: 0, problems: [], unfilled: [] };
  const validate = new Ajv({ allErrors: true, strict: false }).compile(d.fetch.response);
  const headers = { [d.auth?.header ?? 'x-app-key']: appKey, 'content-type': 'application/json' };
  const path = (uscc: string) => declaredPath(d, uscc, 1, d.fetch.pageSize ?? 0);
  const call = async (where: string, p: string, body?: string): Promise<unknown> => {
    report.calls++;
    let res: Response;
    try {
      res = await fetch(url + p, { method: d.fetch.method, headers, body });
    } catch (err) {
      report.problems.push(`${where}: no answer (${(err as Error).message})`);
      return undefined;
    }
    if (d.fetch.notFound?.includes(res.status)) return null;
    if (res.status !== 200) {
      report.problems.push(
        `${where}: HTTP ${res.status}, the declaration expects 200${d.fetch.notFound ? ` or ${d.fetch.notFound.join(', ')}` : ''}`,
      );
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(await res.text());
    } catch {
      report.problems.push(`${where}: the body is not JSON`);
      return undefined;
    }
    if (!validate(json))
      for (const e of validate.errors ?? [])
        report.problems.push(
          `${where}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'missingProperty' in e.params ? ` (${String(e.params.missingProperty)})` : ''}`,
        );
    if (d.fetch.refusal && (await expression(d.fetch.refusal).evaluate(json)) === true)
      report.problems.push(
        `${where}: the answer is a refusal by the declaration's own test (${d.fetch.refusal})`,
      );
    return json;
  };
  const answers = new Map<string, unknown>();
  if (d.fetch.mode === 'batch') {
    const body = JSON.stringify(await expression(d.fetch.body!).evaluate({}, { codes: [...codes] }));
    const json = await call(`batch of ${codes.length}`, path(''), body);
    for (const item of asList(json ? await expression(d.fetch.answers!).evaluate(json) : undefined)) {
      const code = await expression(d.fetch.codeOf!).evaluate(item);
      if (typeof code === 'string') answers.set(code, item);
    }
  } else
    for (const u of codes) {
      const json = await call(u, path(u));
      if (json === undefined || json === null) continue;
      if (d.fetch.mode === 'perCode') answers.set(u, json);
      else {
        const rows = asList(await expression(d.fetch.rows!).evaluate(json));
        const total = Number(await expression(d.fetch.total!).evaluate(json));
        if (!Number.isFinite(total))
          report.problems.push(`${u}: the total (${d.fetch.total}) is not a number`);
        else if (rows.length > total)
          report.problems.push(`${u}: a page holds ${rows.length} rows of a total of ${total}`);
        answers.set(u, rows);
      }
    }
  report.unfilled = await unfilledBy(d, answers, today, report.problems);
  return report;
}

/** Profile fields and record kinds no answer filled; records that do not map are problems. */
async function unfilledBy(
  d: DeclaredDepartment,
  answers: ReadonlyMap<string, unknown>,
  today: string,
  problems: string[],
): Promise<string[]> {
  const filled = new Set<string>();
  for (const [u, a] of answers) {
    const profile = await profileOf(d, a, { unmasked: true });
    for (const [k, v] of Object.entries(profile ?? {}))
      if (v !== null && !(Array.isArray(v) && v.length === 0)) filled.add(k);
    try {
      for (const f of await declaredRecordFacts(d, a, today)) filled.add(`record ${f.kind}`);
    } catch (err) {
      problems.push(`${u}: ${(err as Error).message}`);
    }
  }
  return [...d.profile.fields.map((f) => f.name), ...(d.records ?? []).map((r) => `record ${r.kind}`)].filter(
    (f) => !filled.has(f),
  );
}
