"""Facts -> story: the offline composer of every part of a story."""
