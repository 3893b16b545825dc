import type { HiddenHazardSector } from '@cc/shared';

/** What a demo enterprise's self-check finds, in its own words. */
export const FINDINGS: readonly { sector: HiddenHazardSector; description: string }[] = [
  { sector: 'hazardous_chemicals', description: '储罐区有毒气体探测器失效，未与紧急切断阀联锁' },
  { sector: 'hazardous_chemicals', description: '液位计与高液位报警未定期校验，记录缺失' },
  { sector: 'special_equipment', description: '压力容器安全阀超期未检验' },
  { sector: 'gas', description: '装卸区静电接地报警仪损坏' },
  { sector: 'hazardous_chemicals', description: '围堰内积水未排，排水阀未常闭' },
  { sector: 'construction', description: '厂区改造动火作业未办理作业票' },
  { sector: 'special_equipment', description: '叉车司机无证上岗' },
  { sector: 'hazardous_chemicals', description: '应急喷淋洗眼器停水' },
];

/** A step of the demo's supervision desk: the action and what it carries. */
export type DemoStep = Record<string, unknown> & { action: string };

const DAY = 86_400_000;

/**
 * The steps that bring the demo's `n`-th item to its stage, so a fresh start shows every stage,
 * some items overdue (a deadline already past) and 重大 items under supervision. Pure.
 */
export function stepsFor(n: number, now: number): DemoStep[] {
  const major = n % 3 === 0;
  // Every fourth item with a rectification got a deadline that has passed: it shows overdue.
  const overdue = n % 4 === 1;
  const deadline = overdue ? now - 2 * DAY : now + 20 * DAY;
  const all: DemoStep[] = [
    { action: 'file', note: '已建档' },
    { action: 'assess', grade: major ? 'major' : 'general' },
    {
      action: 'rectify',
      rectification: {
        plan: '更换失效设备并完成联锁测试',
        responsible: '企业安全总监',
        deadline,
        funds: major ? 120_000 : 15_000,
      },
    },
    { action: 'submit_evidence', note: '整改完成，附测试记录' },
    { action: 'verify_pass', note: '验收合格' },
    ...(major
      ? [
          {
            action: 'supervise',
            supervision: {
              department: '市应急管理局',
              supervisor: '危化处',
              deadline: now + 30 * DAY,
            },
          },
        ]
      : []),
    { action: 'close', note: '销号' },
  ];
  // 0: reported, 1: filed, 2: assessed, 3: rectifying, 4: verifying, 5: verified, 6+: beyond.
  const depth = [0, 1, 2, 3, 3, 4, 5, 6, 7, 3, 4, 3, 6, 2, 5, 7][n % 16]!;
  return all.slice(0, Math.min(depth, all.length));
}
