/** A subject's misconduct sanctions, with whether each ban is in force today, and (for staff) opening a new lead (CI-22). */
import { useState } from 'react';
import { Button, Card, Table, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { StartCaseModal } from './CaseForms';

interface Row { id: string; caseId: string; severity: string; measures: string[]; misconduct: string; decidedOn: string; banEnd: string | null; banLife: boolean; banStart: string | null; clause: string; published: boolean; banActive: boolean; answersFor: string | null; publicUntil: string | null; corrections: Array<{ label: string; from: string; to: string; on: string }> }

export function SubjectSanctions({ subjectId, mayOpen }: { subjectId: string; mayOpen: boolean }) {
  const { data } = useQuery({ queryKey: ['sanctions', subjectId], queryFn: () => api<{ items: Row[] }>(`/api/subjects/${subjectId}/sanctions`) });
  const [open, setOpen] = useState(false);
  return (
    <Card title="失信处理记录（CI-22～CI-26）" extra={mayOpen && <Button onClick={() => setOpen(true)}>登记失信线索</Button>}>
      <Table size="small" rowKey="id" pagination={false} dataSource={data?.items} locale={{ emptyText: '无失信处理记录' }} columns={[
        { title: '失信行为', render: (_, r) => <>{r.misconduct}{r.corrections.length > 0 && <Tooltip title={r.corrections.map((k) => `${k.on} ${k.label}：${k.from} → ${k.to}`).join('；')}><Tag color="gold" style={{ marginLeft: 4 }}>已更正（CI-27）</Tag></Tooltip>}</> }, { title: '情节', dataIndex: 'severity' }, { title: '措施', render: (_, r) => r.measures.join('；') },
        { title: '决定日期', render: (_, r) => <Link to={`/cases/${r.caseId}`}>{r.decidedOn}</Link> },
        { title: '取消资格', render: (_, r) => (r.banStart ? <>{r.banStart} 至 {r.banLife ? '永久' : r.banEnd} {r.banActive ? <Tag color="red">在期</Tag> : <Tag>不在期</Tag>}</> : '—') },
        { title: '作为', dataIndex: 'answersFor', render: (v: string | null) => (v ? `${v}的负责人（CI-26）` : '本人/本单位') },
        { title: '公开', render: (_, r) => (r.published ? `是${r.publicUntil ? `，至 ${r.publicUntil}` : ''}` : '否') }, { title: '依据', dataIndex: 'clause' },
      ]} />
      {open && <StartCaseModal procedure="misconduct" start="lead" fixed={{ subjectId }} onClose={() => setOpen(false)} />}
    </Card>
  );
}
