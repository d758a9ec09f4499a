/** Custom scalars: `USCC` (validated per docs/rules.md "Unified Social Credit Code"), `Date`, `DateTime`, `Money`. */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isIsoDate } from '../src/credit/dates.ts';
import { findUsccProblem, normalizeUscc } from '../src/credit/uscc.ts';
import { GatewayError, GatewayErrorCode } from '../src/errors.ts';

const REASONS = {
  LENGTH: 'must be 18 characters',
  CHARACTER: 'may only use 0-9 and A-H J-N P-R T U W X Y',
  REGION_DIGIT: 'positions 3–8 (the region code) must be digits',
} as const;

/** docs/rules.md "Unified Social Credit Code": trim, upper-case, and refuse a malformed code naming the offending position. */
export function parseUscc(value: unknown): string {
  if (typeof value !== 'string')
    throw new GatewayError('a USCC must be a string', GatewayErrorCode.INVALID_USCC);
  const code = normalizeUscc(value);
  const problem = findUsccProblem(code);
  if (problem) {
    throw new GatewayError(
      `invalid USCC at position ${problem.position}: ${REASONS[problem.reason]}`,
      GatewayErrorCode.INVALID_USCC,
      {
        position: problem.position,
      },
    );
  }
  return code;
}

const literal = (ast: ValueNode): unknown => (ast.kind === Kind.STRING ? ast.value : undefined);

/**
 * The SDL (schema/scalars.graphql) is where scalars are described; graphql-tools copies every own
 * property of a scalar instance onto the schema's type, `description: undefined` included, so the
 * instances carry none of their own.
 */
function describedBySdl(scalar: GraphQLScalarType): GraphQLScalarType {
  delete (scalar as { description?: unknown }).description;
  return scalar;
}

/** The `USCC` scalar. */
export const USCCScalar = describedBySdl(
  new GraphQLScalarType({
    name: 'USCC',
    serialize: (v) => String(v),
    parseValue: parseUscc,
    parseLiteral: (ast) => parseUscc(literal(ast)),
  }),
);

function stringScalar(name: string, valid: (s: string) => boolean, what: string): GraphQLScalarType {
  const parse = (v: unknown): string => {
    if (typeof v !== 'string' || !valid(v))
      throw new GatewayError(`${name} must be ${what}`, GatewayErrorCode.BAD_USER_INPUT);
    return v;
  };
  return describedBySdl(
    new GraphQLScalarType({
      name,
      serialize: (v) => String(v),
      parseValue: parse,
      parseLiteral: (ast) => parse(literal(ast)),
    }),
  );
}

/** `YYYY-MM-DD`. */
export const DateScalar = stringScalar('Date', isIsoDate, 'a date YYYY-MM-DD');
/** An ISO instant. */
export const DateTimeScalar = stringScalar(
  'DateTime',
  (s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)),
  'an ISO 8601 date-time',
);
/** A decimal string of yuan. */
export const MoneyScalar = stringScalar(
  'Money',
  (s) => /^-?\d+(\.\d{1,2})?$/.test(s),
  'a decimal string like "12500.00"',
);
