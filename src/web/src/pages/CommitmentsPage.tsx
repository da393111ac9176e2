/**
 * 诚信承诺书 (CI-9) by call for applications: the text in force with the version it comes from, each
 * unit and person on the call's applications, who has signed (in the system as themselves, or a scan
 * staff uploaded) and who has not, and priority at equal merit for good credit (CI-21.1). What each
 * user may do comes from the server: sign one's own, upload a scan, register an applicant.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, uploadRaw } from '../api';
import { COMMITMENT_ROLE_LABEL } from '../../../core/commitments/commitment';
import { SubjectSelect } from '../components/SubjectSelect';
import { useFormSubmit } from '../components/useFormSubmit';
import { useSystemToday } from '../systemClock';

interface Item {
  subjectId: string; name: string; kind: string; role: string; roleLabel: string; idNumberMasked: string | null; creditCode: string | null; signed: boolean; signedOn: string | null;
  method: string | null; scanFile: { id: string; fileName: string } | null; rating: { year: number; level: string | null } | null; priorityAtEqualMerit: boolean;
  abilities: { sign: boolean; uploadScan: boolean };
}
interface Answer { callRef: string; template: { text: string; docNo: string; versionId: string; basis: string; inForce: boolean; clause: string }; items: Item[]; unsigned: number; abilities: { addApplicant: boolean } }

// The commitment's capacities (CI-9) from core: who signs for an application, not a user's role.
const ROLES = Object.entries(COMMITMENT_ROLE_LABEL);

export default function CommitmentsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const today = useSystemToday();
  const [typed, setTyped] = useState('');
  const [callRef, setCallRef] = useState('');
  const [adding, setAdding] = useState(false);
  const [scanning, setScanning] = useState<Item | null>(null);
  const [scanDay, setScanDay] = useState<dayjs.Dayjs | null>(null);
  const [addForm] = Form.useForm();
  const add = useFormSubmit(addForm);
  const path = `/api/calls/${encodeURIComponent(callRef)}`;
  const { data, error } = useQuery({ queryKey: ['call-commitments', callRef], enabled: !!callRef, queryFn: () => api<Answer>(`${path}/commitments`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['call-commitments', callRef] });
  const sign = async (i: Item) => {
    try {
      await api(`${path}/commitments/sign`, { method: 'POST', json: { subjectId: i.subjectId, role: i.role } });
      message.success('已签署承诺书'); await refresh();
    } catch (e) { message.error(e instanceof ApiError ? e.message : '签署失败'); }
  };
  const saveApplicant = () => add.run(async (v) => {
    await api(`${path}/applicants`, { method: 'POST', json: { subjectId: v.subjectId, role: v.role } });
    setAdding(false); addForm.resetFields(); await refresh();
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="诚信承诺书（CI-9）">
        <Space>
          <Input style={{ width: 320 }} placeholder="申报批次（如 楚科计〔2026〕12号）" value={typed} onChange={(e) => setTyped(e.target.value)} onPressEnter={() => setCallRef(typed.trim())} data-testid="call-ref" />
          <Button type="primary" onClick={() => setCallRef(typed.trim())}>查看</Button>
          {data?.abilities.addApplicant && <Button onClick={() => setAdding(true)}>登记申报主体</Button>}
        </Space>
        {error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={error instanceof ApiError ? error.message : '加载失败'} />}
      </Card>
      {data && (
        <>
          <Card size="small" title={`承诺书文本（依据 ${data.template.docNo}，${data.template.clause}）`}>
            <Typography.Paragraph data-testid="commitment-text">{data.template.text}</Typography.Paragraph>
            <Typography.Text type="secondary">{data.template.basis}</Typography.Text>
            {!data.template.inForce && <Alert type="warning" showIcon message="今日不在该政策版本的有效期内，请政策管理人员登记延续执行或新版本" />}
          </Card>
          <Card title={`申报主体（未签署 ${data.unsigned} 个）`} data-testid="call-applicants">
            <Table<Item> size="small" rowKey={(r) => `${r.subjectId}-${r.role}`} pagination={false} dataSource={data.items}
              columns={[
                { title: '名称或姓名', dataIndex: 'name' }, { title: '身份', dataIndex: 'roleLabel' },
                { title: '证件', render: (_, r) => r.creditCode ?? r.idNumberMasked },
                { title: '承诺书', render: (_, r) => (r.signed
                  ? <Space><Tag color="green">{r.signedOn} 已签署</Tag>{r.scanFile ? <a href={`/api/fact-files/${r.scanFile.id}`} download>{r.scanFile.fileName}</a> : <span>在线签署</span>}</Space>
                  : <Tag color="orange">未签署</Tag>) },
                { title: '信用等级', render: (_, r) => (r.rating ? `${r.rating.year} 年 ${r.rating.level ?? '未评级'}` : '—') },
                { title: '同等条件下优先（CI-21）', render: (_, r) => (r.priorityAtEqualMerit ? <Tag color="green">优先</Tag> : '否') },
                { title: '操作', render: (_, r) => (
                  <Space>
                    {r.abilities.sign && <Button size="small" type="primary" onClick={() => Modal.confirm({ title: '签署诚信承诺书', content: data.template.text, okText: '本人承诺并签署', cancelText: '取消', onOk: () => sign(r) })}>签署</Button>}
                    {r.abilities.uploadScan && <Button size="small" onClick={() => { setScanDay(null); setScanning(r); }}>上传签署件</Button>}
                  </Space>
                ) },
              ]} />
          </Card>
        </>
      )}
      <Modal title="登记申报主体" open={adding} onCancel={() => setAdding(false)} onOk={saveApplicant} confirmLoading={add.busy} okText="保存" cancelText="取消" destroyOnClose>
        <Form form={addForm} layout="vertical" initialValues={{ role: 'unit' }}>
          <Form.Item name="role" label="身份" rules={[{ required: true }]}><Select options={ROLES.map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.role !== b.role}>
            {({ getFieldValue }) => (
              <Form.Item name="subjectId" label={getFieldValue('role') === 'unit' ? '单位' : '个人'} rules={[{ required: true, message: '请选择' }]}>
                <SubjectSelect kind={getFieldValue('role') === 'unit' ? 'organization' : 'person'} />
              </Form.Item>
            )}
          </Form.Item>
          {add.error && <Alert type="error" showIcon message={add.error} />}
        </Form>
      </Modal>
      <Modal title={`上传已签署的承诺书：${scanning?.name ?? ''}`} open={!!scanning} onCancel={() => setScanning(null)} footer={null} destroyOnClose>
        <Space direction="vertical">
          <DatePicker placeholder="签署日期" value={scanDay} onChange={setScanDay} disabledDate={(d) => d.isAfter(today, 'day')} />
          <Upload showUploadList={false} accept=".pdf,.ofd,.jpg,.jpeg,.png" disabled={!scanDay} customRequest={async ({ file, onSuccess, onError }) => {
            const f = file as File;
            try {
              await uploadRaw(`${path}/commitments/scan?subjectId=${scanning!.subjectId}&role=${scanning!.role}&signedOn=${scanDay!.format('YYYY-MM-DD')}&fileName=${encodeURIComponent(f.name)}`, f);
              message.success('已上传'); onSuccess?.({}); setScanning(null); await refresh();
            } catch (e) { message.error(e instanceof ApiError ? e.message : '上传失败'); onError?.(e as Error); }
          }}><Button disabled={!scanDay}>选择扫描件（PDF、OFD、JPEG、PNG）</Button></Upload>
        </Space>
      </Modal>
    </Space>
  );
}
