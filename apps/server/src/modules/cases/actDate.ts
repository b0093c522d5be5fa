import { shanghaiDate } from '@sanxiang/domain';
import { DomainError } from '../../http/errors.js';

/**
 * The date an act is recorded on (办理日期 of reviews, disclosures …): today by default, or an
 * earlier day for an act done on paper first; never in the future, never before `earliest` (the
 * act it follows). `what` names the act in the Chinese message, e.g. 送审.
 */
export function actDate(actOn: string | undefined, earliest: string | null | undefined, what: string): string {
  const today = shanghaiDate();
  const on = actOn ?? today;
  if (on > today) throw new DomainError('VALIDATION_FAILED', `${what}日期不能晚于今天`, 400, 'actOn');
  if (earliest && on < earliest) {
    throw new DomainError('VALIDATION_FAILED', `${what}日期不能早于${earliest}`, 400, 'actOn');
  }
  return on;
}
