// Agent console: go free, see hand-offs as they arrive (pushed over server-sent events), accept one
// (the carrier transfers the live call to your address), then record what was agreed and go free again.
(() => {
  const $ = (id) => document.getElementById(id);
  let me = null;
  let state = 'signed_out';
  let current = null;

  function showState(s) {
    state = s;
    $('my-state').textContent = s.replace('_', ' ');
    $('my-state').className = 'pill ' + (s === 'free' ? 'ok' : s === 'on_call' || s === 'wrap_up' ? 'warn' : '');
    for (const b of document.querySelectorAll('.accept')) b.disabled = s !== 'free';
  }

  async function setState(s) {
    $('me-error').textContent = '';
    try {
      const r = await DL.api('/api/agent/state', { method: 'POST', body: { state: s, address: $('address').value } });
      if (r.address) $('address').value = r.address;
      showState(r.state);
    } catch (e) { $('me-error').textContent = e.message; }
  }

  function renderOffers(q) {
    const mine = (q.agents || []).find(a => me && a.name === me.name);
    if (mine) showState(mine.state);
    $('offer-count').textContent = q.waiting.length;
    const list = $('offer-list');
    if (!q.waiting.length) { list.replaceChildren(DL.el('p', { class: 'muted' }, 'Nothing waiting.')); return; }
    list.replaceChildren(...q.waiting.map(h => DL.el('div', { class: 'offer card', 'data-id': h.id },
      DL.el('p', {}, DL.el('b', {}, h.reason || 'hand-off'), ' · waiting ', DL.secs(h.waited_ms), ' · priority ', h.priority),
      DL.el('p', { class: 'muted' }, h.summary || ''),
      DL.el('button', { class: 'primary accept', onclick: () => accept(h.id), ...(state === 'free' ? {} : { disabled: '' }) }, 'Accept'))));
  }

  async function accept(id) {
    $('me-error').textContent = '';
    try {
      current = await DL.api('/api/agent/handoffs/' + id + '/accept', { method: 'POST' });
      showState('on_call');
      $('current').classList.remove('hidden');
      $('call-who').textContent = [current.unit, current.party, current.phone].filter(Boolean).join(' · ');
      $('call-summary').textContent = (current.reason || '') + ': ' + (current.summary || '');
      $('call-transcript').textContent = current.transcript || '';
      $('wrap-error').textContent = '';
    } catch (e) { $('me-error').textContent = e.message; }
  }

  function disposition() {
    const d = $('disposition').value;
    $('promise-fields').classList.toggle('hidden', d !== 'promise');
    $('plan-fields').classList.toggle('hidden', d !== 'plan');
  }
  $('disposition').addEventListener('change', disposition);

  $('wrap-up').addEventListener('click', () => setState('wrap_up'));
  $('wrap').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!current) return;
    const d = $('disposition').value;
    const body = { disposition: d, notes: $('notes').value };
    if (d === 'promise') body.promise = { amount: $('promise-amount').value, date: $('promise-date').value };
    if (d === 'plan') body.plan = { months: Number($('plan-months').value), monthly: $('plan-monthly').value };
    try {
      const r = await DL.api('/api/agent/handoffs/' + current.id + '/wrap', { method: 'POST', body });
      showState(r.state);
      current = null;
      $('current').classList.add('hidden');
      $('wrap').reset();
      disposition();
    } catch (ex) { $('wrap-error').textContent = ex.message; }
  });

  $('go-free').addEventListener('click', () => setState('free'));
  $('go-away').addEventListener('click', () => setState('away'));

  (async () => {
    me = await DL.whoami();
    try {
      const s = await DL.api('/api/agent/state');
      if (s.address) $('address').value = s.address;
      showState(s.state);
    } catch (e) { /* shown as signed out */ }
    disposition();
    DL.stream('/api/agent/stream', { snapshot: renderOffers, queue: renderOffers });
  })();
})();
