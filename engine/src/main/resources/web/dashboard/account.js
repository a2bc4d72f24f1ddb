// The printable account history page: /accounts/:unit.
(() => {
  const unit = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  document.title = 'Duesline · ' + unit;
  document.getElementById('account-title').textContent = 'Account ' + unit + ' — history';
  document.getElementById('csv').href = '/api/accounts/' + encodeURIComponent(unit) + '/history.csv';
  document.getElementById('print').addEventListener('click', () => window.print());
  DL.whoami();
  DLHistory.load(document.getElementById('history'), unit, { links: false });
})();
