/**
 * 一次性初始密码: made by the system for every new account, shown once to the administrator who hands
 * it over (never to the one who created the account), kept only as its argon2id hash, and useless
 * after the first login, which must replace it (issue 16 H2). 16 characters from an alphabet without
 * look-alikes, at least one of each class, from node:crypto.
 */
import crypto from 'node:crypto';
import { passwordProblem } from '../../../core/access/password-policy';

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@?'];
const ALL = CLASSES.join('');

export function initialPassword(): string {
  for (;;) {
    const pick = (set: string) => set[crypto.randomInt(set.length)];
    const chars = [...CLASSES.map(pick), ...Array.from({ length: 12 }, () => pick(ALL))];
    for (let i = chars.length - 1; i > 0; i--) { const j = crypto.randomInt(i + 1); [chars[i], chars[j]] = [chars[j], chars[i]]; }
    const p = chars.join('');
    if (passwordProblem(p) === null) return p;
  }
}
