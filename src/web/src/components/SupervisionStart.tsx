/** Opens a supervision case (YT-7 inspection, YT-8 mid-term check or major-change report) and goes to it. */
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import { CHANGE_KINDS, CHANGE_KIND_LABEL } from '../../../core/procedure/supervision';
import { useStartCase } from './useStartCase';

export type SupervisionKind = 'inspection' | 'midterm_check' | 'major_change';
const TITLE: Record<SupervisionKind, string> = { inspection: '开展政策落实情况督查（YT-7）', midterm_check: '布置项目中期检查（YT-8）', major_change: '报告重大事项变更（YT-8）' };

export function SupervisionStart({ kind, projectId, onClose }: { kind: SupervisionKind; projectId?: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const start = useStartCase(form);
  const changeKind = Form.useWatch('kind', form);
  const submit = () => start('/api/cases/supervision', (v) => (kind === 'inspection' ? { procedure: kind, target: v.target, scope: v.scope }
    : kind === 'midterm_check' ? { procedure: kind, projectId }
      : { procedure: kind, projectId, kind: v.kind, description: v.description, requestedDueDate: v.requestedDueDate ? v.requestedDueDate.format('YYYY-MM-DD') : null }));
  return (
    <Modal open title={TITLE[kind]} onCancel={onClose} onOk={submit} okText="确认">
      <Form form={form} layout="vertical">
        {kind === 'inspection' && <>
          <Form.Item label="督查对象" name="target" rules={[{ required: true, message: '请填写' }]}><Input /></Form.Item>
          <Form.Item label="督查内容" name="scope" rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={3} /></Form.Item>
        </>}
        {kind === 'midterm_check' && <p>将通知项目承担单位和负责人提交自查报告。</p>}
        {kind === 'major_change' && <>
          <Form.Item label="变更事项" name="kind" rules={[{ required: true, message: '请选择' }]}><Select options={CHANGE_KINDS.map((k) => ({ value: k, label: CHANGE_KIND_LABEL[k] }))} /></Form.Item>
          <Form.Item label="变更内容和理由" name="description" rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={3} /></Form.Item>
          {changeKind === 'extension' && <Form.Item label="延长至" name="requestedDueDate" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>}
        </>}
      </Form>
    </Modal>
  );
}
