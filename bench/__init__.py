"""Benchmarks (run as scripts, e.g. python bench/bench_screener.py)."""
