"""Scale-out on Dask: lint a corpus held in a `dask.bag.Bag` of records (dicts).

Dask was picked over Ray and PySpark by install weight and fit: `dask[bag]` plus `distributed`
is about 5 MB of pure-Python wheels (Ray is tens of MB, PySpark hundreds plus a JVM), and a bag
of JSON records maps onto copydesk's per-record function with one `map_partitions`, on a laptop
scheduler or on a cluster alike. Install with `pip install 'copydesk[dask]'`.

    import dask.bag as db, json
    from copydesk.dask_bag import lint_bag

    records = db.read_text("corpus/*.jsonl").map(json.loads)
    linted = lint_bag(records, field="text", fix=True)
    linted.map(json.dumps).to_textfiles("clean/*.jsonl")

Each output record is the input record with its text fixed (with `fix=True`) and a
`copydesk` list of findings in the JSON shape of `--output-format json` (the filename is
`record`, rows and columns are inside the text field).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from copydesk.api import _settings
from copydesk.config import Settings
from copydesk.runner import Mode, check_source
from copydesk.source import Source

RESULT_FIELD = "copydesk"
CHECK = Mode(write=False)


def lint_record(
    record: Mapping[str, Any], settings: Settings, *, field: str = "text", mode: Mode = CHECK
) -> dict[str, Any]:
    """One record in, the record with findings (and fixed text) out. Pure: no files, no state."""
    from copydesk.report.json import record as json_record

    out = dict(record)
    text = record.get(field)
    if not isinstance(text, str) or not text.strip():
        out[RESULT_FIELD] = []
        return out
    report = check_source(Source("record", text), settings, mode)
    if report.error:
        out[RESULT_FIELD] = [{"error": report.error}]
        return out
    if mode.fix and report.fixed_text is not None:
        out[field] = report.fixed_text
    out[RESULT_FIELD] = [json_record(f) for f in report.findings]
    return out


def lint_records(
    records: Iterable[Mapping[str, Any]],
    *,
    field: str = "text",
    select: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    fix: bool = False,
    unsafe: bool = False,
) -> list[dict[str, Any]]:
    """The single-process version of `lint_bag` (one partition's work)."""
    settings = _settings(config, select)
    mode = Mode(fix=fix, unsafe_fixes=unsafe, write=False)
    return [lint_record(r, settings, field=field, mode=mode) for r in records]


def lint_bag(
    bag: Any,
    *,
    field: str = "text",
    select: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    fix: bool = False,
    unsafe: bool = False,
) -> Any:
    """A new bag of linted records; settings are resolved once per partition, on the worker."""
    selected = list(select) if select is not None else None
    cfg = dict(config or {})
    return bag.map_partitions(
        lambda part: lint_records(
            part, field=field, select=selected, config=cfg, fix=fix, unsafe=unsafe
        )
    )
