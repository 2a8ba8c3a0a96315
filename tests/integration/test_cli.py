"""The command line: exit codes, messages, eval and train wiring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclaims.cli import EXIT_OK, EXIT_USAGE, main

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # the pipeline and the baseline on the corpus
def test_cli_eval_json_reports_pipeline_and_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(REPO / "corpus"), "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["pipeline"]["detection"]["f1"] >= 0.95
    assert report["baseline"]["detection"]["f1"] < report["pipeline"]["detection"]["f1"]


def test_cli_eval_scores_a_claims_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text("", encoding="utf-8")
    assert main(["eval", str(REPO / "corpus"), "--claims", str(claims), "--no-baseline", "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["pipeline"]["detection"]["tp"] == 0
    assert report["pipeline"]["detection"]["fn"] == 70  # every seed gold claim


def test_cli_eval_missing_gold_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path)]) == EXIT_USAGE
    assert "gold labels not found" in capsys.readouterr().err


def test_cli_bad_model_is_a_clear_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'[classifier]\nmodel_path = "{tmp_path / "nomodel"}"\n', encoding="utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russian forces lost 12 tanks in the war.", encoding="utf-8")
    code = main(["extract", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--errors", str(tmp_path / "e.jsonl"),
                 "--config", str(config), "--workers", "1"])
    assert code == EXIT_USAGE
    assert "no category model" in capsys.readouterr().err


def test_cli_unknown_config_key_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[classifier]\nnme = 1\n", encoding="utf-8")
    assert main(["train", "--config", str(config)]) == EXIT_USAGE
    assert "unknown key" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("overrides", "same"),
    [
        ({"run": {"workers": 3, "batch_size": 8}}, True),
        ({"parse": {"numpy_blas": False, "lemma_cache_size": 0}}, True),
        ({"classifier": {"min_confidence": 0.9}}, False),
        ({"parse": {"prefilter": False}}, False),
    ],
)
def test_cli_resume_fingerprint_ignores_speed_only_settings(overrides: dict, same: bool) -> None:
    from newsclaims.config import load_config
    from newsclaims.runners.batch import run_fingerprint

    assert (run_fingerprint(load_config(overrides=overrides)) == run_fingerprint(load_config())) is same
