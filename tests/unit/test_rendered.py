"""The JSON texts an API process keeps (clusterd.api.rendered)."""

import threading

from clusterd.api import rendered

COST = rendered.ENTRY_OVERHEAD


def test_a_kept_text_is_found_and_others_are_not():
    cache = rendered.RenderedRows(10 * (COST + 10))
    cache.put_many([(('a', 'v1', True), '{"id": "a"')])
    assert cache.get_many([('a', 'v1', True), ('a', 'v2', True),
                           ('a', 'v1', False), ('b', 'v1', True)]) == [
        '{"id": "a"', None, None, None]


def test_the_least_recently_used_go_first_beyond_the_bound():
    cache = rendered.RenderedRows(3 * (COST + 4))
    cache.put_many([(k, 'text') for k in ('a', 'b', 'c')])
    assert cache.get_many(['a']) == ['text']      # 'b' is now the oldest
    cache.put_many([('d', 'text')])
    assert cache.get_many(['a', 'b', 'c', 'd']) == ['text', None, 'text', 'text']
    assert cache.size == 3 * (COST + 4) and len(cache) == 3


def test_a_text_larger_than_the_bound_is_not_kept():
    cache = rendered.RenderedRows(COST + 4)
    cache.put_many([('big', 'x' * 5), ('small', 'xxxx')])
    assert cache.get_many(['big', 'small']) == [None, 'xxxx']


def test_replacing_a_key_counts_its_size_once():
    cache = rendered.RenderedRows(10 * COST)
    cache.put_many([('a', 'xx'), ('a', 'xxxx')])
    assert cache.size == COST + 4 and len(cache) == 1


def test_a_zero_bound_keeps_nothing():
    cache = rendered.RenderedRows(0)
    cache.put_many([('a', 'x')])
    assert cache.get_many(['a']) == [None] and len(cache) == 0


def test_one_cache_per_database_and_bound():
    class Database:
        pass

    one, two = Database(), Database()
    assert rendered.for_database(one, 100) is rendered.for_database(one, 100)
    assert rendered.for_database(one, 100) is not rendered.for_database(two, 100)
    assert rendered.for_database(one, 100) is not rendered.for_database(one, 0)


def test_threads_never_leave_it_over_its_bound():
    cache = rendered.RenderedRows(50 * (COST + 8))

    def work(n):
        for i in range(2000):
            key = (n, i % 120)
            if cache.get_many([key]) == [None]:
                cache.put_many([(key, '%08d' % i)])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.size <= cache.max_bytes
    assert cache.size == len(cache) * (COST + 8)
