document.getElementById('ok').textContent = 'page script ran';
