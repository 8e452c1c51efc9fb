"""Qt table models over the Store's frozen records (tested on their own)."""
