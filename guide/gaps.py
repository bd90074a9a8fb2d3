"""The catalog's gaps: questions the guide could not answer or whose answer got a 👎, grouped.

Staff read this to decide what the catalog lacks. Two kinds of event, both from the runtime store:
a logged search whose confidence was not `confident` (no_match or ambiguous), and a chat message
whose latest feedback is helpful = 0. Events are grouped by the question's normalized form — the
query log keeps it; a disliked message's masked question is normalized the same way the dialogue
does it (without personal data, guide.text.normalize) by a SQL function registered on the
connection, so the whole report is one SQL statement. A disliked turn that was already logged as
unanswered (same time, same normalized question) counts once.

Weeks are ISO weeks in China time (UTC+8), the current one last.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import time
from collections.abc import Callable

from guide.privacy import for_storage, from_storage, without_personal_data
from guide.text import normalize

CHINA_OFFSET_S = 8 * 3600
DAY_S = 86400
MAX_WEEKS = 26
CHOICE_PREFIX = "[选项]"        # what guide.chat stores for a turn that picked an option


@functools.lru_cache(maxsize=20_000)        # the same questions come back; normalizing costs ~30 µs
def normalized_key(stored_question: str) -> str:
    """The query log's `normalized` value for a question stored masked by guide.chat: what the
    dialogue searched (personal data left out), normalized, then masked for storage again."""
    text = from_storage(stored_question or "")
    searched = without_personal_data(text) or text
    return for_storage(normalize(searched))


def week_index(timestamp: float) -> int:
    """Monday-based week number in China time (day 0, 1970-01-01, was a Thursday)."""
    return (int((timestamp + CHINA_OFFSET_S) // DAY_S) + 3) // 7


def week_label(index: int) -> str:
    """ISO year-week of a week_index, e.g. 2026-W49."""
    monday = _dt.date(1970, 1, 1) + _dt.timedelta(days=index * 7 - 3)
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(index: int) -> float:
    """The Unix time of that week's Monday 00:00 in China time."""
    return (index * 7 - 3) * DAY_S - CHINA_OFFSET_S


# One statement. The window's queries are read by rowid range from the smallest id of a row at or
# after :since (found through the time index; every later row has a larger id, so nothing is
# missed): the log is written in time order, so the range is about the window, and a range scan is
# an order of magnitude faster than fetching most of the table row by row through the index.
_REPORT_SQL = f"""
WITH last_feedback AS (
    SELECT message_id, helpful, MAX(time) AS at FROM feedback GROUP BY message_id
),
disliked AS MATERIALIZED (
    SELECT time, entry_id, result_ids, asked, gap_key(asked) AS key FROM (
        SELECT m.time AS time, m.entry_id AS entry_id,
               (SELECT q.result_ids FROM queries q WHERE q.time = m.time ORDER BY q.id DESC LIMIT 1) AS result_ids,
               CASE WHEN m.question LIKE '{CHOICE_PREFIX}%' THEN (
                   SELECT p.question FROM messages p
                   WHERE p.session_id = m.session_id AND p.time <= m.time
                         AND p.question NOT LIKE '{CHOICE_PREFIX}%'
                   ORDER BY p.time DESC LIMIT 1)
               ELSE m.question END AS asked
        FROM last_feedback f JOIN messages m ON m.id = f.message_id
        WHERE f.helpful = 0 AND m.time >= :since)
    WHERE asked IS NOT NULL
),
events AS MATERIALIZED (
    SELECT normalized AS key, time, query AS example, 'unanswered' AS why, '' AS entry_id, result_ids
    FROM queries
    WHERE id >= (SELECT MIN(id) FROM queries WHERE time >= :since) AND +time >= :since
          AND confidence != 'confident'
    UNION ALL
    SELECT d.key, d.time, d.asked, 'disliked', d.entry_id, d.result_ids
    FROM disliked d
    WHERE NOT EXISTS (SELECT 1 FROM queries q WHERE q.time = d.time AND q.confidence != 'confident'
                                                AND q.normalized = d.key)
),
groups AS MATERIALIZED (
    SELECT key, COUNT(*) AS total, SUM(why = 'unanswered') AS unanswered, SUM(why = 'disliked') AS disliked,
           MAX(time) AS last_seen
    FROM events WHERE key != '' GROUP BY key
    ORDER BY total DESC, last_seen DESC LIMIT :limit
),
shown AS MATERIALIZED (              -- the events of the groups shown: the rest need no sorting
    SELECT * FROM events WHERE key IN (SELECT key FROM groups)
),
ranked AS (
    SELECT key, example,
           ROW_NUMBER() OVER (PARTITION BY key ORDER BY time DESC) AS recency,
           FIRST_VALUE(result_ids) OVER (PARTITION BY key ORDER BY result_ids IS NULL, time DESC) AS latest_results,
           FIRST_VALUE(entry_id) OVER (PARTITION BY key ORDER BY entry_id = '', time DESC) AS shown_entry
    FROM shown
),
weekly AS (
    SELECT key, json_group_object(week, n) AS weeks FROM (
        SELECT key, (CAST((time + :offset) / 86400 AS INTEGER) + 3) / 7 AS week, COUNT(*) AS n
        FROM shown GROUP BY key, week)
    GROUP BY key
)
SELECT g.key, g.total, g.unanswered, g.disliked, g.last_seen, r.example, r.latest_results, r.shown_entry,
       w.weeks, (SELECT COUNT(*) FROM drafts d WHERE d.gap = g.key AND d.status != 'rejected') AS drafts
FROM groups g JOIN ranked r ON r.key = g.key AND r.recency = 1 JOIN weekly w ON w.key = g.key
ORDER BY g.total DESC, g.last_seen DESC
"""


