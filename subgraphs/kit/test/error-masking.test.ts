import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { maskInternalErrors } from '../src/error-masking';

describe('masking internal errors', () => {
  const mask = maskInternalErrors('attendance');

  it('hides a database error that names a pupil and SQL, and logs the detail instead', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const leak = new Error(
      'insert into attendance.pupil (upn) values ($1) - duplicate key value violates unique constraint: A801200005001',
    );
    const wrapped = new GraphQLError(leak.message, {
      originalError: leak,
      path: ['submitRegister'],
    });
    const formatted = mask({ message: leak.message, path: ['submitRegister'] }, wrapped);
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['submitRegister'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: undefined },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/A801200005001|insert into/);
    expect(log.mock.calls[0]?.[0]).toMatch(/A801200005001/);
    log.mockRestore();
  });

  it('passes errors that carry one of our codes through unchanged', () => {
    const formatted = {
      message: 'urn must be a 6-digit URN',
      extensions: { code: 'BAD_USER_INPUT' },
    };
    expect(mask(formatted, new GraphQLError(formatted.message))).toBe(formatted);
  });
});
