/**
 * A log's date range as Beijing dates (`from`, `to`, inclusive): the server counts each day from 00:00
 * Beijing time, and the presets count back from the system's day, never the browser's.
 */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useSystemToday } from '../systemClock';

export function LogDateRange({ from, to, onChange, testId }: { from?: string; to?: string; onChange: (from: string | undefined, to: string | undefined) => void; testId?: string }) {
  const today = useSystemToday();
  return (
    <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['起始日期', '截止日期']} data-testid={testId}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      presets={[
        { label: '今天', value: [today, today] },
        { label: '近 7 天', value: [today.subtract(6, 'day'), today] },
        { label: '近 30 天', value: [today.subtract(29, 'day'), today] },
      ]}
      onChange={(v) => onChange(v?.[0]?.format('YYYY-MM-DD'), v?.[1]?.format('YYYY-MM-DD'))} />
  );
}
