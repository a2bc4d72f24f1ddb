// The script playground: chat with a talk track as the caller (typed, keyed, silent or spoken), see how
// each answer was understood, play any bot line as the phone line carries it, lint and test the track.
(() => {
  const $ = (id) => document.getElementById(id);
  const { el, api } = DL;
  const API = '/api/playground';
  /** The rate the page sends microphone audio at: Vosk's own, so the engine does not resample. */
  const SEND_RATE = 16000;
  let catalogue = null;
  let session = null;
  let lastSummary = '';

  function fail(where, err) { $(where).textContent = err.message || String(err); }
  function clear(where) { $(where).textContent = ''; }

  // ---- setup: tracks, languages, variants, the account ----

  function selectedTrack() { return catalogue.tracks.find((t) => t.id === $('track').value); }

  function fillLangs() {
    const t = selectedTrack();
    const keep = $('lang').value;
    $('lang').replaceChildren(...Object.keys(t.langs).sort().map((l) => el('option', { value: l }, l)));
    if (t.langs[keep]) $('lang').value = keep;
    fillVariants();
  }

  function fillVariants() {
    const info = selectedTrack().langs[$('lang').value];
    const opts = [el('option', { value: '' }, 'weighted draw (as on calls)')];
    for (const v of info.variants) opts.push(el('option', { value: v }, 'variant ' + v));
    $('variant').replaceChildren(...opts);
  }

  function fillAccount(account) {
    const rows = Object.entries(account).map(([k, v]) =>
      el('tr', {}, el('td', {}, el('label', { for: 'acct-' + k }, k)), el('td', {}, el('input', { id: 'acct-' + k, 'data-field': k, value: v == null ? '' : String(v) }))));
    $('account').querySelector('tbody').replaceChildren(...rows);
    summarise();
  }

  function summarise() {
    const a = account();
    $('account-summary').textContent = [a.first_name, a.last_name].filter(Boolean).join(' ') + (a.amount_due ? ' · ' + a.amount_due : '') + (a.due_date ? ' · due ' + a.due_date : '');
  }

  function account() {
    const out = {};
    for (const input of $('account').querySelectorAll('input[data-field]')) out[input.dataset.field] = input.value.trim() === '' ? null : input.value.trim();
    return out;
  }

  async function load() {
    try {
      catalogue = await api(API + '/tracks');
    } catch (e) { fail('setup-error', e); return; }
    $('track').replaceChildren(...catalogue.tracks.map((t) => el('option', { value: t.id }, t.id)));
    fillLangs();
    fillAccount(catalogue.account);
    $('today').value = catalogue.account.today || new Date().toISOString().slice(0, 10);
  }

  // ---- the conversation ----

  function enable(on) {
    for (const id of ['say', 'send', 'keys', 'send-keys', 'silence']) $(id).disabled = !on;
    $('mic').disabled = !on || !catalogue.speech_langs.includes(session && session.lang);
    $('mic').title = $('mic').disabled && on ? 'No speech models for this language: type instead' : 'Speak as the caller: click to start, click again to send';
  }

  async function start() {
    clear('setup-error'); clear('chat-error');
    const body = { track: $('track').value, lang: $('lang').value, variant: $('variant').value || null, account: account() };
    if ($('today').value) body.today = $('today').value;
    let s;
    try { s = await api(API + '/sessions', { method: 'POST', body }); } catch (e) { fail('setup-error', e); return; }
    session = s;
    $('chat').replaceChildren();
    lastSummary = '';
    $('refused').replaceChildren(...(s.reload_refused.length ? [el('p', { class: 'error' }, 'Your last edit was refused (the previous version answers):'), ...s.reload_refused.map(finding)] : []));
    $('session-state').textContent = s.track + ' · ' + s.lang + (s.variant ? ' · variant ' + s.variant : '') + ' · v' + s.version.slice(0, 7);
    $('session-state').className = 'pill ok';
    show(s.turn);
    enable(!s.turn.ended);
    $('say').focus();
  }

  async function turn(path, body) {
    clear('chat-error');
    try {
      const t = await api(API + '/sessions/' + session.session + path, { method: 'POST', body: body || {} });
      show(t);
    } catch (e) { fail('chat-error', e); }
  }

  function score(v) { return v == null ? '' : Number(v).toFixed(2); }

  function show(t) {
    const chat = $('chat');
    const box = el('div', { class: 'turn' });
    const c = t.caller;
    if (c.kind !== 'start') {
      const said = c.kind === 'silence' ? '(silence)' : c.kind === 'keys' ? '[keys ' + c.text + ']' : c.text;
      const tags = [];
      if (c.kind === 'spoken') tags.push(el('span', { class: 'pill', title: 'recognised by Vosk' }, 'spoken ' + (c.asr ? c.asr.audio_s + ' s' : '')));
      if (t.match) tags.push(el('span', { class: 'pill ' + (t.match.intent === 'out_of_scope' ? 'warn' : 'ok'), 'data-intent': t.match.intent }, t.match.intent + ' ' + score(t.match.score)));
      box.append(el('div', { class: 'caller' }, el('span', { class: 'say' }, said), ' ', ...tags));
    }
    const bot = el('div', { class: 'bot' });
    for (const line of t.lines) {
      bot.append(el('div', { class: 'line' },
        el('button', { class: 'play', title: 'Play as the caller hears it (8 kHz phone line)', 'data-line': line.index, onclick: () => play(line.index) }, '▶'),
        el('span', { class: 'say' }, el('span', { class: 'node' }, line.node + (line.ab ? ' · variant ' + line.variant : '') + (line.fallback ? ' · fallback' : '') + (line.interruptible ? '' : ' · no barge-in')), el('br'), line.text)));
    }
    box.append(bot);
    chat.append(box);
    chat.scrollTop = chat.scrollHeight;
    explain(t.match);
    state(t);
    if (t.ended) {
      $('session-state').textContent = 'ended · ' + (t.outcome.disposition || 'no disposition');
      $('session-state').className = 'pill warn';
      enable(false);
    }
  }

  function explain(m) {
    const votes = $('votes').querySelector('tbody');
    const nearest = $('nearest').querySelector('tbody');
    if (!m) {
      // Keys and silence carry no words: keep the last explanation, and say so.
      $('match-summary').textContent = 'No words this turn (keys or silence). ' + (lastSummary ? 'Last words heard: ' + lastSummary : '');
      return;
    }
    $('match-intent').textContent = m.intent + ' ' + score(m.score);
    $('match-intent').className = 'pill ' + (m.intent === 'out_of_scope' ? 'warn' : 'ok');
    const ents = Object.entries(m.entities).map(([k, v]) => k + '=' + v).join(', ');
    $('match-summary').textContent = '"' + m.text + '" → ' + m.intent + ' (score ' + score(m.score) + ', abstains below ' + score(m.threshold) + ')'
      + (m.alternatives.length ? '; runners-up: ' + m.alternatives.map((a) => a.intent + ' ' + score(a.score)).join(', ') : '')
      + (ents ? '; entities: ' + ents : '') + '. Words searched: ' + m.words.join(' ');
    lastSummary = $('match-summary').textContent;
    votes.replaceChildren(...m.votes.map((v) => el('tr', {},
      el('td', {}, v.intent), el('td', { class: 'num' }, score(v.score)),
      el('td', {}, el('span', { class: 'bar', style: 'width:' + Math.round(60 * v.share) + 'px' }), ' ' + score(v.share) + ' · ' + score(v.coverage)))));
    nearest.replaceChildren(...m.nearest.map((n) => el('tr', {},
      el('td', { title: n.source }, n.text, el('br'), el('span', { class: 'muted' }, n.source)), el('td', {}, n.intent), el('td', { class: 'num' }, score(n.score)))));
  }

  function state(t) {
    const added = t.path.length - t.path_added.length;
    $('path').replaceChildren(...t.path.map((n, i) => el('span', { class: 'node' + (i >= added ? ' new' : '') + (i === t.path.length - 1 ? ' rest' : '') }, n)));
    $('variables').querySelector('tbody').replaceChildren(...t.variables.map((v) => el('tr', {},
      el('td', {}, v.name, v.debt ? el('span', { class: 'pill warn', title: 'reveals the debt: only after verification' }, 'debt') : ''),
      el('td', { title: v.value }, v.spoken),
      el('td', {}, el('span', { class: 'pill' + (v.origin === 'account' ? '' : ' ok') }, v.origin)))));
    const o = t.outcome;
    const parts = [];
    if (o.disposition) parts.push('disposition ' + o.disposition);
    if (o.promise) parts.push('promise ' + (o.promise.amount || '') + ' by ' + (o.promise.date || '?'));
    if (o.plan) parts.push('plan ' + o.plan.months + ' × ' + o.plan.monthly_amount);
    if (o.opt_out) parts.push('opt-out');
    if (o.hold) parts.push('hold ' + o.hold);
    if (o.handoff) parts.push('hand-off');
    if (o.complaint) parts.push('complaint');
    $('outcome').textContent = parts.length ? parts.join(' · ') : '—';
  }

  function play(index) {
    const player = $('player');
    player.src = API + '/sessions/' + session.session + '/lines/' + index + '.wav';
    player.play().catch((e) => fail('chat-error', e));
  }

  // ---- the microphone: Web Audio capture, resampled here to 16 kHz 16-bit PCM ----

  let rec = null;

  async function micStart() {
    clear('chat-error');
    let stream;
    try { stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } }); }
    catch (e) { fail('chat-error', new Error('microphone: ' + e.message)); return; }
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(stream);
    const proc = ctx.createScriptProcessor(4096, 1, 1);
    const chunks = [];
    proc.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
    source.connect(proc);
    proc.connect(ctx.destination);
    rec = { stream, ctx, source, proc, chunks, started: performance.now() };
    $('mic').classList.add('recording');
    $('mic').textContent = '■ Send speech';
    $('mic-status').textContent = 'listening…';
  }

  async function micStop() {
    const r = rec;
    rec = null;
    $('mic').classList.remove('recording');
    $('mic').textContent = '● Speak';
    r.source.disconnect(); r.proc.disconnect();
    r.stream.getTracks().forEach((t) => t.stop());
    const rate = r.ctx.sampleRate;
    await r.ctx.close();
    const pcm = DL.pcm16(r.chunks, rate, SEND_RATE);
    $('mic-status').textContent = 'recognising ' + (pcm.byteLength / 2 / SEND_RATE).toFixed(1) + ' s…';
    await sendAudio(pcm, SEND_RATE);
    $('mic-status').textContent = '';
  }

  async function sendAudio(pcm, rate) {
    const r = await fetch(API + '/sessions/' + session.session + '/audio?rate=' + rate, {
      method: 'POST', credentials: 'same-origin', body: pcm,
      headers: { 'content-type': 'audio/L16; rate=' + rate + '; channels=1', 'accept': 'application/json', 'X-XSRF-TOKEN': DL.csrfToken() } });
    const data = await r.json().catch(() => ({ problems: [r.status + ' ' + r.statusText] }));
    if (!r.ok) { fail('chat-error', new Error((data.problems || []).join('; '))); return; }
    show(data);
  }

  // ---- lint and conversation tests ----

  function finding(f) {
    return el('div', { class: 'finding' }, el('span', { class: 'pill ' + (f.severity === 'error' ? 'bad' : 'warn') }, f.severity), ' ', f.file + ':' + f.line + ':' + f.column + ': ' + f.message);
  }

  async function lint() {
    $('lint').replaceChildren(el('p', { class: 'muted' }, 'linting…'));
    try {
      const r = await api(API + '/lint?track=' + encodeURIComponent($('track').value) + '&lang=' + encodeURIComponent($('lang').value));
      $('lint-summary').textContent = r.errors + ' errors · ' + r.warnings + ' warnings';
      $('lint-summary').className = 'pill ' + (r.errors ? 'bad' : r.warnings ? 'warn' : 'ok');
      $('lint').replaceChildren(...(r.findings.length ? r.findings.map(finding) : [el('p', { class: 'muted' }, 'Clean: ' + r.files.join(', '))]));
    } catch (e) { $('lint').replaceChildren(el('p', { class: 'error' }, e.message)); }
  }

  async function stories() {
    $('stories').replaceChildren(el('p', { class: 'muted' }, 'running…'));
    try {
      const r = await api(API + '/stories', { method: 'POST', body: { track: $('track').value, lang: $('lang').value } });
      $('stories-summary').textContent = r.passed + ' / ' + r.total + ' passed';
      $('stories-summary').className = 'pill ' + (r.failed ? 'bad' : 'ok');
      const items = r.stories.map((s) => el('details', { class: 'story', 'data-passed': String(s.passed) },
        el('summary', {}, el('span', { class: 'pill ' + (s.passed ? 'ok' : 'bad') }, s.passed ? 'pass' : 'fail'), ' ', s.name, ' ', el('span', { class: 'muted' }, s.file + ':' + s.line),
          s.first_difference ? el('div', { class: 'finding error' }, s.first_difference) : ''),
        el('pre', {}, s.transcript.join('\n'))));
      $('stories').replaceChildren(...r.file_problems.map(finding), ...(items.length ? items : [el('p', { class: 'muted' }, 'No conversation tests for this track yet (tracks/stories/' + $('lang').value + '/).')]));
    } catch (e) { $('stories').replaceChildren(el('p', { class: 'error' }, e.message)); }
  }

  // ---- wiring ----

  $('track').addEventListener('change', fillLangs);
  $('account').addEventListener('input', summarise);
  $('lang').addEventListener('change', fillVariants);
  $('start').addEventListener('click', start);
  $('send').addEventListener('click', () => { const text = $('say').value; $('say').value = ''; turn('/say', { text }); });
  $('say').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('send').click(); });
  $('send-keys').addEventListener('click', () => { const digits = $('keys').value.trim(); $('keys').value = ''; turn('/keys', { digits }); });
  $('keys').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('send-keys').click(); });
  $('silence').addEventListener('click', () => turn('/silence'));
  $('mic').addEventListener('click', () => (rec ? micStop() : micStart()));
  $('lint-run').addEventListener('click', lint);
  $('stories-run').addEventListener('click', stories);
  DL.whoami();
  load();
})();
