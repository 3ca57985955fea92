/**
 * The CLI as a user runs it: a subprocess through tsx. The process time zone is set to New
 * York on purpose: answers must depend on LUOSHI_TIMEZONE only.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Each test starts tsx once or more; on a loaded two-core machine one start can take seconds.
vi.setConfig({ testTimeout: 60_000 });

const NOW = '2026-11-26T10:00:00+08:00';

function cli(args: string[], env: Record<string, string> = {}, input = '') {
  const run = spawnSync('node_modules/.bin/tsx', ['scripts/cli.ts', ...args], {
    encoding: 'utf8',
    input,
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'America/New_York',
      LUOSHI_TIMEZONE: 'Asia/Shanghai',
      LUOSHI_WORKDAY_START: '09:00',
      LUOSHI_WORKDAY_END: '18:00',
      ...env,
    },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run cli -- deadline', () => {
  it('prints one JSON line for a phrase that parses', () => {
    const run = cli(['deadline', '--now', NOW, '3个工作日内']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      '{"due":"2026-12-01T18:00:00+08:00","allDay":true,"explanation":"3个工作日内：11月26日后第3个工作日（12月1日 周二）下班前"}',
      '',
    ]);
  });

  it('adds uncoveredYears when the answer reaches a year without official data', () => {
    const run = cli(['deadline', '--now=2026-12-30T10:00:00+08:00', '2个工作日内']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      due: '2027-01-01T18:00:00+08:00',
      uncoveredYears: [2027],
    });
  });

  it('exits 2 with the reason on stderr when it refuses', () => {
    const run = cli(['deadline', '--now', NOW, '尽快']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('“尽快”没有给出具体时间');
  });

  it('answers a holiday by name, counting its adjusted working days', () => {
    const run = cli(['deadline', '--now', '2026-01-20T10:00:00+08:00', '春节前']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ due: '2026-02-14T18:00:00+08:00' });
  });

  it('refuses a schedule and points to /周期', () => {
    const run = cli(['deadline', '--now', NOW, '每周五']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('周期事项请用 /周期 设置');
  });

  it('refuses a phrase it can read only part of', () => {
    const run = cli(['deadline', '--now', NOW, '隔周五']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('“隔周五”读不全：只认得出“周五”');
  });

  it('exits 64 with the usage line on bad usage', () => {
    for (const args of [['deadline', '--now', NOW], ['deadline', '--now', 'soon', '明天'], ['frobnicate']]) {
      const run = cli(args);
      expect(run.status).toBe(64);
      expect(run.stderr).toContain('用法 / usage:');
    }
  });

  it('shows the usage the way it was started: tsx directly, or through npm', () => {
    const direct = cli(['--help']);
    expect(direct.status).toBe(0);
    expect(direct.stdout).toContain('  npx tsx scripts/cli.ts deadline [--now <ISO 8601>]');
    expect(direct.stdout).not.toContain('npm run');
    // What npm tells the script it runs for `npm run -s cli -- …`.
    const viaNpm = cli(['--help'], {
      npm_lifecycle_event: 'cli',
      npm_lifecycle_script: 'tsx scripts/cli.ts',
    });
    expect(viaNpm.stdout).toContain('  npm run -s cli -- deadline [--now <ISO 8601>]');
    // Inherited from an npm script that ran something else: not how this CLI was started.
    const inherited = cli(['--help'], { npm_lifecycle_event: 'test', npm_lifecycle_script: 'vitest run' });
    expect(inherited.stdout).toContain('  npx tsx scripts/cli.ts deadline');
  });

  it('exits 78 with the configuration problem', () => {
    const run = cli(['deadline', '--now', NOW, '明天'], { LUOSHI_TIMEZONE: 'Mars/Olympus' });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('LUOSHI_TIMEZONE');
  });
});

describe('npm run cli -- schedule', () => {
  it('prints the next occurrences of a rule, moved off holidays', () => {
    const run = cli(['schedule', '--now', '2026-09-20T10:00:00+08:00', '--count', '3', '每周五16:00']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      '{"next":["2026-09-24T16:00:00+08:00","2026-09-30T16:00:00+08:00","2026-10-09T16:00:00+08:00"]}',
      '',
    ]);
  });

  it('exits 2 with the reason on stderr when it cannot read the rule', () => {
    const run = cli(['schedule', '--now', NOW, '每周五报送']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('周期规则里“报送”读不懂');
  });

  it('exits 64 on a count out of range', () => {
    const run = cli(['schedule', '--now', NOW, '--count', '0', '每周五']);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('--count 需要 1 到 100 的整数');
  });
});

describe('npm run cli -- calendar-parse < notice.txt', () => {
  it('prints the year, its days off and adjusted working days', () => {
    const run = cli(['calendar-parse'], {}, readFileSync('test/fixtures/notices/2026.txt', 'utf8'));
    expect(run.status).toBe(0);
    const line = JSON.parse(run.stdout);
    expect(line.year).toBe(2026);
    expect(line.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(line.off).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(line.off.slice(0, 4)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-02-15']);
  });

  it('exits 2 listing every line it could not read', () => {
    const notice =
      '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周四）放假1天。\n二、春节：五月一日到五日休息\n';
    const run = cli(['calendar-parse'], {}, notice);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '第2行没有读懂：“一、元旦：1月1日（周四）放假1天。”——1月1日是周五，不是周四',
    );
    expect(run.stderr).toContain('第3行没有读懂：“二、春节：五月一日到五日休息”');
    expect(run.stderr).toContain('没有找到这些节日的安排：清明节、劳动节、端午节、中秋节、国庆节');
  });
});
