import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, query, type Page, type Project } from '../api';

/** Picks a project the user may see, searched on the server by code or name. */
export function ProjectSelect(props: { value?: string | null; onChange?: (v: string | null) => void; id?: string; allowClear?: boolean }) {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(async () => {
      const r = await api<Page<Project>>(`/api/projects${query({ q: q || undefined, pageSize: 20 })}`).catch(() => null);
      if (r) setOptions(r.items.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` })));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <Select id={props.id} style={{ minWidth: 320 }} showSearch filterOption={false} onSearch={setQ} options={options} value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)} allowClear={props.allowClear} placeholder="输入项目编号或名称搜索" />
  );
}
