/* Citizen chat: posts to /api/chat (with the chosen region when several are served) and renders
   each reply (answer card, options, bundle steps, suggestion chips, 👍/👎 feedback). The session
   id lives in memory only: a reload, the 新对话 button or ten idle minutes start a new
   conversation, so the next person at a hall kiosk never inherits the last one's. All reply text
   is inserted with text nodes only. */
(function () {
  "use strict";
  var R = window.GuideRender;
  var h = R.h;
  var SESSION_KEY = "guide.session_id";
  var IDLE_MS = 10 * 60 * 1000;
  var DOWN_REASONS = ["没找到我要办的事", "材料或信息不对", "看不懂", "其他"];
  var session = null, idleTimer = null, maxChars = 200;
  var FEEDBACK_TYPES = ["answer", "bundle", "no_match"];
  var TYPE_LABELS = {answer: "办事指南", clarify: "请确认", situation: "请选择您的情形", no_match: "未找到", bundle: "一件事"};

  var root, log, form, input, sendButton, statusLine, regionSelect;
  var busy = false;

  function getSession() { return session; }

  function setSession(id) {
    session = id || null;
    try { if (id) { window.sessionStorage.setItem(SESSION_KEY, id); } } catch (e) { /* storage off */ }
  }

  /* A fresh conversation: no session, the log back to the welcome message. */
  function newConversation() {
    session = null;
    try { window.sessionStorage.removeItem(SESSION_KEY); } catch (e) { /* storage off */ }
    log.querySelectorAll(".msg:not(.msg--intro)").forEach(function (m) { m.remove(); });
    statusLine.textContent = "已开始新对话。";
    input.value = "";
    input.focus({preventScroll: true});
  }

  function touch() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(function () {
      if (session) { newConversation(); statusLine.textContent = "长时间未操作，已为您开始新对话。"; }
    }, IDLE_MS);
  }

  function scrollToEnd(el) {
    if (el && el.scrollIntoView) { el.scrollIntoView({block: "nearest"}); }
  }

  function addUser(text) {
    var msg = h("article", {class: "msg msg--user", "aria-label": "我说"}, h("p", {class: "msg__text"}, text));
    log.appendChild(msg);
    scrollToEnd(msg);
  }

  function addError(text) {
    var msg = h("article", {class: "msg msg--bot msg--error", role: "alert"}, h("p", {class: "msg__text"}, text));
    log.appendChild(msg);
    scrollToEnd(msg);
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    root.setAttribute("aria-busy", on ? "true" : "false");
    statusLine.textContent = on ? "正在为您查询…" : "";
  }

  /* Send a message or an option choice; `echo` is what the citizen sees as their own bubble. */
  function send(message, choice, echo) {
    if (busy) { return Promise.resolve(); }
    touch();
    addUser(echo);
    setBusy(true);
    var body = {message: message, session_id: getSession(), choice: choice};
    if (regionSelect) { body.region = regionSelect.value; }      /* only when several regions are served */
    return fetch("/api/chat", {
      method: "POST",
      headers: {"Content-Type": "application/json", "Accept": "application/json"},
      credentials: "same-origin",
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) {
        if (!res.ok || !data) {
          addError(R.errorMessage(data, "服务暂时不可用（" + res.status + "），请稍后再试或拨打 12345。"));
          return;
        }
        setSession(data.session_id);
        renderReply(data);
      });
    }).catch(function () {
      addError("网络连接失败，请检查网络后重试。");
    }).then(function () {
      setBusy(false);
    });
  }

  function optionGroup(options, label) {
    var group = h("div", {class: "options", role: "group", "aria-label": label});
    options.forEach(function (opt) {
      var button = h("button", {type: "button", class: "option-btn", "data-choice": opt.id}, opt.label);
      button.addEventListener("click", function () {
        if (busy) { return; }
        group.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        button.classList.add("is-chosen");
        button.setAttribute("aria-pressed", "true");
        send(null, opt.id, opt.label);
      });
      group.appendChild(button);
    });
    return group;
  }

  function suggestionChips(suggestions) {
    return h("div", {class: "chips"},
      h("p", {class: "chips__title"}, "您可能还想了解："),
      h("ul", {class: "chips__list"}, suggestions.map(function (s) {
        var chip = h("button", {type: "button", class: "chip", "data-question": s.label}, s.label);
        return h("li", null, chip);
      })));
  }

  function feedbackControl(data) {
    var box = h("div", {class: "feedback", role: "group", "aria-label": "这条回答对您有帮助吗"});
    var note = h("span", {class: "feedback__note", "aria-live": "polite"});
    var up = h("button", {type: "button", class: "feedback__btn", "aria-label": "有帮助"},
               h("span", {"aria-hidden": "true"}, "👍"), " 有帮助");
    var down = h("button", {type: "button", class: "feedback__btn", "aria-label": "没帮助"},
                 h("span", {"aria-hidden": "true"}, "👎"), " 没帮助");
    function vote(helpful, button, comment) {
      up.disabled = down.disabled = true;
      button.setAttribute("aria-pressed", "true");
      var body = {session_id: data.session_id, message_id: data.message_id, helpful: helpful};
      if (comment) { body.comment = comment; }
      fetch("/api/feedback", {
        method: "POST",
        headers: {"Content-Type": "application/json", "Accept": "application/json"},
        credentials: "same-origin",
        body: JSON.stringify(body)
      }).then(function (res) {
        return res.json().catch(function () { return null; }).then(function (body) {
          if (res.ok) {
            note.textContent = "感谢您的反馈！";
          } else {
            note.textContent = R.errorMessage(body, "反馈提交失败，请稍后再试。");
            up.disabled = down.disabled = false;
            button.removeAttribute("aria-pressed");
          }
        });
      }).catch(function () {
        note.textContent = "网络连接失败，反馈未提交。";
        up.disabled = down.disabled = false;
        button.removeAttribute("aria-pressed");
      });
    }
    up.addEventListener("click", function () { vote(true, up); });
    down.addEventListener("click", function () {
      /* 👎 asks why (a few reasons and an optional note) before sending. */
      if (box.querySelector(".feedback__why")) { return; }
      var note = h("input", {type: "text", class: "feedback__comment", "aria-label": "补充说明（可不填）",
                             placeholder: "补充说明（可不填）"});
      var why = h("div", {class: "feedback__why", role: "group", "aria-label": "哪里没帮上忙"},
        DOWN_REASONS.map(function (reason) {
          var b = h("button", {type: "button", class: "chip feedback__reason"}, reason);
          b.addEventListener("click", function () {
            var text = reason + (note.value.trim() ? "：" + note.value.trim() : "");
            why.remove();
            vote(false, down, text.slice(0, 500));
          });
          return b;
        }), note);
      box.appendChild(why);
    });
    box.appendChild(h("span", {class: "feedback__label"}, "有帮助吗？"));
    box.appendChild(up);
    box.appendChild(down);
    box.appendChild(note);
    return box;
  }

  function renderReply(data) {
    var type = data.type || "answer";
    var msg = h("article", {class: "msg msg--bot msg--" + type, "aria-label": "导办回复：" + (TYPE_LABELS[type] || "回复"),
                            "data-type": type, "data-message-id": data.message_id || ""});
    var view = data.view;
    /* A follow-up answers one part of the guide already shown: its text, not the whole card again. */
    var carded = (type === "answer" || type === "bundle") && view && !data.follow_up && data.asked !== "fact";
    var text = data.text || "";
    var lines = text.split("\n");
    if (carded && lines.length > 1) {
      /* The card shows the details; the full plain-text answer stays one click away. */
      msg.appendChild(h("p", {class: "msg__text"}, lines[0]));
      msg.appendChild(h("details", {class: "msg__plain"}, h("summary", null, "文字版回答"),
                        h("p", {class: "msg__text"}, text)));
    } else if (text) {
      msg.appendChild(h("p", {class: "msg__text"}, text));
    }
    if (type === "answer" && view && carded) {
      msg.appendChild(R.guideCard(view, {asked: data.asked}));
    } else if (type === "bundle" && view) {
      msg.appendChild(R.bundleCard(view, {showSummary: !data.text}));
    } else if (type === "situation" && view) {
      msg.appendChild(h("p", {class: "msg__context"}, "事项：", h("a", {href: view.page_url}, view.name)));
    } else if (type === "no_match") {
      msg.appendChild(h("p", {class: "msg__hint"}, "也可以拨打 12345 政务服务便民热线咨询。"));
    }
    var options = data.options || [];
    if (options.length) {
      msg.appendChild(optionGroup(options, type === "situation" ? "请选择您的情形" : "请选择您要办理的事项"));
    }
    if (data.suggestions && data.suggestions.length) { msg.appendChild(suggestionChips(data.suggestions)); }
    if (data.message_id && FEEDBACK_TYPES.indexOf(type) !== -1) { msg.appendChild(feedbackControl(data)); }
    log.appendChild(msg);
    scrollToEnd(msg);
    var first = msg.querySelector(".option-btn");
    if (first) { first.focus({preventScroll: true}); } else { input.focus({preventScroll: true}); }
  }

  function ask(text) {
    text = (text || "").trim();
    if (!text || busy) { return; }
    if (text.length > maxChars) {       /* refused visibly, never cut */
      statusLine.textContent = "问题太长了（" + text.length + " 字），请精简到 " + maxChars + " 字以内再发送。";
      input.focus({preventScroll: true});
      return;
    }
    input.value = "";
    send(text, null, text);
  }

  /* The region switch (only when the build serves several): the remembered choice if it is still
     served, else the deployment's default; each turn sends it, the session follows a change. */
  function setUpRegion() {
    regionSelect = document.getElementById("chat-region");
    if (!regionSelect) { return; }
    var stored = window.GuidePrefs ? window.GuidePrefs.get("region") : null;
    var served = Array.prototype.some.call(regionSelect.options, function (o) { return o.value === stored; });
    if (stored && served) { regionSelect.value = stored; }
    regionSelect.addEventListener("change", function () {
      if (window.GuidePrefs) { window.GuidePrefs.set("region", regionSelect.value); }
      var name = regionSelect.options[regionSelect.selectedIndex].textContent;
      statusLine.textContent = "已切换到" + name + "，之后的问题按" + name + "的事项回答。";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    root = document.getElementById("chat-root");
    log = document.getElementById("log");
    form = document.getElementById("ask");
    input = document.getElementById("q");
    sendButton = document.getElementById("send");
    statusLine = document.getElementById("status");
    maxChars = parseInt(input.getAttribute("data-max"), 10) || 200;
    setUpRegion();
    try { window.sessionStorage.removeItem(SESSION_KEY); } catch (e) { /* a reload starts afresh */ }
    document.getElementById("new-chat").addEventListener("click", newConversation);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ask(input.value);
    });
    /* One delegated listener for every suggestion / popular-question chip, old and new. */
    log.addEventListener("click", function (event) {
      var chip = event.target.closest ? event.target.closest(".chip") : null;
      if (chip && log.contains(chip)) { ask(chip.getAttribute("data-question")); }
    });
    root.setAttribute("data-ready", "true");
  });
})();
