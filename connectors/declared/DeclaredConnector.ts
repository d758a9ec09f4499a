/**
 * The connector of a declared department (src/departments/declared/): one code per call, a batch
 * of codes per call, or a paged list per code, as its declaration says. Every answer is checked
 * against the declaration's JSON Schema, and its refusal expression decides whether the
 * department refused: an answer outside the contract or a refusal envelope is a department error,
 * never empty data. Batches keep to the declared limit (split, every part in parallel); pages are
 * followed to the declared total.
 */
import type { Lane } from '../shared/DepartmentLimits.ts';
import { Ajv } from 'ajv';
import jsonata from 'jsonata';
import type { DeclaredDepartment } from '../../src/departments/declared/declarations.ts';
import { DepartmentError } from '../shared/DepartmentError.ts';
import type { DepartmentHttp, RawResponse } from '../shared/DepartmentHttp.ts';
import { chunk } from '../shared/parseJson.ts';
import { asList } from '../../src/departments/declared/profile.ts';

/** Pages followed at most per enterprise: past this a list is not a contract kept. */
const MAX_PAGES = 50;

/** One enterprise's answer as the department gave it (paged: every row), or null: not known there. */
export type DeclaredAnswer = unknown;

/** Calls one declared department. */
export class DeclaredConnector {
  private readonly valid: ReturnType<Ajv['compile']>;
  private readonly expr: Record<
    'body' | 'rows' | 'total' | 'answers' | 'codeOf' | 'refusal',
    jsonata.Expression | null
  >;

  constructor(
    readonly declaration: DeclaredDepartment,
    private readonly http: DepartmentHttp,
  ) {
    this.valid = new Ajv({ allErrors: false, strict: false }).compile(declaration.fetch.response);
    const f = declaration.fetch;
    const c = (e: string | undefined) => (e === undefined ? null : jsonata(e));
    this.expr = {
      body: c(f.body),
      rows: c(f.rows),
      total: c(f.total),
      answers: c(f.answers),
      codeOf: c(f.codeOf),
      refusal: c(f.refusal),
    };
  }

  /** Codes per call (1 unless the department takes batches). */
  get batchLimit(): number {
    return this.declaration.fetch.mode === 'batch' ? this.declaration.fetch.batchLimit! : 1;
  }

  /** Each code's answer, or the department's error for it. */
  async fetchMany(
    usccs: readonly string[],
    lane: Lane = 'interactive',
  ): Promise<Map<string, DeclaredAnswer | DepartmentError>> {
    const out = new Map<string, DeclaredAnswer | DepartmentError>();
    const settle = async (codes: string[], get: () => Promise<Map<string, DeclaredAnswer>>) => {
      try {
        for (const [u, v] of await get()) out.set(u, v);
      } catch (err) {
        const e =
          err instanceof DepartmentError ? err : new DepartmentError(this.declaration.name, 'bad-response');
        for (const u of codes) out.set(u, e);
      }
    };
    const { mode } = this.declaration.fetch;
    if (mode === 'batch')
      await Promise.all(
        chunk(usccs, this.batchLimit).map((codes) => settle(codes, () => this.batch(codes, lane))),
      );
    else
      await Promise.all(
        usccs.map((u) =>
          settle(
            [u],
            async () =>
              new Map([[u, mode === 'paged' ? await this.paged(u, lane) : await this.one(u, lane)]]),
          ),
        ),
      );
    return out;
  }

  private path(uscc: string, page = 1, size = 0): string {
    return declaredPath(this.declaration, uscc, page, size);
  }

  /** The route as metrics name it: the declared path without its query. */
  private get route(): string {
    const f = this.declaration.fetch;
    return `${f.method} ${f.path.split('?')[0]}`;
  }

  /**
   * The body as the declaration says, or a department error: not JSON, outside its schema, or a
   * refusal. `notFound` statuses answer null; any other status but 200 is the department refusing.
   */
  private async parse(res: RawResponse): Promise<unknown> {
    const name = this.declaration.name;
    if (this.declaration.fetch.notFound?.includes(res.status)) return null;
    if (res.status !== 200) throw new DepartmentError(name, 'rejected', res.status);
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new DepartmentError(name, 'bad-response');
    }
    if (!this.valid(body)) throw new DepartmentError(name, 'bad-response');
    if (this.expr.refusal && (await this.expr.refusal.evaluate(body)) === true)
      throw new DepartmentError(name, 'unavailable');
    return body;
  }

  private async one(uscc: string, lane: Lane): Promise<DeclaredAnswer> {
    const { method } = this.declaration.fetch;
    return this.http.call({ method, path: this.path(uscc), route: this.route, safe: true, lane }, (r) =>
      this.parse(r),
    );
  }

  private async paged(uscc: string, lane: Lane): Promise<DeclaredAnswer> {
    const { method, pageSize } = this.declaration.fetch;
    const rows: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await this.http.call(
        { method, path: this.path(uscc, page, pageSize), route: this.route, safe: true, lane },
        (r) => this.parse(r),
      );
      const got = asList(await this.expr.rows!.evaluate(body));
      const total = Number(await this.expr.total!.evaluate(body));
      rows.push(...got);
      if (!Number.isFinite(total)) throw new DepartmentError(this.declaration.name, 'bad-response');
      if (rows.length >= total || got.length === 0) return rows;
    }
    throw new DepartmentError(this.declaration.name, 'bad-response');
  }

  private async batch(codes: string[], lane: Lane): Promise<Map<string, DeclaredAnswer>> {
    const { method } = this.declaration.fetch;
    const body = JSON.stringify(await this.expr.body!.evaluate({}, { codes }));
    const answer = await this.http.call(
      { method, path: this.path(''), body, route: this.route, safe: true, lane },
      (r) => this.parse(r),
    );
    const byCode = new Map<string, DeclaredAnswer>(codes.map((u) => [u, null]));
    for (const item of asList(await this.expr.answers!.evaluate(answer))) {
      const code = await this.expr.codeOf!.evaluate(item);
      if (typeof code === 'string' && byCode.has(code)) byCode.set(code, item);
    }
    return byCode;
  }
}

/** A declared call's path: `{uscc}` (URL-encoded), `{page}` and `{size}` filled in. */
export function declaredPath(d: DeclaredDepartment, uscc: string, page = 1, size = 0): string {
  return d.fetch.path
    .replaceAll('{uscc}', encodeURIComponent(uscc))
    .replaceAll('{page}', String(page))
    .replaceAll('{size}', String(size));
}
