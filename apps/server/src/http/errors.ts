/** One row of a rejected import or a multi-field validation. */
export interface ErrorItem {
  row?: number;
  field?: string;
  message: string;
}

/**
 * A refusal the caller can act on: a stable code for programs, a Chinese message for people,
 * and the HTTP status the API answers with. Throwing one inside a transaction rolls it back.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly field?: string,
    readonly errors?: ErrorItem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `未找到该${what}，或您无权查看`, 404);
export const forbidden = (message = '您没有执行此操作的权限') => new DomainError('FORBIDDEN', message, 403);
export const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', message, 400, field);

/** Unique constraints the schema declares, and what their violation means to a person. */
const UNIQUE_MESSAGES: Record<string, { field: string; message: string }> = {
  agencies_name_key: { field: 'name', message: '已存在同名的执法主体' },
  agencies_uscc_key: { field: 'uscc', message: '该统一社会信用代码已登记' },
  units_agency_name_key: { field: 'name', message: '本单位已有同名科室' },
  officers_credential_no_key: { field: 'credentialNo', message: '该执法证号已登记' },
  officers_resident_id_key: { field: 'residentId', message: '该公民身份号码已登记' },
  users_username_key: { field: 'username', message: '该用户名已被使用' },
};

/** Maps a PostgreSQL error (either driver; drizzle wraps it in `cause`) to a DomainError, if it is one we expect. */
export function fromDatabaseError(err: unknown): DomainError | undefined {
  const pgErr = findPgError(err);
  if (!pgErr) return undefined;
  if (pgErr.code === '23505') {
    const known = pgErr.constraint ? UNIQUE_MESSAGES[pgErr.constraint] : undefined;
    return new DomainError('DUPLICATE', known?.message ?? '记录重复', 409, known?.field);
  }
  if (pgErr.code === '23503') return new DomainError('REFERENCE_INVALID', '引用的记录不存在或仍被其他记录使用', 409);
  return undefined;
}

function findPgError(err: unknown): { code: string; constraint?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const candidate = e as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: candidate.constraint };
    }
    e = candidate.cause;
  }
  return undefined;
}
