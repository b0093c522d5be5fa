import type { Principal } from '../identity/principal.js';
import type { Actor } from './ledgerStore.js';

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, name: p.displayName });
export const SYSTEM_ACTOR: Actor = { userId: null, name: '系统' };
