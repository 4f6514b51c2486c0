"""The evented state of an open lab; pure Python (no Qt)."""
