import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { validValues } from '../components/useFormSubmit';
import { noticesFromFile, type HolidayNotice } from '../../../core/calendar/notice';

interface YearRow { year: number; status: 'official' | 'provisional'; workdays: number; notice: (HolidayNotice & { loadedAt: string }) | null }
interface LoadResult { year: number; replaced: boolean; recomputed: number; movedCount: number; moved: Array<{ title: string; oldDue: string; newDue: string; wasProvisional: boolean; provisional: boolean }> }

const DAY_KIND: Record<string, string> = { holiday: '放假', makeup_workday: '调休上班', local_holiday: '地方假日' };

export default function CalendarPage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canManage = !!me?.permissions.includes('calendar.manage');
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [editing, setEditing] = useState<HolidayNotice | null>(null);
  const [result, setResult] = useState<LoadResult | null>(null);
  const { data } = useQuery({ queryKey: ['calendar'], queryFn: () => api<{ years: YearRow[]; localHolidays: Array<{ id: string; jurisdiction: string; from: string; to: string; name: string; source: string | null }> }>('/api/calendar') });
  const days = useQuery({ queryKey: ['calendar-days', year], queryFn: () => api<{ provisional: boolean; specialDays: Array<{ date: string; kind: string; name: string | null }> }>(`/api/calendar/days/${year}`) });

  const submit = async (n: HolidayNotice) => {
    try {
      const r = await api<LoadResult>('/api/calendar/notices', { method: 'POST', json: n });
      setResult(r);
      setEditing(null);
      message.success(`${r.year} 年节假日安排已载入`);
      await qc.invalidateQueries({ queryKey: ['calendar'] });
      await qc.invalidateQueries({ queryKey: ['calendar-days'] });
    } catch (e) {
      message.error(e instanceof ApiError ? `${e.message}${e.field ? `（${e.field}）` : ''}` : '载入失败');
    }
  };

  const importFile = async (file: File) => {
    try {
      const notices = noticesFromFile(JSON.parse(await file.text()));
      if (notices.length !== 1) throw new Error('请每次导入一个年度的通知');
      setEditing(notices[0]);
    } catch (e) {
      message.error(`文件无法读取：${(e as Error).message}`);
    }
    return false;
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="节假日安排（国务院办公厅通知）" extra={canManage && (
        <Space>
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={importFile}><Button>从文件导入</Button></Upload>
          <Button type="primary" onClick={() => setEditing({ year: new Date().getFullYear() + 1, notice: '', published: dayjs().format('YYYY-MM-DD'), off: [], workdays: [] })}>载入新年度通知</Button>
        </Space>
      )}>
        <Typography.Paragraph type="secondary">以工作日计算的时限依据这些通知（X-4）。未载入通知的年份按已知的法定节日暂定计算，涉及的日期都标为“暂定”，载入通知后自动重新计算。{!canManage && ' 国务院办公厅每年的节假日安排通知由系统管理员载入；通知发布后如尚未载入，请联系系统管理员。'}</Typography.Paragraph>
        {result && (
          <Alert style={{ marginBottom: 16 }} type="success" closable onClose={() => setResult(null)}
            title={`${result.year} 年通知已${result.replaced ? '更正' : '载入'}：重算 ${result.recomputed} 个时限，改期 ${result.movedCount} 个${result.movedCount > result.moved.length ? `（以下列出前 ${result.moved.length} 个）` : ''}`}
            description={result.moved.length > 0 && <List size="small" dataSource={result.moved} renderItem={(m) => <List.Item>{m.title}：{m.oldDue}{m.wasProvisional ? '（暂定）' : ''} → {m.newDue}{m.provisional ? '（暂定）' : ''}</List.Item>} />} />
        )}
        <Table<YearRow> rowKey="year" size="small" pagination={false} dataSource={data?.years}
          onRow={(r) => ({ onClick: () => setYear(r.year), style: { cursor: 'pointer' } })}
          columns={[
            { title: '年度', dataIndex: 'year' },
            { title: '状态', dataIndex: 'status', render: (s: string) => (s === 'official' ? <Tag color="green">已载入通知</Tag> : <Tag color="orange">暂定</Tag>) },
            { title: '通知', render: (_, r) => r.notice ? `${r.notice.notice}（${r.notice.published} 发布）` : '尚未载入' },
            { title: '全年工作日', dataIndex: 'workdays' },
          ]} />
      </Card>
      <Card title={`${year} 年放假与调休${days.data?.provisional ? '（暂定）' : ''}`}>
        <Table size="small" rowKey="date" pagination={false} dataSource={days.data?.specialDays}
          columns={[{ title: '日期', dataIndex: 'date' }, { title: '类别', dataIndex: 'kind', render: (k: string) => DAY_KIND[k] ?? k }, { title: '节日', dataIndex: 'name' }]} />
      </Card>
      <Card title="地方假日">
        <Table size="small" rowKey="id" pagination={false} dataSource={data?.localHolidays}
          columns={[{ title: '区划', dataIndex: 'jurisdiction' }, { title: '名称', dataIndex: 'name' }, { title: '起', dataIndex: 'from' }, { title: '止', dataIndex: 'to' }, { title: '来源', dataIndex: 'source' }]} />
      </Card>
      <NoticeEditor notice={editing} onCancel={() => setEditing(null)} onSubmit={submit} />
    </Space>
  );
}

