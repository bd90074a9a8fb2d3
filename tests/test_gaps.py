"""The gaps report (guide/gaps.py) on a hand-filled runtime store: real SQLite in a tmp folder."""
import datetime as dt
from types import SimpleNamespace

import pytest

import guide.runtime
from guide.gaps import gap_report, normalized_key, week_index, week_label, week_start
from guide.privacy import for_storage, without_personal_data
from guide.runtime import RuntimeStore
from guide.text import normalize

CHINA = dt.timezone(dt.timedelta(hours=8))
# Wednesday 2026-12-02 10:00 China time: ISO week 2026-W49 (Monday 2026-11-30).
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=CHINA).timestamp()
HOUR, DAY = 3600, 86400


class Clock:
    """Sets the time the store writes (guide.runtime's `time` only), so rows land in chosen weeks."""

    def __init__(self, monkeypatch):
        self.now = NOW
        real = guide.runtime.time
        monkeypatch.setattr(guide.runtime, "time", SimpleNamespace(time=lambda: self.now, monotonic=real.monotonic,
                                                                   sleep=real.sleep, strftime=real.strftime,
                                                                   localtime=real.localtime))


@pytest.fixture()
def store(tmp_path):
    return RuntimeStore(tmp_path / "runtime.db")


@pytest.fixture()
def clock(monkeypatch):
    return Clock(monkeypatch)


def turn(store, clock, at, question, confidence, results=("370100-GA-002",), session="s1", msg=None,
         entry_id=None, searched=True):
    """One chat turn as guide.chat records it: the message, and the query the dialogue searched."""
    clock.now = at
    msg = msg or f"m{at}"
    searched_text = without_personal_data(question) or question
    query = None if not searched else {
        "source": "chat", "query": searched_text, "normalized": normalize(searched_text),
        "result_ids": list(results), "confidence": confidence, "latency_ms": 3.0}
    store.record_turn(session, {}, msg, question, "answer" if confidence == "confident" else "no_match",
                      entry_id, query)
    return msg


def dislike(store, clock, at, session, msg, helpful=False):
    clock.now = at
    store.add_feedback(session, msg, helpful, "")


def by_key(report):
    return {g["normalized"]: g for g in report["groups"]}


def test_weeks_are_iso_weeks_in_china_time():
    assert week_label(week_index(NOW)) == "2026-W49"
    monday = dt.datetime(2026, 11, 30, 0, 0, tzinfo=CHINA).timestamp()
    assert week_start(week_index(NOW)) == monday
    # Monday 00:30 in Jinan is still Sunday in UTC: it belongs to the Monday's week
    assert week_index(monday + 1800) == week_index(NOW)
    assert week_index(monday - 1) == week_index(NOW) - 1
    assert week_label(week_index(monday - 1)) == "2026-W48"
    # ISO week 1 of 2027 starts on Monday 2027-01-04; 2027-01-03 is still 2026-W53
    assert week_label(week_index(dt.datetime(2027, 1, 3, 12, tzinfo=CHINA).timestamp())) == "2026-W53"
    assert week_label(week_index(dt.datetime(2027, 1, 4, 0, 5, tzinfo=CHINA).timestamp())) == "2027-W01"


def test_unanswered_questions_grouped_by_normalized_form_with_weekly_counts(store, clock):
    monday = week_start(week_index(NOW))
    turn(store, clock, NOW - HOUR, "养狗要登记吗", "no_match", results=())
    turn(store, clock, monday + 1800, "養狗要登記嗎", "no_match", results=())       # traditional: same group
    turn(store, clock, NOW - 8 * DAY, "养狗要登记吗 ", "ambiguous", results=("370100-MZ-001", "370100-GA-001"))
    turn(store, clock, NOW - 9 * 7 * DAY, "养狗要登记吗", "no_match")              # before the 8-week window
    turn(store, clock, NOW - 2 * HOUR, "身份证过期了怎么办", "confident")            # answered: no gap

    report = gap_report(store, weeks=8, now=NOW, title={"370100-MZ-001": "婚姻登记"}.get)
    assert report["weeks"][-1] == "2026-W49" and report["weeks"][0] == "2026-W42" and len(report["weeks"]) == 8
    assert report["since"] == "2026-10-12 00:00"
    groups = by_key(report)
    assert set(groups) == {"养狗要登记吗"}
    dog = groups["养狗要登记吗"]
    assert dog["total"] == 3 and dog["unanswered"] == 3 and dog["disliked"] == 0
    assert dog["weekly"] == [0, 0, 0, 0, 0, 0, 1, 2]
    assert dog["last_seen"] == "2026-12-02 09:00"
    assert dog["example"] == "养狗要登记吗"                       # the latest question asked
    # the latest query of the group had no results; the one before named MZ-001 but is older
    assert dog["matter"] is None

    turn(store, clock, NOW - 30 * 60, "养狗要登记吗", "ambiguous", results=("370100-MZ-001",))
    dog = by_key(gap_report(store, now=NOW, title={"370100-MZ-001": "婚姻登记"}.get))["养狗要登记吗"]
    assert dog["total"] == 4 and dog["weekly"][-1] == 3
    assert dog["matter"] == {"id": "370100-MZ-001", "title": "婚姻登记"}

    recent = gap_report(store, weeks=1, now=NOW)
    assert recent["weeks"] == ["2026-W49"] and by_key(recent)["养狗要登记吗"]["weekly"] == [3]


