"""Work split with a forked child: the same results, in order, as done in one process."""

from __future__ import annotations

import os

import pytest

from newsbrief.archive import cores


def square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_results_come_back_in_order_half_of_them_from_the_child() -> None:
    numbers = list(range(cores.WORTH_A_FORK * 2 + 1))  # an odd count: the parent has one more
    results = cores.map_on_two_cores(square_and_pid, numbers)
    assert [square for square, _ in results] == [n * n for n in numbers]
    assert {pid for _, pid in results[0::2]} == {os.getpid()}
    (child,) = {pid for _, pid in results[1::2]}
    assert child != os.getpid()


def test_small_work_is_not_worth_a_fork() -> None:
    results = cores.map_on_two_cores(square_and_pid, list(range(cores.WORTH_A_FORK - 1)))
    assert {pid for _, pid in results} == {os.getpid()}


def test_a_failing_child_fails_the_work() -> None:
    def fails_on_seven(number: int) -> int:
        if number == 7:  # an odd place: the child's
            raise ValueError("seven")
        return number

    with pytest.raises(RuntimeError, match="the second process failed"):
        cores.map_on_two_cores(fails_on_seven, list(range(cores.WORTH_A_FORK)))


def test_giving_way_lowers_priority_once_to_the_set_niceness() -> None:
    expected = max(cores.NICENESS, os.getpriority(os.PRIO_PROCESS, 0))

    def gives_way_twice() -> bool:  # in a child: this process keeps its priority
        cores.give_way_to_children()
        cores.give_way_to_children()
        return os.getpriority(os.PRIO_PROCESS, 0) == expected

    assert cores.succeeded(cores.fork(gives_way_twice))
