/* Shared DOM rendering of entry views (guide/present/view.py) for the chat and the counter. The
   server computes every text and decides which materials apply; this file only displays them.
   Every piece of catalog or user text is inserted as a text node — never as HTML — and links are
   only made from http(s) URLs. */
(function () {
  "use strict";

  /* h("p", {class: "x", "aria-label": "..."}, "text", childNode, [more]) -> element */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    var key;
    for (key in (attrs || {})) {
      if (!Object.prototype.hasOwnProperty.call(attrs, key)) { continue; }
      var value = attrs[key];
      if (value === null || value === undefined || value === false) { continue; }
      if (/^on/i.test(key)) { throw new Error("event handler attributes are not allowed: " + key); }
      if (key === "class") { el.className = value; } else { el.setAttribute(key, value === true ? "" : String(value)); }
    }
    for (var i = 2; i < arguments.length; i++) { append(el, arguments[i]); }
    return el;
  }

  function append(parent, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(parent, c); }); return; }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  /* The server's error message when it is Chinese (the API's own errors are); else `fallback`. */
  function errorMessage(body, fallback) {
    var message = body && typeof body.message === "string" ? body.message : "";
    return /[\u4e00-\u9fff]/.test(message) ? message : fallback;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : "";
  }

  function parseJsonAttr(el, name) {
    try { return JSON.parse(el.getAttribute(name) || "{}"); } catch (e) { return {}; }
  }

  /* One material line of an entry view (guide/present/view.py): the server decided its form
     text, tags and whether it applies; this only displays it. */
  function materialItem(item, opts) {
    opts = opts || {};
    var open = item.status === "undecided";
    var label = [h("span", {class: "material__name"}, item.name), " ",
                 h("span", {class: "material__form"}, item.form_text)];
    var tags = [];
    if (item.required === false) { tags.push(h("span", {class: "tag tag--optional"}, "如有")); }
    if (item.exempt) {
      tags.push(h("span", {class: "tag tag--exempt", title: "可通过电子证照调用，无需提交纸质材料"}, "免提交（电子证照）"));
    }
    if (item.conditional && (open || opts.showWhen)) {
      tags.push(h("span", {class: "tag tag--when"}, "部分情形：" + item.when_text));
    }
    var meta = [];
    if (item.source) { meta.push(h("span", {class: "material__meta"}, "来源：" + item.source)); }
    if (item.notes) { meta.push(h("span", {class: "material__meta"}, "说明：" + item.notes)); }
    var body = opts.checkbox
      ? h("label", {class: "material__check"}, h("input", {type: "checkbox"}), " ", label)
      : label;
    return h("li", {class: "material" + (item.conditional ? " material--conditional" : "") + (item.exempt ? " material--exempt" : "")},
             body, tags.length ? [" ", tags] : null, meta);
  }

  function materialsList(items, opts) {
    return h("ul", {class: "materials" + ((opts && opts.checkbox) ? " materials--check" : "")},
             items.map(function (it) { return materialItem(it, opts); }));
  }

  function onlineBlock(online) {
    var channels = (online && online.channels) || [];
    if (!online || !online.available || !channels.length) {
      return h("p", {class: online && online.available ? null : "online-none"}, online ? online.text : "");
    }
    return h("ul", {class: "channels"}, channels.map(function (ch) {
      var url = safeUrl(ch.url);
      if (url) {
        return h("li", null, h("a", {class: "btn btn--online", href: url, target: "_blank", rel: "noopener noreferrer"},
                              "在线办理：" + ch.name, h("span", {class: "visually-hidden"}, "（在新窗口打开）")));
      }
      return h("li", null, h("span", {class: "channel-name"}, ch.name), " ", h("span", {class: "muted"}, "（链接暂未收录）"));
    }));
  }

  function locationsBlock(view) {
    var rows = view.locations || [];
    return h("div", null,
      rows.length ? h("ul", {class: "locations"}, rows.map(function (loc) {
        return h("li", null, h("strong", null, loc.hall),
                 loc.address ? [h("br"), "地址：" + loc.address] : null,
                 loc.hours ? [h("br"), "办公时间：" + loc.hours] : null,
                 loc.phone ? [h("br"), "咨询电话：" + loc.phone] : null);
      })) : null,
      view.location_gap ? h("p", {class: "muted"}, view.location_gap) : null);
  }

  function fact(label, value, note, asked) {
    return h("div", {class: "fact" + (asked ? " is-asked" : "")}, h("dt", null, label),
             h("dd", null, value, note ? h("span", {class: "note"}, note) : null));
  }

  function deptName(code, departments) {
    return (departments && departments[code]) || code || "";
  }

  /* Materials a view shows: those that apply, then those still depending on an open question. */
  function shownMaterials(view) {
    return (view.materials || []).filter(function (m) { return m.status !== "excluded"; });
  }

  /* The guide card of the chat, from the reply's entry view: asked part first, the materials
     for the situations chosen so far, then the key facts. */
  function guideCard(view, opts) {
    opts = opts || {};
    var asked = opts.asked || "";
    var level = opts.headingLevel || 3;
    var hx = "h" + level, hy = "h" + (level + 1);
    var card = h("section", {class: "guide-card", "aria-label": "办事指南：" + view.name});
    card.appendChild(h("header", {class: "guide-card__head"},
      h(hx, {class: "guide-card__title"}, view.name),
      h("p", {class: "guide-card__dept"}, view.department_name)));

    if (asked === "conditions" && view.conditions && view.conditions.length) {
      card.appendChild(h("section", {class: "card-part is-asked"}, h(hy, null, "办理条件"),
        h("ol", null, view.conditions.map(function (c) { return h("li", null, c); }))));
    }
    if (asked === "process" && view.process && view.process.length) {
      card.appendChild(h("section", {class: "card-part is-asked"}, h(hy, null, "办理流程"),
        h("ol", {class: "steps"}, view.process.map(function (p) { return h("li", null, p); }))));
    }

    var personal = Object.keys(view.chosen || {}).length > 0;
    var items = shownMaterials(view);
    if (items.length) {
      card.appendChild(h("section", {class: "card-part card-part--materials" + (asked === "materials" ? " is-asked" : "")},
        h(hy, null, (personal ? "根据您的情况，需要准备" : "申请材料") + "（" + items.length + " 项）"),
        materialsList(items, {checkbox: true})));
    }

    var facts = h("dl", {class: "facts"},
      fact("办理时限", view.time.text, view.time.note, asked === "time"),
      fact("收费", view.fee.text, null, asked === "fee"),
      fact("办理地点", locationsBlock(view), null, asked === "location"),
      fact("网上办理", onlineBlock(view.online), null, asked === "online"));
    card.appendChild(facts);
    card.appendChild(h("p", {class: "guide-card__more"},
      h("a", {href: view.page_url}, "查看完整办事指南 ›"), " ",
      h("a", {href: view.checklist_url, target: "_blank", rel: "noopener", class: "print-link"}, "打印我的材料清单 ›")));
    return card;
  }

  /* A bundle (一件事): its member matters in order (names come with the view), each linking its guide. */
  function bundleCard(view, opts) {
    opts = opts || {};
    var level = opts.headingLevel || 3;
    var members = view.members || [];
    var card = h("section", {class: "guide-card guide-card--bundle", "aria-label": "一件事：" + view.name},
      h("header", {class: "guide-card__head"}, h("h" + level, {class: "guide-card__title"}, view.name),
        h("p", {class: "guide-card__dept"}, "一件事 · 共 " + members.length + " 个事项")));
    if (view.summary && opts.showSummary) { card.appendChild(h("p", null, view.summary)); }
    card.appendChild(h("ol", {class: "steps steps--members"}, members.map(function (m) {
      var link = h("a", {href: "/matters/" + encodeURIComponent(m.id), "data-matter": m.id}, m.name);
      return h("li", null, link, m.note ? h("p", {class: "note"}, m.note) : null);
    })));
    if (view.notes && view.notes.length) {
      card.appendChild(h("ul", {class: "bundle-notes"}, view.notes.map(function (n) { return h("li", null, n); })));
    }
    card.appendChild(h("dl", {class: "facts"}, fact("网上办理", onlineBlock(view.online))));
    card.appendChild(h("p", {class: "guide-card__more"},
      h("a", {href: view.page_url}, "查看一件事完整说明 ›"), " ",
      h("a", {href: view.checklist_url, target: "_blank", rel: "noopener", class: "print-link"}, "打印合并的一次性告知单 ›")));
    return card;
  }

  window.GuideRender = {
    h: h, append: append, errorMessage: errorMessage, safeUrl: safeUrl, parseJsonAttr: parseJsonAttr,
    materialItem: materialItem, materialsList: materialsList, shownMaterials: shownMaterials, onlineBlock: onlineBlock,
    locationsBlock: locationsBlock, fact: fact, deptName: deptName, guideCard: guideCard, bundleCard: bundleCard
  };
})();
