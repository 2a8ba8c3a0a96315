"""runners: see ARCHITECTURE.md."""
