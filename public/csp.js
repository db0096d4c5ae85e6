/* global document, localStorage */
// The page's connect-src, written before anything else loads: the page itself, the Hub, and the
// model servers the user approved (src/lib/remote/csp.ts keeps that list), nothing else. It adds
// a second policy to index.html's, and a fetch must pass both. Workers are not governed by it.
(function () {
  var servers = [];
  try {
    var saved = JSON.parse(localStorage.getItem('seekpad.servers.v1') || '[]');
    if (Array.isArray(saved)) {
      servers = saved.filter(function (o) {
        return typeof o === 'string' && /^https?:\/\/[\w.-]+(:\d+)?$|^https?:\/\/\[[\da-f:]+\](:\d+)?$/i.test(o);
      });
    }
  } catch {
    /* no storage: no servers */
  }
  var meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = ["connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co"].concat(servers).join(' ');
  meta.setAttribute('data-servers', servers.join(' '));
  document.head.appendChild(meta);
})();
