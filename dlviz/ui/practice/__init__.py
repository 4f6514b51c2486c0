"""Practice mode's widgets: the question panel and the timed quiz."""
