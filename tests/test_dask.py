"""The Dask integration gives exactly the single-process results, on a local cluster."""

from __future__ import annotations

import pytest

from copydesk.dask_bag import lint_bag, lint_records

db = pytest.importorskip("dask.bag", reason="the dask extra is part of the test extras")
distributed = pytest.importorskip("distributed")


def records(n: int = 300) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(n):
        text = f"Story {i} ended. ." if i % 3 == 0 else f"Story {i} ended. It goes on."
        out.append({"id": i, "text": text})
    out.append({"id": "empty", "text": ""})
    out.append({"id": "missing"})
    return out


@pytest.mark.parametrize("fix", [False, True])
def test_local_cluster_equals_single_process(fix: bool) -> None:
    data = records()
    expected = lint_records(data, select=["PU101"], fix=fix)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        bag = db.from_sequence(data, npartitions=6)
        got = lint_bag(bag, select=["PU101"], fix=fix).compute()
    assert got == expected
    flagged = [r["id"] for r in expected if r["copydesk"]]
    assert flagged == ([] if fix else list(range(0, 300, 3)))
    if fix:
        assert all(str(r.get("text", "")).count(". .") == 0 for r in got)