class GapsUnavailable(RuntimeError):
    """The runtime store's backend cannot compute the report (PostgreSQL: not yet ported)."""


def gap_report(store, weeks: int = 8, limit: int = 100, now: float | None = None,
               title: Callable[[str], str | None] | None = None,
               lookalike: Callable[[str], str] | None = None) -> dict:
    """Grouped gaps of the last `weeks` ISO weeks (the current one included), most frequent first.

    Every group: normalized question, example (the latest masked question), total / unanswered /
    disliked counts, counts per week (oldest first, aligned with the report's `weeks` labels),
    last seen, how many drafts (not rejected) answer it, and the likely matter — the top result of
    the group's latest searched turn, else the entry a disliked answer showed; `title` names it.
    `lookalike` names the service an unanswered question asks that the catalog knows it lacks (a
    lookalike of the near-twin it found, guide.search.lookalikes), "" for none: a known gap.
    Texts come back unescaped (still masked): pages insert them with textContent.
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be between 1 and {MAX_WEEKS}")
    now = time.time() if now is None else now
    current = week_index(now)
    first = current - weeks + 1
    params = {"since": week_start(first), "limit": limit, "offset": CHINA_OFFSET_S}

    if getattr(store, "dialect", None) is not None and store.dialect.name != "sqlite":
        raise GapsUnavailable("the gaps report reads the SQLite runtime store; on PostgreSQL use guide curate")

    def read(db):
        getattr(db, "conn", db).create_function("gap_key", 1, normalized_key, deterministic=True)
        return db.execute(_REPORT_SQL, params).fetchall()

    groups = []
    for (key, total, unanswered, disliked, last_seen, example, latest_results, shown_entry, per_week,
         drafts) in store._run(read):
        matter_id = _top_result(latest_results) or shown_entry or None
        counts = {int(week): n for week, n in json.loads(per_week).items()}
        groups.append({
            "key": key,
            "normalized": from_storage(key),
            "example": from_storage(example or ""),
            "total": total, "unanswered": unanswered, "disliked": disliked,
            "weekly": [counts.get(w, 0) for w in range(first, current + 1)],
            "last_seen": _china_time(last_seen),
            "drafts": drafts,
            "lookalike": (lookalike(from_storage(example or "")) if lookalike and unanswered else ""),
            "matter": None if matter_id is None else {
                "id": matter_id, "title": (title(matter_id) if title else None)},
        })
    return {"weeks": [week_label(w) for w in range(first, current + 1)],
            "since": _china_time(week_start(first)), "groups": groups}


def _top_result(result_ids: str | None) -> str | None:
    try:
        ids = json.loads(result_ids) if result_ids else []
    except json.JSONDecodeError:
        return None
    return ids[0] if isinstance(ids, list) and ids and isinstance(ids[0], str) else None


def _china_time(timestamp: float) -> str:
    moment = _dt.datetime.fromtimestamp(timestamp, _dt.timezone(_dt.timedelta(seconds=CHINA_OFFSET_S)))
    return moment.strftime("%Y-%m-%d %H:%M")
