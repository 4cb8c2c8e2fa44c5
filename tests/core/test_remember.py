"""Values built once per key and kept in the process (``core.remember``)."""

import threading

from vanphong.core.remember import Remembered


def test_a_value_is_built_once_per_key_and_the_oldest_forgotten_past_the_size():
    built = []

    def build(key):
        def make():
            built.append(key)
            return f"value of {key}"

        return make

    kept = Remembered[str](2)
    assert kept.get("a", build("a")) == "value of a"
    assert kept.get("a", build("a")) == "value of a"
    assert kept.get(("b", 1), build("b")) == "value of b"
    assert built == ["a", "b"]
    kept.get("c", build("c"))  # a third: "a", the oldest, is forgotten
    assert len(kept) == 2
    kept.get(("b", 1), build("b"))
    kept.get("a", build("a"))
    assert built == ["a", "b", "c", "a"]


def test_threads_sharing_the_values_keep_at_most_the_size():
    kept = Remembered[int](8)
    errors = []

    def work(offset):
        try:
            for i in range(2000):
                assert kept.get((offset + i) % 50, lambda i=i: i) is not None
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n * 7,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(kept) <= 8
