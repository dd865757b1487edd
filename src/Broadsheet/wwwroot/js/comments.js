// The article page's comment form: the server's validation rules checked before posting, and
// threaded replies without a page load, and the reader's antiforgery token fetched as they start
// writing. All only improve on what already works without JavaScript (the server validates again;
// Reply links carry ?replytocom=ID; a post without a token comes back to be sent again). Messages and limits
// come from the form's data attributes, so browser and server always say the same words.
(function () {
  'use strict';

  const form = document.getElementById('commentform');
  if (!form) {
    return;
  }

  const data = form.dataset;
  const emailPattern = new RegExp(data.emailPattern);
  const webAddress = /^https?:\/\/\S+$/i;
  const fieldNames = ['comment', 'author', 'email', 'url'];

  // Limits count Unicode code points, as the server does; String.length counts UTF-16 units.
  const isTooLong = (value, max) => [...value].length > Number(max);

  // Same order of checks as CommentForm.Validate on the server; '' means the value is fine.
  function messageFor(name, raw) {
    const value = raw.trim();
    switch (name) {
      case 'comment':
        return !value ? data.msgComment : isTooLong(value, data.maxComment) ? data.msgCommentLong : '';
      case 'author':
        return !value ? data.msgAuthor : isTooLong(value, data.maxAuthor) ? data.msgAuthorLong : '';
      case 'email': {
        const email = value.toLowerCase();
        if (!email) {
          return data.msgEmail;
        }
        if (isTooLong(email, data.maxEmail)) {
          return data.msgEmailLong;
        }
        return emailPattern.test(email) ? '' : data.msgEmailInvalid;
      }
      case 'url':
        if (!value) {
          return '';
        }
        if (isTooLong(value, data.maxUrl)) {
          return data.msgUrlLong;
        }
        return webAddress.test(value) ? '' : data.msgUrlInvalid;
      default:
        return '';
    }
  }

  function check(field) {
    const message = messageFor(field.name, field.value);
    const slot = document.getElementById(field.name + '-error');
    if (slot) {
      slot.textContent = message;
    }
    if (message) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', field.name + '-error');
    } else {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
    return !message;
  }

  const fields = fieldNames.map((name) => form.elements.namedItem(name)).filter(Boolean);

  // Cached pages are the same bytes for every reader (and for CDNs), so they carry no antiforgery
  // token: the form asks for this reader's own when they start writing, or at the latest when they
  // send it. Should that fail, the form is sent anyway and the server answers with the text kept
  // and a token, asking to send it again (as it does for readers without JavaScript).
  const tokenField = form.elements.namedItem('__RequestVerificationToken');
  let tokenRequest = null;
  function fetchToken() {
    if (!tokenField || tokenField.value) {
      return Promise.resolve();
    }
    tokenRequest ??= fetch(data.tokenUrl, { credentials: 'same-origin', cache: 'no-store' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((answer) => {
        tokenField.value = answer.token;
      })
      .catch(() => {
        tokenRequest = null;
      });
    return tokenRequest;
  }
  form.addEventListener('focusin', fetchToken);

  form.addEventListener('submit', (event) => {
    const invalid = fields.filter((field) => !check(field));
    if (invalid.length > 0) {
      event.preventDefault();
      invalid[0].focus();
    } else if (tokenField && !tokenField.value) {
      event.preventDefault();
      // form.submit is the button named "submit" (WordPress's markup), hence the prototype's method.
      fetchToken().then(() => HTMLFormElement.prototype.submit.call(form));
    }
  });

  // Once a field has been marked invalid (here or by the server), it is re-checked as the reader
  // corrects it, so the message disappears as soon as it no longer applies.
  for (const field of fields) {
    const recheck = () => {
      if (field.getAttribute('aria-invalid') === 'true') {
        check(field);
      }
    };
    field.addEventListener('input', recheck);
    field.addEventListener('blur', recheck);
  }

  const respond = document.getElementById('respond');
  const parentInput = document.getElementById('comment_parent');
  const title = document.getElementById('reply-title');
  const cancelLink = document.getElementById('cancel-comment-reply-link');
  const textarea = document.getElementById('comment');
  if (!respond || !parentInput || !title || !cancelLink || !textarea) {
    return;
  }
  let placeholder = null;

  // Only the title's own text changes: the <small> holding the cancel link stays in place.
  function setTitle(text) {
    const node = [...title.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (node) {
      node.textContent = text + ' ';
    } else {
      title.insertBefore(document.createTextNode(text + ' '), title.firstChild);
    }
  }

  function replyTo(link) {
    const body = link.closest('.comment-body');
    if (!body) {
      return false;
    }
    if (!placeholder) {
      placeholder = document.createElement('div');
      placeholder.hidden = true;
      respond.before(placeholder);
    }
    body.after(respond);
    parentInput.value = link.dataset.commentId;
    setTitle('Reply to ' + link.dataset.author);
    cancelLink.hidden = false;
    textarea.focus();
    return true;
  }

  function cancelReply() {
    if (placeholder) {
      placeholder.replaceWith(respond);
      placeholder = null;
    }
    parentInput.value = '0';
    setTitle('Leave a Reply');
    cancelLink.hidden = true;
    textarea.focus();
  }

  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Element)) {
      return;
    }
    const link = event.target.closest('a.comment-reply-link[data-comment-id]');
    if (link && replyTo(link)) {
      event.preventDefault();
    } else if (event.target.closest('#cancel-comment-reply-link')) {
      event.preventDefault();
      cancelReply();
    }
  });
})();
