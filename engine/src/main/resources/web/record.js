// Recording a voice: what each track still needs, record a stretch with the microphone, listen, re-record.
(() => {
  const $ = (id) => document.getElementById(id);
  const { el, api } = DL;
  const API = '/api/playground/voices/';
  const SEND_RATE = 16000;
  let rec = null;
  let loads = 0; // a slower earlier load must not paint over the voice and language asked for since

  const base = () => API + encodeURIComponent($('voice').value.trim()) + '/' + $('lang').value;
  const query = (p) => (p.word != null ? 'word=' : 'text=') + encodeURIComponent(p.word != null ? p.word : p.text);

  async function load() {
    $('error').textContent = '';
    const mine = ++loads;
    let c;
    try { c = await api(base()); } catch (e) { if (mine === loads) $('error').textContent = e.message; return; }
    if (mine !== loads) return;
    $('totals').textContent = c.recorded_lines + ' of ' + c.lines + ' lines recorded';
    $('totals').dataset.shows = c.voice + '/' + c.lang;
    const missingOnly = $('missing-only').checked;
    $('words').replaceChildren(...c.words.map((w) => part({ word: w.word, recorded: w.recorded })));
    const sections = [];
    for (const t of c.tracks) {
      const items = t.items.filter((i) => !missingOnly || !i.complete);
      const sec = el('div', { class: 'track', 'data-track': t.track },
        el('h2', {}, t.track, ' ', el('span', { class: 'pill', 'data-missing': t.missing }, t.missing + ' of ' + t.lines + ' lines missing')));
      for (const i of items) {
        sec.append(el('div', { class: 'line' },
          el('div', { class: 'where' }, i.node + '.' + i.prompt + (i.variant ? ' ' + i.variant : '') + ' (' + i.kind + ') ' + i.file),
          el('div', {}, i.text),
          ...i.parts.map((p) => part({ text: p.text, recorded: p.recorded }))));
      }
      sections.push(sec);
    }
    $('tracks').replaceChildren(...sections);
  }

  function part(p) {
    const node = el('div', { class: 'part ' + (p.recorded ? 'done' : 'missing'), 'data-text': p.word != null ? p.word : p.text },
      el('span', { class: 'text' }, p.word != null ? p.word : p.text));
    const recBtn = el('button', { class: 'rec', title: 'Record (click again to store)' }, '●');
    const playBtn = el('button', { class: 'play', title: 'Listen' }, '▶');
    playBtn.disabled = !p.recorded;
    recBtn.addEventListener('click', () => (rec && rec.button === recBtn ? stop(p, node) : start(recBtn)));
    playBtn.addEventListener('click', () => { const a = $('player'); a.src = base() + '/clip.wav?' + query(p) + '&t=' + Date.now(); a.play().catch(() => {}); });
    node.append(recBtn, playBtn);
    return node;
  }

  async function start(button) {
    if (rec) return;
    $('error').textContent = '';
    let stream;
    try { stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false, noiseSuppression: true } }); }
    catch (e) { $('error').textContent = 'microphone: ' + e.message; return; }
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(stream);
    const proc = ctx.createScriptProcessor(4096, 1, 1);
    const chunks = [];
    proc.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
    source.connect(proc);
    proc.connect(ctx.destination);
    rec = { stream, ctx, source, proc, chunks, button };
    button.classList.add('recording');
    $('status').textContent = 'recording…';
  }

  async function stop(p, node) {
    const r = rec;
    rec = null;
    r.button.classList.remove('recording');
    r.source.disconnect(); r.proc.disconnect();
    r.stream.getTracks().forEach((t) => t.stop());
    const rate = r.ctx.sampleRate;
    await r.ctx.close();
    const pcm = DL.pcm16(r.chunks, rate, SEND_RATE);
    $('status').textContent = 'storing ' + (pcm.byteLength / 2 / SEND_RATE).toFixed(1) + ' s…';
    const res = await fetch(base() + '/clips?' + query(p) + '&rate=' + SEND_RATE, {
      method: 'POST', credentials: 'same-origin', body: pcm,
      headers: { 'content-type': 'audio/L16; rate=' + SEND_RATE + '; channels=1', 'accept': 'application/json', 'X-XSRF-TOKEN': DL.csrfToken() } });
    const data = await res.json().catch(() => ({ problems: [res.status + ' ' + res.statusText] }));
    if (!res.ok) { $('error').textContent = (data.problems || []).join('; '); $('status').textContent = ''; return; }
    $('status').textContent = 'stored ' + data.file + ' (' + data.seconds + ' s, gain ' + data.gain_db + ' dB)';
    node.classList.remove('missing'); node.classList.add('done');
    node.querySelector('button.play').disabled = false;
  }

  $('load').addEventListener('click', load);
  $('missing-only').addEventListener('change', load);
  DL.whoami();
  load();
})();
