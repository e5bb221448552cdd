"""storygen: turn rough notes into complete, validated behavioural-interview stories."""

__version__ = "0.1.0"
DISTRIBUTION = "storygen-star"
"""The name to install from the package registry (``pip install storygen-star``)."""
