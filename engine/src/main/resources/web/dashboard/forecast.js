// Payments card: money as it arrives (the live stream's `payment` events, forwarded by live.js) and the
// cash forecast by week (GET /api/dashboard/forecast: open promises and instalments weighted by each
// party's kept rate), redrawn on every payment and every minute.
const DLPayments = (() => {
  const root = document.getElementById('forecast');
  if (!root) return null;
  const el = DL.el;
  const feed = document.getElementById('paid-feed');
  const summary = document.getElementById('forecast-summary');
  const error = document.getElementById('forecast-error');
  const updated = document.getElementById('forecast-updated');
  const chart = window.echarts ? echarts.init(document.getElementById('chart-forecast')) : null;
  const stat = (value, label, title) => el('div', { class: 'stat', title: title || '' }, el('b', {}, String(value)), el('span', {}, label));

  async function refresh() {
    try {
      const f = await DL.api('/api/dashboard/forecast');
      error.textContent = '';
      updated.textContent = 'as of ' + f.as_of;
      summary.replaceChildren(
        stat(DL.money(f.promised), 'promised, next ' + f.weeks.length + ' weeks', 'open promises and instalments still due'),
        stat(DL.money(f.expected), 'expected', 'each item weighted by its party\'s kept rate (no history: ' + Math.round(f.default_kept_rate * 100) + '%)'));
      if (chart) {
        chart.setOption({
          animation: false,
          grid: { left: 56, right: 12, top: 28, bottom: 28 },
          legend: { top: 0 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: f.weeks.map((w) => w.week_start.slice(5)) },
          yAxis: { type: 'value' },
          series: [
            { name: 'promised', type: 'bar', data: f.weeks.map((w) => Number(w.promised)), itemStyle: { color: '#c8d7f0' } },
            { name: 'expected', type: 'bar', data: f.weeks.map((w) => Number(w.expected)), itemStyle: { color: '#1f6feb' } },
          ],
        });
      }
      root.dataset.expected = f.expected;
    } catch (e) {
      error.textContent = 'forecast: ' + e.message;
    }
  }

  function onPayment(p) {
    const when = new Date(p.at).toLocaleTimeString();
    feed.prepend(el('li', { 'data-unit': p.unit }, el('b', {}, DL.money(p.amount)), ' from ' + p.unit + ' via ' + p.provider + ' at ' + when
      + (p.kept_promises ? ' · promise kept' : '') + (p.cancelled_tasks ? ' · ' + p.cancelled_tasks + ' pending contact(s) stopped' : '')));
    while (feed.children.length > 8) feed.lastChild.remove();
    refresh();
  }

  refresh();
  setInterval(refresh, 60000);
  window.addEventListener('resize', () => chart && chart.resize());
  return { refresh, onPayment };
})();
