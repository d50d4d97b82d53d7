"""Cost models and evidence summaries, one module per strand of the programme."""
