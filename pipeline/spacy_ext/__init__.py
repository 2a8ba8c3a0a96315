"""spacy_ext: see ARCHITECTURE.md."""
