/**
 * The one form dialog of the list and detail screens (issue 18): a modal holding a vertical form, its
 * error line (`useFormSubmit`: a refusal the form has no field for, with its clause) above the
 * fields, and the OK button busy while the request runs.
 */
import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance, type FormProps } from 'antd';
import type { useFormSubmit } from './useFormSubmit';

export interface FormDialogProps {
  title: ReactNode;
  form: FormInstance;
  /** The form's submission (`useFormSubmit(form)`): its error and busy state. */
  submit: ReturnType<typeof useFormSubmit>;
  onOk: () => void;
  onCancel: () => void;
  open?: boolean;
  okText?: string;
  width?: number;
  /** Dropped from the page when closed (the next opening starts empty). */
  destroyOnHidden?: boolean;
  initialValues?: FormProps['initialValues'];
  onValuesChange?: FormProps['onValuesChange'];
  /** The fields. */
  children: ReactNode;
  /** What the dialog shows below the form (an answer the request brought). */
  footerNote?: ReactNode;
}

export function FormDialog({ title, form, submit, onOk, onCancel, open = true, okText, width, destroyOnHidden, initialValues, onValuesChange, children, footerNote }: FormDialogProps) {
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={onOk} okText={okText} confirmLoading={submit.busy} width={width} destroyOnHidden={destroyOnHidden}>
      <Form form={form} layout="vertical" initialValues={initialValues} onValuesChange={onValuesChange}>
        {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        {children}
      </Form>
      {footerNote}
    </Modal>
  );
}
