// The playground page's script: post what people do, show what arrives over SSE.
// Every piece of HTML it inserts was rendered (and escaped) by the server; names it shows
// itself go through textContent.
(() => {
  const base = location.pathname.replace(/\/+$/, '');
  const body = document.body;
  const groupChat = body.dataset.group;
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

  const speakerSelect = $('#speaker');
  const text = $('#text');
  const toastBox = $('#toast');
  let activeChat = groupChat;
  let toastTimer;

  // ---- small helpers -------------------------------------------------------------------
  function toast(message, type = 'info') {
    toastBox.textContent = message;
    toastBox.className = `toast ${type}`;
    toastBox.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      toastBox.hidden = true;
    }, 3500);
  }

  async function post(path, payload) {
    let res;
    try {
      res = await fetch(`${base}/api/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    } catch {
      throw new Error('连不上服务器，请确认 npm start 仍在运行。');
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok || data.error) throw new Error(data.error || '出了点问题，请稍后再试。');
    if (data.now) showNow(data.now, data.nowLocal);
    return data;
  }

  // The date picker follows the virtual time until someone starts choosing a date in it.
  const picker = $('#travel-at');
  picker.addEventListener('input', () => {
    picker.dataset.touched = '1';
  });
  function showNow(text, local) {
    $('#now').textContent = text;
    if (local && !picker.dataset.touched && document.activeElement !== picker) picker.value = local;
  }

  const paneOf = (chatId) => $$('.pane').find((p) => p.dataset.chat === chatId);
  const tabOf = (chatId) => $$('.tab').find((t) => t.dataset.chat === chatId);
  const ownerOf = (chatId) => tabOf(chatId)?.dataset.owner;
  const memberName = (openId) => $$('.member').find((m) => m.dataset.openId === openId)?.dataset.name;

  function nearBottom() {
    const box = $('.panes');
    return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  }
  function scrollDown() {
    const box = $('.panes');
    box.scrollTop = box.scrollHeight;
  }

  // ---- who is speaking -----------------------------------------------------------------
  function currentSpeaker() {
    // A private chat belongs to one person: only they speak (and press buttons) there.
    return ownerOf(activeChat) || speakerSelect.value;
  }
  function showSpeaker() {
    const who = currentSpeaker();
    $('#speaker-name').textContent = memberName(who) || '';
    for (const m of $$('.member')) m.classList.toggle('is-speaker', m.dataset.openId === who);
    speakerSelect.disabled = Boolean(ownerOf(activeChat));
    if (ownerOf(activeChat)) speakerSelect.value = ownerOf(activeChat);
  }
  function setSpeaker(openId) {
    speakerSelect.value = openId;
    localStorage.setItem('luoshi.speaker', openId);
    if (ownerOf(activeChat) && ownerOf(activeChat) !== openId) showChat(groupChat);
    showSpeaker();
  }
  const saved = localStorage.getItem('luoshi.speaker');
  if (saved && $$('option', speakerSelect).some((o) => o.value === saved)) speakerSelect.value = saved;
  speakerSelect.addEventListener('change', () => setSpeaker(speakerSelect.value));

  // ---- tabs ----------------------------------------------------------------------------
  function showChat(chatId) {
    activeChat = chatId;
    for (const t of $$('.tab')) {
      const on = t.dataset.chat === chatId;
      t.classList.toggle('active', on);
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      if (on) {
        $('.badge', t).hidden = true;
        $('.badge', t).textContent = '';
        t.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      }
    }
    for (const p of $$('.pane')) p.hidden = p.dataset.chat !== chatId;
    showSpeaker();
    scrollDown();
  }
  $('.tabs').addEventListener('click', (e) => {
    const tab = e.target.closest('.tab');
    if (tab) showChat(tab.dataset.chat);
  });

  // ---- members -------------------------------------------------------------------------
  function insertAtCursor(s) {
    const start = text.selectionStart ?? text.value.length;
    const end = text.selectionEnd ?? start;
    const before = text.value.slice(0, start);
    const pad = before && !/\s$/.test(before) ? ' ' : '';
    text.value = `${before}${pad}${s}${text.value.slice(end)}`;
    const at = before.length + pad.length + s.length;
    text.focus();
    text.setSelectionRange(at, at);
  }
  $('.members').addEventListener('click', async (e) => {
    const li = e.target.closest('.member');
    const button = e.target.closest('button');
    if (!li || !button) return;
    const openId = li.dataset.openId;
    if (button.classList.contains('speak')) setSpeaker(openId);
    else if (button.classList.contains('mention')) insertAtCursor(`@${li.dataset.name} `);
    else if (button.classList.contains('dm')) showChat(`oc_pg_dm_${openId}`);
    else if (button.classList.contains('rename')) {
      const name = prompt('新名字（最多 12 个字，不含 @ 和空格）', li.dataset.name);
      if (name === null || name.trim() === li.dataset.name) return;
      try {
        await post('rename', { openId, name });
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  function renameEverywhere(openId, name) {
    for (const li of $$('.member').filter((m) => m.dataset.openId === openId)) {
      li.dataset.name = name;
      $('.m-name', li).textContent = name;
      $('.av', li).textContent = [...name][0];
    }
    for (const o of $$('option', speakerSelect).filter((o) => o.value === openId)) o.textContent = name;
    for (const c of $$('#at-menu .chip').filter((c) => c.dataset.openId === openId))
      c.textContent = `@${name}`;
    const tab = $$('.tab').find((t) => t.dataset.owner === openId);
    if (tab) $('.tab-title', tab).textContent = `私聊·${name}`;
    showSpeaker();
  }

  // ---- composer ------------------------------------------------------------------------
  const atMenu = $('#at-menu');
  $('#at-btn').addEventListener('click', () => {
    atMenu.hidden = !atMenu.hidden;
    $('#at-btn').setAttribute('aria-expanded', String(!atMenu.hidden));
  });
  atMenu.addEventListener('click', (e) => {
    const chip = e.target.closest('.chip');
    if (!chip) return;
    insertAtCursor(`${chip.textContent} `);
    atMenu.hidden = true;
  });
  for (const chip of $$('.quick .chip')) {
    chip.addEventListener('click', () => {
      text.value = chip.dataset.insert;
      text.focus();
    });
  }
  function grow() {
    text.style.height = 'auto';
    text.style.height = `${text.scrollHeight + 2}px`;
  }
  text.addEventListener('input', grow);
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('#composer').requestSubmit();
    }
  });
  $('#composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const line = text.value.trim();
    if (!line) return;
    const send = $('.send');
    send.disabled = true;
    try {
      await post('say', { as: currentSpeaker(), chatId: activeChat, text: line });
      text.value = '';
      grow();
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      send.disabled = false;
      text.focus();
    }
  });

  // ---- a file into the chat: the bytes as they are, the rest in the query ----------------
  $('#file-input').addEventListener('change', async (e) => {
    const input = e.target;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const query = new URLSearchParams({ as: currentSpeaker(), chatId: activeChat, name: file.name });
    try {
      let res;
      try {
        res = await fetch(`${base}/api/file?${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: file,
        });
      } catch {
        throw new Error('连不上服务器，请确认 npm start 仍在运行。');
      }
      const data = await res.json().catch(() => ({}));
      if (!res.ok || data.error) throw new Error(data.error || '文件没有发出，请稍后再试。');
    } catch (err) {
      toast(err.message, 'error');
    }
  });

  // ---- card buttons: the same callback Lark would send ---------------------------------
  $('.panes').addEventListener('click', async (e) => {
    const button = e.target.closest('.card-btn');
    if (!button || button.disabled) return;
    const message = button.closest('.msg');
    const form = button.closest('form');
    const payload = {
      as: currentSpeaker(),
      messageId: message.dataset.messageId,
      value: JSON.parse(button.dataset.value || '{}'),
    };
    if (button.dataset.name) payload.name = button.dataset.name;
    if (form) payload.formValue = Object.fromEntries(new FormData(form));
    button.classList.add('pressing');
    try {
      const data = await post('press', payload);
      toast(data.toast.content, data.toast.type);
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      button.classList.remove('pressing');
    }
  });

  // A card form is only ever sent by its buttons. Enter in a form with one field would submit
  // it natively (a page load that the CSP's form-action blocks); Lark sends nothing then either.
  $('.panes').addEventListener('submit', (e) => {
    if (e.target.closest('.card-form')) e.preventDefault();
  });

  // ---- time travel and demo data -------------------------------------------------------
  $('.travel').addEventListener('click', async (e) => {
    const button = e.target.closest('button[data-travel]');
    if (!button) return;
    const to = button.dataset.travel;
    const payload = to === 'to' ? { to: 'at', at: $('#travel-at').value } : { to };
    const all = $$('.travel button');
    for (const b of all) b.disabled = true;
    try {
      const data = await post('clock', payload);
      delete picker.dataset.touched;
      showNow(data.now, data.nowLocal);
      toast(`时间已拨到 ${data.now}`, 'success');
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      for (const b of all) b.disabled = false;
    }
  });
  $('#seed').addEventListener('click', async () => {
    const button = $('#seed');
    button.disabled = true;
    toast('正在以群成员身份录入一周的事项…');
    try {
      const data = await post('seed', {});
      const problems = data.unanswered + data.skipped;
      toast(
        problems
          ? `已发送 ${data.sent} 条命令，其中 ${problems} 条未成功`
          : `已录入演示数据（${data.sent} 条命令）`,
        problems ? 'warning' : 'success',
      );
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      button.disabled = false;
    }
  });

  // ---- live updates --------------------------------------------------------------------
  function fragment(html) {
    const t = document.createElement('template');
    t.innerHTML = html;
    return t.content;
  }
  function append(pane, html) {
    const list = $('.messages', pane);
    $('.empty', list)?.remove();
    list.append(fragment(html));
  }
  function bump(chatId) {
    if (chatId === activeChat) return;
    const tab = tabOf(chatId);
    if (!tab) return;
    const badge = $('.badge', tab);
    badge.textContent = String(Number(badge.textContent || 0) + 1);
    badge.hidden = false;
  }
  function apply(update) {
    const stick = nearBottom();
    if (update.kind === 'message') {
      const pane = paneOf(update.chatId);
      if (!pane) return;
      append(pane, update.html);
      bump(update.chatId);
    } else if (update.kind === 'clock') {
      for (const pane of $$('.pane')) append(pane, update.html);
    } else if (update.kind === 'update') {
      for (const msg of $$('.msg').filter((m) => m.dataset.messageId === update.messageId)) {
        const slot = $('.card-slot', msg);
        if (slot) slot.replaceChildren(fragment(update.html));
      }
    } else if (update.kind === 'member') {
      renameEverywhere(update.openId, update.name);
    }
    if (stick) scrollDown();
  }

  let banner;
  const feed = new EventSource(`${base}/events?after=${encodeURIComponent(body.dataset.lastId || '')}`);
  feed.addEventListener('entry', (e) => apply(JSON.parse(e.data)));
  feed.addEventListener('now', (e) => {
    const now = JSON.parse(e.data);
    showNow(now.text, now.local);
    banner?.remove();
    banner = undefined;
  });
  feed.addEventListener('error', () => {
    if (banner) return;
    banner = document.createElement('div');
    banner.className = 'offline';
    banner.textContent = '与服务器的连接中断，正在重连…';
    $('.chat').prepend(banner);
  });

  // ---- start ---------------------------------------------------------------------------
  if (window.matchMedia('(max-width: 819px)').matches) $('.members').open = false;
  showSpeaker();
  scrollDown();
})();
