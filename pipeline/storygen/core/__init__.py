"""The bottom layer: errors and exit codes, findings, files, text and numbers. Imports nothing of storygen."""
