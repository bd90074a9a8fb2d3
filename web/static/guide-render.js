/* Shared DOM rendering of guide JSON (entry_to_dict of a matter or bundle) for the chat and the
   counter. Every piece of catalog or user text is inserted as a text node — never as HTML — and
   links are only made from http(s) URLs. Formatting mirrors the Jinja filters in
   guide/webapp/pages.py so the pages and the scripts say the same thing. */
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

  function formText(m) {
    var copies = m.copies || 0;
    if (m.form === "原件核验") { return "原件（核验后退还）"; }
    if (m.form === "电子材料" || !copies) { return m.form || ""; }
    return m.form + " " + copies + "份";
  }

  function timeLimitText(t) {
    if (!t) { return "以受理窗口告知为准"; }
    if (t.on_the_spot) { return "即办（材料齐全的当场办结）"; }
    var unit = t.days_unit || "工作日";
    var parts = [];
    if (t.promised_days !== null && t.promised_days !== undefined) { parts.push("承诺 " + t.promised_days + " 个" + unit); }
    if (t.legal_days !== null && t.legal_days !== undefined) { parts.push("法定 " + t.legal_days + " 个" + unit); }
    return parts.length ? parts.join("；") : "以受理窗口告知为准";
  }

  function feeText(fee) {
    if (!fee || !fee.charged) { return "不收费"; }
    return fee.standard || "收费（标准以窗口告知为准）";
  }

  /* Same rule as Material.applies in guide/catalog.py. */
  function applies(material, chosen) {
    var when = material.when || [], all = material.when_all || [];
    var keys = Object.keys(chosen).map(function (sid) { return sid + "." + chosen[sid]; });
    if (when.length && !when.some(function (k) { return keys.indexOf(k) !== -1; })) { return false; }
    return all.every(function (k) { return keys.indexOf(k) !== -1; });
  }

  function whenText(matter, when) {
    var situations = (matter && matter.situations) || [];
    return (when || []).map(function (key) {
      var dot = key.indexOf(".");
      var sid = key.slice(0, dot), oid = key.slice(dot + 1);
      var sit = situations.filter(function (s) { return s.id === sid; })[0];
      var opt = sit ? sit.options.filter(function (o) { return o.id === oid; })[0] : null;
      return opt ? opt.label : key;
    }).join("、");
  }

  /* One material line. `item` is a catalog material or a /api/chat checklist item. */
  function materialItem(item, matter, opts) {
    opts = opts || {};
    var exempt = item.exempt || item.exempt_if_e_license;
    var whenKnown = opts.showWhen && item.when && item.when.length;
    var conditional = whenKnown || item.conditional === true;   /* chat checklist items flag it */
    var label = [h("span", {class: "material__name"}, item.name), " ",
                 h("span", {class: "material__form"}, formText(item))];
    var tags = [];
    if (item.required === false) { tags.push(h("span", {class: "tag tag--optional"}, "如有")); }
    if (exempt) {
      tags.push(h("span", {class: "tag tag--exempt", title: "可通过电子证照调用，无需提交纸质材料"}, "免提交（电子证照）"));
    }
    if (whenKnown) {
      tags.push(h("span", {class: "tag tag--when"}, "部分情形：" + whenText(matter, item.when)));
    } else if (conditional) {
      tags.push(h("span", {class: "tag tag--when"}, "部分情形"));
    }
    var meta = [];
    if (item.source) { meta.push(h("span", {class: "material__meta"}, "来源：" + item.source)); }
    if (item.notes) { meta.push(h("span", {class: "material__meta"}, "说明：" + item.notes)); }
    var body = opts.checkbox
      ? h("label", {class: "material__check"}, h("input", {type: "checkbox"}), " ", label)
      : label;
    return h("li", {class: "material" + (conditional ? " material--conditional" : "") + (exempt ? " material--exempt" : "")},
             body, tags.length ? [" ", tags] : null, meta);
  }

  function materialsList(items, matter, opts) {
    return h("ul", {class: "materials" + ((opts && opts.checkbox) ? " materials--check" : "")},
             items.map(function (it) { return materialItem(it, matter, opts); }));
  }

  function onlineBlock(online) {
    if (!online || !online.available) {
      return h("p", {class: "online-none"}, "暂不支持网上办理，请到办理地点现场办理。");
    }
    var channels = online.channels || [];
    if (!channels.length) { return h("p", null, "支持网上办理，入口链接暂未收录。"); }
    return h("ul", {class: "channels"}, channels.map(function (ch) {
      var url = safeUrl(ch.url);
      if (url) {
        return h("li", null, h("a", {class: "btn btn--online", href: url, target: "_blank", rel: "noopener noreferrer"},
                              "在线办理：" + ch.name, h("span", {class: "visually-hidden"}, "（在新窗口打开）")));
      }
      return h("li", null, h("span", {class: "channel-name"}, ch.name), " ", h("span", {class: "muted"}, "（链接暂未收录）"));
    }));
  }

  function locationsBlock(locations) {
    if (!locations || !locations.length) { return h("p", null, "请到就近的政务服务大厅办理，或拨打 12345 咨询。"); }
    return h("ul", {class: "locations"}, locations.map(function (loc) {
      return h("li", null, h("strong", null, loc.hall),
               loc.address ? [h("br"), "地址：" + loc.address] : null,
               loc.hours ? [h("br"), "办公时间：" + loc.hours] : null,
               loc.phone ? [h("br"), "咨询电话：" + loc.phone] : null);
    }));
  }

  function fact(label, value, note, asked) {
    return h("div", {class: "fact" + (asked ? " is-asked" : "")}, h("dt", null, label),
             h("dd", null, value, note ? h("span", {class: "note"}, note) : null));
  }

  function deptName(code, departments) {
    return (departments && departments[code]) || code || "";
  }

  /* The guide card of the chat: asked part first, the checklist, then the key facts. */
  function guideCard(matter, opts) {
    opts = opts || {};
    var asked = opts.asked || "";
    var level = opts.headingLevel || 3;
    var hx = "h" + level, hy = "h" + (level + 1);
    var card = h("section", {class: "guide-card", "aria-label": "办事指南：" + matter.name});
    card.appendChild(h("header", {class: "guide-card__head"},
      h(hx, {class: "guide-card__title"}, matter.name),
      h("p", {class: "guide-card__dept"}, deptName(matter.department, opts.departments))));

    if (asked === "conditions" && matter.conditions && matter.conditions.length) {
      card.appendChild(h("section", {class: "card-part is-asked"}, h(hy, null, "办理条件"),
        h("ol", null, matter.conditions.map(function (c) { return h("li", null, c); }))));
    }
    if (asked === "process" && matter.process && matter.process.length) {
      card.appendChild(h("section", {class: "card-part is-asked"}, h(hy, null, "办理流程"),
        h("ol", {class: "steps"}, matter.process.map(function (p) { return h("li", null, p); }))));
    }

    var personal = Array.isArray(opts.checklist) && opts.checklist.length > 0;
    var items = personal ? opts.checklist : (matter.materials || []);
    if (items.length) {
      card.appendChild(h("section", {class: "card-part card-part--materials" + (asked === "materials" ? " is-asked" : "")},
        h(hy, null, (personal ? "根据您的情况，需要准备" : "申请材料") + "（" + items.length + " 项）"),
        materialsList(items, matter, {checkbox: true, showWhen: !personal})));
    }

    var online = opts.online || matter.online;
    var facts = h("dl", {class: "facts"},
      fact("办理时限", timeLimitText(matter.time_limit), matter.time_limit && matter.time_limit.note, asked === "time"),
      fact("收费", feeText(matter.fee), null, asked === "fee"),
      fact("办理地点", locationsBlock(matter.locations), null, asked === "location"),
      fact("网上办理", onlineBlock(online), null, asked === "online"));
    card.appendChild(facts);
    card.appendChild(h("p", {class: "guide-card__more"},
      h("a", {href: "/matters/" + encodeURIComponent(matter.id)}, "查看完整办事指南 ›")));
    return card;
  }

  /* A bundle (一件事): its member matters in order, each linking its guide page. */
  function bundleCard(bundle, opts) {
    opts = opts || {};
    var level = opts.headingLevel || 3;
    var members = bundle.members || [];
    var card = h("section", {class: "guide-card guide-card--bundle", "aria-label": "一件事：" + bundle.name},
      h("header", {class: "guide-card__head"}, h("h" + level, {class: "guide-card__title"}, bundle.name),
        h("p", {class: "guide-card__dept"}, "一件事 · 共 " + members.length + " 个事项")));
    if (bundle.summary && opts.showSummary) { card.appendChild(h("p", null, bundle.summary)); }
    card.appendChild(h("ol", {class: "steps steps--members"}, members.map(function (m) {
      var link = h("a", {href: "/matters/" + encodeURIComponent(m.matter), "data-matter": m.matter}, m.name || m.matter);
      return h("li", null, link, m.note ? h("p", {class: "note"}, m.note) : null);
    })));
    if (bundle.notes && bundle.notes.length) {
      card.appendChild(h("ul", {class: "bundle-notes"}, bundle.notes.map(function (n) { return h("li", null, n); })));
    }
    card.appendChild(h("dl", {class: "facts"}, fact("网上办理", onlineBlock(bundle.online))));
    card.appendChild(h("p", {class: "guide-card__more"},
      h("a", {href: "/matters/" + encodeURIComponent(bundle.id)}, "查看一件事完整说明 ›")));
    return card;
  }

  window.GuideRender = {
    h: h, append: append, errorMessage: errorMessage, safeUrl: safeUrl, parseJsonAttr: parseJsonAttr, formText: formText,
    timeLimitText: timeLimitText, feeText: feeText, applies: applies, whenText: whenText,
    materialItem: materialItem, materialsList: materialsList, onlineBlock: onlineBlock,
    locationsBlock: locationsBlock, fact: fact, deptName: deptName, guideCard: guideCard, bundleCard: bundleCard
  };
})();
