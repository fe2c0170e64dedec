/**
 * One error hierarchy, mapped once to HTTP in app.ts. Messages are Chinese for people; codes are
 * stable for programs. Never put SQL, stack traces or personal data in a message.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends AppError {
  constructor(message = '请求参数不正确', details?: unknown, code = 'INVALID_INPUT') {
    super(400, code, message, details);
  }
}

export class Unauthorized extends AppError {
  constructor(message = '请先登录', code = 'UNAUTHENTICATED', details?: unknown) {
    super(401, code, message, details);
  }
}

export class Forbidden extends AppError {
  constructor(message = '没有执行此操作的权限', code = 'FORBIDDEN', details?: unknown) {
    super(403, code, message, details);
  }
}

/** Also used for records outside the caller's scope: they do not exist for that caller. */
export class NotFound extends AppError {
  constructor(message = '记录不存在', code = 'NOT_FOUND') {
    super(404, code, message);
  }
}

/** Outside the caller's scope: answered exactly like a missing record, but audited as a denial. */
export class OutOfScope extends NotFound {}

export class Conflict extends AppError {
  constructor(message = '数据已被他人修改，请刷新后重试', code = 'CONFLICT', details?: unknown) {
    super(409, code, message, details);
  }
}

export class BusinessRule extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(422, code, message, details);
  }
}

export class Locked extends AppError {
  constructor(message: string, code = 'ACCOUNT_LOCKED', details?: unknown) {
    super(423, code, message, details);
  }
}

export class TooManyRequests extends AppError {
  constructor(message = '请求过于频繁，请稍后再试', retryAfterSeconds?: number) {
    super(429, 'RATE_LIMITED', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});
