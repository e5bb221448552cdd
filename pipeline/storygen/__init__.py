"""storygen: turn rough notes into complete, validated behavioural-interview stories."""

__version__ = "0.1.0"
