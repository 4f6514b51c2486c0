"""dlviz: a desktop lab bench for teaching deep learning."""

__version__ = "0.1.0"
