import { describe, expect, it } from 'vitest';
import {
  CODES_2024_IN_FORCE_FROM,
  REGISTER_CODES,
  countsInPossibleSessions,
  isUnauthorisedAbsence,
  registerCodeDefinition,
  validateRegisterCode,
} from '../src/domain';

const classOf = (code: string) => registerCodeDefinition(code)?.statisticalClass;

describe('the 2024 register code table', () => {
  it('has one entry per code', () => {
    const codes = REGISTER_CODES.map((definition) => definition.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('treats approved educational activity as attendance, including LA-arranged provision K', () => {
    for (const code of ['K', 'V', 'P', 'W', 'B', 'J']) {
      expect(classOf(code)).toBe('approvedEducationalActivity');
    }
  });

  it('counts L as present and U as unauthorised absence, both of them late', () => {
    expect(classOf('L')).toBe('present');
    expect(classOf('U')).toBe('unauthorisedAbsence');
    expect(REGISTER_CODES.filter((definition) => definition.late).map((d) => d.code)).toEqual([
      'L',
      'U',
    ]);
  });

  it('keeps exactly D, X, Q, Y, Y1–Y7, Z and # out of possible sessions', () => {
    const outside = REGISTER_CODES.filter((definition) => !countsInPossibleSessions(definition));
    expect(outside.map((definition) => definition.code).sort()).toEqual(
      ['#', 'D', 'Q', 'X', 'Y', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7', 'Z'].sort(),
    );
  });

  it('knows G, N, O and U as the only unauthorised codes', () => {
    expect(REGISTER_CODES.filter((d) => isUnauthorisedAbsence(d.code)).map((d) => d.code)).toEqual([
      'G',
      'U',
      'O',
      'N',
    ]);
    expect(isUnauthorisedAbsence('I')).toBe(false);
    expect(isUnauthorisedAbsence('nonsense')).toBe(false);
  });

  it('classes the new leave codes and the legacy holiday codes as authorised absence', () => {
    for (const code of ['C1', 'J1', 'C2', 'C', 'M', 'H', 'F']) {
      expect(classOf(code)).toBe('authorisedAbsence');
    }
  });
});

describe('validating a code for a session date', () => {
  const dayBefore = '2024-08-18';

  it('accepts a legacy holiday code H on the last day before the 2024 regulations, not on the first', () => {
    expect(validateRegisterCode('H', dayBefore).valid).toBe(true);
    const refused = validateRegisterCode('H', CODES_2024_IN_FORCE_FROM);
    expect(refused).toEqual({
      valid: false,
      message: expect.stringMatching(/withdrawn.*before 2024-08-19; got 2024-08-19/),
    });
  });

  it('accepts the new codes K, C1, J1, C2, Q and Y1–Y7 only from 19 August 2024', () => {
    for (const code of ['K', 'C1', 'J1', 'C2', 'Q', 'Y1', 'Y7']) {
      expect(validateRegisterCode(code, CODES_2024_IN_FORCE_FROM).valid).toBe(true);
      expect(validateRegisterCode(code, dayBefore)).toMatchObject({
        valid: false,
        message: expect.stringContaining('introduced by the 2024 regulations'),
      });
    }
  });

  it('refuses J, F and Y after the change but takes them for older registers', () => {
    for (const code of ['J', 'F', 'Y']) {
      expect(validateRegisterCode(code, '2023-11-06').valid).toBe(true);
      expect(validateRegisterCode(code, '2025-01-06').valid).toBe(false);
    }
  });

  it('accepts codes common to both tables on either side of the change', () => {
    for (const code of ['/', '\\', 'L', 'I', 'G', 'N', 'D', 'X', '#']) {
      expect(validateRegisterCode(code, dayBefore).valid).toBe(true);
      expect(validateRegisterCode(code, CODES_2024_IN_FORCE_FROM).valid).toBe(true);
    }
  });

  it('names an unknown code, and a malformed date, in the message', () => {
    expect(validateRegisterCode('A', '2025-01-06')).toEqual({
      valid: false,
      message: '"A" is not a register code in the DfE code table',
    });
    expect(validateRegisterCode('/', '2025-02-30')).toMatchObject({ valid: false });
  });

  it('returns the definition of a valid code so that callers need not look it up again', () => {
    const result = validateRegisterCode('M', '2025-01-06');
    expect(result.valid && result.definition.eesColumn).toBe('reason_m_authorised_medical_dental');
  });
});
