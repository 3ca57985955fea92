/**
 * The people of the end-to-end tests' group (made-up open_ids). Mentioned people carry a name,
 * because Lark shows the name in the mention; people who only speak are just an open_id.
 */
export const ZHANG = { name: '张三', openId: 'ou_zhangsan_000000000000000000001' };
export const LI = { name: '李四', openId: 'ou_lisi_0000000000000000000000001' };
export const WANG = { name: '王主任', openId: 'ou_wang_0000000000000000000000001' };
export const ZHAO = { name: '赵书记', openId: 'ou_zhao_0000000000000000000000001' };
export const CREATOR = 'ou_creator_00000000000000000000001';
export const STRANGER = 'ou_stranger_0000000000000000000001';
/** Made an admin by the tests that pass it in `LUOSHI_ADMINS`. */
export const ADMIN = 'ou_admin_000000000000000000000001';
