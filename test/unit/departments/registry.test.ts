/**
 * The departments are one registry (src/departments/registry.ts): what the configuration, the rule
 * sets, the record references and the people's pages know of a department comes from it, and no
 * other source file lists them by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadRuleSet } from '../../../src/config/gatewayConfig.ts';
import { recordRefOf } from '../../../src/credit/records.ts';
import { parseRuleSet } from '../../../src/credit/ruleSet.ts';
import { declaredDepartments } from '../../../src/departments/declared/declarations.ts';
import {
  DEPARTMENT_NAMES,
  DEPARTMENTS,
  departmentsInWords,
  RATING_DEPARTMENTS,
} from '../../../src/departments/registry.ts';
import { loadDeskAssets } from '../../../src/frontends/desk/deskRoutes.ts';
import { DEPARTMENT_LABEL } from '../../../src/frontends/labels.ts';

const ROOT = join(import.meta.dirname, '../../..');
/** What a deployment with department URLs must also have. */
const AUTH = {
  DEPARTMENT_APP_KEY: 'k',
  AUTH_JWKS_URL: 'https://idp/jwks',
  AUTH_ISSUER: 'https://idp',
  REPORT_SECRET: 's',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('the department registry', () => {
  it('configuration reads each department’s URL variable and TTL default from it', () => {
    const env = Object.fromEntries(
      DEPARTMENT_NAMES.map((d) => [DEPARTMENTS[d].urlVariable, `http://10.0.0.1/${d}`]),
    );
    const config = loadConfig({ ...env, ...AUTH });
    expect(config.departments).toMatchObject({
      mode: 'remote',
      urls: Object.fromEntries(DEPARTMENT_NAMES.map((d) => [d, `http://10.0.0.1/${d}`])),
    });
    for (const d of DEPARTMENT_NAMES) expect(config.cache.ttlSeconds[d], d).toBe(DEPARTMENTS[d].ttlSeconds);
    // One missing is named by its variable.
    const [first, ...rest] = DEPARTMENT_NAMES;
    const partial = Object.fromEntries(rest.map((d) => [DEPARTMENTS[d].urlVariable, 'http://10.0.0.1/x']));
    expect(() => loadConfig({ ...partial, ...AUTH })).toThrow(DEPARTMENTS[first].urlVariable);
  });

  it('rule sets accept every department by name, and the rating departments alone for industry risk', () => {
    const base = JSON.parse(readFileSync(join(ROOT, 'src/credit/rulesets/default.json'), 'utf8'));
    const ratios = Object.fromEntries(DEPARTMENT_NAMES.map((d) => [d, 0.05]));
    expect(parseRuleSet({ ...base, departmentBaseRatios: ratios }).departmentBaseRatios).toEqual(ratios);
    expect(() => parseRuleSet({ ...base, departmentBaseRatios: { NOWHERE: 0.05 } })).toThrow();
    // A declared department is a department too (docs/departments.md, supervision).
    expect(() => parseRuleSet({ ...base, departmentBaseRatios: { NOWHERE: 0.05 } })).toThrow(
      'departmentBaseRatios.NOWHERE',
    );
    expect(
      parseRuleSet({ ...base, departmentBaseRatios: { SOCIAL_INSURANCE: 0.03 } }).departmentBaseRatios,
    ).toEqual({ SOCIAL_INSURANCE: 0.03 });
    expect(Object.keys(loadRuleSet('default').industryRisk?.ratings ?? {}).sort()).toEqual(
      [...RATING_DEPARTMENTS].sort(),
    );
    const notRating = DEPARTMENT_NAMES.find((d) => !(RATING_DEPARTMENTS as string[]).includes(d))!;
    expect(() =>
      parseRuleSet({
        ...base,
        industryRisk: { ...base.industryRisk, ratings: { [notRating]: { A: 'LOW' } } },
      }),
    ).toThrow();
  });

  it('record references, labels, the desk and the report’s sources sentence come from it', () => {
    for (const d of DEPARTMENT_NAMES) {
      expect(recordRefOf(d, '7')).toBe(`${DEPARTMENTS[d].key}:7`);
      expect(DEPARTMENT_LABEL[d]).toBe(DEPARTMENTS[d].label);
    }
    const desk = loadDeskAssets();
    const page = desk.get('')!.body.toString();
    for (const d of DEPARTMENT_NAMES)
      // The roster filter, the draw, the objections and the lists each offer every department.
      expect(page.split(`<option value="${d}">${DEPARTMENTS[d].label}</option>`).length - 1, d).toBe(4);
    // Declared departments: named in the desk's words, offered where records and
    // objections are listed (the roster filter, the objection queue), never for draws or lists.
    const declared = declaredDepartments();
    expect(declared.length).toBeGreaterThan(0);
    expect(desk.get('words.js')!.body.toString()).toContain(
      `window.CG_DEPARTMENTS = ${JSON.stringify({
        ...DEPARTMENT_LABEL,
        ...Object.fromEntries(declared.map((d) => [d.name, d.label])),
      })};`,
    );
    for (const d of declared) {
      expect(page.split(`<option value="${d.name}">${d.label}</option>`).length - 1, d.name).toBe(2);
      expect(/<select id="department-filter">[\s\S]*?<\/select>/.exec(page)![0]).toContain(
        `value="${d.name}"`,
      );
      expect(/<select id="objections-department">[\s\S]*?<\/select>/.exec(page)![0]).toContain(
        `value="${d.name}"`,
      );
    }
    expect(departmentsInWords()).toBe(
      `${DEPARTMENT_NAMES.slice(0, -1)
        .map((d) => DEPARTMENTS[d].label)
        .join('、')}及${DEPARTMENTS[DEPARTMENT_NAMES.at(-1)!].label}`,
    );
  });

  it('no other source file outside the connectors lists the departments’ labels or URL variables by hand', () => {
    const registry = join(ROOT, 'src/departments/registry.ts');
    const sources = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'resolvers'))].filter(
      (f) => /\.(ts|js|html)$/.test(f) && f !== registry && !f.includes('/generated/'),
    );
    // A hand-kept list names two departments or more; one label alone may be something else (a
    // registration authority's code, GB 32100 Table 1).
    const named: string[] = [];
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      const found = DEPARTMENT_NAMES.flatMap((d) =>
        [`'${DEPARTMENTS[d].label}'`, `>${DEPARTMENTS[d].label}<`, `'${DEPARTMENTS[d].urlVariable}'`].filter(
          (n) => text.includes(n),
        ),
      );
      if (found.length >= 2) named.push(`${relative(ROOT, f)}: ${found.join(' ')}`);
    }
    expect(named).toEqual([]);
  });
});
