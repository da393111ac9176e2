/**
 * The holiday facts shipped with Kexin (State Council notices 2023–2026; 楚雄州 local days as
 * reported). They seed the database on first start; afterwards the database is the source, and an
 * administrator loads each new year's notice there.
 */
import national from './official/national-2023-2026.json';
import chuxiong from './official/chuxiong-local.json';
import { localHolidaysFromFile, noticesFromFile, type HolidayNotice, type LocalHoliday } from './notice';

export const BUNDLED_NOTICES: readonly HolidayNotice[] = noticesFromFile(national);
export const BUNDLED_LOCAL_HOLIDAYS: readonly LocalHoliday[] = localHolidaysFromFile(chuxiong);
