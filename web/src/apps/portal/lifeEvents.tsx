import {
  BookOutlined,
  CarryOutOutlined,
  FlagOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  SmileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface LifeEvent {
  key: string;
  name: string;
  icon: ReactNode;
  color: string;
  /** What kind of matters the theme will gather, so the placeholder is honest and still useful. */
  examples: string[];
}

/** 按人生事件办事: the themes of the citizen portal; their item lists arrive with the catalog. */
export const LIFE_EVENTS: LifeEvent[] = [
  { key: 'birth', name: '生育', icon: <SmileOutlined />, color: '#eb2f96', examples: ['生育登记', '出生医学证明', '新生儿落户', '生育津贴申领'] },
  { key: 'education', name: '教育', icon: <BookOutlined />, color: '#722ed1', examples: ['义务教育入学', '学生资助', '教师资格认定'] },
  { key: 'employment', name: '就业创业', icon: <RocketOutlined />, color: '#fa8c16', examples: ['就业登记', '失业登记', '创业担保贷款', '个体工商户登记'] },
  { key: 'social-security', name: '社会保障', icon: <SafetyCertificateOutlined />, color: '#1677ff', examples: ['城乡居民养老保险参保', '最低生活保障', '特困人员救助供养', '临时救助'] },
  { key: 'medical', name: '医疗', icon: <MedicineBoxOutlined />, color: '#13c2c2', examples: ['城乡居民医保参保', '医疗费用报销', '异地就医备案', '医疗救助'] },
  { key: 'elderly', name: '养老', icon: <HeartOutlined />, color: '#f5222d', examples: ['养老金领取资格认证', '高龄津贴', '养老服务补贴'] },
  { key: 'disability', name: '残疾人', icon: <TeamOutlined />, color: '#2f54eb', examples: ['残疾人证办理', '困难残疾人生活补贴', '重度残疾人护理补贴'] },
  { key: 'housing', name: '住房', icon: <HomeOutlined />, color: '#52c41a', examples: ['农村宅基地和建房（规划许可）', '不动产登记', '农村危房改造'] },
  { key: 'agriculture', name: '农业农村', icon: <FlagOutlined />, color: '#389e0d', examples: ['耕地地力保护补贴', '农机购置补贴', '土地承包经营权流转'] },
  { key: 'marriage', name: '婚姻', icon: <IdcardOutlined />, color: '#cf1322', examples: ['结婚登记', '离婚登记', '婚姻登记记录证明'] },
  { key: 'after-death', name: '身后事', icon: <CarryOutOutlined />, color: '#595959', examples: ['死亡医学证明', '户口注销', '丧葬补助金', '遗属待遇申领'] },
];

export const findLifeEvent = (key: string | undefined): LifeEvent | undefined => LIFE_EVENTS.find((e) => e.key === key);
