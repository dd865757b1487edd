// Live preview for the article editor: the server renders the Markdown through the same
// pipeline as the public page, so what the preview shows is what readers will get.
(function () {
  "use strict";
  var form = document.getElementById("article-form");
  var body = document.getElementById("body");
  var preview = document.getElementById("preview");
  if (!form || !body || !preview) {
    return;
  }
  var timer = null;
  var token = form.querySelector("input[name=__RequestVerificationToken]");
  function refresh() {
    var data = new URLSearchParams();
    data.append("body", body.value);
    if (token) {
      data.append("__RequestVerificationToken", token.value);
    }
    var url = new URL(form.action || window.location.href, window.location.href);
    url.searchParams.set("handler", "Preview");
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null) {
          preview.innerHTML = html; // sanitised on the server, as on the public page
        }
      });
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