def test_disliked_answers_join_feedback_to_messages_and_are_masked(store, clock):
    phone = "13912345678"
    m1 = turn(store, clock, NOW - 3 * HOUR, f"身份证丢了 我的电话是{phone}", "confident", session="a",
              entry_id="370100-GA-003", results=("370100-GA-003",))
    dislike(store, clock, NOW - 3 * HOUR + 60, "a", m1)
    m2 = turn(store, clock, NOW - DAY, "身份证丢了", "confident", session="b", entry_id="370100-GA-003",
              results=("370100-GA-003",))
    dislike(store, clock, NOW - DAY + 60, "b", m2)
    dislike(store, clock, NOW - DAY + 120, "b", m2, helpful=True)        # changed their mind: not a gap
    m3 = turn(store, clock, NOW - 2 * HOUR, "公积金怎么取", "confident", session="c")
    dislike(store, clock, NOW - 2 * HOUR + 5, "c", m3, helpful=True)     # liked: not a gap

    groups = by_key(gap_report(store, now=NOW, title={"370100-GA-003": "居民身份证补领"}.get))
    assert set(groups) == {"身份证丢了"}        # the phone number is left out of the grouping key
    lost = groups["身份证丢了"]
    assert lost["total"] == 1 and lost["disliked"] == 1 and lost["unanswered"] == 0
    assert lost["example"] == "身份证丢了 我的电话是【手机号】"
    assert lost["matter"] == {"id": "370100-GA-003", "title": "居民身份证补领"}
    assert phone not in repr(gap_report(store, now=NOW))


def test_a_disliked_unanswered_turn_counts_once_and_choice_turns_count_for_the_question(store, clock):
    m1 = turn(store, clock, NOW - HOUR, "外卖骑手摔伤算工伤吗", "no_match", session="a", results=())
    dislike(store, clock, NOW - HOUR + 30, "a", m1)
    # a clarify turn, then the person picked an option and disliked the answer it gave
    turn(store, clock, NOW - 40 * 60, "换证", "ambiguous", session="b", results=("370100-GA-002", "370100-GA-001"))
    picked = turn(store, clock, NOW - 39 * 60, "[选项] 370100-GA-002", "confident", session="b",
                  entry_id="370100-GA-002", searched=False)
    dislike(store, clock, NOW - 38 * 60, "b", picked)

    groups = by_key(gap_report(store, now=NOW))
    rider = groups["外卖骑手摔伤算工伤吗"]
    assert rider["total"] == 1 and rider["unanswered"] == 1 and rider["disliked"] == 0
    swap = groups["换证"]
    assert swap["total"] == 2 and swap["unanswered"] == 1 and swap["disliked"] == 1
    assert swap["example"] == "换证" and swap["matter"]["id"] == "370100-GA-002"
    assert set(groups) == {"外卖骑手摔伤算工伤吗", "换证"}


def test_most_frequent_first_limit_and_weeks_bounds(store, clock):
    for i in range(3):
        turn(store, clock, NOW - i * HOUR, "落户口需要什么", "no_match", results=())
    turn(store, clock, NOW - 10 * 60, "办居住证", "no_match", results=())
    report = gap_report(store, now=NOW)
    assert [g["normalized"] for g in report["groups"]] == ["落户口需要什么", "办居住证"]
    assert [g["normalized"] for g in gap_report(store, now=NOW, limit=1)["groups"]] == ["落户口需要什么"]
    for weeks in (0, 27):
        with pytest.raises(ValueError):
            gap_report(store, weeks=weeks, now=NOW)


def test_normalized_key_matches_what_the_query_log_stores(store, clock):
    question = "請問 身分證<過期>了 電話 0531-88886666"
    turn(store, clock, NOW, question, "confident")
    stored_message, stored_normalized = store._run(lambda db: db.execute(
        "SELECT m.question, q.normalized FROM messages m JOIN queries q ON q.time = m.time").fetchone())
    assert normalized_key(stored_message) == stored_normalized
    assert stored_normalized == for_storage(normalize(without_personal_data(question)))
    assert "&lt;" in stored_normalized and "0531" not in stored_normalized


def test_store_errors_surface_as_store_unavailable(tmp_path):
    path = tmp_path / "runtime.db"
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(guide.runtime.StoreUnavailable):
        gap_report(RuntimeStore(path), now=NOW)
