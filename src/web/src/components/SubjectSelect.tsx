import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, query, type Page, type Subject } from '../api';

/** Picks a subject the user may see, searched on the server by name (never a pasted id). */
export function SubjectSelect(props: {
  value?: string | null; onChange?: (v: string | null) => void; kind: 'organization' | 'person'; orgType?: string;
  initialLabel?: string | null; placeholder?: string; allowClear?: boolean; id?: string; style?: React.CSSProperties;
}) {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>(
    props.value && props.initialLabel ? [{ value: props.value, label: props.initialLabel }] : [],
  );
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(async () => {
      const r = await api<Page<Subject>>(`/api/subjects${query({ kind: props.kind, orgType: props.orgType, q: q || undefined, pageSize: 20 })}`).catch(() => null);
      if (r) setOptions((old) => {
        const fresh = r.items.map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}${s.employerName ? `，${s.employerName}` : ''}）` }));
        const kept = old.filter((o) => o.value === props.value && !fresh.some((f) => f.value === o.value));
        return [...kept, ...fresh];
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, props.kind, props.orgType]);
  return (
    <Select id={props.id} style={props.style ?? { minWidth: 240 }} showSearch filterOption={false} onSearch={setQ} options={options} value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)} allowClear={props.allowClear} placeholder={props.placeholder ?? '输入名称搜索'} />
  );
}
