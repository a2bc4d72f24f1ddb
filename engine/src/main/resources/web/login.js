// The sign-in form (a file, not an inline script: the content security policy allows scripts from 'self' only).
document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const err = document.getElementById('login-error');
  err.textContent = '';
  try {
    const me = await DL.api('/api/login', { method: 'POST', body: {
      name: document.getElementById('name').value, password: document.getElementById('password').value } });
    const next = new URLSearchParams(location.search).get('next');
    location.href = next && next.startsWith('/') && !next.startsWith('//') ? next : me.home;
  } catch (ex) { err.textContent = ex.message; }
});
