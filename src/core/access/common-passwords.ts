/**
 * Passwords people choose first, and attackers try first: the most common passwords of published
 * leak studies (English and Chinese keyboard and pinyin patterns), lower case. A password is refused
 * when it is one of these, or when what is left of it after taking away digits and symbols and
 * undoing look-alike substitutions (P@ssw0rd → password) is one of the base words. Pure data.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456', '12345678', '123456789', '1234567890', '111111', '000000', '123123', '666666', '888888', '654321', '112233', '121212', '147258369', '159357', '5201314', '1314520',
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwerty123', 'qwertyuiop', 'qwe123', '1qaz2wsx', '1q2w3e4r', '1qaz@wsx', 'zaq12wsx', 'asdfgh', 'asdf1234', 'zxcvbnm',
  'abc123', 'abcd1234', 'a123456', 'aa123456', 'aa12345678', 'a1b2c3', 'iloveyou', 'letmein', 'welcome', 'welcome1', 'admin', 'admin123', 'admin@123', 'administrator', 'root', 'toor', 'test', 'test123', 'guest',
  'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'shadow', 'superman', 'michael', 'trustno1', 'changeme', 'default', 'secret', 'login',
  'woaini', 'woaini1314', 'woaini520', 'wangyang', 'zhangwei', 'liuyang', 'huawei', 'xiaomi', 'baidu', 'tencent', 'qq123456', 'qq5201314', 'aini1314', 'woaiwojia', 'zhongguo', 'beijing',
]);

/** Base words that are no better with digits or symbols around them. */
export const COMMON_BASE_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwort', 'passwd', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'qaz', 'qazwsx', 'wsx', 'qwe', 'asd', 'abc', 'abcd', 'abcdef', 'abcdefg', 'abcdefgh',
  'admin', 'administrator', 'root', 'test', 'guest', 'user', 'welcome', 'letmein', 'iloveyou', 'changeme', 'default', 'secret', 'login', 'master', 'dragon', 'monkey',
  'woaini', 'aini', 'woaiwojia', 'zhongguo', 'china', 'beijing', 'huawei', 'xiaomi', 'baidu', 'qq', 'a', 'aa', 'aaa', 'aaaa', 'x', 'xx', 'xxx',
]);
