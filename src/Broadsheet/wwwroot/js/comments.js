// The article page's comment form: the server's validation rules checked before posting, and
// threaded replies without a page load. Both only improve on what already works without
// JavaScript (the server validates again; Reply links carry ?replytocom=ID). Messages and limits
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

  form.addEventListener('submit', (event) => {
    const invalid = fields.filter((field) => !check(field));
    if (invalid.length > 0) {
      event.preventDefault();
      invalid[0].focus();
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
