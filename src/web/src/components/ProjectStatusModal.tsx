/**
 * 变更项目状态 (CI-19.1.2, CI-3): 暂缓、强制中止、验收不通过 or 恢复执行, with the reason recorded. A
 * suspension (暂停) is a decision's (CI-23) and is not offered here. Shown only when the server says the
 * reader may update the project (`abilities.update`); which changes the state allows is the core's rule.
 */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { STATUS_CHANGES, type StatusChangeTarget } from '../../../core/domain/project-states';
import { PROJECT_STATUS_LABEL, type ProjectStatus } from '../../../core/domain/vocabulary';
import { api, type Project } from '../api';
import { useFormSubmit } from './useFormSubmit';

const OFFERED: StatusChangeTarget[] = ['deferred', 'forcibly_halted', 'acceptance_failed', 'in_progress'];

export function ProjectStatusModal({ project, onClose, onSaved }: { project: Project; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const saving = useFormSubmit(form);
  const options = OFFERED.filter((to) => STATUS_CHANGES[to].from.includes(project.status as ProjectStatus))
    .map((to) => ({ value: to, label: `${to === 'in_progress' ? '恢复执行' : PROJECT_STATUS_LABEL[to]}（${STATUS_CHANGES[to].clause}）` }));
  const submit = async () => {
    const r = await saving.run((v) => api(`/api/projects/${project.id}/status`, { method: 'POST', json: { version: project.version, to: v.to, reason: v.reason } }));
    if (r !== undefined) onSaved();
  };
  return (
    <Modal open title={`变更项目状态：${project.code}`} onCancel={onClose} onOk={submit} okText="确定" confirmLoading={saving.busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        {saving.error && <Alert type="error" showIcon title={saving.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        {options.length === 0 && <Alert type="info" showIcon title={`项目处于“${PROJECT_STATUS_LABEL[project.status as ProjectStatus] ?? project.status}”状态，没有可办理的状态变更`} />}
        <Form.Item label="变更为" name="to" rules={[{ required: true, message: '请选择' }]}><Select options={options} data-testid="status-to" /></Form.Item>
        <Form.Item label="理由" name="reason" rules={[{ required: true, min: 2, message: '请写明理由' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
