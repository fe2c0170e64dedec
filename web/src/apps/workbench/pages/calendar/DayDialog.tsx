import { Alert, Form, Input, Radio, Typography } from 'antd';
import { api } from '../../../../shared/api';
import { FormModal } from '../../../../shared/FormModal';
import { CALENDAR_KIND_LABELS, CALENDAR_SOURCE_LABELS, isoWeekday, type CalendarDay, type CalendarKind } from './calendarTypes';

const WEEKDAYS = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

interface Values {
  kind: CalendarKind;
  name?: string;
}

/** Change one date: kind and (holiday) name. Saved at once and recorded in the audit log. */
export function DayDialog({ day, onClose, onSaved }: { day: CalendarDay | null; onClose: () => void; onSaved: (d: CalendarDay) => void }) {
  const weekend = day ? isoWeekday(day.date) >= 6 : false;
  return (
    <FormModal<Values>
      open={!!day}
      title={day ? `修改 ${day.date}（${WEEKDAYS[isoWeekday(day.date)]}）` : ''}
      initialValues={day ? { kind: day.kind, name: day.name ?? '' } : undefined}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (!day) return;
        const saved = await api.put<CalendarDay>(`/calendar/days/${day.date}`, { kind: v.kind, name: v.name?.trim() || null });
        onSaved(saved);
      }}
    >
      {(form) => (
        <>
          {day && (
            <Typography.Paragraph type="secondary">
              当前：{day.swapped ? '调休上班' : CALENDAR_KIND_LABELS[day.kind]}
              {day.name ? `（${day.name}）` : ''}，来源：{CALENDAR_SOURCE_LABELS[day.source]}。修改后立即用于新计算的办件期限，并记入审计日志。
            </Typography.Paragraph>
          )}
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'workday', label: weekend ? '上班（调休）' : '工作日' },
                { value: 'restday', label: '休息日' },
                { value: 'holiday', label: '节假日' },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {() => {
              const kind = form.getFieldValue('kind') as CalendarKind | undefined;
              return (
                <Form.Item
                  name="name"
                  label={kind === 'holiday' ? '节日名称' : kind === 'workday' && weekend ? '所补的节日' : '名称（可不填）'}
                  rules={[
                    { required: kind === 'holiday', whitespace: true, message: '节假日须填写名称（如 春节、国庆节）' },
                    { max: 40, message: '名称不能超过 40 个字' },
                  ]}
                >
                  <Input placeholder={kind === 'holiday' ? '如 春节、国庆节' : ''} maxLength={40} />
                </Form.Item>
              );
            }}
          </Form.Item>
          {day && day.date < new Date().toISOString().slice(0, 10) && (
            <Alert type="warning" showIcon title="这是已过去的日期" description="更正过去的日期会影响跨越该日的办件期限计算，请确认确有必要。" />
          )}
        </>
      )}
    </FormModal>
  );
}
