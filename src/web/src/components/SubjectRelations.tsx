/**
 * 主体关系 on the subject page (CI-26; issue 19): a unit's legal representative, principal, actual
 * controller and unit head, and where a person works, each with the dates it held. Added and ended
 * here when the server says the organisation may be changed (`abilities.update` of the unit).
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Modal, Select, Space, Table, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type Subject } from '../api';
import { RELATION_KIND_LABEL } from '../labels';
import { useSystemToday } from '../systemClock';
import { SubjectSelect } from './SubjectSelect';
import { useFormSubmit } from './useFormSubmit';

type Relation = NonNullable<Subject['relations']>[number];
const ORG_KINDS = ['legal_representative', 'principal', 'actual_controller', 'unit_head', 'works_at'] as const;
const day = (v: dayjs.Dayjs | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);

export function SubjectRelations({ subject }: { subject: Subject }) {
  const qc = useQueryClient();
  const today = useSystemToday();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Relation | null>(null);
  const [addForm] = Form.useForm();
  const [endForm] = Form.useForm();
  const add = useFormSubmit(addForm);
  const end = useFormSubmit(endForm);
  const isOrg = subject.kind === 'organization';
  // The server decides again on the unit's own abilities; on a person's page only a work relation is added, to the unit chosen.
  const mayAdd = subject.abilities.update;
  const refresh = () => qc.invalidateQueries({ queryKey: ['subject'] });
  const submitAdd = () => add.run(async (v) => {
    const orgId = isOrg ? subject.id : v.organizationId;
    await api(`/api/subjects/${orgId}/relations`, { method: 'POST', json: { personId: isOrg ? v.personId : subject.id, kind: isOrg ? v.kind : 'works_at', since: day(v.since), until: day(v.until) } });
    setAdding(false); addForm.resetFields(); await refresh();
  });
  const submitEnd = () => end.run(async (v) => {
    await api(`/api/subjects/${ending!.organizationId}/relations/${ending!.id}/end`, { method: 'POST', json: { until: day(v.until), version: ending!.version } });
    setEnding(null); endForm.resetFields(); await refresh();
  });
  return (
    <Card data-testid="subject-relations" title="主体关系（CI-26）" extra={mayAdd && <Button onClick={() => setAdding(true)}>{isOrg ? '新增关系' : '登记任职单位'}</Button>}>
      <Table size="small" rowKey="id" pagination={false} dataSource={subject.relations}
        columns={[
          { title: '关系', dataIndex: 'kind', render: (k: string) => RELATION_KIND_LABEL[k as keyof typeof RELATION_KIND_LABEL] },
          { title: '个人', render: (_, r) => <Link to={`/subjects/${r.personId}`}>{r.personName}</Link> },
          { title: '单位', render: (_, r) => <Link to={`/subjects/${r.organizationId}`}>{r.organizationName}</Link> },
          { title: '起始日期', dataIndex: 'since', render: (v: string | null) => v ?? '—' },
          { title: '结束日期', dataIndex: 'until', render: (v: string | null) => v ?? <Tag color="green">现任</Tag> },
          ...(mayAdd ? [{ title: '操作', key: 'op', render: (_: unknown, r: Relation) => r.until === null && <Button size="small" onClick={() => setEnding(r)}>登记结束</Button> }] : []),
        ]} />
      <Modal title={isOrg ? '新增主体关系' : '登记任职单位'} open={adding} onCancel={() => setAdding(false)} onOk={submitAdd} confirmLoading={add.busy} okText="保存" cancelText="取消" destroyOnClose>
        <Form form={addForm} layout="vertical" initialValues={{ kind: 'legal_representative' }}>
          {isOrg ? (
            <>
              <Form.Item name="kind" label="关系" rules={[{ required: true, message: '请选择关系' }]}>
                <Select options={ORG_KINDS.map((k) => ({ value: k, label: RELATION_KIND_LABEL[k] }))} />
              </Form.Item>
              <Form.Item name="personId" label="个人" rules={[{ required: true, message: '请选择个人' }]}><SubjectSelect kind="person" placeholder="输入姓名搜索" /></Form.Item>
            </>
          ) : (
            <Form.Item name="organizationId" label="任职单位" rules={[{ required: true, message: '请选择单位' }]}><SubjectSelect kind="organization" /></Form.Item>
          )}
          <Space>
            <Form.Item name="since" label="起始日期"><DatePicker disabledDate={(d) => d.isAfter(today, 'day')} /></Form.Item>
            <Form.Item name="until" label="结束日期（仍在任可不填）"><DatePicker /></Form.Item>
          </Space>
          {add.error && <Alert type="error" showIcon message={add.error} />}
        </Form>
      </Modal>
      <Modal title="登记关系结束" open={!!ending} onCancel={() => setEnding(null)} onOk={submitEnd} confirmLoading={end.busy} okText="保存" cancelText="取消" destroyOnClose>
        {ending && <p>{ending.personName} — {RELATION_KIND_LABEL[ending.kind as keyof typeof RELATION_KIND_LABEL]} — {ending.organizationName}（自 {ending.since ?? '—'}）</p>}
        <Form form={endForm} layout="vertical">
          <Form.Item name="until" label="结束日期（最后一日）" rules={[{ required: true, message: '请选择结束日期' }]}><DatePicker /></Form.Item>
          {end.error && <Alert type="error" showIcon message={end.error} />}
        </Form>
      </Modal>
    </Card>
  );
}
