/** 投诉举报受理台账 (CI-29): register and route, or reject; read who complained only with a reason. */
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Static } from '../../../core/api/common';
import type { ComplaintItem, GetComplaintsOut } from '../../../core/api/complaints';
import { api, query } from '../api';
import { FormDialog } from '../components/FormDialog';
import { SubjectSelect } from '../components/SubjectSelect';
import { useFormSubmit } from '../components/useFormSubmit';
import { beijingDateTime } from '../time';
import { ListPage } from '../components/ListPage';
import { useListParams } from '../components/useListParams';

/** One intake record as the route's response schema declares it (issue 18). */
type Item = Static<typeof ComplaintItem>;

export default function ComplaintsPage() {
  const lp = useListParams();
  // 待受理 unless the officer chose otherwise; 'all' in the address is the cleared filter.
  const chosen = lp.get('status') ?? 'new';
  const status = chosen === 'all' ? undefined : chosen;
  const params = { status, page: lp.page, pageSize: lp.pageSize };
  const { data, isFetching } = useQuery({ queryKey: ['complaints', params], queryFn: () => api<Static<typeof GetComplaintsOut>>(`/api/complaints${query(params)}`) });
  const [acting, setActing] = useState<{ item: Item; mode: 'register' | 'reject' | 'identity' } | null>(null);
  return (
    <ListPage<Item> title="投诉举报受理（CI-29）" lp={lp} data={data} loading={isFetching} rowKey="id" size="small"
      actions={<Select allowClear style={{ width: 160 }} value={status} onChange={(v) => lp.set({ status: v ?? 'all' })} options={[{ value: 'new', label: '待受理' }, { value: 'registered', label: '已受理' }, { value: 'rejected', label: '不予受理' }]} />}
      columns={[
        { title: '收到', dataIndex: 'submittedAt', render: (v: string) => beijingDateTime(v) },
        { title: '被举报', render: (_, r) => <>{r.accusedName}{r.accusedCreditCode ? `（${r.accusedCreditCode}）` : ''} <Tag>{r.accusedKind === 'person' ? '个人' : '单位'}</Tag></> },
        { title: '内容', dataIndex: 'content', ellipsis: true },
        { title: '证据材料', render: (_, r) => (r.attachments.length === 0 ? '无' : <Space direction="vertical" size={0}>{r.attachments.map((f) => <a key={f.id} href={`/api/complaints/files/${f.id}`} download data-testid="complaint-attachment" title={`SM3 ${f.sm3}`}>{f.fileName}（{Math.ceil(f.sizeBytes / 1024)} KB）</a>)}</Space>) },
        { title: '状态', render: (_, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.statusLabel}</Link> : r.statusLabel) },
        { title: '', render: (_, r) => <Space>
          {r.status === 'new' && <Button size="small" type="primary" onClick={() => setActing({ item: r, mode: 'register' })}>受理转办</Button>}
          {r.status === 'new' && <Button size="small" onClick={() => setActing({ item: r, mode: 'reject' })}>不予受理</Button>}
          <Button size="small" onClick={() => setActing({ item: r, mode: 'identity' })}>查看举报人（留痕）</Button>
        </Space> },
      ]}>
      {acting && <Act {...acting} onClose={() => setActing(null)} />}
    </ListPage>
  );
}

function Act({ item, mode, onClose }: { item: Item; mode: 'register' | 'reject' | 'identity'; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [who, setWho] = useState<{ name: string; phone: string; email?: string | null } | null>(null);
  const acting = useFormSubmit(form);
  const ok = () => acting.run(async (v) => {
    {
      if (mode === 'register') await api(`/api/complaints/${item.id}/register`, { method: 'POST', json: { version: item.version, accusedId: v.accusedId, isUnitHead: !!v.isUnitHead } });
      if (mode === 'reject') await api(`/api/complaints/${item.id}/reject`, { method: 'POST', json: { version: item.version, reason: v.reason } });
      if (mode === 'identity') { setWho(await api(`/api/complaints/${item.id}/complainant`, { method: 'POST', json: { reason: v.reason } })); return; }
      await qc.invalidateQueries({ queryKey: ['complaints'] });
      onClose();
    }
  });
  const title = { register: '受理并转办：个人（非单位负责人）由其所在单位调查，单位或单位负责人由上级主管部门调查', reject: '不予受理', identity: '查看举报人身份（须说明理由，逐次记入审计日志）' }[mode];
  return (
    <FormDialog title={title} form={form} submit={acting} onCancel={onClose} onOk={ok} okText="确认" width={640}
      footerNote={who && <Typography.Paragraph>举报人：{who.name}；电话：{who.phone}{who.email ? `；邮箱：${who.email}` : ''}</Typography.Paragraph>}>
        {mode === 'register' && <>
          <Form.Item label="被举报对象（在库中选定）" name="accusedId" rules={[{ required: true, message: '请选择' }]}><SubjectSelect kind={item.accusedKind} /></Form.Item>
          {item.accusedKind === 'person' && <Form.Item name="isUnitHead" valuePropName="checked"><Checkbox>被举报人是单位负责人</Checkbox></Form.Item>}
        </>}
        {mode !== 'register' && <Form.Item label="理由" name="reason" rules={[{ required: true, min: 5, message: '请写明理由（至少 5 个字）' }]}><Input.TextArea rows={3} /></Form.Item>}
    </FormDialog>
  );
}
