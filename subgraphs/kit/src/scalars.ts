import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { AcademicYear } from './academic-year';
import { isIsoDate } from './dates';
import { badUserInput } from './errors';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badUserInput(
      `Date must be a real calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A calendar date as `YYYY-MM-DD`. Impossible dates such as 2023-02-29 are refused. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date as ISO 8601 YYYY-MM-DD',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('Date must be a string as YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

function parseAcademicYear(value: unknown): AcademicYear {
  if (typeof value !== 'string')
    throw badUserInput('AcademicYear must be a string such as "2024/25"');
  return AcademicYear.parse(value);
}

/** An academic year as DfE writes it: "2024/25". */
export const AcademicYearScalar = new GraphQLScalarType<AcademicYear, string>({
  name: 'AcademicYear',
  description: 'An English academic year, 1 September to 31 August, written "2024/25"',
  serialize: (value) => (value instanceof AcademicYear ? value : parseAcademicYear(value)).label,
  parseValue: parseAcademicYear,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw badUserInput('AcademicYear must be a string such as "2024/25"');
    return parseAcademicYear(ast.value);
  },
});

/**
 * Whole numbers up to 2^53 − 1: England's possible sessions in a year (about 3.5 billion) overflow
 * GraphQL's 32-bit Int.
 */
export const SafeIntScalar = GraphQLSafeInt;
