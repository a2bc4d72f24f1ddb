// The numbers of a collection desk (GET /api/dashboard/desk/...): roll rates and cure rate month over
// month, the contact-rate heatmap by the party's local weekday and hour (observed, or the best-time
// model's estate rate), and right-party contacts, promises kept, collected vs promised and cost per
// dollar for the estate, each campaign and each variant. Every table has its CSV export.
const DLDesk = (() => {
  const root = document.getElementById('desk');
  if (!root) return null;
  const el = DL.el;
  const error = document.getElementById('desk-error');
  const groupSelect = document.getElementById('desk-group');
  const heatMode = document.getElementById('desk-heat-mode');
  const charts = {};
  for (const id of ['chart-roll', 'chart-heatmap']) charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  const grid = { left: 40, right: 12, top: 30, bottom: 24, containLabel: true };
  let roll = null, heat = null;

  function drawRoll() {
    if (!roll) return;
    const group = groupSelect.value || 'all';
    const periods = roll.periods;
    const find = (p) => p.groups.find(g => g.group === group);
    const buckets = roll.buckets.filter(b => b !== '365+');
    const series = buckets.map(b => ({ name: b + ' rolled', type: 'line', connectNulls: false,
      data: periods.map(p => { const g = find(p); return g && g.roll_forward[b] != null ? +(100 * g.roll_forward[b]).toFixed(1) : null; }) }));
    series.push({ name: 'cure', type: 'bar', itemStyle: { color: '#1a7f37' },
      data: periods.map(p => { const g = find(p); return g && g.cure.rate != null ? +(100 * g.cure.rate).toFixed(1) : null; }) });
    charts['chart-roll'].setOption({
      animation: false, tooltip: { trigger: 'axis', valueFormatter: v => v == null ? '—' : v + ' %' }, legend: { top: 0, type: 'scroll' }, grid,
      xAxis: { type: 'category', data: periods.map(p => p.to.slice(0, 7)) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } }, series
    }, true);
  }

  function drawHeat() {
    if (!heat) return;
    const key = heatMode.value;
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const data = heat.cells.map(c => [c.hour, c.weekday - 1, c[key] == null ? '-' : +(100 * c[key]).toFixed(1), c.dialed]);
    charts['chart-heatmap'].setOption({
      animation: false,
      tooltip: { formatter: p => days[p.value[1]] + ' ' + p.value[0] + ':00 · ' + (p.value[2] === '-' ? 'no calls' : p.value[2] + ' %') + ' · ' + p.value[3] + ' dialed' },
      grid: { left: 40, right: 12, top: 10, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h)), splitArea: { show: true } },
      yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: ['100 %', '0 %'] },
      series: [{ type: 'heatmap', data, label: { show: false } }]
    }, true);
  }

  function kpiTable(k) {
    const cols = [['group', 'Group'], ['dialed', 'Dialed'], ['rpc_rate', 'RPC rate', 'pct'], ['promises', 'Promises'], ['promised', 'Promised', 'money'],
      ['promise_kept_rate', 'Kept', 'pct'], ['collected', 'Collected', 'money'], ['collected_vs_promised', 'Collected / promised', 'pct'],
      ['minutes', 'Minutes'], ['sms', 'Texts'], ['cost', 'Cost', 'money'], ['cost_per_dollar', 'Cost per $']];
    const fmt = (v, kind) => v == null ? '—' : kind === 'pct' ? DL.pct(v) : kind === 'money' ? DL.money(v) : v;
    return el('table', { id: 'desk-kpis' },
      el('thead', {}, el('tr', {}, ...cols.map(c => el('th', {}, c[1])))),
      el('tbody', {}, ...k.groups.map(g => el('tr', { class: 'desk-group' }, ...cols.map(c => el('td', { class: c[0] === 'group' ? '' : 'num' }, fmt(g[c[0]], c[2])))))));
  }

  async function refresh() {
    try {
      const [r, h, k] = await Promise.all([DL.api('/api/dashboard/desk/roll-rates?months=6'), DL.api('/api/dashboard/desk/heatmap?days=90'),
        DL.api('/api/dashboard/desk/costs?days=30')]);
      roll = r; heat = h;
      const groups = new Set();
      for (const p of r.periods) for (const g of p.groups) groups.add(g.group);
      const keep = groupSelect.value || 'all';
      groupSelect.replaceChildren(...[...groups].map(g => el('option', { value: g }, g)));
      groupSelect.value = groups.has(keep) ? keep : 'all';
      drawRoll();
      drawHeat();
      document.getElementById('desk-heat-summary').textContent = h.dialed + ' calls dialed in 90 days, ' + DL.pct(h.rate) + ' answered';
      document.getElementById('desk-kpis-box').replaceChildren(kpiTable(k));
      error.textContent = '';
      root.dataset.loaded = 'true';
    } catch (e) { error.textContent = e.message; }
  }
  groupSelect.addEventListener('change', drawRoll);
  heatMode.addEventListener('change', drawHeat);
  refresh();
  setInterval(refresh, 60000);
  return { refresh };
})();
