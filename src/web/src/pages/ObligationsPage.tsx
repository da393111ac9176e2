/**
 * 应履行事项 (issue 19): the obligations decisions created (YT-10 surplus funds returned; CI-23 funds
 * clawed back, awards revoked) across cases, by region and state, with the Excel export the server
 * offers; settling one payment at a time with its evidence, when the server says the user may.
 */
import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api';
import { regionTree, useRegions } from '../components/useRegions';
import { useFormSubmit, validValues } from '../components/useFormSubmit';
import { useSystemToday } from '../systemClock';
import { ListPage } from '../components/ListPage';
import { useListParams } from '../components/useListParams';

interface Obligation {
  id: string; kind: string; kindLabel: string; clause: string; caseId: string; caseNo: string; regionName: string; projectCode: string | null; subjectName: string | null;
  description: string; amountYuan: string | null; settledYuan: string; remainderYuan: string | null; dueDate: string | null; dueBasis: string | null;
  state: 'open' | 'overdue' | 'fulfilled' | 'waived'; stateLabel: string; settledOn: string | null; version: number;
}
interface Detail extends Obligation {
  settlements: Array<{ id: string; paidOn: string; amountYuan: string; fileId: string | null; evidenceRef: string | null; note: string | null; remainderYuan: string; recordedBy: string }>;
  abilities: { settle: boolean };
}

const STATE_COLOR: Record<Obligation['state'], string> = { open: 'blue', overdue: 'red', fulfilled: 'green', waived: 'default' };
const STATES = [{ value: 'open', label: '待履行' }, { value: 'overdue', label: '已逾期' }, { value: 'fulfilled', label: '已履行' }, { value: 'waived', label: '已免除' }];

export default function ObligationsPage() {
  const { data: regions = [] } = useRegions();
  const lp = useListParams();
  const filter = { regionCode: lp.get('regionCode'), state: lp.get('state') };
  const [openId, setOpenId] = useState<string | null>(null);
  const q = query(filter);
  const { data, isFetching } = useQuery({ queryKey: ['obligations', q], queryFn: () => api<{ items: Obligation[]; abilities: { export: boolean } }>(`/api/obligations${q}`) });
  return (
    <ListPage<Obligation> title="应履行事项" lp={lp} data={data} loading={isFetching} paging="client" rowKey="id" size="small"
      exportHref={data?.abilities.export && `/api/obligations/export.xlsx${q}`}
      filters={<>
        <TreeSelect data-testid="filter-region" allowClear placeholder="所属区划" style={{ width: 220 }} treeData={regionTree(regions, true)} treeDefaultExpandAll value={filter.regionCode} onChange={(v) => lp.set({ regionCode: v })} />
        <Select data-testid="filter-state" allowClear placeholder="状态" style={{ width: 140 }} options={STATES} value={filter.state} onChange={(v) => lp.set({ state: v })} />
      </>}
        columns={[
          { title: '事项', dataIndex: 'description', render: (v, r) => <a onClick={() => setOpenId(r.id)}>{v}</a> },
          { title: '依据', dataIndex: 'clause' },
          { title: '案件', dataIndex: 'caseNo', render: (v, r) => <a href={`/cases/${r.caseId}`}>{v}</a> },
          { title: '所属区划', dataIndex: 'regionName' },
          { title: '履行主体', dataIndex: 'subjectName' },
          { title: '应履行（元）', dataIndex: 'amountYuan', align: 'right', render: (v) => v ?? <Tag>待核定</Tag> },
          { title: '尚欠（元）', dataIndex: 'remainderYuan', align: 'right' },
          { title: '履行期限', dataIndex: 'dueDate' },
          { title: '状态', dataIndex: 'state', render: (s: Obligation['state'], r) => <Tag color={STATE_COLOR[s]}>{r.stateLabel}</Tag> },
        ]}>
      {openId && <ObligationDialog id={openId} onClose={() => setOpenId(null)} />}
    </ListPage>
  );
}

function ObligationDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const qc = useQueryClient();
  const today = useSystemToday();
  const [form] = Form.useForm();
  const [amountForm] = Form.useForm();
  const { data: o } = useQuery({ queryKey: ['obligation', id], queryFn: () => api<Detail>(`/api/obligations/${id}`) });
  const { data: c } = useQuery({ queryKey: ['case', o?.caseId], enabled: !!o, queryFn: () => api<{ materials: Array<{ id: string; fileName: string }>; documents: Array<{ id: string; fileName: string }> }>(`/api/cases/${o!.caseId}`) });
  const paying = useFormSubmit(form);
  const setting = useFormSubmit(amountForm);
  const refresh = async () => { await qc.invalidateQueries({ queryKey: ['obligation', id] }); await qc.invalidateQueries({ queryKey: ['obligations'] }); };
  const pay = async () => {
    const v = await validValues(form);
    if (!v || !o) return;
    await paying.run(async () => {
      await api(`/api/obligations/${id}/settlements`, { method: 'POST', json: { version: o.version, paidOn: v.paidOn.format('YYYY-MM-DD'), amountYuan: v.amountYuan, ...(v.fileId ? { fileId: v.fileId } : {}), ...(v.evidenceRef ? { evidenceRef: v.evidenceRef } : {}), ...(v.note ? { note: v.note } : {}) } });
      form.resetFields();
      await refresh();
    });
  };
  const setAmount = async () => {
    const v = await validValues(amountForm);
    if (!v || !o) return;
    await setting.run(async () => { await api(`/api/obligations/${id}/amount`, { method: 'POST', json: { version: o.version, amountYuan: v.amountYuan, basis: v.basis } }); await refresh(); });
  };
  const files = [...(c?.materials ?? []), ...(c?.documents ?? [])].map((f) => ({ value: f.id, label: f.fileName }));
  return (
    <Modal open title={o ? `${o.kindLabel}（${o.clause}）` : '应履行事项'} onCancel={onClose} footer={null} width={760}>
      {o && <>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="事项" span={2}>{o.description}</Descriptions.Item>
          <Descriptions.Item label="应履行（元）">{o.amountYuan ?? '待核定'}</Descriptions.Item>
          <Descriptions.Item label="尚欠（元）">{o.remainderYuan ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="履行期限">{o.dueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="状态">{o.stateLabel}</Descriptions.Item>
          <Descriptions.Item label="期限依据" span={2}><Typography.Text type="secondary">{o.dueBasis ?? '—'}</Typography.Text></Descriptions.Item>
        </Descriptions>
        <Table size="small" rowKey="id" style={{ marginTop: 12 }} pagination={false} dataSource={o.settlements} locale={{ emptyText: '尚无履行记录' }}
          columns={[
            { title: '日期', dataIndex: 'paidOn' }, { title: '金额（元）', dataIndex: 'amountYuan', align: 'right' }, { title: '尚欠（元）', dataIndex: 'remainderYuan', align: 'right' },
            { title: '凭证', render: (_v, s) => (s.fileId ? <a href={`/api/files/${s.fileId}`}>凭证文件</a> : s.evidenceRef) }, { title: '登记人', dataIndex: 'recordedBy' },
          ]} />
        {o.abilities.settle && o.amountYuan === null && (
          <Form form={amountForm} layout="inline" style={{ marginTop: 16 }}>
            {setting.error && <Alert type="error" showIcon title={setting.error} style={{ width: '100%', marginBottom: 8 }} data-testid="amount-error" />}
            <Form.Item name="amountYuan" label="核定金额（元）" rules={[{ required: true, pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '请填写不超过两位小数的元数' }]}><Input style={{ width: 160 }} /></Form.Item>
            <Form.Item name="basis" label="核定依据" rules={[{ required: true, min: 2, message: '请写明依据' }]}><Input style={{ width: 240 }} /></Form.Item>
            <Button onClick={setAmount} loading={setting.busy}>核定</Button>
          </Form>
        )}
        {o.abilities.settle && o.amountYuan !== null && (
          <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={{ paidOn: today }}>
            {paying.error && <Alert type="error" showIcon title={paying.error} style={{ marginBottom: 8 }} data-testid="form-error" />}
            <Space wrap align="start">
              <Form.Item name="paidOn" label="履行日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="amountYuan" label="本次金额（元）" rules={[{ required: true, pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '请填写不超过两位小数的元数' }]}><Input style={{ width: 160 }} /></Form.Item>
              <Form.Item name="fileId" label="凭证文件（本案件的文件）"><Select allowClear style={{ width: 220 }} options={files} /></Form.Item>
              <Form.Item name="evidenceRef" label="或凭证编号（如缴款书号）"><Input style={{ width: 220 }} /></Form.Item>
            </Space>
            <Form.Item name="note" label="说明"><Input.TextArea rows={2} /></Form.Item>
            <Button type="primary" onClick={pay} loading={paying.busy}>登记履行</Button>
          </Form>
        )}
      </>}
    </Modal>
  );
}
