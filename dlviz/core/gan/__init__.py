"""Generative models for chapter 10: GAN targets, losses, networks, autoencoders.

Torch and numpy only. The labs in :mod:`dlviz.core.labs.generative` put these pieces
together; the tests check every formula against hand-computed values.
"""
