// Shared by every page: JSON calls that carry the CSRF token, an event stream that reconnects and
// says so, and small formatting helpers. No framework, nothing loaded from the network.
const DL = (() => {
  function csrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  /** fetch() a JSON API; non-GET requests carry the CSRF header; a non-2xx answer throws Error(problems). */
  async function api(path, opts = {}) {
    const init = { method: opts.method || 'GET', headers: { 'accept': 'application/json' }, credentials: 'same-origin' };
    if (init.method !== 'GET') init.headers['X-XSRF-TOKEN'] = csrfToken();
    if (opts.body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(opts.body); }
    const r = await fetch(path, init);
    if (r.status === 401 && path !== '/api/login') { location.href = '/login?next=' + encodeURIComponent(location.pathname); throw new Error('signed out'); }
    const text = await r.text();
    const data = text && (r.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : text;
    if (!r.ok) throw new Error((data && data.problems) ? data.problems.join('; ') : (r.status + ' ' + text));
    return data;
  }

  /**
   * Opens a server-sent event stream; handlers maps event names to functions of the parsed JSON.
   * The element #stream-status shows 'live' or 'reconnecting…' (EventSource retries by itself).
   */
  function stream(path, handlers) {
    const status = document.getElementById('stream-status');
    const es = new EventSource(path);
    const show = (up) => { if (status) { status.textContent = up ? '● live' : '○ reconnecting…'; status.classList.toggle('down', !up); } };
    es.onopen = () => show(true);
    es.onerror = () => {
      show(false);
      // CLOSED means the server answered with an error (a lost session after a restart, say): the browser
      // will not retry, so find out why; a 401 sends the page to sign-in, anything else retries here.
      if (es.readyState === EventSource.CLOSED) {
        const again = () => setTimeout(() => stream(path, handlers), 2000);
        api('/api/me').then(again).catch((e) => { if (e.message !== 'signed out') again(); });
      }
    };
    for (const [name, fn] of Object.entries(handlers)) es.addEventListener(name, (e) => fn(JSON.parse(e.data)));
    return es;
  }

  const el = (tag, attrs = {}, ...kids) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) { if (k === 'class') n.className = v; else if (k.startsWith('on')) n.addEventListener(k.slice(2), v); else n.setAttribute(k, v); }
    for (const k of kids) n.append(k instanceof Node ? k : document.createTextNode(k == null ? '' : String(k)));
    return n;
  };
  const secs = (ms) => { const s = Math.max(0, Math.round(ms / 1000)); return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); };
  const money = (v) => v == null ? '' : Number(v).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = (v) => v == null ? '' : (100 * v).toFixed(1) + ' %';

  /** Fills #who with the signed-in name and role, and wires the #sign-out button. */
  async function whoami() {
    const out = document.getElementById('sign-out');
    if (out) out.addEventListener('click', async () => { try { await api('/api/logout', { method: 'POST' }); } finally { location.href = '/login'; } });
    try { const me = await api('/api/me'); const w = document.getElementById('who'); if (w) w.textContent = me.name + ' (' + me.role + ')'; return me; }
    catch (e) { return null; }
  }

  /**
   * Microphone chunks (Float32Array at rate `from`) as one PCM16 little-endian buffer at rate `to`:
   * box-filter decimation (averaging each output sample's span of input samples), fine for speech.
   */
  function pcm16(chunks, from, to) {
    const input = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let off = 0;
    for (const c of chunks) { input.set(c, off); off += c.length; }
    const ratio = from / to;
    const n = from === to ? input.length : Math.floor(input.length / ratio);
    const view = new DataView(new ArrayBuffer(n * 2));
    for (let i = 0; i < n; i++) {
      let v = input[i];
      if (from !== to) {
        const a = Math.floor(i * ratio), b = Math.min(input.length, Math.max(a + 1, Math.floor((i + 1) * ratio)));
        let sum = 0;
        for (let j = a; j < b; j++) sum += input[j];
        v = sum / (b - a);
      }
      const s = Math.max(-1, Math.min(1, v));
      view.setInt16(i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return view.buffer;
  }

  return { api, stream, el, secs, money, pct, whoami, csrfToken, pcm16 };
})();
