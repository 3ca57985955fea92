/**
 * Naming what is shown: every person in an item takes the directory's current name, someone it
 * cannot name keeps the name on record, and the text and card builders say 未具名成员 for
 * someone with neither — never the open_id. And the contact-change event read for its name.
 */
import { describe, expect, it } from 'vitest';
import { readContactChange } from '../../src/bot/people/contactChange.ts';
import { Names, peopleIn } from '../../src/bot/people/naming.ts';
import { namesOf } from '../../src/bot/texts/format.ts';
import type { Item } from '../../src/domain/item.ts';
import { names } from '../../src/lark/cards/markdown.ts';

const NOW = Date.parse('2026-11-26T10:00:00+08:00');
const item: Item = {
  tenant: 't1',
  no: 3,
  kind: 'task',
  chatId: 'oc_1',
  title: '核对报表',
  owners: [
    { openId: 'ou_zhang', name: '张三' },
    { openId: 'ou_li', name: '' },
  ],
  creator: { openId: 'ou_creator', name: '' },
  lead: { openId: 'ou_wang', name: '王主任' },
  extension: { due: NOW, allDay: false, reason: '材料未齐', by: { openId: 'ou_li', name: '' }, at: NOW },
  signedOffBy: { openId: 'ou_wang', name: '王主任' },
  due: NOW,
  allDay: false,
  status: 'open',
  createdAt: NOW,
  updatedAt: NOW,
  planVersion: 1,
  rev: 1,
};

describe('naming an item', () => {
  const directory = new Names(
    new Map([
      ['ou_creator', '孙科长'],
      ['ou_li', '李四'],
      ['ou_wang', '王局长'],
    ]),
  );

  it('gives everyone in it their current name, and keeps the recorded one for the rest', () => {
    const named = directory.item(item);
    expect(named.owners).toEqual([
      { openId: 'ou_zhang', name: '张三' },
      { openId: 'ou_li', name: '李四' },
    ]);
    expect(named.creator.name).toBe('孙科长');
    expect(named.lead?.name).toBe('王局长');
    expect(named.extension?.by.name).toBe('李四');
    expect(named.signedOffBy?.name).toBe('王局长');
    // The stored item is not touched.
    expect(item.creator.name).toBe('');
  });

  it('asks about everyone the item can show', () => {
    expect(new Set(peopleIn(item))).toEqual(new Set(['ou_zhang', 'ou_li', 'ou_creator', 'ou_wang']));
  });

  it('shows 未具名成员 for someone nobody could name, in cards and in texts', () => {
    const nobody = new Names(new Map()).item(item);
    expect(names(nobody.owners)).toBe('张三、未具名成员');
    expect(namesOf(nobody.owners)).toBe('张三、未具名成员');
    expect(`${names(nobody.owners)}${namesOf([nobody.creator])}`).not.toContain('ou_');
  });
});

describe('contact.user.updated_v3', () => {
  it('reads the person and their new name', () => {
    expect(
      readContactChange({
        object: { open_id: 'ou_sun', name: '孙处长', en_name: 'Sun' },
        old_object: { name: '孙科长' },
      }),
    ).toEqual({ openId: 'ou_sun', name: '孙处长' });
  });

  it('ignores an event without a usable name or id', () => {
    expect(readContactChange({ object: { open_id: 'ou_sun', name: null } })).toBeUndefined();
    expect(readContactChange({ object: { open_id: 'ou_sun', name: '   ' } })).toBeUndefined();
    expect(readContactChange({ object: { name: '孙处长' } })).toBeUndefined();
    expect(readContactChange({ object: { open_id: 'ou_sun', name: '长'.repeat(41) } })).toBeUndefined();
    expect(readContactChange(undefined)).toBeUndefined();
  });
});
