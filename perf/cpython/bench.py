#!/usr/bin/env python3
"""The perf/ workloads in CPython (threading, queue, concurrent.futures), for the Weave/CPython ratios.

Prints one JSON object: workload name -> operations per second (best of three runs).
Usage: python3 perf/cpython/bench.py [--quick]
"""
import json
import platform
import queue
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = "--quick" in sys.argv


def best(fn, ops, runs=3):
    """Operations per second of fn() (which performs `ops` operations), best of `runs`."""
    rates = []
    for _ in range(1 if QUICK else runs):
        start = time.perf_counter()
        fn()
        rates.append(ops / (time.perf_counter() - start))
    return max(rates)


def lock_uncontended(n=200_000):
    lk = threading.Lock()
    def run():
        for _ in range(n):
            lk.acquire()
            lk.release()
    return best(run, n)


def rlock_pair(n=200_000):
    lk = threading.RLock()
    def run():
        for _ in range(n):
            lk.acquire(); lk.acquire(); lk.release(); lk.release()
    return best(run, n)


def contended_counter(threads, n=100_000):
    lk = threading.Lock()
    counter = [0]
    def worker(k):
        for _ in range(k):
            with lk:
                counter[0] += 1
    def run():
        ts = [threading.Thread(target=worker, args=(n // threads,)) for _ in range(threads)]
        for t in ts: t.start()
        for t in ts: t.join()
    return best(run, n)


def semaphore_uncontended(n=200_000):
    s = threading.Semaphore(2)
    def run():
        for _ in range(n):
            s.acquire(); s.release()
    return best(run, n)


def semaphore_contended(n=50_000, threads=4):
    s = threading.Semaphore(2)
    def worker(k):
        for _ in range(k):
            s.acquire(); s.release()
    def run():
        ts = [threading.Thread(target=worker, args=(n // threads,)) for _ in range(threads)]
        for t in ts: t.start()
        for t in ts: t.join()
    return best(run, n)


def event_pingpong(n=5_000):
    ping, pong = threading.Event(), threading.Event()
    def other():
        for _ in range(n):
            ping.wait(); ping.clear(); pong.set()
    def run():
        t = threading.Thread(target=other); t.start()
        for _ in range(n):
            ping.set(); pong.wait(); pong.clear()
        t.join()
    return best(run, n)


def condition_pingpong(n=5_000):
    cond = threading.Condition(threading.Lock())
    turn = [0]
    def other():
        for _ in range(n):
            with cond:
                cond.wait_for(lambda: turn[0] == 1)
                turn[0] = 0
                cond.notify()
    def run():
        t = threading.Thread(target=other); t.start()
        for _ in range(n):
            with cond:
                turn[0] = 1
                cond.notify()
                cond.wait_for(lambda: turn[0] == 0)
        t.join()
    return best(run, n)


def barrier(parties, n=2_000):
    b = threading.Barrier(parties)
    def worker():
        for _ in range(n):
            b.wait()
    def run():
        ts = [threading.Thread(target=worker) for _ in range(parties - 1)]
        for t in ts: t.start()
        worker()
        for t in ts: t.join()
    return best(run, n)


def queue_spsc(make, n=100_000):
    def run():
        q = make()
        def consumer():
            for _ in range(n):
                q.get()
        t = threading.Thread(target=consumer); t.start()
        for i in range(n):
            q.put(i)
        t.join()
    return best(run, n)


def queue_4x4(n=100_000, pairs=4):
    def run():
        q = queue.Queue(maxsize=1024)
        per = n // pairs
        def producer():
            for i in range(per):
                q.put(i)
        def consumer():
            for _ in range(per):
                q.get()
        ts = [threading.Thread(target=f) for _ in range(pairs) for f in (producer, consumer)]
        for t in ts: t.start()
        for t in ts: t.join()
    return best(run, n)


def task_done_join(n=5_000):
    def run():
        q = queue.Queue()
        def worker():
            for _ in range(n):
                q.get(); q.task_done()
        t = threading.Thread(target=worker); t.start()
        for i in range(n):
            q.put(i); q.join()
        t.join()
    return best(run, n)


def executor_submit(n=5_000):
    with ThreadPoolExecutor(max_workers=2) as ex:
        def run():
            for i in range(n):
                ex.submit(lambda v=i: v + 1).result()
        return best(run, n)


def executor_map(n=10_000):
    with ThreadPoolExecutor(max_workers=2) as ex:
        items = list(range(n))
        def run():
            for _ in ex.map(lambda i: i * 2, items):
                pass
        return best(run, n)


def main():
    results = {
        "lock.acquire_release": lock_uncontended(),
        "rlock.reentrant_pair": rlock_pair(),
        "lock.contended_2": contended_counter(2),
        "lock.contended_4": contended_counter(4),
        "semaphore.uncontended": semaphore_uncontended(),
        "semaphore.contended_4_2": semaphore_contended(),
        "event.pingpong": event_pingpong(),
        "condition.pingpong": condition_pingpong(),
        "barrier.2": barrier(2),
        "barrier.4": barrier(4),
        "queue.spsc_bounded": queue_spsc(lambda: queue.Queue(maxsize=1024)),
        "queue.spsc_unbounded": queue_spsc(queue.Queue),
        "simplequeue.spsc": queue_spsc(queue.SimpleQueue),
        "queue.4x4_bounded": queue_4x4(),
        "queue.task_done_join": task_done_join(),
        "executor.submit_result": executor_submit(),
        "executor.map_10000": executor_map(),
    }
    results["_python"] = platform.python_version()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
