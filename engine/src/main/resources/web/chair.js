// The supervisor's chair on the followed call: "Listen" opens a WebSocket with the call's audio both
// ways (one byte of kind, 0 caller / 1 bot / 2 bot audio dropped, then 8 kHz µ-law) and plays it with
// Web Audio: caller frames as they come (never more than ~0.4 s queued, so the supervisor stays close
// to real time), the bot's audio in order as it was queued. "Take over" asks the engine to take the bot
// off the call and transfer it to the address given (default: the supervisor's own).
const DLChair = (() => {
  const $ = (id) => document.getElementById(id);
  if (!$('listen')) return null;
  const MU = new Float32Array(256);
  for (let i = 0; i < 256; i++) {     // G.711 µ-law to linear
    const u = ~i & 0xff, sign = u & 0x80, exp = (u >> 4) & 7, man = u & 0x0f;
    const s = (((man << 3) + 0x84) << exp) - 0x84;
    MU[i] = (sign ? -s : s) / 32768;
  }
  let ws = null, audio = null, listening = null;
  const next = [0, 0];
  let botSources = [];
  const stats = { frames: 0, caller: 0, bot: 0, cleared: 0 };

  function play(kind, bytes) {
    if (!audio) return;
    const f = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) f[i] = MU[bytes[i]];
    const buf = audio.createBuffer(1, f.length, 8000);
    buf.copyToChannel(f, 0);
    const src = audio.createBufferSource();
    src.buffer = buf;
    src.connect(audio.destination);
    const now = audio.currentTime;
    let t = Math.max(next[kind], now + 0.04);
    if (kind === 0 && t - now > 0.4) t = now + 0.04;   // fell behind: skip ahead rather than drift
    src.start(t);
    next[kind] = t + buf.duration;
    if (kind === 1) { botSources.push(src); src.onended = () => { botSources = botSources.filter(s => s !== src); }; }
  }

  function clearBot() {
    for (const s of botSources) { try { s.stop(); } catch (e) { /* already ended */ } }
    botSources = [];
    next[1] = 0;
  }

  function stop() {
    if (ws) ws.close();
    ws = null; listening = null;
    $('listen').textContent = 'Listen';
  }

  function listen(id) {
    if (listening === id) { stop(); return; }
    stop();
    audio = audio || new AudioContext();
    audio.resume();
    listening = id;
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/live/calls/' + id + '/listen');
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => { $('chair-status').textContent = 'listening'; $('listen').textContent = 'Stop listening'; };
    ws.onclose = () => { if (listening === id) { $('chair-status').textContent = 'listening ended'; stop(); } };
    ws.onmessage = (e) => {
      const u = new Uint8Array(e.data);
      stats.frames++;
      if (u[0] === 2) { stats.cleared++; clearBot(); return; }
      if (u[0] === 0) stats.caller++; else stats.bot++;
      play(u[0], u.subarray(1));
    };
  }

  async function takeOver(id) {
    const address = $('takeover-address').value.trim();
    $('chair-status').textContent = 'taking over…';
    try {
      const r = await DL.api('/api/live/calls/' + id + '/takeover', { method: 'POST', body: address ? { address } : {} });
      $('chair-status').textContent = 'taken over: transferred to ' + r.transferred_to;
    } catch (e) { $('chair-status').textContent = e.message; }
  }

  $('listen').addEventListener('click', () => { const id = window.DL_LIVE && DL_LIVE.followed(); if (id != null) listen(id); });
  $('takeover').addEventListener('click', () => { const id = window.DL_LIVE && DL_LIVE.followed(); if (id != null) takeOver(id); });
  $('follow-close').addEventListener('click', stop);
  window.DL_LISTEN = stats;
  return { listen, takeOver, stop };
})();
