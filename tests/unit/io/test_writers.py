"""The one place output is encoded and written: JSON lines and atomic files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclaims.io.writers import atomic_output, atomic_writer, json_line, result_lines, write_json
from newsclaims.records import DocumentResult, ErrorRecord


def test_writers_json_line_keeps_non_ascii_and_ends_the_line() -> None:
    assert json_line({"source": "Міноборони", "value": 1200.0}) == '{"source": "Міноборони", "value": 1200.0}\n'


def test_writers_result_lines_of_an_error() -> None:
    result = DocumentResult("d", error=ErrorRecord("d", "read", "binary content"))
    assert result_lines(result) == ([], ['{"doc_id": "d", "stage": "read", "error": "binary content"}\n'])
    assert result_lines(DocumentResult("q")) == ([], [])


def test_writers_atomic_writer_leaves_nothing_when_interrupted(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "claims.jsonl"
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as handle:
        handle.write("half a line")
        raise KeyboardInterrupt
    assert list(target.parent.iterdir()) == []
    with atomic_writer(target) as handle:
        handle.write("whole\n")
        assert not target.exists()  # under a temporary name until complete
    assert target.read_text(encoding="utf-8") == "whole\n"
    assert [p.name for p in target.parent.iterdir()] == ["claims.jsonl"]


def test_writers_atomic_output_refuses_an_existing_file_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "claims.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="exists; pass --force to overwrite"), atomic_output(target, force=False):
        pass
    with atomic_output(target, force=True) as handle:
        handle.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    with atomic_output("-", force=False) as handle:
        handle.write("to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"


def test_writers_write_json(tmp_path: Path) -> None:
    write_json(tmp_path / "state.json", {"version": 1, "runs": 2})
    assert json.loads((tmp_path / "state.json").read_text(encoding="utf-8")) == {"version": 1, "runs": 2}
