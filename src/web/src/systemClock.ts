/**
 * The system's day as the server reads it (its injected clock; a training clock on a training system),
 * for forms that offer "today" as a first value: never the browser's own clock.
 */
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from './api';

export interface SystemClock { today: string; training: boolean }

export function useSystemClock() {
  return useQuery({ queryKey: ['system-clock'], queryFn: () => api<SystemClock>('/api/system/clock'), staleTime: 60 * 60_000 });
}

/** The system's day as a dayjs value (the browser's day until the server has answered). */
export function useSystemToday(): dayjs.Dayjs {
  const { data } = useSystemClock();
  return data ? dayjs(data.today) : dayjs();
}
