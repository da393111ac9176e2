import { Form, Input, Select, Switch, TreeSelect } from 'antd';
import { api, type Subject } from '../api';
import { FormDialog } from './FormDialog';
import { regionTree, useRegions } from './useRegions';
import { useFormSubmit } from './useFormSubmit';
import { SubjectSelect } from './SubjectSelect';

/** 新增主体: a unit (with its credit code) or a person (with ID number, employer). */
export function SubjectForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (s: Subject) => void }) {
  const [form] = Form.useForm();
  const { data: regions = [] } = useRegions();
  const kind = Form.useWatch('kind', form) ?? 'organization';
  const isExpert = Form.useWatch('isExpert', form);
  const saving = useFormSubmit(form);
  const submit = () => saving.run(async (v) => {
    {
      const body = kind === 'organization'
        ? { kind, orgType: v.orgType, name: v.name, creditCode: v.creditCode, regionCode: v.regionCode }
        : { kind, name: v.name, idNumber: v.idNumber, employerId: v.employerId || undefined, regionCode: v.regionCode || undefined, isExpert: !!v.isExpert, expertField: v.expertField || undefined, title: v.title || undefined };
      onSaved(await api<Subject>('/api/subjects', { method: 'POST', json: body }));
      form.resetFields();
    }
  });
  return (
    <FormDialog open={open} title="新增主体" form={form} submit={saving} onCancel={onClose} onOk={submit} okText="保存" destroyOnHidden initialValues={{ kind: 'organization', orgType: 'undertaking_unit' }}>
        <Form.Item label="主体类别" name="kind"><Select options={[{ value: 'organization', label: '单位' }, { value: 'person', label: '个人' }]} /></Form.Item>
        {kind === 'organization' && (
          <Form.Item label="单位类别" name="orgType">
            <Select options={[{ value: 'undertaking_unit', label: '项目承担单位' }, { value: 'recommending_department', label: '项目推荐部门' }, { value: 'service_agency', label: '科技服务机构' }]} />
          </Form.Item>
        )}
        <Form.Item label={kind === 'organization' ? '单位名称' : '姓名'} name="name" rules={[{ required: true, message: '请填写名称' }, { max: 100 }]}><Input /></Form.Item>
        {kind === 'organization'
          ? <Form.Item label="统一社会信用代码" name="creditCode" rules={[{ required: true, message: '请填写统一社会信用代码' }, { len: 18, message: '应为 18 位' }]}><Input maxLength={18} /></Form.Item>
          : <Form.Item label="居民身份证号码" name="idNumber" rules={[{ required: true, message: '请填写身份证号码' }, { len: 18, message: '应为 18 位' }]}><Input maxLength={18} autoComplete="off" /></Form.Item>}
        {kind === 'person' && <Form.Item label="工作单位" name="employerId" extra="不填工作单位时须选所属区划"><SubjectSelect kind="organization" allowClear /></Form.Item>}
        <Form.Item label="所属区划" name="regionCode" rules={kind === 'organization' ? [{ required: true, message: '请选择所属区划' }] : []}>
          <TreeSelect treeData={regionTree(regions, true)} treeDefaultExpandAll allowClear />
        </Form.Item>
        {kind === 'person' && <Form.Item label="评审专家" name="isExpert" valuePropName="checked"><Switch /></Form.Item>}
        {kind === 'person' && isExpert && <Form.Item label="专家领域" name="expertField"><Input /></Form.Item>}
        {kind === 'person' && <Form.Item label="职称" name="title"><Input /></Form.Item>}
    </FormDialog>
  );
}
