/**
 * Lawful measures (docs/rules.md "Lawful measures"; docs/rules.md "Review of rule-set changes"; Shanwei plan 8: 缺乏法律、法规或者
 * 党中央、国务院政策文件为依据的，不得…增设惩戒措施或在法定惩戒标准之上加重惩戒). A rule set is
 * refused, with every problem listed, when:
 * - a document's level and issuing region disagree (a national level with a province, a city
 *   document without its city);
 * - a measure cites a document outside the rule set's jurisdiction (another province's, city's or
 *   county's local document), or one its library does not hold;
 * - a punitive measure (RESTRICTION) has no basis in a law, an administrative regulation, a
 *   judicial interpretation, a central/State Council document or the national or provincial
 *   measure list;
 * - a measure's condition does not carry a quantity its cited text states (三年无不良信用记录 is
 *   `cleanMonths: 36`, neither 12 nor 60).
 * Pure.
 */
import type { CitedDocument, Region, RuleSetFile } from './ruleSet.ts';

/** The levels of the documents a rule set cites, highest first (docs/rules.md "Review of rule-set changes"). */
export const DOCUMENT_LEVELS = [
  'LAW',
  'ADMINISTRATIVE_REGULATION',
  /** 司法解释 (the Supreme People's Court's rules on the dishonest-debtor list). */
  'JUDICIAL_INTERPRETATION',
  'CENTRAL',
  'NATIONAL_MEASURE_LIST',
  'PROVINCIAL_MEASURE_LIST',
  'PROVINCIAL',
  'CITY',
  'COUNTY',
] as const;
/** A document's level. */
export type DocumentLevel = (typeof DOCUMENT_LEVELS)[number];

/** One problem: the entry's path and what is wrong, in words. */
export interface Problem {
  path: string;
  problem: string;
}

/** Whether a punitive measure may rest on this level: any level above a local document (DOCUMENT_LEVELS is ordered, highest first). */
const punitiveBasis = (level: DocumentLevel): boolean =>
  DOCUMENT_LEVELS.indexOf(level) < DOCUMENT_LEVELS.indexOf('PROVINCIAL');

/** The region fields a level must name (national levels name none). */
const NAMES: Record<DocumentLevel, ReadonlyArray<keyof Region>> = {
  LAW: [],
  ADMINISTRATIVE_REGULATION: [],
  JUDICIAL_INTERPRETATION: [],
  CENTRAL: [],
  NATIONAL_MEASURE_LIST: [],
  PROVINCIAL_MEASURE_LIST: ['province'],
  PROVINCIAL: ['province'],
  CITY: ['province', 'city'],
  COUNTY: ['province', 'city', 'county'],
};

const LEVEL_WORDS: Record<DocumentLevel, string> = {
  LAW: '法律',
  ADMINISTRATIVE_REGULATION: '行政法规',
  JUDICIAL_INTERPRETATION: '司法解释',
  CENTRAL: '党中央、国务院文件',
  NATIONAL_MEASURE_LIST: '全国失信惩戒措施基础清单',
  PROVINCIAL_MEASURE_LIST: '省失信惩戒措施基础清单',
  PROVINCIAL: '省级文件',
  CITY: '市级文件',
  COUNTY: '县级文件',
};

const place = (r: Region): string => [r.province, r.city, r.county].filter(Boolean).join('') || '全国';
const titled = (d: CitedDocument): string => `《${d.title}》${d.number ? `（${d.number}）` : ''}`;

/** The basis of a measure in words: 《title》（number）clause, joined by ；. */
export function basisText(
  r: RuleSetFile,
  basis: ReadonlyArray<{ document: string; clause: string }>,
): string {
  return basis
    .map((b) => {
      const d = r.documents[b.document];
      if (!d) return b.clause;
      const quote = d.clauses[b.clause]?.quote;
      return `${titled(d)}${b.clause}${quote ? `：${quote}` : ''}`;
    })
    .join('；');
}

/** Whether a document of this region may be cited where the rule set is deployed. */
function within(doc: Region, j: RuleSetFile['jurisdiction']): boolean {
  return (
    (!doc.province || doc.province === j.province) &&
    (!doc.city || doc.city === j.city) &&
    (!doc.county || doc.county === j.county)
  );
}

/** Every lawfulness problem of a rule set (empty: lawful as far as its data shows). */
export function lawfulnessProblems(r: RuleSetFile): Problem[] {
  const problems: Problem[] = [];
  for (const [key, d] of Object.entries(r.documents)) {
    const named = NAMES[d.level];
    const stray = (Object.keys(d.region) as Array<keyof Region>).filter((k) => !named.includes(k));
    const lacking = named.filter((k) => !d.region[k]);
    if (stray.length || lacking.length)
      problems.push({
        path: `documents.${key}.region`,
        problem: `${titled(d)} is a ${LEVEL_WORDS[d.level]} but its region is ${place(d.region)}${lacking.length ? ` (it must name its ${lacking.join(', ')})` : ` (a ${LEVEL_WORDS[d.level]} names no ${stray.join(', ')})`}`,
      });
  }
  const where = place(r.jurisdiction);
  r.measures.forEach((m, k) => {
    const at = `measures[${k}]`;
    const cited: CitedDocument[] = [];
    m.basis.forEach((b, j) => {
      const d = r.documents[b.document];
      if (!d) {
        problems.push({
          path: `${at}.basis[${j}].document`,
          problem: `${m.code} cites "${b.document}", which is not in the rule set's documents`,
        });
        return;
      }
      cited.push(d);
      if (!within(d.region, r.jurisdiction))
        problems.push({
          path: `${at}.basis[${j}]`,
          problem: `${m.code} cites ${titled(d)}, a document of ${place(d.region)}, outside this rule set's jurisdiction (${where})`,
        });
      const months = d.clauses[b.clause]?.states?.cleanMonths;
      if (months !== undefined && m.when.cleanMonths !== months)
        problems.push({
          path: `${at}.when`,
          problem: `${m.code} cites ${titled(d)}, which asks for ${months} months without an adverse record, but its condition ${m.when.cleanMonths === undefined ? 'does not ask for them' : `asks for ${m.when.cleanMonths}`} (cleanMonths: ${months})`,
        });
    });
    if (m.kind === 'RESTRICTION' && cited.length && !cited.some((d) => punitiveBasis(d.level)))
      problems.push({
        path: `${at}.basis`,
        problem: `${m.code} is punitive but cites only ${cited.map((d) => `${titled(d)}（${LEVEL_WORDS[d.level]}）`).join('、')}: a restriction needs a law, an administrative regulation, a judicial interpretation, a central/State Council document or the national or provincial measure list`,
      });
  });
  return problems;
}
