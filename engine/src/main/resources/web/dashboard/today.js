// Today at a glance (GET /api/dashboard/today): contacts and promises per hour, the year's collection
// rate against its targets, turn latency p50/p95 per hour, the intent mix (ECharts), and the A/B
// result per prompt variant with its 95 % Wilson interval. Refreshed every 30 s.
const DLToday = (() => {
  const root = document.getElementById('today');
  if (!root) return null;
  const el = DL.el;
  const dateInput = document.getElementById('today-date');
  const error = document.getElementById('today-error');
  const summary = document.getElementById('today-summary');
  const abBox = document.getElementById('ab');
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const charts = {};
  for (const id of ['chart-hourly', 'chart-collection', 'chart-latency', 'chart-intents']) {
    charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  }
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  const grid = { left: 40, right: 12, top: 30, bottom: 24, containLabel: true };

  function draw(d) {
    charts['chart-hourly'].setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid,
      xAxis: { type: 'category', data: hours },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'contacts', type: 'bar', data: d.hours.map(h => h.contacts) },
        { name: 'answered', type: 'bar', data: d.hours.map(h => h.answered) },
        { name: 'promises', type: 'line', data: d.hours.map(h => h.promises) }]
    }, true);
    const kinds = ['residential', 'commercial'];
    charts['chart-collection'].setOption({
      animation: false, tooltip: { trigger: 'axis', valueFormatter: v => v == null ? 'no fees billed' : v.toFixed(1) + ' %' }, legend: { top: 0 }, grid,
      xAxis: { type: 'category', data: kinds },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      series: [
        { name: 'collected', type: 'bar', barWidth: '40%', data: kinds.map(k => d.collection[k].rate == null ? null : 100 * d.collection[k].rate),
          label: { show: true, position: 'top', formatter: p => p.value == null ? '' : p.value.toFixed(1) + ' %' } },
        { name: 'target', type: 'scatter', symbol: 'rect', symbolSize: [60, 3], itemStyle: { color: '#cf222e' },
          data: kinds.map(k => 100 * d.collection[k].target) }]
    }, true);
    charts['chart-latency'].setOption({
      animation: false, tooltip: { trigger: 'axis', valueFormatter: v => v == null ? '—' : v + ' ms' }, legend: { top: 0 }, grid,
      xAxis: { type: 'category', data: hours },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} ms' } },
      series: [
        { name: 'p50', type: 'line', connectNulls: false, data: d.hours.map(h => h.latency_p50_ms) },
        { name: 'p95', type: 'line', connectNulls: false, data: d.hours.map(h => h.latency_p95_ms) }]
    }, true);
    charts['chart-intents'].setOption({
      animation: false, tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: d.intents.map(i => ({ name: i.intent, value: i.count })),
        label: { formatter: '{b}: {c}' } }],
      graphic: d.intents.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: 'no caller turns this day', fill: '#5f6b7a' } }]
    }, true);
    const c = d.collection;
    const contacts = d.hours.reduce((s, h) => s + h.contacts, 0);
    const promises = d.hours.reduce((s, h) => s + h.promises, 0);
    summary.replaceChildren(
      stat(contacts, 'contacts today'), stat(promises, 'promises today'),
      stat(DL.money(c.paid_today), 'paid today'),
      stat(c.residential.rate == null ? '—' : DL.pct(c.residential.rate), 'residential (target ' + DL.pct(c.residential.target) + ')'),
      stat(c.commercial.rate == null ? '—' : DL.pct(c.commercial.rate), 'commercial (target ' + DL.pct(c.commercial.target) + ')'));
    drawAb(d.ab);
  }

  function stat(v, label) {
    return el('div', { class: 'stat' }, el('b', {}, String(v)), el('span', {}, label));
  }

  function interval(v) {
    const bar = el('div', { class: 'ci', title: (100 * v.low).toFixed(1) + ' % – ' + (100 * v.high).toFixed(1) + ' %' });
    const range = el('i'); range.style.left = (100 * v.low) + '%'; range.style.width = (100 * (v.high - v.low)) + '%';
    const point = el('b'); point.style.left = (100 * v.rate) + '%';
    bar.append(range, point);
    return bar;
  }

  function drawAb(ab) {
    abBox.replaceChildren(el('p', { class: 'muted' }, 'Promise rate per prompt variant, ' + ab.from + ' to ' + ab.to
      + ', with 95 % Wilson intervals; a variant is ahead only when its interval clears every other.'));
    if (!ab.tests.length) { abBox.append(el('p', { class: 'muted' }, 'No prompt with two variants was heard in this period.')); return; }
    const rows = [];
    for (const t of ab.tests) {
      t.variants.forEach((v, i) => rows.push(el('tr', { 'data-test': t.name },
        el('td', {}, i === 0 ? t.kind + ' ' + t.name : ''),
        el('td', {}, v.variant + (t.leader === v.variant ? ' ★' : '')),
        el('td', { class: 'num' }, v.promises + ' / ' + v.contacts),
        el('td', { class: 'num' }, DL.pct(v.rate)),
        el('td', {}, (100 * v.low).toFixed(1) + '–' + (100 * v.high).toFixed(1) + ' %', interval(v)),
        el('td', { class: 'verdict' }, i === 0 ? t.verdict : ''))));
    }
    abBox.append(el('div', { class: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, ...['Prompt', 'Variant', 'Promises / heard', 'Rate', '95 % interval', 'Result'].map((h, i) => el('th', { class: i === 2 || i === 3 ? 'num' : '' }, h)))),
      el('tbody', {}, ...rows))));
  }

  async function refresh() {
    try {
      const q = dateInput.value ? '?date=' + dateInput.value : '';
      const d = await DL.api('/api/dashboard/today' + q);
      if (!dateInput.value) dateInput.value = d.date;
      document.getElementById('today-zone').textContent = 'hours in ' + d.zone;
      draw(d);
      error.textContent = '';
    } catch (e) {
      error.textContent = 'Today\'s figures unavailable: ' + e.message;
    }
  }

  dateInput.addEventListener('change', refresh);
  refresh();
  setInterval(refresh, 30000);
  return { refresh, charts };
})();
