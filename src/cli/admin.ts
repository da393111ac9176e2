/** `kexin admin create`: the three administrators provisioned at installation (issue 16 H2). */
import { isAdministrator, roleLabel, type Role } from '../core/access/roles';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { insertAccount } from '../server/modules/accounts/create-account';
import { initialPassword } from '../server/modules/accounts/initial-password';
import { countActiveWithRole } from '../server/modules/accounts/users-repo';
import { duplicateField } from '../server/modules/subjects/subject-input';
import type { AppContext } from '../server/context';

/**
 * 安装时开设三员账号 (issue 16 H2): only while nobody holds the role, with a one-time initial password
 * printed once and to be changed at first login. Later administrators come by dual control in the web
 * client (proposed by the security administrator, approved by the audit administrator).
 * `app` is given by a caller that already holds the database open (the first-year browser test, on an
 * in-process PGlite the command could not reach); the command itself opens and closes its own.
 */
export async function createAdministrator(args: string[], given?: AppContext): Promise<number> {
  const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const role = opt('--role') as Role | undefined;
  const username = opt('--username');
  const name = opt('--name');
  if (!role || !isAdministrator(role) || !username || !/^[a-z0-9_.-]{3,32}$/.test(username) || !name) {
    console.error('用法：kexin admin create --role system_admin|security_admin|audit_admin --username 用户名（3–32 位小写字母、数字、_.-） --name 姓名');
    return 2;
  }
  const app = given ?? await createApp(loadConfig(), { demo: false });
  try {
    if (await countActiveWithRole(app.db, role) > 0) {
      console.error(`已有${roleLabel(role)}：安装后新增管理员须经双人复核（安全管理员在“账号授权”中提出，审计管理员复核同意），命令行不再开设`);
      return 2;
    }
    const password = initialPassword();
    await app.db.transaction((tx) => insertAccount(app, tx, null, { username, displayName: name, role, password, mustChangePassword: true }));
    console.log(`已开设${roleLabel(role)} ${username}。一次性初始密码（只显示这一次，首次登录须修改）：${password}`);
    return 0;
  } catch (e) {
    const dup = duplicateField(e);
    if (dup) { console.error(`错误：${dup.messageZh}`); return 2; }
    throw e;
  } finally {
    if (!given) await app.db.close();
  }
}

