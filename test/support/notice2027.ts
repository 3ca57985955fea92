/**
 * A made-up, self-consistent State Council notice for 2027 (1 January 2027 is a Friday), as an
 * admin pastes it after `/日历 导入`: 2027's arrangement is not in the packaged data, so tests of
 * a pasted notice, and of what it moves, read this one.
 */
export const NOTICE_2027_TITLE = '国务院办公厅关于2027年部分节假日安排的通知';

export const NOTICE_2027_ITEMS = [
  '一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。',
  '二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。',
  '三、清明节：4月3日（周六）至5日（周一）放假，共3天。',
  '四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。',
  '五、端午节：6月9日（周三）放假1天，不调休。',
  '六、中秋节：9月15日（周三）放假1天，不调休。',
  '七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。',
] as const;

/** The notice as one message: the title, then a line per holiday. */
export const NOTICE_2027 = [NOTICE_2027_TITLE, ...NOTICE_2027_ITEMS].join('\n');
