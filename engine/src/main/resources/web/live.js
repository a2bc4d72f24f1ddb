// Supervisor: live calls and the hand-off queue, from the server-sent event stream. Events only mark
// state dirty; the DOM is redrawn at most once per animation frame, so a burst of events costs one
// repaint, not one per event.
(() => {
  const calls = new Map();          // id -> call summary (+ transcript array)
  let queue = { waiting: [], agents: [], service_level: {} };
  let followed = null;
  let dirty = false;
  const dirtyCalls = new Set();     // ids whose row must be redrawn; rows of other calls are left alone
  let queueDirty = true, followDirty = false, clockDue = false;
  const lag = [];                   // event-to-screen delays (ms): sent_at stamped by the engine to the frame that shows it
  let pendingBench = [];

  const $ = (id) => document.getElementById(id);

  function schedule() {
    if (dirty) return;
    dirty = true;
    requestAnimationFrame(() => { dirty = false; render(); });
  }

  function benchMark(data) { if (data && data.sent_at) pendingBench.push(data.sent_at); }

  function touch(id) {
    dirtyCalls.add(id);
    if (id === followed) followDirty = true;
    schedule();
  }
  function onSnapshot(s) {
    calls.clear();
    $('live-table').tBodies[0].replaceChildren();
    for (const c of s.calls) { calls.set(c.id, c); dirtyCalls.add(c.id); }
    queue = s.queue;
    if (typeof DLQa !== 'undefined' && DLQa) DLQa.snapshot(s.checked);
    queueDirty = followDirty = true;
    schedule();
  }
  function onCall(c) {
    benchMark(c);
    const old = calls.get(c.id);
    c.transcript = old ? old.transcript : [];
    calls.set(c.id, c);
    touch(c.id);
  }
  function onTurn(t) {
    benchMark(t);
    const c = calls.get(t.id);
    if (!c) return;
    c.transcript.push(t);
    if (c.transcript.length > 200) c.transcript.shift();
    if (t.speaker === 'caller') c.partial = '';
    touch(t.id);
  }
  function onPartial(p) {
    benchMark(p);
    const c = calls.get(p.id);
    if (c) { c.partial = p.words; touch(p.id); }
  }
  function onEnded(e) {
    benchMark(e);
    calls.delete(e.id);
    if (followed === e.id) {
      // Listening in is to the recording: the local carrier and Twilio both record the whole call.
      $('follow-meta').append(' · ended: ' + e.disposition + ' · ', DL.el('a', { href: '/api/recordings/' + e.id, target: '_blank', id: 'follow-recording' }, 'recording'));
    }
    touch(e.id);
  }
  function onQueue(q) { benchMark(q); queue = q; queueDirty = true; schedule(); }

  function flagPills(flags) {
    const span = DL.el('span');
    for (const f of flags || []) span.append(DL.el('span', { class: 'pill ' + (f === 'barge-in' ? 'warn' : 'bad') }, f), ' ');
    return span;
  }

  function callTime(c, now) {
    return DL.secs(now - (c.answered_at || c.started_at)) + (c.state === 'ringing' ? ' ringing' : '');
  }

  function renderCalls() {
    const body = $('live-table').tBodies[0];
    const now = Date.now();
    for (const id of dirtyCalls) {
      const c = calls.get(id);
      let tr = document.getElementById('call-' + id);
      if (!c) { if (tr) tr.remove(); continue; }
      if (!tr) {
        tr = DL.el('tr', { id: 'call-' + id, class: 'live-call', 'data-id': id, onclick: () => follow(id) });
        for (let i = 0; i < 7; i++) tr.append(DL.el('td'));
        body.append(tr);
      }
      const cells = tr.cells;
      cells[0].textContent = c.unit;
      cells[1].textContent = c.phone;
      cells[2].textContent = c.track + ' · ' + (c.node || '');
      cells[3].textContent = callTime(c, now);
      cells[4].replaceChildren(c.partial ? DL.el('span', { class: 'partial' }, c.partial + '…') : document.createTextNode(c.said || ''));
      cells[5].textContent = c.intent ? c.intent + ' ' + Number(c.score).toFixed(2) : '';
      cells[6].replaceChildren(flagPills(c.flags));
    }
    dirtyCalls.clear();
    if (clockDue) {
      clockDue = false;
      for (const c of calls.values()) {
        const tr = document.getElementById('call-' + c.id);
        if (tr) tr.cells[3].textContent = callTime(c, now);
      }
    }
    $('live-count').textContent = calls.size;
    $('live-empty').classList.toggle('hidden', calls.size > 0);
  }

  function renderFollowed() {
    if (followed === null || !followDirty) return;
    followDirty = false;
    const c = calls.get(followed);
    if (!c) return;
    $('follow-title').textContent = c.unit + ' · ' + c.phone;
    $('follow-meta').textContent = c.track + ' (' + c.lang + ') at ' + (c.node || '') + ' · ' + c.state;
    const box = $('follow-transcript');
    box.replaceChildren(...c.transcript.map(t => DL.el('p', { class: t.speaker },
      DL.el('b', {}, t.speaker + ': '), t.text, t.intent ? DL.el('span', { class: 'muted' }, '  [' + t.intent + ' ' + Number(t.score).toFixed(2) + ']') : '')));
    if (c.partial) box.append(DL.el('p', { class: 'caller partial' }, DL.el('b', {}, 'caller: '), c.partial + '…'));
  }

  function renderQueue() {
    if (!queueDirty) return;
    queueDirty = false;
    const sl = queue.service_level || {};
    $('service-level').textContent = sl.target_ms ? 'SL ' + DL.pct(sl.share) + ' ≤ ' + Math.round(sl.target_ms / 1000) + ' s (' + sl.resolved + ')' : '';
    const drift = Date.now() - (queue.now || Date.now());
    $('queue-table').tBodies[0].replaceChildren(...queue.waiting.map(h => DL.el('tr', { class: 'queued' },
      DL.el('td', { class: 'num' }, h.priority), DL.el('td', {}, DL.secs(h.waited_ms + drift)), DL.el('td', {}, h.reason || ''),
      DL.el('td', {}, h.summary || ''))));
    $('agents-table').tBodies[0].replaceChildren(...queue.agents.map(a => DL.el('tr', { class: 'agent' },
      DL.el('td', {}, a.name), DL.el('td', {}, DL.el('span', { class: 'pill ' + (a.state === 'free' ? 'ok' : a.state === 'away' ? '' : 'warn') }, a.state.replace('_', ' '))),
      DL.el('td', {}, DL.secs(a.for_ms + drift)))));
  }

  function render() {
    renderCalls();
    renderFollowed();
    renderQueue();
    if (pendingBench.length) {
      const now = Date.now();
      for (const t of pendingBench) lag.push(now - t);
      if (lag.length > 20000) lag.splice(0, lag.length - 20000);
      pendingBench = [];
    }
  }

  function follow(id) {
    followed = id;
    followDirty = true;
    $('follow').classList.remove('hidden');
    renderFollowed();
  }
  $('follow-close').addEventListener('click', () => { followed = null; $('follow').classList.add('hidden'); });

  // The clock in "time in call" moves without any event; a once-a-second redraw, not a poll of the server.
  setInterval(() => { clockDue = true; queueDirty = true; schedule(); }, 1000);

  window.DL_LIVE = { lag, calls: () => calls.size, followed: () => followed };

  // `bench live` opens the page with ?bench: it reports what the page saw every 2 s (frames, long tasks, lag).
  if (new URLSearchParams(location.search).has('bench')) {
    let frames = 0, longTaskMs = 0, maxGap = 0, last = performance.now();
    const tick = (t) => { frames++; maxGap = Math.max(maxGap, t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    try { new PerformanceObserver((l) => { for (const e of l.getEntries()) longTaskMs += e.duration; }).observe({ entryTypes: ['longtask'] }); } catch (e) { /* no long-task timing */ }
    setInterval(() => {
      const report = { lag: lag.splice(0), frames, long_task_ms: longTaskMs, max_frame_gap_ms: maxGap, calls: calls.size, rows: document.querySelectorAll('tr.live-call').length };
      frames = 0; longTaskMs = 0; maxGap = 0;
      fetch('/bench/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
    }, 2000);
  }
  DL.whoami();
  DL.stream('/api/live/stream', { snapshot: onSnapshot, call: onCall, turn: onTurn, partial: onPartial, ended: onEnded, queue: onQueue,
    // Money in: the payments card (dashboard/forecast.js) lists it and redraws the forecast.
    payment: (d) => { if (typeof DLPayments !== 'undefined' && DLPayments) DLPayments.onPayment(d); },
    qa: (v) => { if (typeof DLQa !== 'undefined' && DLQa) DLQa.add(v); } });
})();
