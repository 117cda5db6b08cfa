import { describe, expect, it } from 'vitest';
import { explainError, recordStatusInput } from '../../functions/domain/publishing/record-status';

describe('explainError', () => {
  it('shows a Lambda error as "ErrorType: message", not as JSON', () => {
    const cause = JSON.stringify({
      errorType: 'ValidationError',
      errorMessage: 'Caption terlalu panjang',
      trace: ['ValidationError: Caption terlalu panjang', '    at handler (index.js:1:1)'],
    });
    expect(explainError({ Error: 'ValidationError', Cause: cause })).toBe(
      'ValidationError: Caption terlalu panjang',
    );
  });

  it('shows a rejection as "approver: reason"', () => {
    const cause = JSON.stringify({
      approver: 'kepala.dinas@dinkes.example.go.id',
      reason: 'Data kasus belum final',
    });
    expect(explainError({ Error: 'ApprovalRejected', Cause: cause })).toBe(
      'kepala.dinas@dinkes.example.go.id: Data kasus belum final',
    );
  });

  it('shows a rejection without an approver as the reason alone, even an empty one', () => {
    expect(explainError({ Error: 'ApprovalRejected', Cause: JSON.stringify({ reason: 'Tunda dulu' }) })).toBe(
      'Tunda dulu',
    );
    expect(
      explainError({ Error: 'ApprovalRejected', Cause: JSON.stringify({ approver: 'a@b.id', reason: '' }) }),
    ).toBe('a@b.id: ');
  });

  it('shows a cause that is not JSON as it is, after the error name', () => {
    expect(explainError({ Error: 'States.Timeout', Cause: 'Task timed out after 60 seconds' })).toBe(
      'States.Timeout: Task timed out after 60 seconds',
    );
  });

  it('shows JSON causes it does not understand as text', () => {
    expect(explainError({ Error: 'States.TaskFailed', Cause: '{"foo":1}' })).toBe(
      'States.TaskFailed: {"foo":1}',
    );
    expect(explainError({ Error: 'States.TaskFailed', Cause: 'null' })).toBe('States.TaskFailed: null');
    expect(explainError({ Error: 'States.TaskFailed', Cause: '42' })).toBe('States.TaskFailed: 42');
  });

  it('shows the error name alone when there is no cause', () => {
    expect(explainError({ Error: 'Lambda.ServiceException' })).toBe('Lambda.ServiceException');
    expect(explainError({ Error: 'Lambda.ServiceException', Cause: '' })).toBe('Lambda.ServiceException');
  });

  it('says "unknown error" when there is no error at all', () => {
    expect(explainError()).toBe('unknown error');
    expect(explainError(undefined)).toBe('unknown error');
  });
});

describe('recordStatusInput', () => {
  it('accepts each outcome shape and refuses an unknown outcome', () => {
    expect(
      recordStatusInput.safeParse({ itemId: 'c1', outcome: 'published', publications: [] }).success,
    ).toBe(true);
    expect(
      recordStatusInput.safeParse({
        itemId: 'c1',
        outcome: 'blocked',
        reasons: ['x'],
        revision: 1,
        taskToken: 't',
      }).success,
    ).toBe(true);
    // A block must carry the token a revision or an override settles.
    expect(recordStatusInput.safeParse({ itemId: 'c1', outcome: 'blocked', reasons: ['x'] }).success).toBe(
      false,
    );
    expect(
      recordStatusInput.safeParse({ itemId: 'c1', outcome: 'failed', error: { Error: 'E', Cause: 'c' } })
        .success,
    ).toBe(true);
    expect(recordStatusInput.safeParse({ itemId: 'c1', outcome: 'deleted' }).success).toBe(false);
    expect(recordStatusInput.safeParse({ itemId: 'c1', outcome: 'evaluated' }).success).toBe(false);
  });
});
