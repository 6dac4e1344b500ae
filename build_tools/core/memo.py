"""What a preview server's rebuild takes from the build before it, by key."""
from __future__ import annotations


class Memo:
    """Values by a key that names everything they are made from, kept across a preview
    server's rebuilds: a rebuild makes again only what an edit changed, and a value is
    reused only where it would come out the same. Holds only the last build's values."""

    def __init__(self):
        self.before: dict = {}
        self.now: dict = {}

    def get(self, key, make):
        if key not in self.now:
            self.now[key] = self.before[key] if key in self.before else make()
        return self.now[key]

    def turn(self) -> None:
        """A build starts: what the last one used stays, the rest is forgotten."""
        self.before, self.now = self.now or self.before, {}
