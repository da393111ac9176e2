import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { api, type Project } from '../api';
import { FORM_PROJECT_STATUS_LABEL, FUNDING_SOURCE_LABEL, PLAN_LEVEL_LABEL, PROJECT_STATUS_LABEL, options } from '../labels';
import { regionTree, useRegions } from './useRegions';
import { SubjectSelect } from './SubjectSelect';
import { useFormSubmit } from './useFormSubmit';

type Full = Project & { recommendingDepartmentId?: string | null; serviceAgencyId?: string | null; jurisdictionCode?: string };
const d = (v?: string | null) => (v ? dayjs(v) : undefined);
const s = (v?: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : null);

/** 新增 / 修改项目. On edit the version travels with the form; a stale one is refused by the server. */
export function ProjectForm({ open, project, onClose, onSaved }: { open: boolean; project?: Full | null; onClose: () => void; onSaved: (p: Project) => void }) {
  const [form] = Form.useForm();
  const { data: regions = [] } = useRegions();
  const status = Form.useWatch('status', form);
  const initial = project ? {
    ...project, startDate: d(project.startDate), dueDate: d(project.dueDate), extendedDueDate: d(project.extendedDueDate),
    acceptanceAppliedDate: d(project.acceptanceAppliedDate), acceptedDate: d(project.acceptedDate), terminatedDate: d(project.terminatedDate),
    milestones: (project.milestones ?? []).map((m) => ({ name: m.name, dueDate: d(m.dueDate), completedDate: d(m.completedDate) })),
  } : { planLevel: 'prefecture', fundingSource: 'prefecture_fiscal', status: 'approved', milestones: [] };
  const saving = useFormSubmit(form);
  const submit = () => saving.run(async (v) => {
    const body = {
      code: v.code, name: v.name, planLevel: v.planLevel, jurisdictionCode: v.jurisdictionCode, fundingSource: v.fundingSource,
      undertakingUnitId: v.undertakingUnitId, leaderId: v.leaderId, recommendingDepartmentId: v.recommendingDepartmentId ?? null, serviceAgencyId: v.serviceAgencyId ?? null,
      startDate: s(v.startDate), dueDate: s(v.dueDate), extendedDueDate: s(v.extendedDueDate), status: v.status,
      acceptanceAppliedDate: s(v.acceptanceAppliedDate), acceptedDate: s(v.acceptedDate), terminatedDate: s(v.terminatedDate),
      fundsGranted: String(v.fundsGranted), milestones: (v.milestones ?? []).map((m: { name: string; dueDate: dayjs.Dayjs; completedDate?: dayjs.Dayjs }) => ({ name: m.name, dueDate: s(m.dueDate), completedDate: s(m.completedDate) })),
    };
    const saved = project
      ? await api<Project>(`/api/projects/${project.id}`, { method: 'PUT', json: { ...body, version: project.version } })
      : await api<Project>('/api/projects', { method: 'POST', json: body });
    onSaved(saved);
  });
  return (
    <Modal open={open} width={820} title={project ? `修改项目 ${project.code}` : '新增项目'} onCancel={onClose} onOk={submit} okText="保存" confirmLoading={saving.busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial}>
        {saving.error && <Alert type="error" showIcon title={saving.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Space wrap>
          <Form.Item label="项目编号" name="code" rules={[{ required: true }, { pattern: /^[A-Za-z0-9-]+$/, message: '只用字母、数字和连字符' }]}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item label="项目名称" name="name" rules={[{ required: true }]}><Input style={{ width: 420 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item label="计划层级" name="planLevel"><Select style={{ width: 120 }} options={options(PLAN_LEVEL_LABEL)} /></Form.Item>
          <Form.Item label="立项部门所在区划" name="jurisdictionCode" rules={[{ required: true }]}><TreeSelect style={{ width: 220 }} treeData={regionTree(regions, true)} treeDefaultExpandAll /></Form.Item>
          <Form.Item label="资金来源" name="fundingSource"><Select style={{ width: 200 }} options={options(FUNDING_SOURCE_LABEL)} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item label="承担单位" name="undertakingUnitId" rules={[{ required: true }]}><SubjectSelect style={{ width: 360 }} kind="organization" orgType="undertaking_unit" initialLabel={project?.undertakingUnitName} /></Form.Item>
          <Form.Item label="项目负责人" name="leaderId" rules={[{ required: true }]}><SubjectSelect style={{ width: 300 }} kind="person" initialLabel={project?.leaderName} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item label="推荐部门" name="recommendingDepartmentId"><SubjectSelect style={{ width: 360 }} kind="organization" orgType="recommending_department" allowClear initialLabel={project?.recommendingDepartmentName} /></Form.Item>
          <Form.Item label="科技服务机构" name="serviceAgencyId"><SubjectSelect style={{ width: 300 }} kind="organization" orgType="service_agency" allowClear initialLabel={project?.serviceAgencyName} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item label="开始日期" name="startDate" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item label="执行期截止" name="dueDate" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item label="批准延期至" name="extendedDueDate"><DatePicker /></Form.Item>
          <Form.Item label="资助经费（元）" name="fundsGranted" rules={[{ required: true }, { pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '金额格式不正确' }]}><Input style={{ width: 160 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item label="状态" name="status"><Select style={{ width: 140 }} options={options(FORM_PROJECT_STATUS_LABEL)} /></Form.Item>
          {(status === 'acceptance_applied' || status === 'accepted') && <Form.Item label="申请验收日期" name="acceptanceAppliedDate" rules={[{ required: status === 'acceptance_applied' }]}><DatePicker /></Form.Item>}
          {status === 'accepted' && <Form.Item label="验收日期" name="acceptedDate" rules={[{ required: true }]}><DatePicker /></Form.Item>}
          {status === 'terminated' && <Form.Item label="终止日期" name="terminatedDate" rules={[{ required: true }]}><DatePicker /></Form.Item>}
        </Space>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '节点名称' }]}><Input placeholder="里程碑节点" style={{ width: 260 }} /></Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '计划完成日期' }]}><DatePicker placeholder="计划完成" /></Form.Item>
                  <Form.Item name={[f.name, 'completedDate']}><DatePicker placeholder="实际完成" /></Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add()}>增加里程碑</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
