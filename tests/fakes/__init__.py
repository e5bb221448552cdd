"""Test doubles: the scripted chat model behind the same interface as a real one."""
