import { CheckCircleFilled } from '@ant-design/icons';
import { Col, Form, Input, Row, Segmented, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../../shared/api';
import type { ApplicantLookup } from '../../../../shared/types';
import { validateCreditCode, validateIdNumber } from '../../../../../../src/modules/validate/validate.rules';

export interface ApplicantValues {
  applicant: {
    kind: 'person' | 'enterprise';
    name: string;
    idNumber?: string;
    creditCode?: string;
    contactName?: string;
    phone?: string;
    address?: string;
  };
}

const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** The applicant as the contract wants it (only the fields of its kind; blanks left out). */
export function applicantBody(v: ApplicantValues['applicant']) {
  const phone = v.phone?.trim() || undefined;
  const address = v.address?.trim() ?? '';
  if (v.kind === 'enterprise') {
    return { kind: 'enterprise' as const, name: v.name.trim(), creditCode: (v.creditCode ?? '').trim().toUpperCase(), contactName: (v.contactName ?? '').trim(), phone, address };
  }
  return { kind: 'person' as const, name: v.name.trim(), idNumber: (v.idNumber ?? '').trim().toUpperCase(), phone, address };
}

/** A live check of an 18-character identifier with the same rules the server applies (GB 11643 / GB 32100). */
const idRule = (what: string, check: (v: string) => { valid: boolean; reason?: string }) => ({
  validator: async (_: unknown, value: string | undefined) => {
    const v = (value ?? '').trim();
    if (!v) throw new Error(`请输入${what}`);
    if (v.length < 18) throw new Error(`${what}应为18位，已输入 ${v.length} 位`);
    const r = check(v);
    if (!r.valid) throw new Error(r.reason ?? `${what}不正确`);
  },
});

function ValidMark({ form, name, check, text }: { form: FormInstance<ApplicantValues>; name: 'idNumber' | 'creditCode'; check: (v: string) => { valid: boolean }; text: string }) {
  const v = Form.useWatch(['applicant', name], form) as string | undefined;
  const valid = !!v && v.trim().length === 18 && check(v).valid;
  const known = useKnownApplicant(form, name, valid ? v.trim().toUpperCase() : null);
  if (!valid) return null;
  return (
    <span className="bm-case-valid" data-testid={`${name}-ok`}>
      <CheckCircleFilled /> {text}
      {known && (
        <span data-testid="known-applicant">
          {' '}
          · 老申请人：{known.name}（已办 {known.cases} 件{known.phoneMasked ? `，电话 ${known.phoneMasked}` : ''}）
        </span>
      )}
    </span>
  );
}

type Known = NonNullable<ApplicantLookup['applicant']>;

/**
 * A returning applicant, found by the identifier just typed (sent in a POST body, never a URL): fills an
 * empty name (and 经办人) so the clerk does not retype them.
 */
function useKnownApplicant(form: FormInstance<ApplicantValues>, name: 'idNumber' | 'creditCode', value: string | null): Known | null {
  const [known, setKnown] = useState<{ key: string; applicant: Known } | null>(null);
  useEffect(() => {
    if (!value) return;
    let live = true;
    const body = name === 'idNumber' ? { kind: 'person', idNumber: value } : { kind: 'enterprise', creditCode: value };
    api
      .post<ApplicantLookup>('/cases/applicants/lookup', body)
      .then((r) => {
        if (!live || !r.applicant) return;
        setKnown({ key: value, applicant: r.applicant });
        if (!form.getFieldValue(['applicant', 'name'])) form.setFieldValue(['applicant', 'name'], r.applicant.name);
        if (r.applicant.contactName && !form.getFieldValue(['applicant', 'contactName'])) form.setFieldValue(['applicant', 'contactName'], r.applicant.contactName);
      })
      .catch(() => undefined); // a failed lookup only means no pre-fill
    return () => {
      live = false;
    };
  }, [form, name, value]);
  return known && known.key === value ? known.applicant : null;
}

/** 申请人: a person (姓名 + 身份证号) or an enterprise (单位名称 + 统一社会信用代码 + 经办人), and a phone. */
export function ApplicantFields({ form }: { form: FormInstance<ApplicantValues> }) {
  const kind = (Form.useWatch(['applicant', 'kind'], form) as string | undefined) ?? 'person';
  return (
    <>
      <Form.Item name={['applicant', 'kind']} style={{ marginBottom: 12 }}>
        <Segmented
          options={[
            { value: 'person', label: '个人' },
            { value: 'enterprise', label: '企业 / 单位' },
          ]}
          aria-label="申请人类型"
        />
      </Form.Item>
      {kind === 'person' ? (
        <Row gutter={12}>
          <Col xs={24} sm={9}>
            <Form.Item name={['applicant', 'name']} label="姓名" rules={[{ required: true, whitespace: true, message: '请输入申请人姓名' }, { max: 50, message: '不能超过50个字' }]}>
              <Input autoComplete="off" maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={15}>
            <Form.Item
              name={['applicant', 'idNumber']}
              label="身份证号"
              validateFirst
              rules={[idRule('身份证号码', validateIdNumber)]}
              extra={<ValidMark form={form} name="idNumber" check={validateIdNumber} text="身份证号码校验通过" />}
            >
              <Input autoComplete="off" maxLength={18} placeholder="18 位，末位可为 X" className="bm-case-mono" />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <>
          <Form.Item name={['applicant', 'name']} label="单位名称" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { max: 100, message: '不能超过100个字' }]}>
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={15}>
              <Form.Item
                name={['applicant', 'creditCode']}
                label="统一社会信用代码"
                validateFirst
                rules={[idRule('统一社会信用代码', validateCreditCode)]}
                extra={<ValidMark form={form} name="creditCode" check={validateCreditCode} text="统一社会信用代码校验通过" />}
              >
                <Input autoComplete="off" maxLength={18} className="bm-case-mono" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={9}>
              <Form.Item name={['applicant', 'contactName']} label="经办人" rules={[{ required: true, whitespace: true, message: '请输入经办人' }, { max: 50, message: '不能超过50个字' }]}>
                <Input autoComplete="off" maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={9}>
          <Form.Item name={['applicant', 'phone']} label="联系电话" rules={[{ pattern: PHONE_RE, message: '手机号11位，或区号-座机号' }]}>
            <Input autoComplete="off" maxLength={13} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={15}>
          <Form.Item name={['applicant', 'address']} label="联系地址" rules={[{ max: 200, message: '不能超过200个字' }]}>
            <Input autoComplete="off" maxLength={200} placeholder="选填，邮寄送达时使用" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
