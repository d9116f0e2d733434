"""The collector pause of large reports is shared safely between threads."""

import gc
import threading

from reports.sql import collector_paused


def test_overlapping_pauses_leave_the_collector_on():
    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen_by_second: list[bool] = []

    def first():
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen_by_second.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    # When the first thread finished, the second was still building rows without the collector.
    assert seen_by_second == [False]
    assert gc.isenabled()


def test_a_pause_restores_a_collector_that_was_off():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
