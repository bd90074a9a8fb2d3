"""Masking of personal data, and the runtime store under concurrent writers from several processes."""
import multiprocessing
import sqlite3

from guide.privacy import for_storage, from_storage, mask_personal_data
from guide.runtime import RuntimeStore, StoreUnavailable


def test_masks_ids_phones_cards_and_emails():
    text = ("身份证370102199001011234，旧证370102900101123，手机13812345678，+86 139-1234-5678，"
            "卡号6222 0212 3456 7890 123，邮箱zhang.san@qq.com，座机0531-86061234")
    masked = mask_personal_data(text)
    for secret in ("370102199001011234", "370102900101123", "13812345678", "1234-5678", "6222", "zhang.san",
                   "86061234"):
        assert secret not in masked, secret
    assert masked.count("【身份证号】") == 2 and masked.count("【手机号】") == 2
    assert "【银行卡号】" in masked and "【邮箱】" in masked and "【电话号码】" in masked


def test_ordinary_numbers_are_kept():
    assert mask_personal_data("公积金提取3个工作日，收费20元，2026年") == "公积金提取3个工作日，收费20元，2026年"


def test_storage_form_is_escaped_and_round_trips_to_plain_text():
    stored = for_storage("<img src=x onerror=alert(1)>\x07")
    assert "<" not in stored and "\x07" not in stored
    assert from_storage(stored) == "<img src=x onerror=alert(1)>"


def _write_feedback(path, worker, count):
    store = RuntimeStore(path)
    for n in range(count):
        store.add_feedback(f"s{worker}", f"m{n}", n % 2 == 0, f"worker {worker} row {n}")


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "runtime.db"
    RuntimeStore(path).expire_sessions()         # creates the schema before the writers start
    workers, rows = 6, 60
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_feedback, args=(path, w, rows)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    got = set(db.execute("SELECT session_id, message_id FROM feedback").fetchall())
    assert got == {(f"s{w}", f"m{n}") for w in range(workers) for n in range(rows)}


def test_sessions_expire_after_idle_time(tmp_path):
    store = RuntimeStore(tmp_path / "runtime.db", idle_minutes=0)
    store.record_turn("abc", {"entry_id": "x"}, "m1", "q", "answer", None)
    assert store.load_session("abc") is None
    fresh = RuntimeStore(tmp_path / "runtime.db", idle_minutes=30)
    assert fresh.load_session("abc") == {"entry_id": "x"}
    assert RuntimeStore(tmp_path / "runtime.db", idle_minutes=0).expire_sessions() == 1


def test_a_turn_is_recorded_all_or_nothing(tmp_path):
    import pytest

    store = RuntimeStore(tmp_path / "runtime.db")
    query = {"source": "chat", "query": "身份证 13812345678", "normalized": "身份证", "result_ids": ["a"],
             "confidence": "ambiguous", "latency_ms": 12.3}
    store.record_turn("s1", {"entry_id": None}, "m1", "身份证 13812345678", "clarify", None, query)
    assert store.load_session("s1") == {"entry_id": None} and store.message_exists("s1", "m1")
    stats = store.query_stats()
    assert stats["unanswered"][0]["query"] == "身份证 【手机号】"
    # A query-log row the database refuses rolls back the whole turn: no session, no message row;
    # the turn waits in the write-behind queue instead (and the session goes on from there).
    raw = sqlite3.connect(tmp_path / "runtime.db")
    raw.execute("CREATE TRIGGER refuse BEFORE INSERT ON queries BEGIN SELECT RAISE(ABORT, 'refused'); END")
    raw.commit()
    assert store.record_turn("s2", {"n": 2}, "m2", "护照", "answer", "x", query) is False
    assert raw.execute("SELECT COUNT(*) FROM sessions WHERE id = 's2'").fetchone()[0] == 0
    assert raw.execute("SELECT COUNT(*) FROM messages WHERE id = 'm2'").fetchone()[0] == 0
    assert store.load_session("s2") == {"n": 2}
    with pytest.raises(StoreUnavailable):      # feedback on it: not yet storable (503), not unknown
        store.message_exists("s2", "m2")
    raw.execute("DROP TRIGGER refuse")
    raw.commit()
    assert store.flush(5) == 0 and store.message_exists("s2", "m2")


def test_personal_data_is_left_out_of_the_question_used_for_retrieval():
    from guide.privacy import without_personal_data

    assert without_personal_data("身份证丢了，电话13812345678") == "身份证丢了"
    assert without_personal_data("我的手机号是 138 1234 5678 失业金怎么领") == "失业金怎么领"
    assert "370102199003071234" not in without_personal_data("身份证号370102199003071234丢了")
    assert without_personal_data("公积金怎么提取") == "公积金怎么提取"        # nothing personal: unchanged
