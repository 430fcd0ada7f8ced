"""`oxarray.lib`: the parts of ``numpy.lib`` oxarray provides (``stride_tricks``)."""

from . import stride_tricks as stride_tricks

__all__ = ["stride_tricks"]
