import { describe, expect, it } from 'vitest';
import { badUserInput, ErrorCode, forbidden, notFound, unauthenticated } from '../src/errors';

describe('client errors', () => {
  it('carry their code and no stack frames, and leave other errors their stacks', () => {
    const errors = [
      forbidden(),
      notFound('No school'),
      badUserInput('Bad'),
      unauthenticated('Who?'),
    ];
    expect(errors.map((error) => error.extensions.code)).toEqual([
      ErrorCode.Forbidden,
      ErrorCode.NotFound,
      ErrorCode.BadUserInput,
      ErrorCode.Unauthenticated,
    ]);
    for (const error of errors) expect(error.stack?.split('\n')).toHaveLength(1);
    expect(new Error('a fault').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
