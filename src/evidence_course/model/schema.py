"""What the course's YAML schemas share: a strict, frozen pydantic base, and the id pattern of kit entries
and practice tools."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

#: Lower-case words joined by single hyphens (``supported-referral``): ids of kit entries and tools.
ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    """A schema model that refuses unknown keys and cannot be changed once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)
