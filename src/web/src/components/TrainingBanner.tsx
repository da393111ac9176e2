/** On a training system (KEXIN_TODAY, embedded demo only) every page says which day the system believes it is. */
import { Alert } from 'antd';
import { useSystemClock } from '../systemClock';

export function TrainingBanner() {
  const { data } = useSystemClock();
  if (!data?.training) return null;
  return <Alert banner type="warning" data-testid="training-banner" title={`培训模式：系统日期 ${data.today}（培训演示用，非真实日期，所办事项不具法律效力）`} />;
}