function NoticeEditor({ notice, onCancel, onSubmit }: { notice: HolidayNotice | null; onCancel: () => void; onSubmit: (n: HolidayNotice) => void }) {
  const [form] = Form.useForm();
  if (!notice) return null;
  const initial = { ...notice, published: dayjs(notice.published), off: notice.off.map((o) => ({ ...o, range: [dayjs(o.from), dayjs(o.to)] })), workdays: notice.workdays.map((d) => dayjs(d)) };
  return (
    <Modal open width={720} title="载入节假日安排通知（请与通知原文逐项核对）" okText="核对无误，载入" onCancel={onCancel}
      onOk={async () => {
        const v = await validValues(form);
        if (!v) return;
        onSubmit({
          year: v.year, notice: v.notice, published: v.published.format('YYYY-MM-DD'),
          off: (v.off ?? []).map((o: { name: string; range: [dayjs.Dayjs, dayjs.Dayjs] }) => ({ name: o.name, from: o.range[0].format('YYYY-MM-DD'), to: o.range[1].format('YYYY-MM-DD') })),
          workdays: (v.workdays ?? []).map((d: dayjs.Dayjs) => d.format('YYYY-MM-DD')),
        });
      }}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Space>
          <Form.Item label="年度" name="year" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item label="发布日期" name="published" rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Space>
        <Form.Item label="通知文号或标题" name="notice" rules={[{ required: true, message: '请填写通知文号或标题' }]}><Input /></Form.Item>
        <Form.List name="off">
          {(fields, { add, remove }) => (
            <Descriptions title="放假" size="small" column={1} extra={<Button size="small" onClick={() => add()}>增加一段</Button>}>
              {fields.map((f) => (
                <Descriptions.Item key={f.key}>
                  <Space>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '节日名称' }]} noStyle><Select style={{ width: 150 }} placeholder="节日" options={['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '中秋节、国庆节', '国庆节、中秋节'].map((x) => ({ value: x, label: x }))} /></Form.Item>
                    <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: '放假起止' }]} noStyle><DatePicker.RangePicker /></Form.Item>
                    <Button size="small" danger onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Form.List>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <Descriptions title="调休上班" size="small" column={1} extra={<Button size="small" onClick={() => add()}>增加一天</Button>}>
              {fields.map((f) => (
                <Descriptions.Item key={f.key}>
                  <Space><Form.Item name={f.name} rules={[{ required: true }]} noStyle><DatePicker /></Form.Item><Button size="small" danger onClick={() => remove(f.name)}>删除</Button></Space>
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
