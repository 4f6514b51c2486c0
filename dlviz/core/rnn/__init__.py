"""Recurrent networks built gate by gate, and generated sequence tasks."""
