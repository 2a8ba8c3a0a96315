"""evaluation: score claims against gold labels (see ARCHITECTURE.md).

gold.py      read and check gold (one document per line, or one claim per line
             with ``doc``) and prediction files; GoldDocument, EvaluationInputError
match.py     number matching, one-to-one pairing, field normalisation and equality
scores.py    PRFScore, Accuracy, EvalReport, score_claims, evaluate_claims_file
report.py    format_report, the plain-text report
corpus.py    run the pipeline (or read a claims file) and the baseline on a labeled corpus
baseline.py  the keyword + quantulum3 baseline
"""
